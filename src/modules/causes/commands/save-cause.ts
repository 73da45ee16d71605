import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { CauseFields } from '../cause-form.ts';
import type { CausesSettings } from '../causes.settings.ts';
import { MAX_FILES } from '../cause-form.ts';
import { recordEvent } from './cause-events.ts';
import { reindexCause } from './index-cause.ts';
import { lockCause } from './transition.ts';

async function replaceLinks(tx: Tx, causeId: string, links: readonly string[]): Promise<void> {
  await tx.deleteFrom('causes_evidence_links').where('cause_id', '=', causeId).execute();
  if (links.length) await tx.insertInto('causes_evidence_links').values(links.map((url, position) => ({ cause_id: causeId, position, url }))).execute();
}

async function attachFiles(tx: Tx, causeId: string, fileIds: readonly string[], purpose: 'evidence' | 'answer'): Promise<void> {
  if (fileIds.length === 0) return;
  const last = await tx.selectFrom('causes_files').select((eb) => eb.fn.max('position').as('p')).where('cause_id', '=', causeId).executeTakeFirst();
  const start = last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1;
  await tx
    .insertInto('causes_files')
    .values(fileIds.map((file_id, i) => ({ cause_id: causeId, file_id, purpose, position: start + i })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
export { attachFiles };

/**
 * Creates a cause as a draft (visible to its author only), with its evidence links and files, and
 * makes the author follow it. The threshold, support period and answer term are the current
 * settings (refreshed again on publishing). Audited as `causes.create`.
 */
export async function createCause(
  tx: Tx,
  input: { actor: Actor; fields: CauseFields; fileIds: readonly string[]; settings: CausesSettings; requestId?: string | null },
): Promise<{ id: string }> {
  const { links, ...columns } = input.fields;
  const row = await tx
    .insertInto('causes_causes')
    .values({
      ...columns,
      author_id: input.actor.userId,
      state: 'draft',
      threshold: input.settings.support_threshold,
      support_days: input.settings.support_days,
      answer_term_business_days: input.settings.answer_term_business_days,
      updated_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceLinks(tx, row.id, links);
  await attachFiles(tx, row.id, input.fileIds.slice(0, MAX_FILES), 'evidence');
  await tx.insertInto('causes_follows').values({ cause_id: row.id, user_id: input.actor.userId }).execute();
  await recordEvent(tx, { causeId: row.id, kind: 'created', actorId: input.actor.userId });
  await recordAudit(tx, {
    actor: input.actor,
    action: 'causes.create',
    resourceType: 'causes_cause',
    resourceId: row.id,
    after: { title: columns.title, localidad: columns.localidad_code, topic: columns.topic_code, entity: columns.target_entity_code, files: input.fileIds.length },
    requestId: input.requestId ?? null,
  });
  return row;
}

export type UpdateOutcome = { ok: true } | { ok: false; reason: 'not_found' | 'not_author' | 'phase_closed' | 'too_many_files' };

/**
 * Edits a draft or a published cause without supports: the lock and the recheck make sure no
 * support slipped in since the page was shown (supporters must find what they supported). Removes
 * the files asked for and adds the new ones (at most MAX_FILES in all). Audited as `causes.edit`
 * with the text before and after.
 */
export async function updateCause(
  tx: Tx,
  input: { causeId: string; actor: Actor; fields: CauseFields; addFileIds: readonly string[]; removeFileIds: readonly string[]; requestId?: string | null },
): Promise<UpdateOutcome> {
  const cause = await lockCause(tx, input.causeId);
  if (!cause) return { ok: false, reason: 'not_found' };
  if (cause.author_id !== input.actor.userId) return { ok: false, reason: 'not_author' };
  if ((cause.state !== 'draft' && cause.state !== 'published') || cause.supports_count > 0 || (cause.deadline_at && cause.deadline_at <= new Date())) return { ok: false, reason: 'phase_closed' };
  const before = await tx.selectFrom('causes_causes').select(['title', 'problem', 'evidence', 'localidad_code', 'topic_code', 'target_entity_code']).where('id', '=', cause.id).executeTakeFirstOrThrow();
  // Checked before anything is written: a refusal must leave the cause as it was.
  const current = await tx.selectFrom('causes_files').select('file_id').where('cause_id', '=', cause.id).where('purpose', '=', 'evidence').execute();
  const kept = current.filter((f) => !input.removeFileIds.includes(f.file_id));
  if (kept.length + input.addFileIds.length > MAX_FILES) return { ok: false, reason: 'too_many_files' };
  if (kept.length < current.length) {
    await tx.deleteFrom('causes_files').where('cause_id', '=', cause.id).where('purpose', '=', 'evidence').where('file_id', 'in', [...input.removeFileIds]).execute();
  }
  const { links, ...columns } = input.fields;
  await tx.updateTable('causes_causes').set({ ...columns, updated_at: new Date().toISOString() }).where('id', '=', cause.id).execute();
  await replaceLinks(tx, cause.id, links);
  await attachFiles(tx, cause.id, input.addFileIds, 'evidence');
  await reindexCause(tx, cause.id);
  await recordAudit(tx, {
    actor: input.actor,
    action: 'causes.edit',
    resourceType: 'causes_cause',
    resourceId: cause.id,
    before,
    after: { ...columns, links, addedFiles: input.addFileIds.length, removedFiles: input.removeFileIds.length },
    requestId: input.requestId ?? null,
  });
  return { ok: true };
}
