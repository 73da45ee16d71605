import type { Db, DatabaseHandle } from '../src/core/db/database.ts';
import { SESSION_COOKIE } from '../src/core/http/sessions.ts';
import type { Role } from '../src/core/permissions/permissions.ts';
import { randomToken, sha256Hex } from '../src/core/security/tokens.ts';

/**
 * Signs a user in for HTTP tests without going through the sign-in form: grants `roles` (not
 * scoped to an entity), stores a session row as the app does (only the SHA-256 of the cookie
 * value) and returns the `gab_sid=<value>` cookie to send with `app.inject`.
 */
export async function signInAs(database: DatabaseHandle | Db, userId: string, roles: Role[] = []): Promise<string> {
  const db = 'selectFrom' in database ? database : database.db;
  if (roles.length > 0) {
    await db
      .insertInto('core_user_roles')
      .values(roles.map((role) => ({ user_id: userId, role, entity_code: '' })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const value = randomToken(32);
  await db
    .insertInto('core_sessions')
    .values({ id: sha256Hex(value), user_id: userId, data: '{}', expires_at: new Date(Date.now() + 86400_000).toISOString(), user_agent: 'test', ip_hash: null })
    .execute();
  return `${SESSION_COOKIE}=${value}`;
}
