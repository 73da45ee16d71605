import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

export type EndAssistedSessionResult = { ok: true; citizenId: string } | { ok: false; reason: 'not_found' | 'not_active' };

/**
 * Ends an assisted-participation session that is still running (any desk clerk may end it, e.g.
 * when the one who started it has left). Audited as `accounts.assist-citizen`.
 */
export async function endAssistedSession(
  tx: Tx,
  input: { sessionId: string; clerk: Actor; /** When given, the session must be this person's. */ citizenId?: string; requestId?: string | null; now?: Date },
): Promise<EndAssistedSessionResult> {
  const now = input.now ?? new Date();
  const session = await tx
    .selectFrom('core_assisted_sessions')
    .select(['id', 'citizen_id', 'ended_at', 'expires_at'])
    .where('id', '=', input.sessionId)
    .forUpdate()
    .executeTakeFirst();
  if (!session || (input.citizenId && session.citizen_id !== input.citizenId)) return { ok: false, reason: 'not_found' };
  if (session.ended_at || session.expires_at.getTime() <= now.getTime()) return { ok: false, reason: 'not_active' };
  await tx.updateTable('core_assisted_sessions').set({ ended_at: now.toISOString() }).where('id', '=', session.id).execute();
  await recordAudit(tx, {
    actor: input.clerk,
    action: 'accounts.assist-citizen',
    resourceType: 'assisted_session',
    resourceId: session.id,
    before: { endedAt: null },
    after: { event: 'ended', citizen: session.citizen_id, endedAt: now.toISOString() },
    requestId: input.requestId ?? null,
  });
  return { ok: true, citizenId: session.citizen_id };
}
