/**
 * Tables of runtime schemas: schemas whose tables a module creates while it runs (the open-data
 * DataStore makes one per uploaded dataset), so no migration creates them on the target of a
 * restore. The dump carries each table's definition, read from pg_catalog — columns with their
 * types and NOT NULL, the identity column and its sequence position, the primary key and b-tree
 * indexes on columns or simple functions of one (the DataStore's prefix indexes) — and the restore
 * creates the table again before loading its rows. What it could not create again (defaults,
 * checks, foreign keys, triggers, partial or other indexes, partitions, types outside pg_catalog)
 * makes the dump refuse the table rather than restore one that behaves differently. Core knows
 * only the schemas' names, from the module manifests.
 */
import { sql } from 'kysely';
import type { Executor } from './database.ts';
import { ident, qualified } from './dump-catalog.ts';
import { DumpError, PORTABLE_INDEX_KEY, PORTABLE_TYPE, type RuntimeColumn, type RuntimeIdentity, type RuntimeIndex, type RuntimeTableHeader } from './dump-format.ts';

/** A schema name a module may declare as runtime: plain, lower case, and not one PostgreSQL or core owns. */
export function isRuntimeSchemaName(name: string): boolean {
  return /^[a-z_][a-z0-9_]{0,62}$/.test(name) && name !== 'public' && name !== 'information_schema' && !name.startsWith('pg_');
}

function unsupported(schema: string, table: string, detail: string): DumpError {
  return new DumpError(
    'unsupported-table',
    `No se puede volcar la tabla ${schema}.${table}: ${detail}; la restauración no podría crearla igual. / ` +
      `Cannot dump table ${schema}.${table}: ${detail}; a restore could not create it the same way.`,
  );
}

