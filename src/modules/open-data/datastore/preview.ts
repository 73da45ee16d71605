import type { Executor } from '../../../core/db/database.ts';
import { DATASTORE_FORMATS } from '../catalogue.data.ts';
import type { Dataset, Resource } from '../catalogue.queries.ts';
import { loadMeta, tableOf } from './access.ts';
import { coordinateFields } from './formats.ts';
import { DatastoreQueryError, searchTable, type DatastoreResult } from './search.ts';

/**
 * What the resource page's preview shows, from the page's query string: `q` (full text), `campo` +
 * `valor` (one exact filter), `orden` + `dir` (sort) and `pagina`. Plain GET parameters, so the
 * table filters, sorts and pages without JavaScript.
 */

export const PREVIEW_PAGE_SIZE = 25;

export interface PreviewQuery {
  q: string;
  field: string;
  value: string;
  sort: string;
  direction: 'asc' | 'desc';
  page: number;
}

export interface PreviewData {
  datasetName: string;
  resource: Resource;
  query: PreviewQuery;
  /** The import's state (null: no import ever ran). */
  status: {
    state: 'queued' | 'running' | 'done' | 'failed';
    rows: number;
    bytesRead: number;
    bytesTotal: number | null;
    rejected: number;
    errors: { row: number; column: string | null; value: string | null; reason: string }[];
    message: string | null;
  } | null;
  /** Null when the resource has no active datastore. */
  table: (DatastoreResult & { total: number; geo: boolean }) | null;
  /** A filter the table could not apply (unknown column, value of the wrong type). */
  invalid: string | null;
}

const first = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '');

export function previewQuery(raw: Record<string, unknown>): PreviewQuery {
  return {
    q: first(raw.q).trim().slice(0, 200),
    field: first(raw.campo).slice(0, 100),
    value: first(raw.valor).slice(0, 200),
    sort: first(raw.orden).slice(0, 100),
    direction: first(raw.dir) === 'desc' ? 'desc' : 'asc',
    page: Math.max(1, Math.min(100_000, Number.parseInt(first(raw.pagina), 10) || 1)),
  };
}

/** The preview of a resource, or null when it has no datastore and none is coming. */
export async function loadPreview(db: Executor, dataset: Dataset, resource: Resource, raw: Record<string, unknown>): Promise<PreviewData | null> {
  const meta = await loadMeta(db, resource.id);
  const uploadedTabular = !!resource.fileId && DATASTORE_FORMATS.has(resource.format);
  if (!meta && !uploadedTabular) return null;
  const query = previewQuery(raw);
  const status: PreviewData['status'] =
    meta && meta.import_status !== 'none'
      ? {
          state: meta.import_status,
          rows: Number(meta.import_rows),
          bytesRead: Number(meta.import_bytes_read),
          bytesTotal: meta.import_bytes_total === null ? null : Number(meta.import_bytes_total),
          rejected: Number(meta.import_rejected),
          errors: meta.import_errors,
          message: meta.import_message,
        }
      : uploadedTabular && !resource.datastoreActive
        ? { state: 'queued', rows: 0, bytesRead: 0, bytesTotal: resource.size, rejected: 0, errors: [], message: null }
        : null;
  const info = tableOf({ dataset, resource, meta });
  if (!info) return { datasetName: dataset.name, resource, query, status, table: null, invalid: null };
  let invalid: string | null = null;
  let result: DatastoreResult | null = null;
  const base = { limit: PREVIEW_PAGE_SIZE, offset: (query.page - 1) * PREVIEW_PAGE_SIZE, includeTotal: true };
  const sortable = query.sort && (query.sort === '_id' || info.fields.some((f) => f.id === query.sort));
  try {
    result = await searchTable(db, info, {
      ...base,
      q: query.q || null,
      filters: query.field ? { [query.field]: query.value === '' ? null : query.value } : undefined,
      sort: sortable ? [{ field: query.sort, direction: query.direction }] : [],
    });
  } catch (error) {
    if (!(error instanceof DatastoreQueryError)) throw error;
    invalid = error.message;
    result = await searchTable(db, info, { ...base, offset: 0 });
  }
  return { datasetName: dataset.name, resource, query, status, table: { ...result, total: result.total ?? 0, geo: coordinateFields(info.fields) !== null }, invalid };
}
