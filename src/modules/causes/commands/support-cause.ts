import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { answerDueDate } from '../answer-due-date.ts';
import { readCausesSettings } from '../causes.settings.ts';
import { collectsSupports } from '../states.ts';
import { entityOfficials } from './cause-events.ts';
import { changeState, type LockedCause } from './transition.ts';

export type SupportRefusal = 'not_found' | 'phase_closed' | 'hidden' | 'already_done' | 'not_verified';
export type SupportOutcome = { ok: true; supports: number; thresholdReached: boolean } | { ok: false; reason: SupportRefusal };

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
async function reachThreshold(tx: Tx, cause: LockedCause, actor: Actor, defaultEntity: string | undefined, now: Date): Promise<void> {
  let entityCode = cause.target_entity_code;
  if (!entityCode) {
    defaultEntity ??= (await readCausesSettings(tx)).default_answer_entity;
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
 * The first look, without a lock, in one round trip: the cause, and the keyed hash of the person's
 * current (unexpired) verified identity. The closing conditions are checked again under the lock.
 */
async function firstLook(tx: Tx, causeId: string, userId: string, now: Date): Promise<{ cause: LockedCause | undefined; identity: string | null }> {
  const identity = tx
    .selectFrom('core_identities')
    .select('identity_hash')
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString() as never)
    .limit(1);
  const row = await tx
    .selectFrom('causes_causes')
    .select(['id', 'title', 'author_id', 'state', 'threshold', 'supports_count', 'support_days', 'answer_term_business_days', 'target_entity_code', 'published_at', 'deadline_at', 'answer_due_on'])
    .select(identity.as('identity_hash'))
    .where('id', '=', causeId)
    .executeTakeFirst();
  if (!row) return { cause: undefined, identity: null };
  const { identity_hash, ...cause } = row;
  return { cause, identity: identity_hash };
}

/**
 * Moves the counter by `delta` under the row lock this UPDATE takes (held until commit): concurrent
 * supports of one cause take turns only here, for the last statements of their transaction. The
 * condition re-checks, under that lock, that the cause still collects supports (the expiry job or
 * a moderator may have closed it since the first look). Returns the new count and the state, or
 * nothing if the cause closed.
 */
function moveCounter(tx: Tx, causeId: string, delta: 1 | -1, now: Date) {
  return tx
    .updateTable('causes_causes')
    .set((eb) => ({ supports_count: eb('supports_count', '+', delta) }))
    .where('id', '=', causeId)
    .where('state', 'in', ['published', 'threshold_reached'])
    .where('deadline_at', '>', now.toISOString() as never)
    .returning(['supports_count', 'state'])
    .executeTakeFirst();
}

/**
 * Supports a cause for the person (or for a present citizen, when a desk clerk acts for them:
 * `actor.assistedBy`). One support per identity: the primary key (cause, identity hash) decides,
 * whatever the account; a concurrent attempt with the same identity waits for the first to commit
 * and then finds it. The counter moves in the same transaction, one by one (see moveCounter), so it
 * always equals the rows and exactly one support crosses the threshold. The supporter starts
 * following the cause. Audited as `causes.support` (with the clerk for assisted supports).
 */
export async function supportCause(
  tx: Tx,
  input: { causeId: string; actor: Actor; /** Else the module setting, read only if needed. */ defaultEntity?: string; now?: Date; requestId?: string | null },
): Promise<SupportOutcome> {
  const now = input.now ?? new Date();
  const { cause, identity } = await firstLook(tx, input.causeId, input.actor.userId, now);
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
  const followed = await tx.insertInto('causes_follows').values({ cause_id: cause!.id, user_id: input.actor.userId }).onConflict((oc) => oc.doNothing()).returning('user_id').executeTakeFirst();
  const counted = await moveCounter(tx, cause!.id, 1, now);
  if (!counted) {
    // Closed since the first look: undo this transaction's rows, nothing changes.
    await tx.deleteFrom('causes_supports').where('cause_id', '=', cause!.id).where('identity_hash', '=', identity).execute();
    if (followed) await tx.deleteFrom('causes_follows').where('cause_id', '=', cause!.id).where('user_id', '=', input.actor.userId).execute();
    return { ok: false, reason: 'phase_closed' };
  }
  const thresholdReached = counted.state === 'published' && counted.supports_count >= cause!.threshold;
  if (thresholdReached) await reachThreshold(tx, { ...cause!, state: 'published', supports_count: counted.supports_count }, input.actor, input.defaultEntity, now);
  await recordAudit(tx, {
    actor: input.actor,
    action: 'causes.support',
    resourceType: 'causes_cause',
    resourceId: cause!.id,
    after: { supports: counted.supports_count, ...(thresholdReached ? { thresholdReached: true } : {}), ...(input.actor.assistedBy ? { assistedBy: input.actor.assistedBy } : {}) },
    requestId: input.requestId ?? null,
  });
  return { ok: true, supports: counted.supports_count, thresholdReached };
}

/**
 * Withdraws the person's support while supports are open. A cause that already reached its
 * threshold keeps that state: reaching it is an event that started the entity's term. Audited as
 * `causes.unsupport`.
 */
export async function withdrawSupport(tx: Tx, input: { causeId: string; actor: Actor; now?: Date; requestId?: string | null }): Promise<SupportOutcome> {
  const now = input.now ?? new Date();
  const { cause, identity } = await firstLook(tx, input.causeId, input.actor.userId, now);
  const closed = closedReason(cause, now);
  if (closed) return { ok: false, reason: closed };
  const removed = await tx
    .deleteFrom('causes_supports')
    .where('cause_id', '=', cause!.id)
    .where((eb) => (identity ? eb('identity_hash', '=', identity) : eb('user_id', '=', input.actor.userId)))
    .returningAll()
    .executeTakeFirst();
  if (!removed) return { ok: false, reason: 'already_done' };
  const counted = await moveCounter(tx, cause!.id, -1, now);
  if (!counted) {
    await tx.insertInto('causes_supports').values(removed).execute();
    return { ok: false, reason: 'phase_closed' };
  }
  await recordAudit(tx, {
    actor: input.actor,
    action: 'causes.unsupport',
    resourceType: 'causes_cause',
    resourceId: cause!.id,
    after: { supports: counted.supports_count, ...(input.actor.assistedBy ? { assistedBy: input.actor.assistedBy } : {}) },
    requestId: input.requestId ?? null,
  });
  return { ok: true, supports: counted.supports_count, thresholdReached: false };
}
