import type { Tx } from '../../core/db/database.ts';
import { createTranslator, formatDate, type Catalog, type Locale } from '../../core/i18n/i18n.ts';
import { queueMail } from '../../core/mail/mail-queue.ts';
import { notify, type NotificationMailExtras } from '../../core/notifications/notify.ts';

/** What commands need to write to people: the message catalog and the public address of the site. */
export interface MailContext {
  catalog: Catalog;
  baseUrl: string;
  /** False for demo content: in-app notifications only, no e-mail queued. */
  sendMail?: boolean;
}

export interface RequesterRef {
  radicado: string;
  requester_kind: 'account' | 'contact' | 'anonymous';
  requester_user_id: string | null;
  requester_email: string | null;
  locale: Locale;
}

export const followPath = (radicado: string) => `/pqrs/seguimiento/${radicado}`;

/**
 * Tells the person who filed the request that something happened: account holders get an in-app
 * notification and an e-mail (in their language); people without an account who left an address
 * get an e-mail; anonymous requests get nothing (the follow page shows every step and the answer).
 * `vars` hold only the radicado, dates and entity names: never anyone's personal data.
 */
export async function notifyRequester(
  tx: Tx,
  mail: MailContext,
  request: RequesterRef,
  key: string,
  vars: Record<string, string | number> = {},
  /** `mail`: files to attach and a paragraph (i18n key) that only the e-mail carries. */
  options: { accountEmail?: boolean; mail?: NotificationMailExtras } = {},
): Promise<void> {
  const allVars = { radicado: request.radicado, ...vars };
  if (request.requester_kind === 'account' && request.requester_user_id) {
    await notify(tx, { userIds: [request.requester_user_id], key, vars: allVars, url: followPath(request.radicado), email: mail.sendMail !== false && (options.accountEmail ?? true), mail: options.mail });
    return;
  }
  if (request.requester_kind === 'contact' && request.requester_email && mail.sendMail !== false) {
    const t = createTranslator(mail.catalog, request.locale);
    const note = options.mail?.note ? `${t(options.mail.note)}\n\n` : '';
    await queueMail(tx, {
      to: request.requester_email,
      subject: t(key, allVars),
      text: `${t(key, allVars)}\n\n${note}${t('service-requests.mail.follow_with_code', { url: `${mail.baseUrl}/pqrs/seguimiento`, radicado: request.radicado })}\n`,
      ...(options.mail?.attachments?.length ? { attachments: options.mail.attachments } : {}),
    });
  }
}

/**
 * The filing receipt with the secret follow code, e-mailed once to whoever left an address (the
 * account's confirmed address, or the contact address). It is not stored anywhere else readable.
 */
export async function mailReceipt(
  tx: Tx,
  mail: MailContext,
  input: { to: string; locale: Locale; radicado: string; code: string; dueOn: string; typeLabelKey: string; entityName: string },
): Promise<void> {
  if (mail.sendMail === false) return;
  const t = createTranslator(mail.catalog, input.locale);
  const vars = { radicado: input.radicado, code: input.code, due: formatDate(input.locale, input.dueOn), type: t(input.typeLabelKey), entity: input.entityName };
  await queueMail(tx, {
    to: input.to,
    subject: t('service-requests.mail.receipt_subject', vars),
    text: [
      t('service-requests.mail.receipt_intro', vars),
      '',
      `${t('service-requests.fields.radicado')}: ${input.radicado}`,
      `${t('service-requests.fields.follow_code')}: ${input.code}`,
      `${t('service-requests.fields.type')}: ${vars.type}`,
      `${t('service-requests.fields.entity')}: ${input.entityName}`,
      `${t('service-requests.fields.due_on')}: ${vars.due}`,
      '',
      t('service-requests.mail.receipt_follow', { url: `${mail.baseUrl}/pqrs/seguimiento` }),
      '',
    ].join('\n'),
  });
}
