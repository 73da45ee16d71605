import type { Db } from '../db/database.ts';
import { withTransaction } from '../db/database.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { hashPassword, passwordProblem } from '../security/passwords.ts';

export type CreateAdminResult = { ok: true; userId: string } | { ok: false; message: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates a platform administrator (CLI), or grants the role to an existing account with that e-mail. */
export async function createAdmin(db: Db, input: { email: string; displayName: string; password: string }): Promise<CreateAdminResult> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) return { ok: false, message: `Correo inválido / invalid e-mail: ${input.email}` };
  const displayName = input.displayName.trim();
  if (!displayName || displayName.length > 120) return { ok: false, message: 'El nombre debe tener entre 1 y 120 caracteres / name must be 1–120 characters' };
  const problem = passwordProblem(input.password);
  if (problem) return { ok: false, message: problem === 'errors.password_too_short' ? 'La contraseña debe tener al menos 12 caracteres / password must be at least 12 characters' : 'La contraseña es demasiado larga / password too long' };
  const passwordHash = await hashPassword(input.password);
  const userId = await withTransaction(db, async (tx) => {
    const existing = await tx.selectFrom('core_users').select('id').where('email', '=', email).executeTakeFirst();
    const id =
      existing?.id ??
      (await tx.insertInto('core_users').values({ email, display_name: displayName, password_hash: passwordHash }).returning('id').executeTakeFirstOrThrow()).id;
    if (existing) await tx.updateTable('core_users').set({ password_hash: passwordHash, display_name: displayName }).where('id', '=', id).execute();
    await tx.insertInto('core_user_roles').values({ user_id: id, role: 'platform_admin', entity_code: '' }).onConflict((oc) => oc.doNothing()).execute();
    await recordAudit(tx, { actor: null, action: 'core.create-admin', resourceType: 'user', resourceId: id, after: { email, role: 'platform_admin' } });
    return id;
  });
  return { ok: true, userId };
}
