import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';

/** Sets a new password from an e-mailed link. */
export function ResetPasswordPage(props: { ctx: ViewContext; token: string; errors?: FieldErrors }) {
  const { ctx, errors } = props;
  const { t } = ctx;
  const title = t('accounts.reset.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('accounts.reset.lead')}</p>
      <ErrorSummary t={t} errors={errors} labels={{ password: t('accounts.reset.field.password') }} />
      <Form ctx={ctx} action={`/restablecer-clave/${props.token}`} novalidate>
        <TextField t={t} name="password" type="password" label={t('accounts.reset.field.password')} hint={t('accounts.registration.hint.password')} errors={errors} required autocomplete="new-password" maxLength={200} />
        <Button>{t('accounts.reset.submit')}</Button>
      </Form>
    </Layout>
  );
}
