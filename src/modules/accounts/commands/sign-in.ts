import type { Db } from '../../../core/db/database.ts';
import { hashPassword, verifyPassword } from '../../../core/security/passwords.ts';
import { randomToken } from '../../../core/security/tokens.ts';
import { normalizeEmail } from '../account-access.ts';

export type SignInResult = { ok: true; userId: string; displayName: string } | { ok: false; reason: 'invalid' | 'disabled' };

// Checked when the address has no usable account, so a wrong address takes as long as a wrong password.
let decoyHash: Promise<string> | null = null;
const decoy = () => (decoyHash ??= hashPassword(randomToken(16)));

/**
 * Checks an e-mail and password. Unknown addresses, deleted accounts and wrong passwords get the
 * same answer; a disabled account is named only once the password was right.
 */
export async function checkCredentials(db: Db, input: { email: string; password: string }): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const user = email
    ? await db.selectFrom('core_users').select(['id', 'display_name', 'password_hash', 'disabled_at', 'deleted_at']).where('email', '=', email).executeTakeFirst()
    : undefined;
  if (!user || !user.password_hash || user.deleted_at || !input.password) {
    await verifyPassword(input.password || 'x', await decoy());
    return { ok: false, reason: 'invalid' };
  }
  if (!(await verifyPassword(input.password, user.password_hash))) return { ok: false, reason: 'invalid' };
  if (user.disabled_at) return { ok: false, reason: 'disabled' };
  return { ok: true, userId: user.id, displayName: user.display_name };
}