/** Tables of the given schemas, as `{ schema, name }`, by schema then name. */
export async function listRuntimeTables(executor: Executor, schemas: readonly string[]): Promise<{ schema: string; name: string }[]> {
  const found: { schema: string; name: string }[] = [];
  for (const schema of schemas) {
    const result = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname
    `.execute(executor);
    for (const { name } of result.rows) found.push({ schema, name });
  }
  return found;
}

/** The definitions of every table of the runtime schemas (row counts are the caller's). */
export async function describeRuntimeTables(executor: Executor, schemas: readonly string[]): Promise<Omit<RuntimeTableHeader, 'rowCount'>[]> {
  const definitions: Omit<RuntimeTableHeader, 'rowCount'>[] = [];
  for (const schema of schemas) definitions.push(...(await describeSchema(executor, schema)));
  return definitions;
}

async function describeSchema(executor: Executor, schema: string): Promise<Omit<RuntimeTableHeader, 'rowCount'>[]> {
  const tables = await sql<{ name: string; partitioned: boolean }>`
    SELECT c.relname AS name, (c.relkind = 'p' OR c.relispartition) AS partitioned
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p')
    ORDER BY c.relname
  `.execute(executor);
  const columns = await sql<{ table: string; name: string; type: string; notNull: boolean; identity: string; generated: boolean; hasDefault: boolean; builtin: boolean; sequence: string | null }>`
    SELECT c.relname AS table, a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
      a.attnotnull AS "notNull", a.attidentity::text AS identity, a.attgenerated <> '' AS generated, a.atthasdef AS "hasDefault",
      ty.typnamespace = 'pg_catalog'::regnamespace AS builtin, seq.relname AS sequence
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
    LEFT JOIN LATERAL (
      SELECT s.relname FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
      WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
        AND d.refobjid = c.oid AND d.refobjsubid = a.attnum AND d.deptype = 'i'
      LIMIT 1
    ) AS seq ON true
    WHERE n.nspname = ${schema} AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum
  `.execute(executor);
  // Not-null constraints are listed here from PostgreSQL 18 on (contype 'n'); attnotnull covers them.
  const constraints = await sql<{ table: string; name: string; kind: string; column: string | null }>`
    SELECT c.relname AS table, k.conname AS name, k.contype::text AS kind, a.attname AS column
    FROM pg_catalog.pg_constraint k
    JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord) ON k.contype = 'p'
    LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
    WHERE n.nspname = ${schema} AND k.contype NOT IN ('n', 'u')
    ORDER BY c.relname, k.conname, u.ord
  `.execute(executor);
  // Each key as PostgreSQL prints it, and the whole definition: rebuilt from the keys alone, it
  // must come out the same, or the index has something a restore would lose (a predicate, DESC,
  // an operator class, a collation, INCLUDE columns, another access method).
  const indexes = await sql<{ table: string; name: string; unique: boolean; definition: string; head: string; key: string }>`
    SELECT c.relname AS table, ic.relname AS name, i.indisunique AS unique, pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
      format('CREATE %sINDEX %I ON %I.%I USING btree (', CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END, ic.relname, n.nspname, c.relname) AS head,
      pg_catalog.pg_get_indexdef(i.indexrelid, k.ord, false) AS key
    FROM pg_catalog.pg_index i
    JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
    CROSS JOIN LATERAL generate_series(1, i.indnkeyatts::int) AS k(ord)
    WHERE n.nspname = ${schema} AND NOT i.indisprimary
    ORDER BY c.relname, ic.relname, k.ord
  `.execute(executor);
  const triggers = await sql<{ table: string }>`
    SELECT DISTINCT c.relname AS table FROM pg_catalog.pg_trigger t
    JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND NOT t.tgisinternal
  `.execute(executor);

  const byName = new Map<string, Omit<RuntimeTableHeader, 'rowCount'>>();
  const identitySequences: { table: string; identity: RuntimeIdentity }[] = [];
  for (const table of tables.rows) {
    if (table.partitioned) throw unsupported(schema, table.name, 'es una tabla particionada / it is partitioned');
    byName.set(table.name, { schema, name: table.name, columns: [], identity: null, primaryKey: null, indexes: [] });
  }
  for (const column of columns.rows) {
    const table = byName.get(column.table) as Omit<RuntimeTableHeader, 'rowCount'>;
    const where = `«${column.name}»`;
    if (column.generated) throw unsupported(schema, column.table, `la columna ${where} es generada / column ${where} is generated`);
    if (column.hasDefault) throw unsupported(schema, column.table, `la columna ${where} tiene un valor por omisión / column ${where} has a default`);
    if (!column.builtin || !PORTABLE_TYPE.test(column.type)) throw unsupported(schema, column.table, `la columna ${where} es de tipo ${column.type} / column ${where} has type ${column.type}`);
    const entry: RuntimeColumn = { name: column.name, type: column.type, notNull: column.notNull };
    table.columns.push(entry);
    if (column.identity === 'a' || column.identity === 'd') {
      if (!column.sequence) throw unsupported(schema, column.table, `la identidad de ${where} no tiene secuencia / identity ${where} has no sequence`);
      const identity: RuntimeIdentity = { column: column.name, always: column.identity === 'a', sequence: column.sequence, value: '1', called: false };
      table.identity = identity;
      identitySequences.push({ table: column.table, identity });
    }
  }
  for (const constraint of constraints.rows) {
    const table = byName.get(constraint.table);
    if (!table) continue;
    if (constraint.kind !== 'p') throw unsupported(schema, constraint.table, `la restricción ${constraint.name} (${constraint.kind}) / constraint ${constraint.name} (${constraint.kind})`);
    table.primaryKey ??= { name: constraint.name, columns: [] };
    if (constraint.column) table.primaryKey.columns.push(constraint.column);
  }
  const indexByName = new Map<string, RuntimeIndex & { definition: string; head: string; table: string }>();
  for (const index of indexes.rows) {
    const table = byName.get(index.table);
    if (!table) continue;
    let entry = indexByName.get(index.name);
    if (!entry) {
      entry = { name: index.name, keys: [], unique: index.unique, definition: index.definition, head: index.head, table: index.table };
      indexByName.set(index.name, entry);
    }
    entry.keys.push(index.key);
  }
  for (const { definition, head, table, ...index } of indexByName.values()) {
    if (definition !== `${head}${index.keys.join(', ')})` || !index.keys.every((key) => PORTABLE_INDEX_KEY.test(key))) {
      throw unsupported(schema, table, `el índice ${definition} / index ${definition}`);
    }
    byName.get(table)?.indexes.push(index);
  }
  for (const { table } of triggers.rows) {
    if (byName.has(table)) throw unsupported(schema, table, 'tiene disparadores / it has triggers');
  }
  for (const { identity } of identitySequences) {
    const state = await sql<{ value: string; called: boolean }>`
      SELECT last_value::text AS value, is_called AS called FROM ${sql.raw(qualified(identity.sequence, schema))}
    `.execute(executor);
    const { value, called } = state.rows[0] as { value: string; called: boolean };
    // A string, as every sequence value in the dump: bigints do not survive JS numbers.
    identity.value = value;
    identity.called = called;
  }
  return [...byName.values()];
}

/** Drops every table of the given schemas (the target's own, under `replace`). */
export async function dropRuntimeTables(executor: Executor, schemas: readonly string[]): Promise<void> {
  const tables = await listRuntimeTables(executor, schemas);
  if (tables.length > 0) await sql.raw(`DROP TABLE ${tables.map((t) => qualified(t.name, t.schema)).join(', ')}`).execute(executor);
}

/**
 * Creates a dumped table without its keys: rows load faster into a bare table, and the primary
 * key and indexes are built once afterwards (`completeRuntimeTable`). The identity keeps its
 * sequence's name, so the restored table is the dumped one in every name.
 */
export async function createRuntimeTable(executor: Executor, table: RuntimeTableHeader): Promise<void> {
  await sql.raw(`CREATE SCHEMA IF NOT EXISTS ${ident(table.schema)}`).execute(executor);
  const columns = table.columns.map((column) => {
    // Checked by parseHeader already; checked again because this is where it goes into SQL.
    if (!PORTABLE_TYPE.test(column.type)) throw new Error(`not a portable type: ${column.type}`);
    const identity =
      table.identity?.column === column.name
        ? ` GENERATED ${table.identity.always ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY (SEQUENCE NAME ${qualified(table.identity.sequence, table.schema)})`
        : '';
    return `${ident(column.name)} ${column.type}${column.notNull ? ' NOT NULL' : ''}${identity}`;
  });
  await sql.raw(`CREATE TABLE ${qualified(table.name, table.schema)} (${columns.join(', ')})`).execute(executor);
}

/** Builds a restored table's primary key and indexes, and puts its identity where the dump found it. */
export async function completeRuntimeTable(executor: Executor, table: RuntimeTableHeader): Promise<void> {
  const name = qualified(table.name, table.schema);
  const list = (columns: string[]) => columns.map(ident).join(', ');
  if (table.primaryKey) {
    await sql.raw(`ALTER TABLE ${name} ADD CONSTRAINT ${ident(table.primaryKey.name)} PRIMARY KEY (${list(table.primaryKey.columns)})`).execute(executor);
  }
  for (const index of table.indexes) {
    // Checked by parseHeader already; checked again because this is where they go into SQL.
    if (!index.keys.every((key) => PORTABLE_INDEX_KEY.test(key))) throw new Error(`not a portable index key: ${index.keys.join(', ')}`);
    await sql.raw(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${ident(index.name)} ON ${name} (${index.keys.join(', ')})`).execute(executor);
  }
  if (table.identity) {
    const sequence = qualified(table.identity.sequence, table.schema);
    await sql`SELECT setval(${sequence}::regclass, ${table.identity.value}::bigint, ${table.identity.called})`.execute(executor);
  }
}
