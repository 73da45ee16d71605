import { CkanAuthorizationError, CkanNotFoundError, CkanValidationError, type CkanActionContext, type CkanActionDefinition, type CkanParams } from '../ckan/action.ts';
import { boolParam, intParam, listParam, requiredString, stringParam } from '../ckan/params.ts';
import { addResource } from '../commands/add-resource.ts';
import { findDataset } from '../catalogue.queries.ts';
import { resourcePath } from '../paths.ts';
import { loadDatastoreResource, readableTables, tableOf, type DatastoreResource } from './access.ts';
import { toDelimited } from './formats.ts';
import { DatastoreQueryError, parseSort, searchTable, type Scalar } from './search.ts';
import { runSqlSearch, SqlSearchError } from './sql-search.ts';
import { DatastoreWriteError, ensureTable, fieldsFromParams, writeRecords } from './write.ts';

/**
 * The DataStore actions of the CKAN API (datastore_search, datastore_search_sql, datastore_create,
 * datastore_upsert), with CKAN's parameters, result keys and errors (standards.md §1.3). The
 * catalogue's dispatcher merges these with its own actions.
 */

const ROWS_MAX = 32000;
const SEARCH_PARAMS = ['resource_id', 'id', 'filters', 'q', 'full_text', 'plain', 'language', 'distinct', 'limit', 'offset', 'fields', 'sort', 'include_total', 'total_estimation_threshold', 'records_format', 'include_next_page'];

const mayManage = (ctx: CkanActionContext, entityCode: string) => {
  const actor = ctx.caller?.actor ?? null;
  return !!actor && ctx.request.server.gab.registry.can('open-data', 'manage-datasets', actor, { entityCode }).allowed;
};

/** A JSON object parameter given as an object or as a JSON string. */
function objectParam(params: CkanParams, key: string): Record<string, unknown> | undefined {
  const raw = params[key];
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'object' && !Array.isArray(raw)) return raw as Record<string, unknown>;
  if (typeof raw === 'string' && raw.trim().startsWith('{')) {
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // falls through to the validation error
    }
  }
  throw new CkanValidationError({ [key]: ['Could not parse as valid JSON'] });
}

/** A readable resource with an active datastore: 404 / 403 exactly as CKAN. */
async function readable(ctx: CkanActionContext, id: string): Promise<DatastoreResource> {
  const found = await loadDatastoreResource(ctx.services.db, id);
  if (!found) throw new CkanNotFoundError(`Resource "${id}" was not found.`);
  if (found.dataset.private && !mayManage(ctx, found.dataset.organization.code)) throw new CkanAuthorizationError(`User not authorized to read resource ${id}`);
  if (!tableOf(found)) throw new CkanNotFoundError(`Resource "${id}" was not found.`);
  return found;
}

/** A resource the caller's token may write the datastore of. */
async function writable(ctx: CkanActionContext, id: string): Promise<DatastoreResource> {
  if (!ctx.caller || !ctx.caller.scopes.includes('write')) throw new CkanAuthorizationError('an API token with the write scope is required');
  const found = await loadDatastoreResource(ctx.services.db, id);
  if (!found) throw new CkanNotFoundError(`Resource "${id}" was not found.`);
  if (!mayManage(ctx, found.dataset.organization.code) || found.dataset.sourceExport) throw new CkanAuthorizationError(`User not authorized to update resource ${id}`);
  return found;
}

const queryError = (error: unknown): never => {
  if (error instanceof DatastoreQueryError) throw new CkanValidationError({ [error.parameter]: [error.message] });
  if (error instanceof DatastoreWriteError) throw new CkanValidationError(error.fields);
  throw error;
};

/** `_links` as CKAN 2.9–2.11 build them: the call itself, and the same with the next offset. */
function links(params: CkanParams, offset: number, limit: number) {
  const base = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (k === 'offset' || v === undefined || v === null) continue;
    for (const item of Array.isArray(v) && k !== 'fields' ? v : [v]) base.append(k, typeof item === 'object' ? JSON.stringify(item) : String(item));
  }
  const start = `/api/3/action/datastore_search?${base}`;
  const next = new URLSearchParams(base);
  next.set('offset', String(offset + limit));
  return { start, next: `/api/3/action/datastore_search?${next}` };
}

