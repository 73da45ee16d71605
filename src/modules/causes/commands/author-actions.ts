import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { CausesSettings } from '../causes.settings.ts';
import { notifyFollowers, recordEvent } from './cause-events.ts';
import { reindexCause } from './index-cause.ts';
import { changeState, lockCause } from './transition.ts';

export type AuthorRefusal = 'not_found' | 'not_author' | 'phase_closed';
export type AuthorOutcome = { ok: true } | { ok: false; reason: AuthorRefusal };

/**
 * Publishes a draft: supports open now for the configured number of days, toward the configured
 * threshold (both copied onto the cause, so later changes of settings do not move its goal).
 * Audited as `causes.publish`.
 */
export async function publishCause(tx: Tx, input: { causeId: string; actor: Actor; settings: CausesSettings; now?: Date; requestId?: string | null }): Promise<AuthorOutcome> {
  const now = input.now ?? new Date();
  const cause = await lockCause(tx, input.causeId);
  if (!cause) return { ok: false, reason: 'not_found' };
  if (cause.author_id !== input.actor.userId) return { ok: false, reason: 'not_author' };
  if (cause.state !== 'draft') return { ok: false, reason: 'phase_closed' };
  const deadline = new Date(now.getTime() + input.settings.support_days * 86_400_000);
  await changeState(tx, cause, 'published', {
    actor: input.actor,
    at: now,
    set: {
      published_at: now.toISOString(),
      deadline_at: deadline.toISOString(),
      threshold: input.settings.support_threshold,
      support_days: input.settings.support_days,
      answer_term_business_days: input.settings.answer_term_business_days,
    },
  });
  await reindexCause(tx, cause.id);
  await recordAudit(tx, {
    actor: input.actor,
    action: 'causes.publish',
    resourceType: 'causes_cause',
    resourceId: cause.id,
    after: { threshold: input.settings.support_threshold, deadline: deadline.toISOString() },
    requestId: input.requestId ?? null,
  });
  return { ok: true };
}

/**
 * The author withdraws a draft or a published cause (before it reaches the threshold: after that
 * an entity owes its supporters an answer). Followers are told. Audited as `causes.withdraw`.
 */
export async function withdrawCause(tx: Tx, input: { causeId: string; actor: Actor; now?: Date; requestId?: string | null }): Promise<AuthorOutcome> {
  const now = input.now ?? new Date();
  const cause = await lockCause(tx, input.causeId);
  if (!cause) return { ok: false, reason: 'not_found' };
  if (cause.author_id !== input.actor.userId) return { ok: false, reason: 'not_author' };
  const open = cause.state === 'draft' || (cause.state === 'published' && cause.deadline_at !== null && cause.deadline_at > now);
  if (!open) return { ok: false, reason: 'phase_closed' };
  await changeState(tx, cause, 'withdrawn', {
    actor: input.actor,
    at: now,
    set: { closed_at: now.toISOString() },
    notifyKey: cause.published_at ? 'causes.notifications.withdrawn' : undefined,
  });
  await reindexCause(tx, cause.id);
  await recordAudit(tx, { actor: input.actor, action: 'causes.withdraw', resourceType: 'causes_cause', resourceId: cause.id, requestId: input.requestId ?? null });
  return { ok: true };
}

const UPDATE_STATES = ['published', 'threshold_reached', 'in_response', 'answered', 'expired'];

/**
 * The author tells followers what happened since (a meeting, new evidence): a timeline entry and
 * a notification to every follower. Audited as `causes.post-update`.
 */
export async function postUpdate(tx: Tx, input: { causeId: string; actor: Actor; body: string; requestId?: string | null }): Promise<AuthorOutcome> {
  const cause = await lockCause(tx, input.causeId);
  if (!cause) return { ok: false, reason: 'not_found' };
  if (cause.author_id !== input.actor.userId) return { ok: false, reason: 'not_author' };
  if (!UPDATE_STATES.includes(cause.state)) return { ok: false, reason: 'phase_closed' };
  await recordEvent(tx, { causeId: cause.id, kind: 'update', actorId: input.actor.userId, body: input.body });
  await notifyFollowers(tx, { causeId: cause.id, key: 'causes.notifications.update', vars: { title: cause.title }, exceptUserId: input.actor.userId });
  await recordAudit(tx, { actor: input.actor, action: 'causes.post-update', resourceType: 'causes_cause', resourceId: cause.id, after: { length: input.body.length }, requestId: input.requestId ?? null });
  return { ok: true };
}
