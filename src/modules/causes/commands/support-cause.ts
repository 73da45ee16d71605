import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { sql } from 'kysely';
import type { Actor, Decision, DenialReason } from '../../../core/permissions/permissions.ts';
import { answerDueDate } from '../answer-due-date.ts';
import { readCausesSettings } from '../causes.settings.ts';
import { collectsSupports, type CauseState } from '../states.ts';
import { entityOfficials } from './cause-events.ts';
import { changeState, type LockedCause } from './transition.ts';

export type SupportRefusal = DenialReason | 'not_found';
export type SupportOutcome = { ok: true; supports: number; thresholdReached: boolean } | { ok: false; reason: SupportRefusal };

/** What the first look reads of the cause: enough to decide, to count and to cross the threshold. */
export type SupportLook = LockedCause & { localidad_code: string | null };

/**
 * Why supports cannot change now, if they cannot: the caller's permission check first (it knows
 * the requirements and explains them best), then the cause's own state. Drafts are not public:
 * they do not exist for anyone else.
 */
async function refusalOf(cause: SupportLook | undefined, authorize: ((cause: SupportLook) => Decision) | undefined, now: Date): Promise<SupportRefusal | null> {
  if (!cause || cause.state === 'draft' || (cause.state === 'withdrawn' && !cause.published_at)) return 'not_found';
  const decision = authorize ? authorize(cause) : null;
  if (decision && !decision.allowed) return decision.reason;
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
async function firstLook(tx: Tx, causeId: string, userId: string, now: Date): Promise<{ cause: SupportLook | undefined; identity: string | null }> {
  const identity = tx
    .selectFrom('core_identities')
    .select('identity_hash')
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString() as never)
    .limit(1);
  const row = await tx
    .selectFrom('causes_causes')
    .select(['id', 'title', 'author_id', 'state', 'threshold', 'supports_count', 'support_days', 'answer_term_business_days', 'target_entity_code', 'localidad_code', 'published_at', 'deadline_at', 'answer_due_on', 'closed_at', 'hidden_reason'])
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
 * `actor.assistedBy`). `authorize` is the caller's permission check, run on the cause as read in
 * this transaction (so the page does not read it a second time).
 *
 * One statement records the support, counts it and makes the supporter follow the cause:
 * - the primary key (cause, identity hash) allows one support per identity, whatever the account;
 *   a concurrent attempt with the same identity waits for the first to commit, then finds it;
 * - the counter moves only if the support row was inserted, by an UPDATE that takes the cause's
 *   row lock (held until commit, for the audit entry only) and re-checks that the cause still
 *   collects supports: supports of one cause take turns only there, the counter always equals the
 *   rows, and exactly one support crosses the threshold.
 * Audited as `causes.support` (with the clerk for assisted supports).
 */
export async function supportCause(
  tx: Tx,
  input: {
    causeId: string;
    actor: Actor;
    /** Must not query the database (it runs inside the transaction): see decider(). */
    authorize?: (cause: SupportLook) => Decision;
    /** Else the module setting, read only if needed. */
    defaultEntity?: string;
    now?: Date;
    requestId?: string | null;
  },
): Promise<SupportOutcome> {
  const now = input.now ?? new Date();
  const { cause, identity } = await firstLook(tx, input.causeId, input.actor.userId, now);
  const refusal = await refusalOf(cause, input.authorize, now);
  if (refusal) return { ok: false, reason: refusal };
  if (!identity) return { ok: false, reason: 'not_verified' };
  const at = now.toISOString();
  const { rows } = await sql<{ inserted: boolean; supports_count: number | null; state: CauseState | null }>`
    WITH support AS (
      INSERT INTO causes_supports (cause_id, identity_hash, user_id, assisted_by, created_at)
      VALUES (${cause!.id}::uuid, ${identity}, ${input.actor.userId}::uuid, ${input.actor.assistedBy?.clerkId ?? null}::uuid, ${at}::timestamptz)
      ON CONFLICT (cause_id, identity_hash) DO NOTHING
      RETURNING cause_id),
    counted AS (
      UPDATE causes_causes SET supports_count = supports_count + 1
      WHERE id IN (SELECT cause_id FROM support) AND state IN ('published', 'threshold_reached') AND deadline_at > ${at}::timestamptz
      RETURNING supports_count, state),
    followed AS (
      INSERT INTO causes_follows (cause_id, user_id) SELECT ${cause!.id}::uuid, ${input.actor.userId}::uuid FROM counted
      ON CONFLICT (cause_id, user_id) DO NOTHING
      RETURNING user_id)
    SELECT EXISTS (SELECT 1 FROM support) AS inserted, (SELECT supports_count FROM counted) AS supports_count, (SELECT state FROM counted) AS state`.execute(tx);
  const step = rows[0]!;
  if (!step.inserted) return { ok: false, reason: 'already_done' };
  if (step.supports_count === null) {
    // Closed since the first look (expiry, moderation): undo the row, nothing changes.
    await tx.deleteFrom('causes_supports').where('cause_id', '=', cause!.id).where('identity_hash', '=', identity).execute();
    return { ok: false, reason: 'phase_closed' };
  }
  const supports = step.supports_count;
  const thresholdReached = step.state === 'published' && supports >= cause!.threshold;
  if (thresholdReached) await reachThreshold(tx, { ...cause!, state: 'published', supports_count: supports }, input.actor, input.defaultEntity, now);
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
export async function withdrawSupport(
  tx: Tx,
  input: { causeId: string; actor: Actor; authorize?: (cause: SupportLook) => Decision; now?: Date; requestId?: string | null },
): Promise<SupportOutcome> {
  const now = input.now ?? new Date();
  const { cause, identity } = await firstLook(tx, input.causeId, input.actor.userId, now);
  const refusal = await refusalOf(cause, input.authorize, now);
  if (refusal) return { ok: false, reason: refusal };
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
