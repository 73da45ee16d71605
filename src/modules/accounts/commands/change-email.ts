import { recordAudit } from '../../../core/audit/audit-log.ts';
import { withTransaction, type Db, type Tx } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { queueMail } from '../../../core/mail/mail-queue.ts';
import { verifyPassword } from '../../../core/security/passwords.ts';
import { normalizeEmail, selfActor } from '../account-access.ts';
import { accountMail, type MailContext } from '../account-mails.ts';
import { issueUserToken } from '../account-tokens.ts';

export type ChangeEmailRequest = { ok: true } | { ok: false; errors: FieldErrors };

/**
 * Asks to move the account to a new address (password required). The link goes to the new
 * address; nothing changes until it is opened. If the new address already has an account, its
 * owner is told instead, and the answer is the same, so the form cannot probe for accounts.
 */
export async function requestEmailChange(
  db: Db,
  input: { userId: string; newEmail: string; password: string; mail: MailContext; now?: Date },
): Promise<ChangeEmailRequest> {
  const errors: FieldErrors = {};
  const newEmail = normalizeEmail(input.newEmail);
  if (!newEmail) errors.new_email = { key: 'accounts.registration.error.email_invalid' };
  const user = await db.selectFrom('core_users').select(['email', 'display_name', 'password_hash', 'locale']).where('id', '=', input.userId).executeTakeFirstOrThrow();
  if (!input.password || !user.password_hash || !(await verifyPassword(input.password, user.password_hash))) {
    errors.email_password = { key: 'accounts.account.error.wrong_password' };
  }
  if (newEmail && newEmail === user.email) errors.new_email = { key: 'accounts.account.error.email_same' };
  if (Object.keys(errors).length > 0 || !newEmail) return { ok: false, errors };
  await withTransaction(db, async (tx) => {
    const taken = await tx.selectFrom('core_users').select(['locale']).where('email', '=', newEmail).executeTakeFirst();
    if (taken) {
      await queueMail(tx, accountMail(input.mail, taken.locale, 'change_email_attempt', newEmail));
      return;
    }
    const token = await issueUserToken(tx, { userId: input.userId, purpose: 'change_email', payload: { email: newEmail }, now: input.now });
    await queueMail(tx, accountMail(input.mail, user.locale, 'change_email', newEmail, { name: user.display_name, link: `${input.mail.baseUrl}/confirmar-correo/${token}` }));
  });
  return { ok: true };
}

export class EmailTakenError extends Error {
  constructor() {
    super('the new e-mail address already has an account');
    this.name = 'EmailTakenError';
  }
}

/**
 * Applies a confirmed change of address (called with the used change_email token) and tells the
 * old address. Audited without the addresses themselves.
 */
export async function applyEmailChange(tx: Tx, input: { userId: string; newEmail: string; mail: MailContext; now: Date }): Promise<void> {
  const user = await tx.selectFrom('core_users').select(['email', 'locale', 'display_name', 'deleted_at']).where('id', '=', input.userId).executeTakeFirstOrThrow();
  if (user.deleted_at) throw new EmailTakenError();
  const taken = await tx.selectFrom('core_users').select('id').where('email', '=', input.newEmail).executeTakeFirst();
  if (taken) throw new EmailTakenError();
  await tx.updateTable('core_users').set({ email: input.newEmail, email_confirmed_at: input.now.toISOString() }).where('id', '=', input.userId).execute();
  await queueMail(tx, accountMail(input.mail, user.locale, 'email_changed', user.email, { name: user.display_name }));
  await recordAudit(tx, { actor: selfActor(input.userId), action: 'accounts.change-email', resourceType: 'user', resourceId: input.userId, after: { userId: input.userId, emailConfirmed: true } });
}
