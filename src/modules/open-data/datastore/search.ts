import { CompiledQuery } from 'kysely';
import type { Executor } from '../../../core/db/database.ts';
import type { DatastoreField, DatastoreType } from './datastore.schema.ts';
import { plainIndexedColumns, textEquals } from './indexes.ts';
import { ident, qualifiedTable } from './table-names.ts';
import { parseValue } from './values.ts';

/**
 * Reading a datastore table: filters (equality, a list = any of), full text on all fields or per
 * field, a choice of fields, sort, limit/offset and the total. Shared by datastore_search, the
 * preview table and the downloads; every name is checked against the table's fields and every
 * value is a bound parameter.
 */

export type Scalar = string | number | boolean | null;

export interface TableInfo {
  resourceId: string;
  tableName: string;
  fields: DatastoreField[];
}

export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

export interface DatastoreQuery {
  filters?: Record<string, Scalar | Scalar[]>;
  /** Full text: words to find anywhere in a row, or per field. */
  q?: string | Record<string, string> | null;
  fields?: string[] | null;
  sort?: SortKey[];
  limit: number;
  offset?: number;
  includeTotal?: boolean;
}

export interface DatastoreResult {
  fields: { id: string; type: string; info?: Record<string, string> }[];
  records: Record<string, unknown>[];
  total: number | null;
}

/** A request names a field the table does not have or gives a value its type cannot hold. */
export class DatastoreQueryError extends Error {
  constructor(
    readonly parameter: 'filters' | 'q' | 'fields' | 'sort',
    message: string,
  ) {
    super(message);
  }
}

/** The `_id` column every table has (CKAN's row id), first in `fields`. */
export const ID_FIELD = { id: '_id', type: 'int' } as const;

export const allFields = (table: TableInfo): { id: string; type: string; info?: Record<string, string> }[] => [ID_FIELD, ...table.fields];

/** How a column is selected: timestamps as ISO 8601 without zone, as CKAN returns them. */
function selectExpression(id: string, type: DatastoreType | 'int'): string {
  if (type === 'timestamp') return `to_char(${ident(id)}, 'YYYY-MM-DD"T"HH24:MI:SS') AS ${ident(id)}`;
  return ident(id);
}

/** JSON value of a column value as pg returns it (numeric comes as a string). */
export function jsonValue(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'numeric' && typeof value === 'string') {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  return value;
}

interface Compiled {
  where: string;
  params: unknown[];
}

/** The WHERE clause of a query (filters and full text), parameters numbered from 1. */
function compileWhere(table: TableInfo, query: Pick<DatastoreQuery, 'filters' | 'q'>, plainIndexed: ReadonlySet<string>): Compiled {
  const types = new Map<string, string>(allFields(table).map((f) => [f.id, f.type]));
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const clauses: string[] = [];
  for (const [field, raw] of Object.entries(query.filters ?? {})) {
    const type = types.get(field);
    if (!type) throw new DatastoreQueryError('filters', `field "${field}" not in table`);
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => {
      if (v === null) return null;
      const text = String(v);
      const parsed = type === 'int' && field === '_id' ? (/^\d+$/.test(text) ? text : undefined) : parseValue(text, { type: type as DatastoreType, decimal: '.' });
      if (parsed === undefined) throw new DatastoreQueryError('filters', `invalid value for field "${field}": ${text}`);
      return parsed;
    });
    if (values.length === 0) {
      clauses.push('false');
      continue;
    }
    const nonNull = values.filter((v) => v !== null);
    const parts: string[] = [];
    if (nonNull.length && type === 'text') parts.push(textEquals(field, param(nonNull), nonNull as string[], plainIndexed.has(field)));
    else if (nonNull.length) parts.push(`${ident(field)} = ANY(${param(nonNull)}::${type === 'int' ? 'integer' : type === 'bool' ? 'boolean' : type}[])`);
    if (nonNull.length < values.length) parts.push(`${ident(field)} IS NULL`);
    clauses.push(parts.length > 1 ? `(${parts.join(' OR ')})` : parts[0]!);
  }
  const q = query.q;
  if (typeof q === 'string' && q.trim()) {
    const all = table.fields.map((f) => `${ident(f.id)}::text`).join(', ');
    clauses.push(`to_tsvector('simple', core_unaccent(concat_ws(' ', ${all}))) @@ plainto_tsquery('simple', core_unaccent(${param(q)}))`);
  } else if (q && typeof q === 'object') {
    for (const [field, words] of Object.entries(q)) {
      if (!types.has(field)) throw new DatastoreQueryError('q', `field "${field}" not in table`);
      clauses.push(`to_tsvector('simple', core_unaccent(${ident(field)}::text)) @@ plainto_tsquery('simple', core_unaccent(${param(String(words))}))`);
    }
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** The text columns with a plain index, when the query filters on text (one catalogue read, cached). */
function textIndexesFor(db: Executor, table: TableInfo, query: Pick<DatastoreQuery, 'filters'>): Promise<ReadonlySet<string>> | ReadonlySet<string> {
  const filtered = Object.keys(query.filters ?? {});
  const onText = filtered.some((id) => table.fields.some((f) => f.id === id && f.type === 'text'));
  return onText ? plainIndexedColumns(db, table.tableName) : NO_COLUMNS;
}
const NO_COLUMNS: ReadonlySet<string> = new Set();

/**
 * Parses a CKAN sort string: "a, b desc, \"c d\" asc nulls last". Throws DatastoreQueryError for a
 * field the table does not have or anything else than a direction and a nulls order.
 */
export function parseSort(table: TableInfo, sort: string): SortKey[] {
  const names = new Set(allFields(table).map((f) => f.id));
  const keys: SortKey[] = [];
  for (const part of sort.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^(?:"((?:[^"]|"")+)"|([^\s"]+))(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?$/i.exec(part);
    const field = match ? (match[1]?.replace(/""/g, '"') ?? match[2]!) : part;
    if (!match || !names.has(field)) throw new DatastoreQueryError('sort', `field "${field}" not in table`);
    keys.push({ field, direction: (match[3]?.toLowerCase() as 'asc' | 'desc' | undefined) ?? 'asc', nulls: match[4]?.toLowerCase() as 'first' | 'last' | undefined });
  }
  return keys;
}

