import { enqueueJob, PermanentJobError } from '../../../core/jobs/jobs.ts';
import type { Services } from '../../../core/modules/module.ts';
import { DATASTORE_IMPORT_JOB } from '../commands/add-resource.ts';
import { DatastoreImportError, importResource } from './import/import.ts';
import { sourceOf } from './import/sources.ts';
import { optimizeImportedTable } from './indexes.ts';

/** Indexes and statistics of a freshly imported table: a job of its own, queued by the import. */
export const DATASTORE_INDEX_JOB = 'open-data.datastore-index';

/**
 * `open-data.datastore-import`: queued with an uploaded CSV/XLSX resource (commands/add-resource),
 * it loads the file from the file store into the resource's datastore table. A file that cannot be
 * imported at all (empty, corrupt or truncated XLSX, content the database refuses) is recorded as
 * failed — the resource page says why — and the job fails at once: the same bytes would fail the
 * same way again. Any other failure (database or file store out of reach…) is retried by the queue.
 * Once the rows are live it queues `open-data.datastore-index`, so that a failure while indexing
 * is retried alone and never loads the whole file again.
 */
export async function datastoreImportJob(payload: { resourceId: string }, services: Services): Promise<void> {
  const { db } = services;
  const resource = await db.selectFrom('open_data_resources').select(['id', 'format', 'file_id', 'state']).where('id', '=', payload.resourceId).executeTakeFirst();
  if (!resource || resource.state !== 'active' || !resource.file_id) return;
  const file = await db.selectFrom('core_files').select(['sha256', 'size_bytes']).where('id', '=', resource.file_id).executeTakeFirst();
  if (!file) return;
  const format = resource.format === 'XLSX' ? 'xlsx' : 'csv';
  try {
    await importResource(db, resource.id, sourceOf(format, services.files.open(file.sha256)), { dbKind: services.dbKind, bytesTotal: Number(file.size_bytes) });
  } catch (error) {
    if (error instanceof DatastoreImportError) throw new PermanentJobError(`${error.code}: ${error.message}`, { cause: error });
    throw error;
  }
  await enqueueJob(db, DATASTORE_INDEX_JOB, { resourceId: resource.id });
}

/**
 * `open-data.datastore-index`: the indexes of every column and VACUUM (ANALYZE) of the live table
 * the import swapped in (the rows are searchable already; searches get fast once this is done).
 * Idempotent: indexes that exist are kept. Nothing to do if the resource is gone or a newer import
 * is under way (that one queues its own).
 */
export async function datastoreIndexJob(payload: { resourceId: string }, services: Services): Promise<void> {
  const meta = await services.db
    .selectFrom('open_data_datastore_tables')
    .select(['table_name', 'fields', 'import_status'])
    .where('resource_id', '=', payload.resourceId)
    .executeTakeFirst();
  if (!meta || meta.import_status !== 'done') return;
  await optimizeImportedTable(services.db, meta.table_name, meta.fields);
}

export const DATASTORE_JOBS = {
  [DATASTORE_IMPORT_JOB]: (payload: { resourceId: string }, services: Services) => datastoreImportJob(payload, services),
  [DATASTORE_INDEX_JOB]: (payload: { resourceId: string }, services: Services) => datastoreIndexJob(payload, services),
};
