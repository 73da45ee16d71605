/**
 * Portable dump and restore of a GAB installation, so the same data can move from embedded PGlite
 * to a PostgreSQL server (and back) with nothing lost.
 *
 * Format (version 1): a gzip'd NDJSON stream.
 *   1. header  `{"format":"gab-dump","version":1,"createdAt","migrations","tables","sequences"}`
 *   2. rows    `{"t":table,"r":row}` in foreign-key dependency order; `row` is `row_to_json` of the
 *              non-generated columns. Two rare variants: `"n":[columns]` lists json/jsonb columns
 *              holding a JSON `null` (row_to_json cannot tell it from SQL NULL), and `"rt":"…"`
 *              carries the row as a JSON string when a `json` column kept raw newlines that would
 *              otherwise split the line.
 *   3. sequences `{"s":sequence,"v":"<bigint as string>","called":bool}`
 *
 * Rows are never parsed into JS values on either side: bigint, numeric and jsonb numbers would
 * lose digits through IEEE doubles. The row text goes from `row_to_json` straight to the file and
 * from the file straight to `json_populate_record`.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { type RawBuilder, sql } from 'kysely';
import type { Db, Executor } from './database.ts';
import { migrateToLatest, type SqlMigration } from './migrator.ts';

export const DUMP_FORMAT = 'gab-dump';
export const DUMP_VERSION = 1;

/** One dumped table as described in the header. */
export interface DumpTableHeader {
  name: string;
  /** Non-generated columns, in table order; generated columns are recomputed by the target. */
  columns: string[];
  rowCount: number;
}

/** The first line of a dump. */
export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  version: typeof DUMP_VERSION;
  createdAt: string;
  /** Migrations applied in the source, from `core_migrations`. */
  migrations: string[];
  /** In foreign-key dependency order: a table comes after every table it references. */
  tables: DumpTableHeader[];
  /** Sequences whose values follow the rows; optional so hand-made v1 headers still load. */
  sequences?: string[];
}

/** Reported after each batch of rows, so a CLI can draw progress. */
export interface DumpProgress {
  phase: 'rows' | 'sequences' | 'done';
  /** The table being copied (phase `rows`). */
  table: string | null;
  tableRows: number;
  tableRowCount: number;
  /** Rows copied so far over all tables, and the total announced in the header. */
  rows: number;
  rowCount: number;
}

export interface DumpOptions {
  onProgress?: (progress: DumpProgress) => void;
}

export interface RestoreOptions {
  /** Every migration this code knows (core and modules), as given to `migrateToLatest`. */
  migrations: SqlMigration[];
  /** Empty the dumped tables first (TRUNCATE … RESTART IDENTITY CASCADE) instead of refusing. */
  replace?: boolean;
  onProgress?: (progress: DumpProgress) => void;
}

export interface RestoreResult {
  header: DumpHeader;
  rows: number;
  sequences: number;
  /** Migrations applied after the data, because the code is newer than the dump. */
  migrationsAppliedAfter: string[];
}

export type DumpErrorCode =
  | 'not-a-dump'
  | 'unsupported-version'
  | 'unknown-migrations'
  | 'target-not-empty'
  | 'schema-mismatch'
  | 'corrupt'
  | 'dependency-cycle';

/** A dump or restore refused for a reason the operator can act on; `code` is stable for the CLI. */
export class DumpError extends Error {
  readonly code: DumpErrorCode;
  constructor(code: DumpErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DumpError';
    this.code = code;
  }
}

/** A table of schema `public` as the dump sees it. */
export interface TableInfo {
  name: string;
  /** Non-generated columns in attribute order. */
  columns: string[];
  /** Generated columns: left out of the dump, recomputed on insert. */
  generatedColumns: string[];
  /** Non-generated columns of type json or jsonb (or a domain over them), with the base type. */
  jsonColumns: Map<string, 'json' | 'jsonb'>;
  /** Primary key columns in key order; empty when the table has none. */
  primaryKey: string[];
  /** Other tables this one references through foreign keys (self-references left out). */
  references: string[];
}

const SCHEMA = 'public';
const DUMP_BATCH_ROWS = 1000;
const RESTORE_BATCH_ROWS = 500;
// Keeps one INSERT parameter reasonable even when rows are wide.
const RESTORE_BATCH_CHARS = 8 * 1024 * 1024;
// A foreign gzip file with no newline must not be read whole into memory before we say "not a dump".
const MAX_HEADER_CHARS = 16 * 1024 * 1024;
const MAX_LINE_CHARS = 256 * 1024 * 1024;