export async function searchTable(db: Executor, table: TableInfo, query: DatastoreQuery): Promise<DatastoreResult> {
  const everyField = allFields(table);
  const byId = new Map(everyField.map((f) => [f.id, f]));
  const chosen = query.fields?.length ? query.fields : everyField.map((f) => f.id);
  const unknown = chosen.find((f) => !byId.has(f));
  if (unknown !== undefined) throw new DatastoreQueryError('fields', `field "${unknown}" not in table`);
  const fields = chosen.map((id) => byId.get(id)!);
  const { where, params } = compileWhere(table, query, await textIndexesFor(db, table, query));
  const order = [...(query.sort ?? []), ...(query.sort?.some((s) => s.field === '_id') ? [] : [{ field: '_id', direction: 'asc' as const }])]
    .map((s) => `${ident(s.field)} ${s.direction.toUpperCase()}${s.nulls ? ` NULLS ${s.nulls.toUpperCase()}` : ''}`)
    .join(', ');
  const from = qualifiedTable(table.tableName);
  const limit = `LIMIT ${Math.max(0, Math.floor(query.limit))} OFFSET ${Math.max(0, Math.floor(query.offset ?? 0))}`;
  const text = `SELECT ${fields.map((f) => selectExpression(f.id, f.type as DatastoreType)).join(', ')} FROM ${from} ${where} ORDER BY ${order} ${limit}`;
  const rows = (await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, params))).rows;
  let total: number | null = null;
  if (query.includeTotal !== false) {
    const counted = await db.executeQuery<{ total: number }>(CompiledQuery.raw(`SELECT count(*)::int AS total FROM ${from} ${where}`, params));
    total = counted.rows[0]!.total;
  }
  const records = rows.map((row) => Object.fromEntries(fields.map((f) => [f.id, jsonValue(row[f.id], f.type)])));
  return { fields, records, total };
}

/**
 * Every matching row, in `_id` order, a page at a time (keyset on `_id`), for downloads: memory
 * holds one page however large the table.
 */
export async function* streamTable(db: Executor, table: TableInfo, query: Omit<DatastoreQuery, 'limit' | 'offset' | 'sort'>, pageSize = 5000): AsyncGenerator<Record<string, unknown>[]> {
  const fields = allFields(table);
  const { where, params } = compileWhere(table, query, await textIndexesFor(db, table, query));
  let after = 0;
  for (;;) {
    const keyset = `${where ? `${where} AND` : 'WHERE'} _id > $${params.length + 1}`;
    const text = `SELECT ${fields.map((f) => selectExpression(f.id, f.type as DatastoreType)).join(', ')} FROM ${qualifiedTable(table.tableName)} ${keyset} ORDER BY _id LIMIT ${pageSize}`;
    const rows = (await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...params, after]))).rows;
    if (rows.length === 0) return;
    yield rows.map((row) => Object.fromEntries(fields.map((f) => [f.id, jsonValue(row[f.id], f.type)])));
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!._id);
  }
}
