import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';

/** Asks for the address to send a password-reset link to. */
export function ForgotPasswordPage(props: { ctx: ViewContext; email: string; errors?: FieldErrors }) {
  const { ctx, errors } = props;
  const { t } = ctx;
  const title = t('accounts.forgot.title');
  return (
    <Layout ctx={ctx} title={title} description={t('accounts.forgot.lead')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/ingresar', label: t('accounts.signin.title') }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('accounts.forgot.lead')}</p>
      <ErrorSummary t={t} errors={errors} labels={{ email: t('accounts.registration.field.email') }} />
      <Form ctx={ctx} action="/recuperar-clave" novalidate>
        <TextField t={t} name="email" type="email" label={t('accounts.registration.field.email')} value={props.email} errors={errors} required autocomplete="email" maxLength={254} />
        <Button>{t('accounts.forgot.submit')}</Button>
      </Form>
    </Layout>
  );
}

/** The same answer whether or not the address has an account. */
export function ForgotPasswordSentPage(props: { ctx: ViewContext }) {
  const { ctx } = props;
  const { t } = ctx;
  const title = t('accounts.forgot.sent_title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('accounts.forgot.sent_lead')}</p>
      <p>{t('accounts.forgot.sent_spam')}</p>
      <p>
        <a href="/recuperar-clave">{t('accounts.forgot.again')}</a>
      </p>
    </Layout>
  );
}
