import { recordAudit } from '../../../../core/audit/audit-log.ts';
import type { Tx } from '../../../../core/db/database.ts';
import type { Actor } from '../../../../core/permissions/permissions.ts';
import type { ReuseFields } from '../forms.ts';

/** Publishes a reuse linked to the datasets it uses (checked by the caller). Audited as `open-data.publish-reuse`. */
export async function createReuse(tx: Tx, input: { fields: ReuseFields; imageFileId: string | null; actor: Actor; requestId?: string | null }): Promise<string> {
  const { fields } = input;
  const row = await tx
    .insertInto('open_data_reuses')
    .values({ title: fields.title, description: fields.description, kind: fields.kind, url: fields.url, image_file_id: input.imageFileId, author_id: input.actor.userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('open_data_reuse_datasets')
    .values(fields.datasetIds.map((dataset_id) => ({ reuse_id: row.id, dataset_id })))
    .execute();
  await recordAudit(tx, { actor: input.actor, action: 'open-data.publish-reuse', resourceType: 'open_data_reuse', resourceId: row.id, after: { title: fields.title, datasets: fields.datasetIds }, requestId: input.requestId ?? null });
  return row.id;
}

export type HideOutcome = { ok: true } | { ok: false; reason: 'not_found' | 'already_done' };

/**
 * A moderator hides a reuse with a public reason: it leaves every list and dataset page, and its
 * own page shows only the reason. Audited as `open-data.hide-reuse`.
 */
export async function hideReuse(tx: Tx, input: { id: string; reason: string; actor: Actor; requestId?: string | null }): Promise<HideOutcome> {
  const reuse = await tx.selectFrom('open_data_reuses').select(['id', 'title', 'hidden']).where('id', '=', input.id).forUpdate().executeTakeFirst();
  if (!reuse) return { ok: false, reason: 'not_found' };
  if (reuse.hidden) return { ok: false, reason: 'already_done' };
  await tx
    .updateTable('open_data_reuses')
    .set({ hidden: true, hidden_reason: input.reason, hidden_at: new Date().toISOString(), hidden_by: input.actor.userId })
    .where('id', '=', reuse.id)
    .execute();
  await recordAudit(tx, { actor: input.actor, action: 'open-data.hide-reuse', resourceType: 'open_data_reuse', resourceId: reuse.id, before: { title: reuse.title }, after: { hiddenReason: input.reason }, requestId: input.requestId ?? null });
  return { ok: true };
}
