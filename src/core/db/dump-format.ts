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
import { StringDecoder } from 'node:string_decoder';
import type { SqlMigration } from './migrator.ts';

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
