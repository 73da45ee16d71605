import { recordAudit } from '../../../../core/audit/audit-log.ts';
import type { Tx } from '../../../../core/db/database.ts';
import type { Actor } from '../../../../core/permissions/permissions.ts';

export type CommentOutcome = { ok: true; id: string } | { ok: false; reason: 'parent_not_found' | 'reply_to_hidden' };

/**
 * A comment on a dataset, or a reply. Threads are one level deep: a reply to a reply joins the
 * thread of the comment that started it. Hidden comments take no replies. The body is checked by
 * the caller. Audited as `open-data.comment`.
 */
export async function addComment(tx: Tx, input: { datasetId: string; actor: Actor; body: string; parentId?: string | null; requestId?: string | null }): Promise<CommentOutcome> {
  let parentId: string | null = null;
  if (input.parentId) {
    const parent = await tx.selectFrom('open_data_comments').select(['id', 'parent_id', 'hidden']).where('id', '=', input.parentId).where('dataset_id', '=', input.datasetId).executeTakeFirst();
    if (!parent) return { ok: false, reason: 'parent_not_found' };
    if (parent.hidden) return { ok: false, reason: 'reply_to_hidden' };
    parentId = parent.parent_id ?? parent.id;
  }
  const row = await tx
    .insertInto('open_data_comments')
    .values({ dataset_id: input.datasetId, parent_id: parentId, author_id: input.actor.userId, body: input.body, created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, { actor: input.actor, action: 'open-data.comment', resourceType: 'open_data_comment', resourceId: row.id, after: { datasetId: input.datasetId, parentId }, requestId: input.requestId ?? null });
  return { ok: true, id: row.id };
}

export type ModerationOutcome = { ok: true } | { ok: false; reason: 'not_found' | 'already_done' };

/** A reader reports a comment to the moderators, once per person. Audited as `open-data.report-comment`. */
export async function reportComment(tx: Tx, input: { datasetId: string; commentId: string; actor: Actor; reason: string; requestId?: string | null }): Promise<ModerationOutcome> {
  const comment = await tx.selectFrom('open_data_comments').select(['id', 'hidden']).where('id', '=', input.commentId).where('dataset_id', '=', input.datasetId).executeTakeFirst();
  if (!comment) return { ok: false, reason: 'not_found' };
  // Already hidden: the moderators have dealt with it.
  if (comment.hidden) return { ok: false, reason: 'already_done' };
  const inserted = await tx
    .insertInto('open_data_comment_reports')
    .values({ comment_id: comment.id, reporter_id: input.actor.userId, reason: input.reason })
    .onConflict((oc) => oc.columns(['comment_id', 'reporter_id']).doNothing())
    .returning('comment_id')
    .executeTakeFirst();
  if (!inserted) return { ok: false, reason: 'already_done' };
  await recordAudit(tx, { actor: input.actor, action: 'open-data.report-comment', resourceType: 'open_data_comment', resourceId: comment.id, after: { reason: input.reason }, requestId: input.requestId ?? null });
  return { ok: true };
}

/**
 * A moderator hides a comment with the public reason shown in its place. The text stays in the
 * database (and in the audit entry) for appeals, but is no longer shown. Audited as
 * `open-data.hide-comment`.
 */
export async function hideComment(tx: Tx, input: { datasetId: string; commentId: string; reason: string; actor: Actor; requestId?: string | null }): Promise<ModerationOutcome> {
  const comment = await tx
    .selectFrom('open_data_comments')
    .select(['id', 'body', 'author_id', 'hidden'])
    .where('id', '=', input.commentId)
    .where('dataset_id', '=', input.datasetId)
    .forUpdate()
    .executeTakeFirst();
  if (!comment) return { ok: false, reason: 'not_found' };
  if (comment.hidden) return { ok: false, reason: 'already_done' };
  await tx
    .updateTable('open_data_comments')
    .set({ hidden: true, hidden_at: new Date().toISOString(), hidden_reason: input.reason, hidden_by: input.actor.userId })
    .where('id', '=', comment.id)
    .execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'open-data.hide-comment',
    resourceType: 'open_data_comment',
    resourceId: comment.id,
    before: { body: comment.body, authorId: comment.author_id },
    after: { hiddenReason: input.reason },
    requestId: input.requestId ?? null,
  });
  return { ok: true };
}
