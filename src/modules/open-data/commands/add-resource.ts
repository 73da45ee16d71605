import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { enqueueJob } from '../../../core/jobs/jobs.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { DATASTORE_FORMATS, MIME_TYPES } from '../catalogue.data.ts';
import { resourceOf, type Resource } from '../catalogue.queries.ts';
import { bumpVersion } from './save-dataset.ts';

/** Name of the datastore engineer's import job (datastore/jobs.ts). */
export const DATASTORE_IMPORT_JOB = 'open-data.datastore-import';

export interface ResourceInput {
  name: string;
  description: string;
  format: string;
  url: string | null;
  file: { id: string; sizeBytes: number } | null;
}

/**
 * Appends a resource to a dataset (next position). An uploaded CSV or XLSX is queued for the
 * datastore import in the same transaction, so the job exists exactly when the resource does.
 */
export async function addResource(tx: Tx, input: { datasetId: string; resource: ResourceInput; actor: Actor | null; now: Date; requestId?: string | null }): Promise<Resource> {
  const { resource } = input;
  const last = await tx.selectFrom('open_data_resources').select((eb) => eb.fn.max('position').as('max')).where('dataset_id', '=', input.datasetId).executeTakeFirst();
  const position = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
  const row = await tx
    .insertInto('open_data_resources')
    .values({
      dataset_id: input.datasetId,
      position,
      name: resource.name,
      description: resource.description,
      format: resource.format,
      mimetype: MIME_TYPES[resource.format] ?? null,
      url: resource.file ? null : resource.url,
      file_id: resource.file?.id ?? null,
      size: resource.file?.sizeBytes ?? null,
      created_at: input.now.toISOString(),
      modified_at: input.now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (resource.file && DATASTORE_FORMATS.has(resource.format)) await enqueueJob(tx, DATASTORE_IMPORT_JOB, { resourceId: row.id });
  await bumpVersion(tx, input.datasetId, input.actor, input.now);
  await recordAudit(tx, { actor: input.actor, action: 'open-data.create-resource', resourceType: 'open_data_resource', resourceId: row.id, after: row, requestId: input.requestId });
  return resourceOf(row);
}
