import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

export type CommentOutcome = { ok: true; id: string } | { ok: false; reason: 'parent_not_found' | 'reply_to_hidden' };

/**
 * A comment on a cause, or a reply. Threads are one level deep: a reply to a reply joins the
 * thread of the comment that started it. Hidden comments take no replies. The body is checked by
 * the caller. Audited as `causes.comment`.
 */
export async function addComment(tx: Tx, input: { causeId: string; actor: Actor; body: string; parentId?: string | null; requestId?: string | null }): Promise<CommentOutcome> {
  let parentId: string | null = null;
  if (input.parentId) {
    const parent = await tx.selectFrom('causes_comments').select(['id', 'parent_id', 'hidden_at']).where('id', '=', input.parentId).where('cause_id', '=', input.causeId).executeTakeFirst();
    if (!parent) return { ok: false, reason: 'parent_not_found' };
    if (parent.hidden_at) return { ok: false, reason: 'reply_to_hidden' };
    parentId = parent.parent_id ?? parent.id;
  }
  const row = await tx
    .insertInto('causes_comments')
    .values({ cause_id: input.causeId, parent_id: parentId, author_id: input.actor.userId, body: input.body, created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, { actor: input.actor, action: 'causes.comment', resourceType: 'causes_comment', resourceId: row.id, after: { causeId: input.causeId, parentId }, requestId: input.requestId ?? null });
  return { ok: true, id: row.id };
}

export type ReportOutcome = { ok: true } | { ok: false; reason: 'not_found' | 'already_done' };

/**
 * A reader reports a comment (or, with no `commentId`, the cause itself) to the moderators, once
 * per person. Audited as `causes.report`.
 */
export async function report(tx: Tx, input: { causeId: string; commentId?: string | null; actor: Actor; reason: string; requestId?: string | null }): Promise<ReportOutcome> {
  let inserted: unknown;
  if (input.commentId) {
    const comment = await tx.selectFrom('causes_comments').select(['id', 'hidden_at']).where('id', '=', input.commentId).where('cause_id', '=', input.causeId).executeTakeFirst();
    if (!comment) return { ok: false, reason: 'not_found' };
    // Already hidden: the moderators have dealt with it.
    if (comment.hidden_at) return { ok: false, reason: 'already_done' };
    inserted = await tx
      .insertInto('causes_comment_reports')
      .values({ comment_id: comment.id, reporter_id: input.actor.userId, reason: input.reason })
      .onConflict((oc) => oc.columns(['comment_id', 'reporter_id']).doNothing())
      .returning('comment_id')
      .executeTakeFirst();
  } else {
    inserted = await tx
      .insertInto('causes_cause_reports')
      .values({ cause_id: input.causeId, reporter_id: input.actor.userId, reason: input.reason })
      .onConflict((oc) => oc.columns(['cause_id', 'reporter_id']).doNothing())
      .returning('cause_id')
      .executeTakeFirst();
  }
  if (!inserted) return { ok: false, reason: 'already_done' };
  await recordAudit(tx, {
    actor: input.actor,
    action: 'causes.report',
    resourceType: input.commentId ? 'causes_comment' : 'causes_cause',
    resourceId: input.commentId ?? input.causeId,
    after: { reason: input.reason },
    requestId: input.requestId ?? null,
  });
  return { ok: true };
}
