import pg, { type PoolClient } from 'pg';
import { poolOf, type Db } from '../../../core/db/database.ts';
import { checkSearchSql, SqlGuardError } from './sql-guard.ts';
import { DATASTORE_SCHEMA, qualifiedTable } from './table-names.ts';

/**
 * datastore_search_sql: one SELECT over datastore tables, run with three locks on the door —
 * sql-guard.ts (single statement, SELECT only, allow-listed functions), the plan (every relation
 * it reads must be a table of a readable datastore resource, every function scan allow-listed:
 * views, catalogs and other schemas are refused even when spelled in ways the tokenizer cannot
 * see), and a READ ONLY transaction with a statement timeout that is always rolled back.
 * Tables are named as in CKAN, by resource id in double quotes (`FROM "3f2c…"`), or by their
 * datastore name (`datastore.res_3f2c…`).
 */

export interface SqlSearchResult {
  fields: { id: string; type: string }[];
  records: Record<string, unknown>[];
  truncated: boolean;
}

export class SqlSearchError extends Error {
  constructor(
    readonly kind: 'validation' | 'forbidden',
    message: string,
  ) {
    super(message);
  }
}

export interface SqlSearchOptions {
  /** Table names (res_…) of the resources the caller may read, by resource id. */
  readable: Map<string, string>;
  rowLimit?: number;
  timeoutMs?: number;
}

const TYPE_NAMES: Record<number, string> = {
  16: 'bool', 20: 'int8', 21: 'int2', 23: 'int4', 25: 'text', 114: 'json', 700: 'float4', 701: 'float8', 1042: 'bpchar', 1043: 'varchar', 1082: 'date',
  1083: 'time', 1114: 'timestamp', 1184: 'timestamptz', 1186: 'interval', 1700: 'numeric', 3802: 'jsonb', 1000: '_bool', 1007: '_int4', 1009: '_text', 1016: '_int8',
};

/** Raw text for the types whose JS conversion would change them (big ints, decimals, zoneless times). */
const RAW_TYPES = new Set([20, 1700, 1082, 1083, 1114, 1184, 1186]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Replaces `"<resource id>"` by the resource's datastore table (CKAN names tables by resource id). */
function rewriteResourceIds(source: string, tokens: ReturnType<typeof checkSearchSql>['tokens'], readable: Map<string, string>): string {
  let out = '';
  let at = 0;
  for (const t of tokens) {
    if (t.kind !== 'quoted' || !UUID.test(t.text)) continue;
    const table = readable.get(t.text.toLowerCase());
    if (!table) throw new SqlSearchError('forbidden', `Not authorized to read resource ${t.text}`);
    out += source.slice(at, t.start) + qualifiedTable(table);
    at = t.end;
  }
  return out + source.slice(at);
}

/** Every relation and function scan of a JSON plan. */
function walkPlan(node: unknown, visit: (plan: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walkPlan(n, visit));
  if (!node || typeof node !== 'object') return;
  const plan = node as Record<string, unknown>;
  if ('Node Type' in plan) visit(plan);
  for (const value of Object.values(plan)) if (value && typeof value === 'object') walkPlan(value, visit);
}

export async function runSqlSearch(db: Db, source: string, options: SqlSearchOptions): Promise<SqlSearchResult> {
  let checked;
  try {
    checked = checkSearchSql(source);
  } catch (error) {
    if (error instanceof SqlGuardError) throw new SqlSearchError(error.kind === 'forbidden_function' || error.kind === 'forbidden_keyword' ? 'forbidden' : 'validation', error.message);
    throw error;
  }
  const query = rewriteResourceIds(checked.sql, checked.tokens, options.readable);
  const allowedTables = new Set(options.readable.values());
  const rowLimit = options.rowLimit ?? 32000;
  const client: PoolClient = await poolOf(db).connect();
  let broken = false;
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.max(100, Math.floor(options.timeoutMs ?? 10_000))}`);
    // Unqualified names resolve to the datastore first; nothing can be created in a read-only transaction.
    await client.query(`SET LOCAL search_path = ${DATASTORE_SCHEMA}, pg_catalog`);
    const explained = await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (VERBOSE, FORMAT JSON) ${query}`);
    walkPlan(explained.rows[0]?.['QUERY PLAN'], (plan) => {
      if (typeof plan['Relation Name'] === 'string') {
        const relation = plan['Relation Name'];
        if (plan.Schema !== DATASTORE_SCHEMA || !allowedTables.has(relation)) throw new SqlSearchError('forbidden', `Not authorized to read ${plan.Schema}.${relation}`);
      }
      if (typeof plan['Function Name'] === 'string') {
        const fn = plan['Function Name'];
        if (plan.Schema !== 'pg_catalog' || !['unnest', 'generate_series'].includes(fn)) throw new SqlSearchError('forbidden', `Not authorized to call function ${fn}`);
      }
    });
    const result = await client.query({
      text: `SELECT * FROM (${query}) AS q LIMIT ${rowLimit + 1}`,
      types: { getTypeParser: ((oid: number, format?: string) => (RAW_TYPES.has(oid) ? (v: string) => v : pg.types.getTypeParser(oid, (format ?? 'text') as 'text'))) as never },
    });
    const fields = result.fields.map((f) => ({ id: f.name, type: TYPE_NAMES[f.dataTypeID] ?? 'text', oid: f.dataTypeID }));
    const rows = result.rows.slice(0, rowLimit);
    const records = rows.map((row) => Object.fromEntries(fields.map((f) => [f.id, outputValue(row[f.id], f.oid)])));
    return { fields: fields.map(({ id, type }) => ({ id, type })), records, truncated: result.rows.length > rowLimit };
  } catch (error) {
    if (error instanceof SqlSearchError) throw error;
    const pgError = error as { code?: string; message?: string };
    if (!pgError.code) {
      broken = true;
      throw error;
    }
    // Read-only violations and missing privileges are refusals; anything else is the query's fault.
    if (pgError.code === '25006' || pgError.code === '42501') throw new SqlSearchError('forbidden', pgError.message ?? 'Access denied');
    if (pgError.code === '57014') throw new SqlSearchError('validation', 'Query took too long');
    throw new SqlSearchError('validation', pgError.message ?? 'Invalid query');
  } finally {
    try {
      if (!broken) await client.query('ROLLBACK');
    } catch {
      broken = true;
    }
    client.release(broken ? new Error('connection reset after a search') : undefined);
  }
}

function outputValue(value: unknown, oid: number): unknown {
  if (value === null || value === undefined) return null;
  if (oid === 1114 && typeof value === 'string') return value.replace(' ', 'T');
  if (oid === 1700 && typeof value === 'string') {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  return value;
}
