import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

/** An assisted-participation session lasts at most two hours (also enforced by the table). */
export const MAX_ASSISTED_MINUTES = 120;
export const ASSISTED_DURATIONS = [30, 60, 90, 120] as const;

export type StartAssistedSessionResult =
  | { ok: true; sessionId: string; expiresAt: Date }
  /**
   * `self`: a clerk cannot assist themselves. `not_verified`: only people with a current verified
   * identity can be assisted. `too_long`: more than two hours. `already_active`: the person already
   * has an assisted session running.
   */
  | { ok: false; reason: 'self' | 'not_verified' | 'too_long' | 'already_active' };

/**
 * Starts an assisted-participation session: a desk clerk helps a verified citizen who is present
 * to take part, for a stated reason and at most two hours. The citizen sees it in their history.
 * Audited as `accounts.assist-citizen`.
 */
export async function startAssistedSession(
  tx: Tx,
  input: { citizenId: string; clerk: Actor; reason: string; minutes: number; requestId?: string | null; now?: Date },
): Promise<StartAssistedSessionResult> {
  const now = input.now ?? new Date();
  if (input.clerk.userId === input.citizenId) return { ok: false, reason: 'self' };
  if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > MAX_ASSISTED_MINUTES) return { ok: false, reason: 'too_long' };
  // Locks the citizen's row so two clerks cannot open two sessions for the same person at once.
  const citizen = await tx.selectFrom('core_users').select('id').where('id', '=', input.citizenId).forUpdate().executeTakeFirst();
  if (!citizen) return { ok: false, reason: 'not_verified' };
  const identity = await tx
    .selectFrom('core_identities')
    .select('user_id')
    .where('user_id', '=', input.citizenId)
    .where('expires_at', '>', now.toISOString() as never)
    .executeTakeFirst();
  if (!identity) return { ok: false, reason: 'not_verified' };
  const active = await tx
    .selectFrom('core_assisted_sessions')
    .select('id')
    .where('citizen_id', '=', input.citizenId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now.toISOString() as never)
    .executeTakeFirst();
  if (active) return { ok: false, reason: 'already_active' };
  const expiresAt = new Date(now.getTime() + input.minutes * 60_000);
  const row = await tx
    .insertInto('core_assisted_sessions')
    .values({ clerk_id: input.clerk.userId, citizen_id: input.citizenId, reason: input.reason, started_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, {
    actor: input.clerk,
    action: 'accounts.assist-citizen',
    resourceType: 'assisted_session',
    resourceId: row.id,
    after: { event: 'started', citizen: input.citizenId, reason: input.reason, minutes: input.minutes, expiresAt: expiresAt.toISOString() },
    requestId: input.requestId ?? null,
  });
  return { ok: true, sessionId: row.id, expiresAt };
}
