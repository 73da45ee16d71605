import { PermanentJobError } from '../../../core/jobs/jobs.ts';
import type { Services } from '../../../core/modules/module.ts';
import { DATASTORE_IMPORT_JOB } from '../commands/add-resource.ts';
import { DatastoreImportError, importResource } from './import/import.ts';
import { sourceOf } from './import/sources.ts';
import { optimizeImportedTable } from './indexes.ts';
import { tableNameOf } from './table-names.ts';

/**
 * `open-data.datastore-import`: queued with an uploaded CSV/XLSX resource (commands/add-resource),
 * it loads the file from the file store into the resource's datastore table. A file that cannot be
 * imported at all (empty, corrupt or truncated XLSX, content the database refuses) is recorded as
 * failed — the resource page says why — and the job fails at once: the same bytes would fail the
 * same way again. Any other failure (database or file store out of reach…) is retried by the queue.
 */
export async function datastoreImportJob(payload: { resourceId: string }, services: Services): Promise<void> {
  const { db } = services;
  const resource = await db.selectFrom('open_data_resources').select(['id', 'format', 'file_id', 'state']).where('id', '=', payload.resourceId).executeTakeFirst();
  if (!resource || resource.state !== 'active' || !resource.file_id) return;
  const file = await db.selectFrom('core_files').select(['sha256', 'size_bytes']).where('id', '=', resource.file_id).executeTakeFirst();
  if (!file) return;
  const format = resource.format === 'XLSX' ? 'xlsx' : 'csv';
  try {
    const report = await importResource(db, resource.id, sourceOf(format, services.files.open(file.sha256)), { dbKind: services.dbKind, bytesTotal: Number(file.size_bytes) });
    // The rows are live already; searches get fast once the indexes are built.
    await optimizeImportedTable(db, tableNameOf(resource.id), report.fields);
  } catch (error) {
    if (error instanceof DatastoreImportError) throw new PermanentJobError(`${error.code}: ${error.message}`, { cause: error });
    throw error;
  }
}

export const DATASTORE_JOBS = {
  [DATASTORE_IMPORT_JOB]: (payload: { resourceId: string }, services: Services) => datastoreImportJob(payload, services),
};
