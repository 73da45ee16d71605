import { withTransaction, type Db } from '../../../core/db/database.ts';
import { queueMail } from '../../../core/mail/mail-queue.ts';
import { normalizeEmail } from '../account-access.ts';
import { accountMail, type MailContext } from '../account-mails.ts';
import { issueUserToken } from '../account-tokens.ts';

/**
 * Sends a single-use link (valid one hour) to reset the password, if the address has an active
 * account. The caller answers the same whether or not it has one.
 */
export async function requestPasswordReset(db: Db, input: { email: string; mail: MailContext; now?: Date }): Promise<void> {
  const email = normalizeEmail(input.email);
  if (!email) return;
  await withTransaction(db, async (tx) => {
    const user = await tx
      .selectFrom('core_users')
      .select(['id', 'display_name', 'locale'])
      .where('email', '=', email)
      .where('deleted_at', 'is', null)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!user) return;
    const token = await issueUserToken(tx, { userId: user.id, purpose: 'reset_password', now: input.now });
    await queueMail(tx, accountMail(input.mail, user.locale, 'reset', email, { name: user.display_name, link: `${input.mail.baseUrl}/restablecer-clave/${token}` }));
  });
}
