import type { Executor } from '../../../core/db/database.ts';
import { findResource, type Dataset, type Resource } from '../catalogue.queries.ts';
import type { TableInfo } from './search.ts';

/** A resource with its dataset and its datastore metadata (null before any import or create). */
export interface DatastoreResource {
  dataset: Dataset;
  resource: Resource;
  meta: Awaited<ReturnType<typeof loadMeta>>;
}

export function loadMeta(db: Executor, resourceId: string) {
  return db.selectFrom('open_data_datastore_tables').selectAll().where('resource_id', '=', resourceId).executeTakeFirst();
}

export async function loadDatastoreResource(db: Executor, resourceId: string): Promise<DatastoreResource | null> {
  const found = await findResource(db, resourceId);
  if (!found || found.dataset.state !== 'active') return null;
  return { ...found, meta: await loadMeta(db, resourceId) };
}

/** The searchable table of a resource, or null when its datastore is not active. */
export function tableOf(found: DatastoreResource): TableInfo | null {
  if (!found.resource.datastoreActive || !found.meta) return null;
  return { resourceId: found.resource.id, tableName: found.meta.table_name, fields: found.meta.fields };
}

/**
 * Tables datastore_search_sql may read: those of active resources of active datasets that are
 * public, or private and managed by the caller (`mayManage` on the dataset's entity).
 */
export async function readableTables(db: Executor, mayManage: (entityCode: string) => boolean): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('open_data_datastore_tables as t')
    .innerJoin('open_data_resources as r', 'r.id', 't.resource_id')
    .innerJoin('open_data_datasets as d', 'd.id', 'r.dataset_id')
    .select(['t.resource_id', 't.table_name', 'd.private', 'd.entity_code'])
    .where('r.state', '=', 'active')
    .where('r.datastore_active', '=', true)
    .where('d.state', '=', 'active')
    .execute();
  return new Map(rows.filter((r) => !r.private || mayManage(r.entity_code)).map((r) => [r.resource_id, r.table_name]));
}
