import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { canTransition, isCauseState, type CauseState } from '../states.ts';
import { reindexCause } from './index-cause.ts';
import { changeState, lockCause } from './transition.ts';

export type HideOutcome = { ok: true } | { ok: false; reason: 'not_found' | 'already_done' };

/**
 * A moderator hides a comment with the public reason shown in its place. The text stays in the
 * database (and in the audit entry) for appeals, but is no longer shown. Audited as
 * `causes.hide-comment`.
 */
export async function hideComment(tx: Tx, input: { causeId: string; commentId: string; reason: string; actor: Actor; requestId?: string | null }): Promise<HideOutcome> {
  const comment = await tx
    .selectFrom('causes_comments')
    .select(['id', 'body', 'author_id', 'hidden_at'])
    .where('id', '=', input.commentId)
    .where('cause_id', '=', input.causeId)
    .forUpdate()
    .executeTakeFirst();
  if (!comment) return { ok: false, reason: 'not_found' };
  if (comment.hidden_at) return { ok: false, reason: 'already_done' };
  await tx.updateTable('causes_comments').set({ hidden_at: new Date().toISOString(), hidden_reason: input.reason, hidden_by: input.actor.userId }).where('id', '=', comment.id).execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'causes.hide-comment',
    resourceType: 'causes_comment',
    resourceId: comment.id,
    before: { body: comment.body, authorId: comment.author_id },
    after: { hiddenReason: input.reason },
    requestId: input.requestId ?? null,
  });
  return { ok: true };
}

/**
 * A moderator hides a whole cause with a public reason: it leaves lists and search, its page
 * says why, and followers (its author among them) are told. Audited as `causes.hide`.
 */
export async function hideCause(tx: Tx, input: { causeId: string; reason: string; actor: Actor; requestId?: string | null }): Promise<HideOutcome> {
  const cause = await lockCause(tx, input.causeId);
  if (!cause || (cause.state === 'draft') || (cause.state === 'withdrawn' && !cause.published_at)) return { ok: false, reason: 'not_found' };
  if (!canTransition(cause.state, 'hidden')) return { ok: false, reason: 'already_done' };
  const from = cause.state;
  await changeState(tx, cause, 'hidden', {
    actor: input.actor,
    body: input.reason,
    // A cause closed before (withdrawn, expired) keeps that date, for when it is restored.
    set: { hidden_reason: input.reason, hidden_by: input.actor.userId, closed_at: (cause.closed_at ?? new Date()).toISOString() },
    notifyKey: 'causes.notifications.hidden',
    vars: { reason: input.reason },
  });
  await reindexCause(tx, cause.id);
  await recordAudit(tx, { actor: input.actor, action: 'causes.hide', resourceType: 'causes_cause', resourceId: cause.id, before: { state: from }, after: { hiddenReason: input.reason }, requestId: input.requestId ?? null });
  return { ok: true };
}

/** States whose cause stays closed (with the date it closed) once restored. */
const CLOSED_STATES: readonly CauseState[] = ['expired', 'withdrawn'];

/**
 * A moderator restores a hidden cause when the reason no longer holds (a mistaken report, the
 * problem fixed): it goes back to the state it was hidden from, read from its timeline, with the
 * public reason there; lists and search show it again and its followers are told. A deadline that
 * passed meanwhile expires it as usual. Audited as `causes.restore`.
 */
export async function restoreCause(tx: Tx, input: { causeId: string; reason: string; actor: Actor; requestId?: string | null }): Promise<HideOutcome> {
  const cause = await lockCause(tx, input.causeId);
  if (!cause) return { ok: false, reason: 'not_found' };
  if (cause.state !== 'hidden') return { ok: false, reason: 'already_done' };
  const hiding = await tx
    .selectFrom('causes_events')
    .select('from_state')
    .where('cause_id', '=', cause.id)
    .where('kind', '=', 'state')
    .where('to_state', '=', 'hidden')
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  // A cause hidden without a timeline entry (loaded from elsewhere) was at least published.
  const to: CauseState = isCauseState(hiding?.from_state) && canTransition('hidden', hiding.from_state) ? hiding.from_state : 'published';
  const hiddenReason = cause.hidden_reason;
  await changeState(tx, cause, to, {
    actor: input.actor,
    body: input.reason,
    set: { hidden_reason: null, hidden_by: null, ...(CLOSED_STATES.includes(to) ? {} : { closed_at: null }) },
    notifyKey: 'causes.notifications.restored',
    vars: { reason: input.reason },
  });
  await reindexCause(tx, cause.id);
  await recordAudit(tx, {
    actor: input.actor,
    action: 'causes.restore',
    resourceType: 'causes_cause',
    resourceId: cause.id,
    before: { state: 'hidden', hiddenReason },
    after: { state: to, reason: input.reason },
    requestId: input.requestId ?? null,
  });
  return { ok: true };
}
