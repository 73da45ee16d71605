/**
 * What the dump needs to know about the schema: tables, their columns, keys and dependency order,
 * sequences and applied migrations. Reads the PostgreSQL catalogs, so it works on PGlite and servers alike.
 */
import { sql } from 'kysely';
import type { Executor } from './database.ts';
import { DumpError, type TableInfo } from './dump-format.ts';

export const SCHEMA = 'public';

/** Quotes an SQL identifier; names come from the catalogs or the dump, never trusted as raw SQL. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function qualified(name: string, schema: string = SCHEMA): string {
  return `${ident(schema)}.${ident(name)}`;
}

/** Kysely's migration bookkeeping stays per installation; the target writes its own. */
export function isMigrationTable(name: string): boolean {
  return name.startsWith('core_migrations');
}

/**
 * Orders tables so each comes after the tables it references, breaking ties by name so the same
 * schema always dumps in the same order. Self-references are allowed (rows go in primary-key
 * order); a cycle between different tables cannot be loaded table by table, so it is an error.
 */
export function sortTablesByDependencies(tables: { name: string; references: string[] }[]): string[] {
  const names = new Set(tables.map((t) => t.name));
  const pending = new Map<string, Set<string>>();
  const dependents = new Map<string, string[]>();
  for (const table of tables) {
    const deps = new Set(table.references.filter((r) => r !== table.name && names.has(r)));
    pending.set(table.name, deps);
    for (const dep of deps) dependents.set(dep, [...(dependents.get(dep) ?? []), table.name]);
  }
  const ready = [...pending].filter(([, deps]) => deps.size === 0).map(([name]) => name);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort();
    const next = ready.shift() as string;
    order.push(next);
    for (const dependent of dependents.get(next) ?? []) {
      const deps = pending.get(dependent);
      if (!deps) continue;
      deps.delete(next);
      if (deps.size === 0) ready.push(dependent);
    }
  }
  if (order.length !== pending.size) {
    const stuck = [...pending].filter(([name]) => !order.includes(name)).map(([name]) => name).sort();
    throw new DumpError(
      'dependency-cycle',
      `Las llaves foráneas forman un ciclo entre estas tablas; no se pueden volcar en orden: ${stuck.join(', ')}. / ` +
        `Foreign keys form a cycle among these tables, so they cannot be dumped in dependency order: ${stuck.join(', ')}.`,
    );
  }
  return order;
}

/**
 * Describes every table of schema `public` (or of another schema: see dump-runtime.ts) except
 * `core_migrations*`, in dependency order. Reads pg_catalog directly because information_schema
 * hides tables the role does not own and has no notion of generated-column kinds on PostgreSQL 15.
 */
export async function describeTables(executor: Executor, schema: string = SCHEMA): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  `.execute(executor);
  const columns = await sql<{ table: string; name: string; generated: boolean; json: 'json' | 'jsonb' | null }>`
    SELECT c.relname AS table, a.attname AS name, a.attgenerated <> '' AS generated,
      CASE coalesce(nullif(ty.typbasetype, 0), ty.oid)
        WHEN 'jsonb'::regtype THEN 'jsonb' WHEN 'json'::regtype THEN 'json' END AS json
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
    WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum
  `.execute(executor);
  const keys = await sql<{ table: string; name: string }>`
    SELECT c.relname AS table, a.attname AS name
    FROM pg_catalog.pg_index i
    JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE n.nspname = ${schema} AND i.indisprimary
    ORDER BY c.relname, k.ord
  `.execute(executor);
  const foreignKeys = await sql<{ table: string; references: string }>`
    SELECT DISTINCT c.relname AS table, r.relname AS references
    FROM pg_catalog.pg_constraint k
    JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_class r ON r.oid = k.confrelid
    JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
    WHERE k.contype = 'f' AND n.nspname = ${schema} AND rn.nspname = ${schema}
  `.execute(executor);

  const byName = new Map<string, TableInfo>();
  for (const { name } of tables.rows) {
    if (schema === SCHEMA && isMigrationTable(name)) continue;
    byName.set(name, { schema, name, columns: [], generatedColumns: [], jsonColumns: new Map(), primaryKey: [], references: [] });
  }
  for (const column of columns.rows) {
    const table = byName.get(column.table);
    if (!table) continue;
    if (column.generated) {
      table.generatedColumns.push(column.name);
    } else {
      table.columns.push(column.name);
      if (column.json) table.jsonColumns.set(column.name, column.json);
    }
  }
  for (const key of keys.rows) byName.get(key.table)?.primaryKey.push(key.name);
  for (const fk of foreignKeys.rows) byName.get(fk.table)?.references.push(fk.references);
  return sortTablesByDependencies([...byName.values()]).map((name) => byName.get(name) as TableInfo);
}

/** Sequences of schema `public`, except any owned by the migration bookkeeping tables. */
export async function listSequences(executor: Executor): Promise<string[]> {
  const result = await sql<{ name: string; owner: string | null }>`
    SELECT s.relname AS name, owner.relname AS owner
    FROM pg_catalog.pg_class s
    JOIN pg_catalog.pg_namespace n ON n.oid = s.relnamespace
    LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = s.oid
      AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')
    LEFT JOIN pg_catalog.pg_class owner ON owner.oid = d.refobjid
    WHERE s.relkind = 'S' AND n.nspname = ${SCHEMA}
    ORDER BY s.relname
  `.execute(executor);
  return result.rows.filter((r) => r.owner === null || !isMigrationTable(r.owner)).map((r) => r.name);
}

/** Names in `core_migrations`, or null when the database was never migrated. */
export async function appliedMigrations(executor: Executor): Promise<string[] | null> {
  const exists = await sql<{ present: boolean }>`
    SELECT to_regclass(${`${qualified('core_migrations')}`}) IS NOT NULL AS present
  `.execute(executor);
  if (!exists.rows[0]?.present) return null;
  const result = await sql<{ name: string }>`SELECT name FROM ${sql.raw(qualified('core_migrations'))} ORDER BY name`.execute(executor);
  return result.rows.map((r) => r.name);
}

export async function countRows(executor: Executor, table: { schema: string; name: string }): Promise<number> {
  const result = await sql<{ count: string }>`SELECT count(*)::text AS count FROM ${sql.raw(qualified(table.name, table.schema))}`.execute(executor);
  return Number(result.rows[0]?.count ?? 0);
}

/** Tables (other than core_migrations*) that already hold at least one row. */
export async function nonEmptyTables(executor: Executor): Promise<string[]> {
  const tables = await describeTables(executor);
  const found: string[] = [];
  for (const table of tables) {
    const result = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.raw(qualified(table.name))}) AS any`.execute(executor);
    if (result.rows[0]?.any) found.push(table.name);
  }
  return found;
}
