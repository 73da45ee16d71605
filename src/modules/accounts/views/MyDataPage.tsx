import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatDate } from '../../../core/i18n/i18n.ts';
import { POLICIES } from '../../../core/site/policies.ts';
import { Button, ErrorSummary, Form, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { CheckboxField, labelsFor } from '../account-forms.tsx';

const P = 'accounts.data';

/** "Mis datos": download everything, revoke (or give again) the consent, delete the account. */
export function MyDataPage(props: { ctx: ViewContext; consent: { version: string; grantedAt: Date } | null; errors?: FieldErrors }) {
  const { ctx, consent, errors } = props;
  const { t, locale } = ctx;
  const title = t(`${P}.title`);
  const version = POLICIES.privacy[locale].version;
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/mi-cuenta', label: t('accounts.account.title') }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t(`${P}.lead`)}</p>
      <ErrorSummary t={t} errors={errors} labels={labelsFor(t, `${P}.field`, ['delete_password', 'delete_confirm'])} />

      <h2>{t(`${P}.download_title`)}</h2>
      <p>{t(`${P}.download_lead`)}</p>
      <p>
        <a href="/mi-cuenta/datos/descarga" class="button" download="mis-datos-gab.json">
          {t(`${P}.download`)}
        </a>
      </p>

      <h2>{t(`${P}.consent_title`)}</h2>
      {consent ? (
        <>
          <p>{t(`${P}.consent_granted`, { date: formatDate(locale, consent.grantedAt), version: consent.version })}</p>
          <p>{t(`${P}.consent_consequences`)}</p>
          <Form ctx={ctx} action="/mi-cuenta/datos/revocar">
            <Button kind="secondary">{t(`${P}.revoke`)}</Button>
          </Form>
        </>
      ) : (
        <>
          <p>{t(`${P}.consent_none`)}</p>
          <p>{t(`${P}.grant_lead`)}</p>
          <p>
            <a href="/privacidad">{t('accounts.registration.privacy_link', { version })}</a>
          </p>
          <Form ctx={ctx} action="/mi-cuenta/datos/autorizar">
            <Button>{t(`${P}.grant`)}</Button>
          </Form>
        </>
      )}

      <h2>{t(`${P}.delete_title`)}</h2>
      <p>{t(`${P}.delete_lead`)}</p>
      <Form ctx={ctx} action="/mi-cuenta/datos/eliminar" novalidate>
        <TextField t={t} name="delete_password" type="password" label={t(`${P}.field.delete_password`)} hint={t(`${P}.hint.delete_password`)} errors={errors} required autocomplete="current-password" maxLength={200} />
        <CheckboxField t={t} name="delete_confirm" label={t(`${P}.delete_confirm_label`)} errors={errors} required />
        <Button kind="danger">{t(`${P}.delete`)}</Button>
      </Form>
    </Layout>
  );
}