/** Quotes an SQL identifier; names come from the catalogs or the dump, never trusted as raw SQL. */
function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function qualified(name: string): string {
  return `${ident(SCHEMA)}.${ident(name)}`;
}

/** Kysely's migration bookkeeping stays per installation; the target writes its own. */
function isMigrationTable(name: string): boolean {
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
 * Describes every table of schema `public` except `core_migrations*`, in dependency order.
 * Reads pg_catalog directly because information_schema hides tables the role does not own and
 * has no notion of generated-column kinds on PostgreSQL 15.
 */
export async function describeTables(executor: Executor): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${SCHEMA} AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  `.execute(executor);
  const columns = await sql<{ table: string; name: string; generated: boolean; json: 'json' | 'jsonb' | null }>`
    SELECT c.relname AS table, a.attname AS name, a.attgenerated <> '' AS generated,
      CASE coalesce(nullif(ty.typbasetype, 0), ty.oid)
        WHEN 'jsonb'::regtype THEN 'jsonb' WHEN 'json'::regtype THEN 'json' END AS json
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
    WHERE n.nspname = ${SCHEMA} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum
  `.execute(executor);
  const keys = await sql<{ table: string; name: string }>`
    SELECT c.relname AS table, a.attname AS name
    FROM pg_catalog.pg_index i
    JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE n.nspname = ${SCHEMA} AND i.indisprimary
    ORDER BY c.relname, k.ord
  `.execute(executor);
  const foreignKeys = await sql<{ table: string; references: string }>`
    SELECT DISTINCT c.relname AS table, r.relname AS references
    FROM pg_catalog.pg_constraint k
    JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_class r ON r.oid = k.confrelid
    JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
    WHERE k.contype = 'f' AND n.nspname = ${SCHEMA} AND rn.nspname = ${SCHEMA}
  `.execute(executor);

  const byName = new Map<string, TableInfo>();
  for (const { name } of tables.rows) {
    if (isMigrationTable(name)) continue;
    byName.set(name, { name, columns: [], generatedColumns: [], jsonColumns: new Map(), primaryKey: [], references: [] });
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
async function listSequences(executor: Executor): Promise<string[]> {
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
async function appliedMigrations(executor: Executor): Promise<string[] | null> {
  const exists = await sql<{ present: boolean }>`
    SELECT to_regclass(${`${qualified('core_migrations')}`}) IS NOT NULL AS present
  `.execute(executor);
  if (!exists.rows[0]?.present) return null;
  const result = await sql<{ name: string }>`SELECT name FROM ${sql.raw(qualified('core_migrations'))} ORDER BY name`.execute(executor);
  return result.rows.map((r) => r.name);
}

async function countRows(executor: Executor, table: string): Promise<number> {
  const result = await sql<{ count: string }>`SELECT count(*)::text AS count FROM ${sql.raw(qualified(table))}`.execute(executor);
  return Number(result.rows[0]?.count ?? 0);
}

/** Row text plus the JSON-null marker, as the dump query returns them. */
interface RawRow {
  r: string;
  n: string | null;
}

/** `SELECT … row_to_json` of the non-generated columns, with the JSON-null marker column. */
function rowSelect(table: TableInfo): string {
  const markers = [...table.jsonColumns].map(
    ([column, kind]) => `CASE WHEN ${kind}_typeof(s.${ident(column)}) = 'null' THEN ${literal(column)} END`,
  );
  const marker = markers.length > 0 ? `array_to_json(array_remove(ARRAY[${markers.join(', ')}]::text[], NULL))::text` : 'NULL::text';
  return `SELECT row_to_json(s)::text AS r, ${marker} AS n`;
}

function columnList(table: TableInfo, alias: string): string {
  return table.columns.map((c) => `${alias}.${ident(c)}`).join(', ');
}

/**
 * Reads a table in batches. With a primary key: keyset pagination (`WHERE (pk) > (last pk)
 * ORDER BY pk LIMIT n`), where the last key is fed back as the row's own JSON through
 * `json_populate_record` so every key type round-trips without us knowing it. Without one: a
 * cursor in the dump transaction. Either way memory stays at one batch.
 */
async function* readTableBatches(trx: Executor, table: TableInfo): AsyncGenerator<RawRow[]> {
  const from = qualified(table.name);
  const select = rowSelect(table);
  const keyUsable = table.primaryKey.length > 0 && table.primaryKey.every((c) => table.columns.includes(c));
  if (keyUsable) {
    const key = (alias: string) => table.primaryKey.map((c) => `${alias}.${ident(c)}`).join(', ');
    const firstPage = `${select} FROM (SELECT ${columnList(table, 't')} FROM ${from} AS t ORDER BY ${key('t')} LIMIT ${DUMP_BATCH_ROWS}) AS s ORDER BY ${key('s')}`;
    const nextPage = (last: string) => sql<RawRow>`${sql.raw(`${select} FROM (SELECT ${columnList(table, 't')} FROM ${from} AS t
      WHERE (${key('t')}) > (SELECT ${key('k')} FROM json_populate_record(NULL::${from}, `)}${last}${sql.raw(`::json) AS k)
      ORDER BY ${key('t')} LIMIT ${DUMP_BATCH_ROWS}) AS s ORDER BY ${key('s')}`)}`;
    let rows = (await sql<RawRow>`${sql.raw(firstPage)}`.execute(trx)).rows;
    while (rows.length > 0) {
      yield rows;
      if (rows.length < DUMP_BATCH_ROWS) return;
      rows = (await nextPage((rows[rows.length - 1] as RawRow).r).execute(trx)).rows;
    }
    return;
  }
  const cursor = ident(`gab_dump_${table.name}`.slice(0, 60));
  const columns = table.columns.length > 0 ? columnList(table, 't') : '';
  await sql.raw(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${select} FROM (SELECT ${columns} FROM ${from} AS t) AS s`).execute(trx);
  try {
    for (;;) {
      const rows = (await sql.raw<RawRow>(`FETCH ${DUMP_BATCH_ROWS} FROM ${cursor}`).execute(trx)).rows;
      if (rows.length === 0) return;
      yield rows;
    }
  } finally {
    await sql.raw(`CLOSE ${cursor}`).execute(trx);
  }
}