function filtersOf(params: CkanParams): Record<string, Scalar | Scalar[]> | undefined {
  const filters = objectParam(params, 'filters');
  if (!filters) return undefined;
  for (const [k, v] of Object.entries(filters)) {
    const values = Array.isArray(v) ? v : [v];
    if (values.some((x) => x !== null && typeof x === 'object')) throw new CkanValidationError({ filters: [`invalid value for field "${k}"`] });
  }
  return filters as Record<string, Scalar | Scalar[]>;
}

function qOf(params: CkanParams): string | Record<string, string> | undefined {
  const raw = params.q;
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'object' && !Array.isArray(raw)) return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
  const text = stringParam(params, 'q')!;
  if (text.trim().startsWith('{')) return Object.fromEntries(Object.entries(objectParam(params, 'q')!).map(([k, v]) => [k, String(v)]));
  return text;
}

function fieldsOf(params: CkanParams): string[] | undefined {
  const list = listParam(params, 'fields');
  if (!list) return undefined;
  return list.flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
}

const run = (sideEffectFree: boolean, fn: (ctx: CkanActionContext) => Promise<unknown>): CkanActionDefinition => ({ sideEffectFree, run: fn });

export const DATASTORE_ACTIONS: Record<string, CkanActionDefinition> = {
  datastore_search: run(true, async (ctx) => {
    const params = Object.fromEntries(Object.entries(ctx.params).filter(([k]) => SEARCH_PARAMS.includes(k)));
    const id = stringParam(params, 'resource_id')?.trim() || requiredString(params, 'id');
    const limit = intParam(params, 'limit', 100, { max: ROWS_MAX });
    const offset = intParam(params, 'offset', 0);
    const includeTotal = boolParam(params, 'include_total', true);
    const format = stringParam(params, 'records_format') ?? 'objects';
    if (!['objects', 'lists', 'csv', 'tsv'].includes(format)) throw new CkanValidationError({ records_format: ['Value must be one of: objects, lists, csv, tsv'] });
    const found = await readable(ctx, id);
    const table = tableOf(found)!;
    const filters = filtersOf(params);
    const q = qOf(params);
    const sortText = stringParam(params, 'sort');
    let result;
    try {
      const sort = sortText ? parseSort(table, sortText) : [];
      result = await searchTable(ctx.services.db, table, { filters, q, fields: fieldsOf(params), sort, limit, offset, includeTotal });
    } catch (error) {
      return queryError(error);
    }
    const ids = result.fields.map((f) => f.id);
    const records =
      format === 'objects'
        ? result.records
        : format === 'lists'
          ? result.records.map((r) => ids.map((k) => r[k]))
          : toDelimited(result.records.map((r) => ids.map((k) => r[k])), format === 'csv' ? ',' : '\t');
    return {
      include_total: includeTotal,
      limit,
      records_format: format,
      resource_id: found.resource.id,
      total_estimation_threshold: null,
      records,
      fields: result.fields,
      ...(filters ? { filters } : {}),
      ...(q !== undefined ? { q } : {}),
      ...(sortText ? { sort: sortText } : {}),
      ...(params.offset !== undefined ? { offset } : {}),
      _links: links({ ...params, resource_id: found.resource.id, id: undefined }, offset, limit),
      ...(includeTotal ? { total: result.total, total_was_estimated: false } : {}),
    };
  }),

  datastore_search_sql: run(true, async (ctx) => {
    const text = requiredString(ctx.params, 'sql');
    try {
      const tables = await readableTables(ctx.services.db, (entity) => mayManage(ctx, entity));
      const result = await runSqlSearch(ctx.services.db, text, { readable: tables, rowLimit: ROWS_MAX, timeoutMs: 10_000 });
      return { sql: text, records: result.records, fields: result.fields, ...(result.truncated ? { records_truncated: true } : {}) };
    } catch (error) {
      if (error instanceof SqlSearchError) {
        if (error.kind === 'forbidden') throw new CkanAuthorizationError(error.message);
        throw new CkanValidationError({ query: [error.message] });
      }
      throw error;
    }
  }),

  datastore_create: run(false, async (ctx) => {
    let id = stringParam(ctx.params, 'resource_id')?.trim();
    const resourceSpec = ctx.params.resource;
    if (!id && resourceSpec && typeof resourceSpec === 'object') id = await createResource(ctx, resourceSpec as Record<string, unknown>);
    if (!id) throw new CkanValidationError({ resource_id: ['Missing value'] });
    const found = await writable(ctx, id);
    const primaryKey = listParam(ctx.params, 'primary_key')?.flatMap((k) => k.split(',')).map((k) => k.trim()).filter(Boolean) ?? [];
    try {
      const fields = fieldsFromParams(ctx.params.fields);
      const saved = await ctx.services.db.transaction().execute(async (tx) => {
        const all = await ensureTable(tx, found.resource.id, fields, primaryKey);
        await writeRecords(tx, found.resource.id, ctx.params.records, 'insert');
        return all;
      });
      return { resource_id: found.resource.id, fields: [{ id: '_id', type: 'int' }, ...saved], ...(primaryKey.length ? { primary_key: primaryKey } : {}), method: 'insert' };
    } catch (error) {
      return queryError(error);
    }
  }),

  datastore_upsert: run(false, async (ctx) => {
    const id = stringParam(ctx.params, 'resource_id')?.trim() || requiredString(ctx.params, 'id');
    const found = await writable(ctx, id);
    if (!tableOf(found)) throw new CkanNotFoundError(`Resource "${id}" was not found.`);
    const method = stringParam(ctx.params, 'method') ?? 'upsert';
    if (method !== 'upsert' && method !== 'insert' && method !== 'update') throw new CkanValidationError({ method: ['Value must be one of: upsert, insert, update'] });
    try {
      await ctx.services.db.transaction().execute((tx) => writeRecords(tx, found.resource.id, ctx.params.records, method));
    } catch (error) {
      return queryError(error);
    }
    return { resource_id: found.resource.id, method, records: ctx.params.records ?? [] };
  }),
};

