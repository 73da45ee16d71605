import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { answerDueDate } from '../answer-due-date.ts';
import { collectsSupports } from '../states.ts';
import { entityOfficials } from './cause-events.ts';
import { changeState, lockCause, type LockedCause } from './transition.ts';

export type SupportRefusal = 'not_found' | 'phase_closed' | 'hidden' | 'already_done' | 'not_verified';
export type SupportOutcome = { ok: true; supports: number; thresholdReached: boolean } | { ok: false; reason: SupportRefusal };

/** The keyed identity hash of the person's current (unexpired) verification, if any. */
export async function currentIdentityHash(tx: Tx, userId: string, now: Date): Promise<string | null> {
  const row = await tx
    .selectFrom('core_identities')
    .select('identity_hash')
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString() as never)
    .executeTakeFirst();
  return row?.identity_hash ?? null;
}

/** Why supports cannot change now, if they cannot. Drafts are not public: they do not exist for others. */
function closedReason(cause: LockedCause | undefined, now: Date): SupportRefusal | null {
  if (!cause || cause.state === 'draft' || (cause.state === 'withdrawn' && !cause.published_at)) return 'not_found';
  if (cause.state === 'hidden') return 'hidden';
  return collectsSupports(cause, now) ? null : 'phase_closed';
}

/**
 * The cause reached its threshold: the entity asked (or the module's default entity) now owes an
 * answer within the cause's term of business days. Followers and the entity's officials are told.
 */
async function reachThreshold(tx: Tx, cause: LockedCause, actor: Actor, defaultEntity: string, now: Date): Promise<void> {
  let entityCode = cause.target_entity_code;
  if (!entityCode) {
    // A mistyped setting must not block the cause: IDPAC (participation) answers then.
    const known = await tx.selectFrom('core_entities').select('code').where('code', 'in', [defaultEntity, 'idpac']).execute();
    entityCode = known.some((e) => e.code === defaultEntity) ? defaultEntity : 'idpac';
  }
  const entity = await tx.selectFrom('core_entities').select('name').where('code', '=', entityCode).executeTakeFirstOrThrow();
  await changeState(tx, cause, 'threshold_reached', {
    actor,
    at: now,
    set: { threshold_reached_at: now.toISOString(), answer_due_on: answerDueDate(now, cause.answer_term_business_days), target_entity_code: entityCode },
    notifyKey: 'causes.notifications.threshold_reached',
    vars: { threshold: cause.threshold, entity: entity.name },
    alsoNotify: await entityOfficials(tx, entityCode),
  });
}

/**
 * Supports a cause for the person (or for a present citizen, when a desk clerk acts for them:
 * `actor.assistedBy`). One support per identity: the primary key (cause, identity hash) decides,
 * whatever the account. The cause row is locked first, so the counter moves one by one and exactly
 * one support crosses the threshold. The supporter starts following the cause. Audited as
 * `causes.support` (with the clerk for assisted supports).
 */
export async function supportCause(
  tx: Tx,
  input: { causeId: string; actor: Actor; defaultEntity: string; now?: Date; requestId?: string | null },
): Promise<SupportOutcome> {
  const now = input.now ?? new Date();
  const identity = await currentIdentityHash(tx, input.actor.userId, now);
  const cause = await lockCause(tx, input.causeId);
  const closed = closedReason(cause, now);
  if (closed) return { ok: false, reason: closed };
  if (!identity) return { ok: false, reason: 'not_verified' };
  const inserted = await tx
    .insertInto('causes_supports')
    .values({ cause_id: cause!.id, identity_hash: identity, user_id: input.actor.userId, assisted_by: input.actor.assistedBy?.clerkId ?? null, created_at: now })
    .onConflict((oc) => oc.columns(['cause_id', 'identity_hash']).doNothing())
    .returning('cause_id')
    .executeTakeFirst();
  if (!inserted) return { ok: false, reason: 'already_done' };
  const supports = cause!.supports_count + 1;
  await tx.updateTable('causes_causes').set({ supports_count: supports }).where('id', '=', cause!.id).execute();
  await tx.insertInto('causes_follows').values({ cause_id: cause!.id, user_id: input.actor.userId }).onConflict((oc) => oc.doNothing()).execute();
  const thresholdReached = cause!.state === 'published' && supports >= cause!.threshold;
  if (thresholdReached) await reachThreshold(tx, cause!, input.actor, input.defaultEntity, now);
  await recordAudit(tx, {
    actor: input.actor,
    action: 'causes.support',
    resourceType: 'causes_cause',
    resourceId: cause!.id,
    after: { supports, ...(thresholdReached ? { thresholdReached: true } : {}), ...(input.actor.assistedBy ? { assistedBy: input.actor.assistedBy } : {}) },
    requestId: input.requestId ?? null,
  });
  return { ok: true, supports, thresholdReached };
}

/**
 * Withdraws the person's support while supports are open. A cause that already reached its
 * threshold keeps that state: reaching it is an event that started the entity's term. Audited as
 * `causes.unsupport`.
 */
export async function withdrawSupport(tx: Tx, input: { causeId: string; actor: Actor; now?: Date; requestId?: string | null }): Promise<SupportOutcome> {
  const now = input.now ?? new Date();
  const identity = await currentIdentityHash(tx, input.actor.userId, now);
  const cause = await lockCause(tx, input.causeId);
  const closed = closedReason(cause, now);
  if (closed) return { ok: false, reason: closed };
  const removed = await tx
    .deleteFrom('causes_supports')
    .where('cause_id', '=', cause!.id)
    .where((eb) => (identity ? eb('identity_hash', '=', identity) : eb('user_id', '=', input.actor.userId)))
    .returning('cause_id')
    .executeTakeFirst();
  if (!removed) return { ok: false, reason: 'already_done' };
  const supports = cause!.supports_count - 1;
  await tx.updateTable('causes_causes').set({ supports_count: supports }).where('id', '=', cause!.id).execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'causes.unsupport',
    resourceType: 'causes_cause',
    resourceId: cause!.id,
    after: { supports, ...(input.actor.assistedBy ? { assistedBy: input.actor.assistedBy } : {}) },
    requestId: input.requestId ?? null,
  });
  return { ok: true, supports, thresholdReached: false };
}