/** One row line; the row text is spliced in verbatim (see the module comment for why). */
function rowLine(table: string, row: RawRow): string {
  const nulls = row.n && row.n !== '[]' ? (JSON.parse(row.n) as string[]) : null;
  // row_to_json escapes newlines inside strings, so a raw one can only be whitespace kept by a
  // `json` column; carry that row as a string rather than lose the exact text.
  if (row.r.includes('\n')) return `${JSON.stringify(nulls ? { t: table, n: nulls, rt: row.r } : { t: table, rt: row.r })}\n`;
  return `${rowPrefix(table, nulls)}${row.r}}\n`;
}

/** What precedes the row text on a row line; the restore recomputes it to cut the text back out. */
function rowPrefix(table: string, nulls: string[] | null): string {
  return `{"t":${JSON.stringify(table)}${nulls ? `,"n":${JSON.stringify(nulls)}` : ''},"r":`;
}

/**
 * Writes a gzip'd NDJSON dump of every table in schema `public` (except `core_migrations*`) and
 * every sequence's position. Runs in one REPEATABLE READ, READ ONLY transaction so the header
 * counts, the rows and the sequences all come from the same snapshot even while the app writes.
 *
 * `out` is a path (written to `<path>.partial` then renamed, so a failed dump never looks like a
 * good one) or a stream, which is ended when the dump completes.
 */