/** datastore_create with `resource: {package_id, name}`: a new resource whose data is the datastore. */
async function createResource(ctx: CkanActionContext, spec: Record<string, unknown>): Promise<string> {
  if (!ctx.caller || !ctx.caller.scopes.includes('write')) throw new CkanAuthorizationError('an API token with the write scope is required');
  const packageId = typeof spec.package_id === 'string' ? spec.package_id : '';
  if (!packageId) throw new CkanValidationError({ resource: ['package_id: Missing value'] });
  const dataset = await findDataset(ctx.services.db, packageId);
  if (!dataset || dataset.state !== 'active') throw new CkanNotFoundError('Dataset was not found.');
  if (!mayManage(ctx, dataset.organization.code) || dataset.sourceExport) throw new CkanAuthorizationError(`User not authorized to edit package ${packageId}`);
  const name = (typeof spec.name === 'string' && spec.name.trim()) || 'Datos';
  const resource = await ctx.services.db.transaction().execute(async (tx) => {
    const created = await addResource(tx, {
      datasetId: dataset.id,
      resource: { name: name.slice(0, 300), description: typeof spec.description === 'string' ? spec.description : '', format: 'CSV', url: '/', file: null },
      actor: ctx.caller!.actor,
      now: new Date(),
      requestId: ctx.request.id,
    });
    // The data of such a resource is its datastore: its link is the CSV download.
    await tx.updateTable('open_data_resources').set({ url: `${resourcePath(dataset.name, created.id)}/datos.csv` }).where('id', '=', created.id).execute();
    return created;
  });
  return resource.id;
}
