import { Button, Form } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';

/**
 * The page an e-mailed confirmation link opens. Confirming takes a button press (a POST), so mail
 * scanners that open links do not use them up.
 */
export function ConfirmEmailPage(props: { ctx: ViewContext; token: string; change: boolean }) {
  const { ctx } = props;
  const { t } = ctx;
  const title = t('accounts.confirm.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t(props.change ? 'accounts.confirm.change_lead' : 'accounts.confirm.lead')}</p>
      <Form ctx={ctx} action={`/confirmar-correo/${props.token}`}>
        <Button>{t('accounts.confirm.submit')}</Button>
      </Form>
    </Layout>
  );
}

/** A link that was used, expired or mangled; says what to do instead. */
export function InvalidLinkPage(props: { ctx: ViewContext; kind: 'confirm' | 'reset' }) {
  const { ctx } = props;
  const { t } = ctx;
  const title = t('accounts.link.invalid_title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('accounts.link.invalid_lead')}</p>
      {props.kind === 'reset' ? (
        <p>
          <a href="/recuperar-clave">{t('accounts.link.invalid_reset_next')}</a>
        </p>
      ) : (
        <p>
          <a href={ctx.actor ? '/mi-cuenta' : '/ingresar?next=/mi-cuenta'}>{t('accounts.link.invalid_confirm_next')}</a>
        </p>
      )}
    </Layout>
  );
}
