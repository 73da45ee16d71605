import { recordAudit } from '../../../core/audit/audit-log.ts';
import { withTransaction, type Db } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { queueMail } from '../../../core/mail/mail-queue.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../../core/security/passwords.ts';
import { selfActor } from '../account-access.ts';
import { accountMail, type MailContext } from '../account-mails.ts';

export type ChangePasswordResult = { ok: true; sessionsClosed: number } | { ok: false; errors: FieldErrors };

/**
 * Changes the password of a signed-in person, who must give the current one. Every other session
 * of the account is closed (the one in use stays open) and the owner is told by e-mail.
 */
export async function changePassword(
  db: Db,
  input: { userId: string; currentPassword: string; newPassword: string; keepSessionHash: string | null; mail: MailContext; requestId?: string | null },
): Promise<ChangePasswordResult> {
  const errors: FieldErrors = {};
  const user = await db.selectFrom('core_users').select(['email', 'display_name', 'locale', 'password_hash']).where('id', '=', input.userId).executeTakeFirstOrThrow();
  if (!input.currentPassword || !user.password_hash || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    errors.current_password = { key: 'accounts.account.error.wrong_password' };
  }
  const problem = input.newPassword ? passwordProblem(input.newPassword) : 'accounts.registration.error.password_required';
  if (problem) errors.new_password = { key: problem };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const passwordHash = await hashPassword(input.newPassword);
  return withTransaction(db, async (tx) => {
    await tx.updateTable('core_users').set({ password_hash: passwordHash }).where('id', '=', input.userId).execute();
    let others = tx.deleteFrom('core_sessions').where('user_id', '=', input.userId);
    if (input.keepSessionHash) others = others.where('id', '<>', input.keepSessionHash);
    const deleted = await others.executeTakeFirst();
    await tx.deleteFrom('core_user_tokens').where('user_id', '=', input.userId).where('purpose', '=', 'reset_password').execute();
    await queueMail(tx, accountMail(input.mail, user.locale, 'password_changed', user.email, { name: user.display_name }));
    const sessionsClosed = Number(deleted.numDeletedRows);
    await recordAudit(tx, {
      actor: selfActor(input.userId),
      action: 'accounts.change-password',
      resourceType: 'user',
      resourceId: input.userId,
      after: { userId: input.userId, otherSessionsClosed: sessionsClosed },
      requestId: input.requestId ?? null,
    });
    return { ok: true, sessionsClosed };
  });
}
