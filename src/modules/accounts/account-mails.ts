import { createTranslator, isLocale, type Catalog, type Locale } from '../../core/i18n/i18n.ts';
import type { MailText } from '../../core/mail/mailer.ts';
import { ENTITY_CONTACT } from '../../core/site/entity-contact.ts';

/** What account commands need to write e-mails: the messages and the public address of the site. */
export interface MailContext {
  catalog: Catalog;
  baseUrl: string;
}

export type AccountMailKind =
  | 'confirm'
  | 'registration_attempt'
  | 'reset'
  | 'password_changed'
  | 'change_email'
  | 'change_email_attempt'
  | 'email_changed';

/**
 * Writes one of the accounts e-mails in the recipient's language. `vars` fill the body's
 * placeholders (`{name}`, `{link}`…); the site name, its address and the contact e-mail are added.
 */
export function accountMail(context: MailContext, locale: string, kind: AccountMailKind, to: string, vars: Record<string, string> = {}): MailText {
  const t = createTranslator(context.catalog, isLocale(locale) ? (locale as Locale) : 'es');
  const common = { site: t('site.name'), baseUrl: context.baseUrl, contact: ENTITY_CONTACT.email, signIn: `${context.baseUrl}/ingresar`, reset: `${context.baseUrl}/recuperar-clave` };
  const all = { ...common, ...vars };
  const greeting = vars.name ? `${t('accounts.mail.greeting', { name: vars.name })}\n\n` : '';
  return {
    to,
    subject: t(`accounts.mail.${kind}.subject`, all),
    text: `${greeting}${t(`accounts.mail.${kind}.body`, all)}\n\n${t('accounts.mail.signature', all)}`,
  };
}
