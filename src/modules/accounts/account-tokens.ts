import type { Executor, Tx } from '../../core/db/database.ts';
import { randomToken, sha256Hex } from '../../core/security/tokens.ts';

export type TokenPurpose = 'confirm_email' | 'reset_password' | 'change_email';

/** How long each kind of e-mailed link works. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  confirm_email: 48 * 3600_000,
  reset_password: 3600_000,
  change_email: 48 * 3600_000,
};

/** `randomToken(32)` is 43 base64url characters; anything else cannot be one of ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{40,64}$/;

export interface UserTokenRow {
  userId: string;
  purpose: TokenPurpose;
  payload: Record<string, unknown>;
}

/**
 * Creates a single-use, expiring token for an e-mailed link and returns it; only its SHA-256 is
 * stored. Older links of the same kind for the same person stop working: only the newest counts.
 */
export async function issueUserToken(
  tx: Tx,
  input: { userId: string; purpose: TokenPurpose; payload?: Record<string, unknown>; now?: Date },
): Promise<string> {
  const now = input.now ?? new Date();
  await tx.deleteFrom('core_user_tokens').where('user_id', '=', input.userId).where('purpose', '=', input.purpose).execute();
  const token = randomToken(32);
  await tx
    .insertInto('core_user_tokens')
    .values({
      token_hash: sha256Hex(token),
      user_id: input.userId,
      purpose: input.purpose,
      payload: JSON.stringify(input.payload ?? {}),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MS[input.purpose]).toISOString(),
    })
    .execute();
  return token;
}

/** Looks a token up without using it (to decide what a link's page shows). */
export async function peekUserToken(db: Executor, token: string, purposes: TokenPurpose[], now = new Date()): Promise<UserTokenRow | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await db
    .selectFrom('core_user_tokens')
    .select(['user_id', 'purpose', 'payload'])
    .where('token_hash', '=', sha256Hex(token))
    .where('purpose', 'in', purposes)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { userId: row.user_id, purpose: row.purpose, payload: row.payload ?? {} } : null;
}

/**
 * Uses a token: one UPDATE that only matches an unused, unexpired token, so two concurrent
 * requests with the same link cannot both succeed. Returns null when the link is not valid.
 */
export async function consumeUserToken(tx: Tx, token: string, purposes: TokenPurpose[], now = new Date()): Promise<UserTokenRow | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await tx
    .updateTable('core_user_tokens')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', sha256Hex(token))
    .where('purpose', 'in', purposes)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id', 'purpose', 'payload'])
    .executeTakeFirst();
  return row ? { userId: row.user_id, purpose: row.purpose, payload: row.payload ?? {} } : null;
}