export async function dumpDatabase(db: Db, out: Writable | string, options: DumpOptions = {}): Promise<DumpHeader> {
  if (typeof out === 'string') {
    const partial = `${out}.partial`;
    try {
      const header = await dumpDatabase(db, createWriteStream(partial), options);
      // A backup that lives only in the page cache is not a backup yet; fsync reaches the file
      // through any descriptor.
      const handle = await open(partial, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(partial, out);
      return header;
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  const report = options.onProgress ?? (() => {});
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const tables = await describeTables(trx);
      const sequences = await listSequences(trx);
      const headerTables: DumpTableHeader[] = [];
      for (const table of tables) {
        headerTables.push({ name: table.name, columns: table.columns, rowCount: await countRows(trx, table.name) });
      }
      const header: DumpHeader = {
        format: DUMP_FORMAT,
        version: DUMP_VERSION,
        createdAt: new Date().toISOString(),
        migrations: (await appliedMigrations(trx)) ?? [],
        tables: headerTables,
        sequences,
      };
      const rowCount = headerTables.reduce((sum, t) => sum + t.rowCount, 0);

      async function* lines(): AsyncGenerator<string> {
        yield `${JSON.stringify(header)}\n`;
        let rows = 0;
        for (const [index, table] of tables.entries()) {
          const expected = (headerTables[index] as DumpTableHeader).rowCount;
          let tableRows = 0;
          report({ phase: 'rows', table: table.name, tableRows, tableRowCount: expected, rows, rowCount });
          for await (const batch of readTableBatches(trx, table)) {
            let chunk = '';
            for (const row of batch) chunk += rowLine(table.name, row);
            tableRows += batch.length;
            rows += batch.length;
            yield chunk;
            report({ phase: 'rows', table: table.name, tableRows, tableRowCount: expected, rows, rowCount });
          }
          // Same snapshot as the count, so a difference means the snapshot did not hold.
          if (tableRows !== expected) throw new Error(`Dump of ${table.name} read ${tableRows} rows but counted ${expected}`);
        }
        report({ phase: 'sequences', table: null, tableRows: 0, tableRowCount: 0, rows, rowCount });
        for (const sequence of sequences) {
          const state = await sql<{ value: string; called: boolean }>`
            SELECT last_value::text AS value, is_called AS called FROM ${sql.raw(qualified(sequence))}
          `.execute(trx);
          const { value, called } = state.rows[0] as { value: string; called: boolean };
          // The value stays a string: sequences are bigint and JSON numbers are doubles in JS.
          yield `${JSON.stringify({ s: sequence, v: value, called })}\n`;
        }
        report({ phase: 'done', table: null, tableRows: 0, tableRowCount: 0, rows, rowCount });
      }

      await pipeline(lines, createGzip(), out);
      return header;
    });
}

/** Splits a byte stream into lines without buffering more than one line. */
async function* readLines(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  let lineNumber = 0;
  const limit = () => (lineNumber === 0 ? MAX_HEADER_CHARS : MAX_LINE_CHARS);
  for await (const chunk of source) {
    buffer += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n', start)) {
      yield buffer.slice(start, end);
      lineNumber += 1;
      start = end + 1;
    }
    buffer = buffer.slice(start);
    if (buffer.length > limit()) {
      throw lineNumber === 0 ? notADump('la primera línea no es un encabezado / the first line is not a header') : corrupt(lineNumber + 1, 'line too long');
    }
  }
  buffer += decoder.end();
  if (buffer.length > 0) yield buffer;
}

function notADump(detail: string, cause?: unknown): DumpError {
  return new DumpError(
    'not-a-dump',
    `El archivo no es un volcado de GAB (${detail}). / The file is not a GAB dump (${detail}).`,
    cause === undefined ? undefined : { cause },
  );
}

function corrupt(line: number, detail: string, cause?: unknown): DumpError {
  return new DumpError(
    'corrupt',
    `El volcado está dañado en la línea ${line}: ${detail}. No se restauró nada. / ` +
      `The dump is damaged at line ${line}: ${detail}. Nothing was restored.`,
    cause === undefined ? undefined : { cause },
  );
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Validates the first line; everything after it is trusted only as far as the header allows. */
function parseHeader(line: string): DumpHeader {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw notADump('la primera línea no es JSON / the first line is not JSON', error);
  }
  const header = value as Partial<DumpHeader> | null;
  if (typeof header !== 'object' || header === null || header.format !== DUMP_FORMAT) {
    throw notADump(`falta "format": "${DUMP_FORMAT}" / missing "format": "${DUMP_FORMAT}"`);
  }
  if (header.version !== DUMP_VERSION) {
    throw new DumpError(
      'unsupported-version',
      `Este volcado usa la versión ${String(header.version)} del formato y esta versión de GAB solo lee la ${DUMP_VERSION}. / ` +
        `This dump uses format version ${String(header.version)}; this GAB only reads version ${DUMP_VERSION}.`,
    );
  }
  const tablesOk =
    Array.isArray(header.tables) &&
    header.tables.every(
      (t) => typeof t?.name === 'string' && isStringArray(t.columns) && Number.isSafeInteger(t.rowCount) && t.rowCount >= 0,
    );
  if (!isStringArray(header.migrations) || !tablesOk || (header.sequences !== undefined && !isStringArray(header.sequences))) {
    throw notADump('encabezado incompleto / incomplete header');
  }
  return header as DumpHeader;
}

