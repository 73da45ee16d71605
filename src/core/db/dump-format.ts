/**
 * Portable dump and restore of a GAB installation, so the same data can move from embedded PGlite
 * to a PostgreSQL server (and back) with nothing lost.
 *
 * Format (version 2): a gzip'd NDJSON stream.
 *   1. header  `{"format":"gab-dump","version":2,"createdAt","migrations","tables","sequences",
 *              "runtimeSchemas","runtimeTables"}`; `runtimeTables` defines the tables of the
 *              runtime schemas (made by modules while they run, not by migrations: see
 *              dump-runtime.ts), which the restore creates before loading their rows.
 *   2. rows    `{"t":table,"r":row}` in foreign-key dependency order, then the runtime tables'
 *              rows with `"t":"schema.table"`; `row` is `row_to_json` of the non-generated
 *              columns. Two rare variants: `"n":[columns]` lists json/jsonb columns holding a JSON
 *              `null` (row_to_json cannot tell it from SQL NULL), and `"rt":"…"` carries the row as
 *              a JSON string when a `json` column kept raw newlines that would otherwise split the line.
 *   3. sequences `{"s":sequence,"v":"<bigint as string>","called":bool}` (schema `public`; a
 *              runtime table's identity position is part of its definition in the header)
 *
 * Version 1 is version 2 without runtime schemas; it is still read.
 *
 * Rows are never parsed into JS values on either side: bigint, numeric and jsonb numbers would
 * lose digits through IEEE doubles. The row text goes from `row_to_json` straight to the file and
 * from the file straight to `json_populate_record`.
 */
import { StringDecoder } from 'node:string_decoder';
import type { SqlMigration } from './migrator.ts';

export const DUMP_FORMAT = 'gab-dump';
/** The version written; READABLE_VERSIONS are the ones read. */
export const DUMP_VERSION = 2;
export const READABLE_VERSIONS: readonly number[] = [1, 2];

/** One dumped table as described in the header. */
export interface DumpTableHeader {
  name: string;
  /** Non-generated columns, in table order; generated columns are recomputed by the target. */
  columns: string[];
  rowCount: number;
}

/** A column of a runtime table: `type` as `format_type` prints it (a pg_catalog type). */
export interface RuntimeColumn {
  name: string;
  type: string;
  notNull: boolean;
}

/** A runtime table's identity column, its sequence and the sequence's position in the snapshot. */
export interface RuntimeIdentity {
  column: string;
  always: boolean;
  sequence: string;
  /** A bigint, kept as a string like every sequence value. */
  value: string;
  called: boolean;
}

/** A b-tree index other than the primary key, without predicate, ordering or operator class options. */
export interface RuntimeIndex {
  name: string;
  /** Each key as PostgreSQL prints it: a column (quoted when it must be) or a call such as `"left"(nota, 200)`. */
  keys: string[];
  unique: boolean;
}

/** A table of a runtime schema: everything the restore needs to create it again, and its row count. */
export interface RuntimeTableHeader {
  schema: string;
  name: string;
  columns: RuntimeColumn[];
  identity: RuntimeIdentity | null;
  primaryKey: { name: string; columns: string[] } | null;
  indexes: RuntimeIndex[];
  rowCount: number;
}

/** The first line of a dump. */
export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  version: 1 | 2;
  createdAt: string;
  /** Migrations applied in the source, from `core_migrations`. */
  migrations: string[];
  /** Tables of schema `public`, in foreign-key dependency order: a table comes after every table it references. */
  tables: DumpTableHeader[];
  /** Sequences whose values follow the rows; optional so hand-made v1 headers still load. */
  sequences?: string[];
  /** The runtime schemas the source declared (version 2). */
  runtimeSchemas?: string[];
  /** Their tables, each created by the restore before its rows arrive (version 2). */
  runtimeTables?: RuntimeTableHeader[];
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
  /**
   * Schemas whose tables modules create while they run (`ModuleRegistry.runtimeSchemas()`): dumped
   * with their definitions. Required, so that forgetting them cannot silently lose their data.
   */
  runtimeSchemas: readonly string[];
  onProgress?: (progress: DumpProgress) => void;
}

