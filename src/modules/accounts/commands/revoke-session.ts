import { recordAudit } from '../../../core/audit/audit-log.ts';
import { withTransaction, type Db, type Executor } from '../../../core/db/database.ts';
import { sha256Hex } from '../../../core/security/tokens.ts';
import { selfActor } from '../account-access.ts';

export interface OwnSession {
  /** Names the session in forms: derived from the stored id, which itself never reaches a page. */
  ref: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  current: boolean;
}

const refOf = (storedId: string) => sha256Hex(`session-ref:${storedId}`).slice(0, 32);

/** The open (unexpired) sessions of a person, most recently used first. */
export async function listOwnSessions(db: Executor, userId: string, currentSessionHash: string | null, now = new Date()): Promise<OwnSession[]> {
  const rows = await db
    .selectFrom('core_sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((row) => ({
    ref: refOf(row.id),
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    userAgent: row.user_agent,
    current: row.id === currentSessionHash,
  }));
}

/** Closes one of the person's own sessions (another device, or this one). Returns false if it was not theirs or is gone. */
export async function revokeOwnSession(db: Db, input: { userId: string; ref: string; requestId?: string | null }): Promise<{ revoked: false } | { revoked: true; sessionId: string }> {
  return withTransaction(db, async (tx) => {
    const rows = await tx.selectFrom('core_sessions').select('id').where('user_id', '=', input.userId).execute();
    const match = rows.find((row) => refOf(row.id) === input.ref);
    if (!match) return { revoked: false } as const;
    await tx.deleteFrom('core_sessions').where('id', '=', match.id).where('user_id', '=', input.userId).execute();
    await recordAudit(tx, {
      actor: selfActor(input.userId),
      action: 'accounts.revoke-session',
      resourceType: 'user',
      resourceId: input.userId,
      after: { userId: input.userId },
      requestId: input.requestId ?? null,
    });
    return { revoked: true, sessionId: match.id } as const;
  });
}