type ParsedLine =
  | { kind: 'row'; table: string; raw: string; nulls: string[] | null }
  | { kind: 'sequence'; sequence: string; value: string; called: boolean };

function parseLine(line: string, lineNumber: number): ParsedLine {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line) as Record<string, unknown>;
  } catch (error) {
    throw corrupt(lineNumber, 'no es JSON / not JSON', error);
  }
  if (typeof value !== 'object' || value === null) throw corrupt(lineNumber, 'no es un objeto / not an object');
  if (typeof value.t === 'string') {
    const table = value.t;
    const nulls = value.n === undefined ? null : value.n;
    if (nulls !== null && !isStringArray(nulls)) throw corrupt(lineNumber, '"n" must list column names');
    if (typeof value.rt === 'string') return { kind: 'row', table, raw: value.rt, nulls };
    if (typeof value.r !== 'object' || value.r === null || Array.isArray(value.r)) throw corrupt(lineNumber, '"r" must be an object');
    const prefix = rowPrefix(table, nulls);
    const expectedKeys = nulls ? 3 : 2;
    const trimmed = line.trimEnd();
    // Cut the row text out verbatim when the line is laid out as we write it; otherwise (a file
    // re-serialized by some tool) fall back to re-encoding, which is exact except for numbers
    // beyond double precision.
    const raw =
      trimmed.startsWith(prefix) && trimmed.endsWith('}') && Object.keys(value).length === expectedKeys
        ? trimmed.slice(prefix.length, -1)
        : JSON.stringify(value.r);
    return { kind: 'row', table, raw, nulls };
  }
  if (typeof value.s === 'string') {
    const v = typeof value.v === 'number' && Number.isSafeInteger(value.v) ? String(value.v) : value.v;
    if (typeof v !== 'string' || !/^-?\d{1,19}$/.test(v) || typeof value.called !== 'boolean') {
      throw corrupt(lineNumber, `bad sequence value for ${value.s}`);
    }
    return { kind: 'sequence', sequence: value.s, value: v, called: value.called };
  }
  throw corrupt(lineNumber, 'línea desconocida / unknown line');
}

