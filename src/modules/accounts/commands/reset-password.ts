import { recordAudit } from '../../../core/audit/audit-log.ts';
import { withTransaction, type Db } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { queueMail } from '../../../core/mail/mail-queue.ts';
import { hashPassword, passwordProblem } from '../../../core/security/passwords.ts';
import { selfActor } from '../account-access.ts';
import { accountMail, type MailContext } from '../account-mails.ts';
import { consumeUserToken } from '../account-tokens.ts';

export type ResetPasswordResult = { ok: true; userId: string } | { ok: false; reason: 'invalid_link' } | { ok: false; reason: 'invalid_password'; errors: FieldErrors };

/**
 * Sets a new password with a reset link. The link works once; every session of the account is
 * closed (the caller then opens a fresh one), and the owner is told by e-mail. Opening the link
 * also proves the address, so it counts as confirmed.
 */
export async function resetPassword(db: Db, input: { token: string; password: string; mail: MailContext; requestId?: string | null; now?: Date }): Promise<ResetPasswordResult> {
  const now = input.now ?? new Date();
  const problem = input.password ? passwordProblem(input.password) : 'accounts.registration.error.password_required';
  // A bad password does not use up the link: the person corrects it and sends again.
  if (problem) return { ok: false, reason: 'invalid_password', errors: { password: { key: problem } } };
  const passwordHash = await hashPassword(input.password);
  return withTransaction(db, async (tx): Promise<ResetPasswordResult> => {
    const token = await consumeUserToken(tx, input.token, ['reset_password'], now);
    if (!token) return { ok: false, reason: 'invalid_link' };
    const user = await tx
      .selectFrom('core_users')
      .select(['email', 'display_name', 'locale', 'email_confirmed_at'])
      .where('id', '=', token.userId)
      .where('deleted_at', 'is', null)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!user) return { ok: false, reason: 'invalid_link' };
    await tx
      .updateTable('core_users')
      .set({ password_hash: passwordHash, email_confirmed_at: (user.email_confirmed_at ?? now).toISOString() })
      .where('id', '=', token.userId)
      .execute();
    await tx.deleteFrom('core_sessions').where('user_id', '=', token.userId).execute();
    await tx.deleteFrom('core_user_tokens').where('user_id', '=', token.userId).where('purpose', '=', 'reset_password').where('used_at', 'is', null).execute();
    await queueMail(tx, accountMail(input.mail, user.locale, 'password_changed', user.email, { name: user.display_name }));
    await recordAudit(tx, {
      actor: selfActor(token.userId),
      action: 'accounts.reset-password',
      resourceType: 'user',
      resourceId: token.userId,
      after: { userId: token.userId, sessionsClosed: 'all' },
      requestId: input.requestId ?? null,
    });
    return { ok: true, userId: token.userId };
  });
}
