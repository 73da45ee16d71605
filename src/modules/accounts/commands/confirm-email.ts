import { recordAudit } from '../../../core/audit/audit-log.ts';
import { withTransaction, type Db } from '../../../core/db/database.ts';
import { queueMail } from '../../../core/mail/mail-queue.ts';
import { selfActor } from '../account-access.ts';
import { accountMail, type MailContext } from '../account-mails.ts';
import { consumeUserToken, issueUserToken } from '../account-tokens.ts';
import { applyEmailChange, EmailTakenError } from './change-email.ts';

export type ConfirmEmailResult =
  | { ok: true; userId: string; kind: 'confirmed' | 'email_changed'; canSignIn: boolean }
  | { ok: false; reason: 'invalid_link' | 'email_taken' };

/**
 * Uses an e-mailed confirmation link: confirms the address given at registration, or applies a
 * change of address. Each link works once and until it expires.
 */
export async function confirmEmail(db: Db, input: { token: string; mail: MailContext; now?: Date }): Promise<ConfirmEmailResult> {
  const now = input.now ?? new Date();
  try {
    return await withTransaction(db, async (tx): Promise<ConfirmEmailResult> => {
      const token = await consumeUserToken(tx, input.token, ['confirm_email', 'change_email'], now);
      if (!token) return { ok: false, reason: 'invalid_link' };
      const user = await tx.selectFrom('core_users').select(['disabled_at', 'deleted_at']).where('id', '=', token.userId).executeTakeFirstOrThrow();
      if (user.deleted_at) return { ok: false, reason: 'invalid_link' };
      const canSignIn = !user.disabled_at;
      if (token.purpose === 'change_email') {
        const newEmail = typeof token.payload.email === 'string' ? token.payload.email : '';
        await applyEmailChange(tx, { userId: token.userId, newEmail, mail: input.mail, now });
        return { ok: true, userId: token.userId, kind: 'email_changed', canSignIn };
      }
      await tx.updateTable('core_users').set({ email_confirmed_at: now.toISOString() }).where('id', '=', token.userId).where('email_confirmed_at', 'is', null).execute();
      await recordAudit(tx, { actor: selfActor(token.userId), action: 'accounts.confirm-email', resourceType: 'user', resourceId: token.userId, after: { userId: token.userId } });
      return { ok: true, userId: token.userId, kind: 'confirmed', canSignIn };
    });
  } catch (error) {
    // The address was taken between the request and the confirmation (or by a race on the unique index).
    if (error instanceof EmailTakenError || (error as { code?: string }).code === '23505') return { ok: false, reason: 'email_taken' };
    throw error;
  }
}

/** Sends a new confirmation link to a signed-in person whose address is not confirmed yet. */
export async function resendConfirmation(db: Db, input: { userId: string; mail: MailContext; now?: Date }): Promise<boolean> {
  return withTransaction(db, async (tx) => {
    const user = await tx.selectFrom('core_users').select(['email', 'display_name', 'locale', 'email_confirmed_at']).where('id', '=', input.userId).executeTakeFirstOrThrow();
    if (user.email_confirmed_at) return false;
    const token = await issueUserToken(tx, { userId: input.userId, purpose: 'confirm_email', now: input.now });
    await queueMail(tx, accountMail(input.mail, user.locale, 'confirm', user.email, { name: user.display_name, link: `${input.mail.baseUrl}/confirmar-correo/${token}` }));
    return true;
  });
}