/** Tables (other than core_migrations*) that already hold at least one row. */
async function nonEmptyTables(executor: Executor): Promise<string[]> {
  const tables = await describeTables(executor);
  const found: string[] = [];
  for (const table of tables) {
    const result = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.raw(qualified(table.name))}) AS any`.execute(executor);
    if (result.rows[0]?.any) found.push(table.name);
  }
  return found;
}

/**
 * One INSERT per batch. The batch is a JSON array of `{"r":row,"n":[…]}`; json_populate_record
 * turns each row into the target's own column types, and the CASE puts back JSON nulls that
 * json_populate_record would read as SQL NULL. ORDER BY keeps file order, which matters for
 * self-referencing tables. OVERRIDING SYSTEM VALUE lets identity columns keep their values.
 */
function insertStatement(table: TableInfo, columns: string[]): (batch: string) => RawBuilder<unknown> {
  const from = qualified(table.name);
  if (columns.length === 0) {
    return (batch) => sql`${sql.raw(`INSERT INTO ${from} SELECT FROM json_array_elements(`)}${batch}${sql.raw('::json)')}`;
  }
  const values = columns.map((column) => {
    const kind = table.jsonColumns.get(column);
    const value = `p.${ident(column)}`;
    return kind ? `CASE WHEN (e.v -> 'n')::jsonb ? ${literal(column)} THEN 'null'::${kind} ELSE ${value} END` : value;
  });
  const head = `INSERT INTO ${from} (${columns.map(ident).join(', ')}) OVERRIDING SYSTEM VALUE
    SELECT ${values.join(', ')} FROM json_array_elements(`;
  const tail = `::json) WITH ORDINALITY AS e(v, i) CROSS JOIN LATERAL json_populate_record(NULL::${from}, e.v -> 'r') AS p ORDER BY e.i`;
  return (batch) => sql`${sql.raw(head)}${batch}${sql.raw(tail)}`;
}

/**
 * Restores a dump made by `dumpDatabase`.
 *
 * 1. Checks the header and refuses dumps with migrations this code does not know (newer GAB).
 * 2. Refuses when the target already holds rows, unless `replace` is set.
 * 3. Migrates the target to the dump's migrations (plus any it already had), so the data lands
 *    in the schema it was dumped from.
 * 4. In ONE transaction: TRUNCATE … RESTART IDENTITY CASCADE the dumped tables (removing rows
 *    seeded by migrations, or the old data under `replace`), user triggers disabled so insert
 *    triggers neither duplicate derived rows nor rewrite timestamps, rows inserted in batches,
 *    sequences set, row counts checked against the header. Any failure rolls all of it back.
 * 5. Applies the remaining migrations, exactly as upgrading the source would have.
 *
 * `input` is a path or a readable stream of the gzip'd file.
 */
export async function restoreDatabase(db: Db, input: Readable | string, options: RestoreOptions): Promise<RestoreResult> {
  const source = typeof input === 'string' ? createReadStream(input) : input;
  const state = { headerRead: false };
  let result: RestoreResult | undefined;
  let failure: { error: unknown } | null = null;
  try {
    await pipeline(source, createGunzip(), async (gunzipped: AsyncIterable<Buffer>) => {
      try {
        result = await restoreLines(db, readLines(gunzipped), options, state);
      } catch (error) {
        failure = { error };
        throw error;
      }
    });
  } catch (pipelineError) {
    // When we stop reading early, pipeline may report the AbortError of the streams it tore down
    // instead of the reason we stopped; the reason is what the operator needs.
    const error = (failure as { error: unknown } | null)?.error ?? pipelineError;
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      const detail = `gzip: ${(error as Error).message}`;
      // Failing before the header means it never was a gzip'd dump; after it, the file was damaged.
      throw state.headerRead
        ? new DumpError(
            'corrupt',
            `El volcado está truncado o dañado (${detail}). No se restauró nada. / ` +
              `The dump is truncated or damaged (${detail}). Nothing was restored.`,
            { cause: error },
          )
        : notADump(detail, error);
    }
    throw error;
  }
  return result as RestoreResult;
}

/** How one dumped table is loaded, and how many of its rows arrived. */
interface TablePlan {
  info: TableInfo;
  header: DumpTableHeader;
  insert: (batch: string) => RawBuilder<unknown>;
  seen: number;
}

async function restoreLines(
  db: Db,
  lines: AsyncGenerator<string>,
  options: RestoreOptions,
  state: { headerRead: boolean },
): Promise<RestoreResult> {
  const report = options.onProgress ?? (() => {});
  const first = await lines.next();
  if (first.done) throw notADump('está vacío / it is empty');
  const header = parseHeader(first.value);
  state.headerRead = true;

  const known = new Set(options.migrations.map((m) => m.name));
  const unknown = header.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new DumpError(
      'unknown-migrations',
      `El volcado viene de una versión más nueva de GAB: tiene migraciones que este código no conoce (${unknown.join(', ')}). ` +
        `Actualice GAB (y sus módulos) antes de restaurar. / ` +
        `The dump comes from a newer GAB: it has migrations this code does not know (${unknown.join(', ')}). ` +
        `Upgrade GAB (and its modules) before restoring.`,
    );
  }

  // Checked before migrating: afterwards, rows seeded by our own migrations would look like data.
  const existing = await nonEmptyTables(db);
  if (existing.length > 0 && !options.replace) {
    throw new DumpError(
      'target-not-empty',
      `La base de datos de destino ya tiene datos (${existing.join(', ')}); use la opción de reemplazar para borrarlos. / ` +
        `The target database already holds data (${existing.join(', ')}); use the replace option to overwrite it.`,
    );
  }

  // Data must enter the schema it was dumped from; migrations newer than the dump run afterwards
  // so any data they transform is transformed. Migrations the target already has must stay in the
  // list, or Kysely reports them as missing.
  const alreadyApplied = new Set((await appliedMigrations(db)) ?? []);
  const wanted = new Set(header.migrations);
  await migrateToLatest(db, options.migrations.filter((m) => wanted.has(m.name) || alreadyApplied.has(m.name)));

  const rowCount = header.tables.reduce((sum, t) => sum + t.rowCount, 0);
  const outcome = await db.transaction().execute(async (trx) => {
    const target = new Map((await describeTables(trx)).map((t) => [t.name, t]));
    const plans = new Map<string, TablePlan>();
    for (const dumped of header.tables) {
      const info = target.get(dumped.name);
      if (!info) throw schemaMismatch(`falta la tabla / missing table ${dumped.name}`);
      const missing = dumped.columns.filter((c) => !info.columns.includes(c));
      if (missing.length > 0) throw schemaMismatch(`${dumped.name}: faltan columnas / missing columns ${missing.join(', ')}`);
      if (plans.has(dumped.name)) throw notADump(`tabla repetida / repeated table ${dumped.name}`);
      plans.set(dumped.name, { info, header: dumped, insert: insertStatement(info, dumped.columns), seen: 0 });
    }
    const targetSequences = new Set(await listSequences(trx));
    for (const sequence of header.sequences ?? []) {
      if (!targetSequences.has(sequence)) throw schemaMismatch(`falta la secuencia / missing sequence ${sequence}`);
    }

    const tableList = header.tables.map((t) => qualified(t.name)).join(', ');
    if (tableList) {
      await sql.raw(`TRUNCATE ${tableList} RESTART IDENTITY CASCADE`).execute(trx);
      for (const t of header.tables) await sql.raw(`ALTER TABLE ${qualified(t.name)} DISABLE TRIGGER USER`).execute(trx);
    }

    let rows = 0;
    let current: string | null = null;
    let batch: string[] = [];
    let batchChars = 0;
    const flush = async () => {
      if (current === null || batch.length === 0) return;
      const plan = plans.get(current) as TablePlan;
      await plan.insert(`[${batch.join(',')}]`).execute(trx);
      plan.seen += batch.length;
      rows += batch.length;
      batch = [];
      batchChars = 0;
      report({ phase: 'rows', table: current, tableRows: plan.seen, tableRowCount: plan.header.rowCount, rows, rowCount });
    };

    const sequencesSet = new Set<string>();
    let lineNumber = 1;
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      const parsed = parseLine(line, lineNumber);
      if (parsed.kind === 'row') {
        const plan = plans.get(parsed.table);
        if (!plan) throw corrupt(lineNumber, `fila de una tabla que no está en el encabezado / row for a table not in the header: ${parsed.table}`);
        for (const column of parsed.nulls ?? []) {
          if (!plan.info.jsonColumns.has(column)) throw corrupt(lineNumber, `"n" names a non-JSON column ${column}`);
        }
        if (current !== parsed.table || batch.length >= RESTORE_BATCH_ROWS || batchChars >= RESTORE_BATCH_CHARS) {
          await flush();
          current = parsed.table;
        }
        const element = parsed.nulls ? `{"r":${parsed.raw},"n":${JSON.stringify(parsed.nulls)}}` : `{"r":${parsed.raw}}`;
        batch.push(element);
        batchChars += element.length;
      } else {
        await flush();
        if (header.sequences && !header.sequences.includes(parsed.sequence)) {
          throw corrupt(lineNumber, `secuencia que no está en el encabezado / sequence not in the header: ${parsed.sequence}`);
        }
        if (!targetSequences.has(parsed.sequence)) throw schemaMismatch(`falta la secuencia / missing sequence ${parsed.sequence}`);
        await sql`SELECT setval(${qualified(parsed.sequence)}::regclass, ${parsed.value}::bigint, ${parsed.called})`.execute(trx);
        sequencesSet.add(parsed.sequence);
      }
    }
    await flush();

    // A file cut at a line boundary still gunzips cleanly; the header's counts catch it.
    for (const plan of plans.values()) {
      if (plan.seen !== plan.header.rowCount) {
        throw corrupt(lineNumber, `${plan.header.name}: ${plan.seen} filas de ${plan.header.rowCount} / ${plan.seen} of ${plan.header.rowCount} rows`);
      }
    }
    const unset = (header.sequences ?? []).filter((s) => !sequencesSet.has(s));
    if (unset.length > 0) throw corrupt(lineNumber, `faltan secuencias / missing sequences ${unset.join(', ')}`);

    for (const t of header.tables) await sql.raw(`ALTER TABLE ${qualified(t.name)} ENABLE TRIGGER USER`).execute(trx);
    report({ phase: 'done', table: null, tableRows: 0, tableRowCount: 0, rows, rowCount });
    return { rows, sequences: sequencesSet.size };
  });

  const after = await migrateToLatest(db, options.migrations);
  const migrationsAppliedAfter = (after.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  return { header, rows: outcome.rows, sequences: outcome.sequences, migrationsAppliedAfter };
}

function schemaMismatch(detail: string): DumpError {
  return new DumpError(
    'schema-mismatch',
    `El esquema de destino no coincide con el volcado (${detail}). No se restauró nada. / ` +
      `The target schema does not match the dump (${detail}). Nothing was restored.`,
  );
}
