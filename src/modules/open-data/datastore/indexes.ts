import { sql } from 'kysely';
import { keyedCache, type KeyedCache } from '../../../core/cache/ttl-cache.ts';
import type { Executor } from '../../../core/db/database.ts';
import type { DatastoreField } from './datastore.schema.ts';
import { DATASTORE_SCHEMA, ident, qualifiedTable } from './table-names.ts';

/**
 * Indexes of a datastore table, so `datastore_search` filters (equality on any column, the
 * common use of CKAN's `filters`) and their totals do not scan the whole table.
 *
 * A B-tree entry must stay under about 2,700 bytes. Short text (codes, names, categories: what
 * people filter on) gets a plain index, which also answers counts from the index alone; text with
 * long values gets an index on its first TEXT_PREFIX characters. A write bringing a value too long
 * for a plain index first turns that column's index into a prefix one (`widenTextIndexes`), so no
 * write ever fails on an index. Either way the search conditions are exact (`textEquals`).
 */
export const TEXT_PREFIX = 200;
/** Longest text value (bytes) of a column that still gets a plain index when it is built. */
const PLAIN_TEXT_MAX_BYTES = 256;
/** Longest value a plain index takes from a later write before it is turned into a prefix one. */
export const PLAIN_TEXT_WRITE_MAX_BYTES = 2000;

/** Index name per column position: table names are 36 characters, well under PostgreSQL's 63. */
const indexName = (table: string, position: number) => `${table}_c${position}`;
const prefixIndex = (table: string, position: number, column: string) =>
  `CREATE INDEX IF NOT EXISTS ${ident(indexName(table, position))} ON ${qualifiedTable(table)} (left(${ident(column)}, ${TEXT_PREFIX}))`;

/** The longest value (bytes) of each text column, in one pass over the table. */
async function longestTextBytes(db: Executor, table: string, fields: readonly DatastoreField[]): Promise<Map<string, number>> {
  const text = fields.filter((f) => f.type === 'text' && f.id !== '_id');
  if (text.length === 0) return new Map();
  const columns = text.map((f, i) => `coalesce(max(octet_length(${ident(f.id)})), 0)::int AS c${i}`).join(', ');
  const { rows } = await sql.raw<Record<string, number>>(`SELECT ${columns} FROM ${qualifiedTable(table)}`).execute(db);
  return new Map(text.map((f, i) => [f.id, rows[0]![`c${i}`]!]));
}

/** Creates the missing index of every column (the `_id` key has its own). */
export async function indexDatastoreTable(db: Executor, table: string, fields: readonly DatastoreField[]): Promise<void> {
  const longest = await longestTextBytes(db, table, fields);
  for (const [position, field] of fields.entries()) {
    if (field.id === '_id') continue;
    if ((longest.get(field.id) ?? 0) > PLAIN_TEXT_MAX_BYTES) await sql.raw(prefixIndex(table, position, field.id)).execute(db);
    else await sql.raw(`CREATE INDEX IF NOT EXISTS ${ident(indexName(table, position))} ON ${qualifiedTable(table)} (${ident(field.id)})`).execute(db);
  }
  forgetPlainIndexes(db, table);
}

/** Before a write with long values in `columns`: their plain indexes become prefix indexes. */
export async function widenTextIndexes(db: Executor, table: string, fields: readonly DatastoreField[], columns: ReadonlySet<string>): Promise<void> {
  if (columns.size === 0) return;
  const plain = await loadPlainIndexed(db, table);
  for (const [position, field] of fields.entries()) {
    if (!columns.has(field.id) || !plain.has(field.id)) continue;
    await sql.raw(`DROP INDEX IF EXISTS ${DATASTORE_SCHEMA}.${ident(indexName(table, position))}`).execute(db);
    await sql.raw(prefixIndex(table, position, field.id)).execute(db);
  }
  forgetPlainIndexes(db, table);
}

/** Columns of `table` with a plain single-column index (read from the catalogue). */
async function loadPlainIndexed(db: Executor, table: string): Promise<Set<string>> {
  const { rows } = await sql<{ column: string }>`
    SELECT a.attname AS column
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
    WHERE n.nspname = ${DATASTORE_SCHEMA} AND c.relname = ${table} AND i.indnatts = 1 AND i.indexprs IS NULL AND i.indpred IS NULL`.execute(db);
  return new Set(rows.map((r) => r.column));
}

// Which form a column's index has only decides which exact condition a search writes, for speed:
// a stale answer (another process just widened an index) still finds the right rows.
const plainIndexCaches = new WeakMap<Executor, KeyedCache<Set<string>>>();
const forgetPlainIndexes = (db: Executor, table: string) => plainIndexCaches.get(db)?.forget(table);

/** The columns of `table` with a plain index (cached for a minute per process). */
export function plainIndexedColumns(db: Executor, table: string): Promise<Set<string>> {
  let cache = plainIndexCaches.get(db);
  if (!cache) {
    cache = keyedCache(60_000, 1000, (name) => loadPlainIndexed(db, name));
    plainIndexCaches.set(db, cache);
  }
  return cache(table);
}

/**
 * After a bulk load: statistics for the planner, and the visibility map that lets counts be
 * answered from an index alone. VACUUM cannot run in a transaction: `db` must not be one.
 */
export async function vacuumDatastoreTable(db: Executor, table: string): Promise<void> {
  await sql.raw(`VACUUM (ANALYZE) ${DATASTORE_SCHEMA}.${ident(table)}`).execute(db);
}

/** After an import has swapped a table in: its indexes, then VACUUM (outside any transaction). */
export async function optimizeImportedTable(db: Executor, table: string, fields: readonly DatastoreField[]): Promise<void> {
  await indexDatastoreTable(db, table, fields);
  await vacuumDatastoreTable(db, table);
}

/**
 * The SQL condition "text column is one of `param`", written for the column's index: plain, or
 * on the prefix, alone when every value is shorter than the prefix (a prefix equal to a shorter
 * value can only be the whole value), else on the prefix and then the whole value.
 */
export function textEquals(column: string, param: string, values: readonly string[], plainIndex: boolean): string {
  if (plainIndex) return `${ident(column)} = ANY(${param}::text[])`;
  const prefix = `left(${ident(column)}, ${TEXT_PREFIX}) = ANY(${param}::text[])`;
  if (values.every((v) => v.length < TEXT_PREFIX)) return prefix;
  return `(left(${ident(column)}, ${TEXT_PREFIX}) = ANY(ARRAY(SELECT left(v, ${TEXT_PREFIX}) FROM unnest(${param}::text[]) AS v)) AND ${ident(column)} = ANY(${param}::text[]))`;
}