export interface RestoreOptions {
  /** Every migration this code knows (core and modules), as given to `migrateToLatest`. */
  migrations: SqlMigration[];
  /** The runtime schemas this code declares; the dump's runtime tables must belong to them. */
  runtimeSchemas: readonly string[];
  /**
   * Empty the dumped tables first (TRUNCATE … RESTART IDENTITY CASCADE) and drop the tables of
   * the runtime schemas, instead of refusing a target that holds data.
   */
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
  | 'dependency-cycle'
  | 'unsupported-table';

/** A dump or restore refused for a reason the operator can act on; `code` is stable for the CLI. */
export class DumpError extends Error {
  readonly code: DumpErrorCode;
  constructor(code: DumpErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DumpError';
    this.code = code;
  }
}

/** A table as the dump sees it: one of schema `public`, or of a runtime schema (dump-runtime.ts). */
export interface TableInfo {
  schema: string;
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

// A foreign gzip file with no newline must not be read whole into memory before we say "not a dump".
export const MAX_HEADER_CHARS = 16 * 1024 * 1024;
export const MAX_LINE_CHARS = 256 * 1024 * 1024;

/** Splits a byte stream into lines without buffering more than one line. */
export async function* readLines(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
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

export function notADump(detail: string, cause?: unknown): DumpError {
  return new DumpError(
    'not-a-dump',
    `El archivo no es un volcado de GAB (${detail}). / The file is not a GAB dump (${detail}).`,
    cause === undefined ? undefined : { cause },
  );
}

export function corrupt(line: number, detail: string, cause?: unknown): DumpError {
  return new DumpError(
    'corrupt',
    `El volcado está dañado en la línea ${line}: ${detail}. No se restauró nada. / ` +
      `The dump is damaged at line ${line}: ${detail}. Nothing was restored.`,
    cause === undefined ? undefined : { cause },
  );
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Validates the first line; everything after it is trusted only as far as the header allows. */
export function parseHeader(line: string): DumpHeader {
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
  if (!READABLE_VERSIONS.includes(header.version as number)) {
    const readable = READABLE_VERSIONS.join(', ');
    throw new DumpError(
      'unsupported-version',
      `Este volcado usa la versión ${String(header.version)} del formato y esta versión de GAB solo lee las versiones ${readable}. / ` +
        `This dump uses format version ${String(header.version)}; this GAB only reads versions ${readable}.`,
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
  const runtimeOk =
    (header.runtimeSchemas === undefined && header.runtimeTables === undefined) ||
    (isStringArray(header.runtimeSchemas) && Array.isArray(header.runtimeTables) && header.runtimeTables.every(isRuntimeTableHeader));
  if (!runtimeOk) throw notADump('encabezado incompleto (tablas de esquemas de ejecución) / incomplete header (runtime tables)');
  return header as DumpHeader;
}

/**
 * A type the restore may write into CREATE TABLE as it is: `format_type` output for pg_catalog
 * types ("integer", "numeric(12,2)", "timestamp(3) without time zone", "text[]"), never anything
 * that could carry other SQL.
 */
export const PORTABLE_TYPE = /^[a-z][a-z0-9_]*( [a-z][a-z0-9_]*)*(\(\d+(,\d+)?\))?( with(out)? time zone)?(\[\])*$/;

const SQL_IDENT = '(?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")+")';
/**
 * An index key the restore may write into CREATE INDEX as it is: a column, or a function of one
 * column and integer constants (the DataStore's `left(column, 200)` prefix indexes). Anything else
 * is refused by the dump and by the restore alike.
 */
export const PORTABLE_INDEX_KEY = new RegExp(`^(?:${SQL_IDENT}|${SQL_IDENT}\\(${SQL_IDENT}(?:, -?\\d+)*\\))$`);

const SEQUENCE_VALUE = /^-?\d{1,19}$/;

/** The shape of a runtime table's definition; names are quoted when used, types must be portable. */
function isRuntimeTableHeader(value: unknown): boolean {
  const t = value as Partial<RuntimeTableHeader> | null;
  if (typeof t !== 'object' || t === null || typeof t.schema !== 'string' || typeof t.name !== 'string') return false;
  if (!Number.isSafeInteger(t.rowCount) || (t.rowCount as number) < 0) return false;
  const columns = Array.isArray(t.columns) ? t.columns : null;
  if (!columns || !columns.every((c) => typeof c?.name === 'string' && typeof c.type === 'string' && PORTABLE_TYPE.test(c.type) && typeof c.notNull === 'boolean')) return false;
  const names = new Set(columns.map((c) => c.name));
  if (names.size !== columns.length) return false;
  const known = (list: unknown) => isStringArray(list) && list.length > 0 && list.every((c) => names.has(c));
  const identity = t.identity;
  if (identity !== null) {
    if (typeof identity !== 'object' || !names.has(identity.column) || typeof identity.always !== 'boolean' || typeof identity.sequence !== 'string') return false;
    if (typeof identity.value !== 'string' || !SEQUENCE_VALUE.test(identity.value) || typeof identity.called !== 'boolean') return false;
  }
  const key = t.primaryKey;
  if (key !== null && (typeof key !== 'object' || typeof key.name !== 'string' || !known(key.columns))) return false;
  const portableKeys = (keys: unknown) => isStringArray(keys) && keys.length > 0 && keys.every((k) => PORTABLE_INDEX_KEY.test(k));
  return Array.isArray(t.indexes) && t.indexes.every((i) => typeof i?.name === 'string' && portableKeys(i.keys) && typeof i.unique === 'boolean');
}

/** How rows of a table are labelled in the file: its name for `public`, `schema.name` otherwise. */
export function tableKey(table: { schema: string; name: string }): string {
  return table.schema === 'public' ? table.name : `${table.schema}.${table.name}`;
}

export type ParsedLine =
  | { kind: 'row'; table: string; raw: string; nulls: string[] | null }
  | { kind: 'sequence'; sequence: string; value: string; called: boolean };

export function parseLine(line: string, lineNumber: number): ParsedLine {
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

/** What precedes the row text on a row line; the restore recomputes it to cut the text back out. */
export function rowPrefix(table: string, nulls: string[] | null): string {
  return `{"t":${JSON.stringify(table)}${nulls ? `,"n":${JSON.stringify(nulls)}` : ''},"r":`;
}
