import { OidcSignInLink } from '../oidc.pages.tsx';
import type { OidcConfig } from '../../../core/config/config.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';

/**
 * The sign-in form. A failed attempt shows one message for every cause (unknown address, wrong
 * password), listed in the error summary without pointing at either field.
 */
export function SignInPage(props: { ctx: ViewContext; email: string; next: string; error?: { key: string; vars?: Record<string, string> }; oidc?: OidcConfig | null }) {
  const { ctx } = props;
  const { t } = ctx;
  const title = t('accounts.signin.title');
  const errors: FieldErrors | undefined = props.error ? { email: props.error } : undefined;
  return (
    <Layout ctx={ctx} title={title} description={t('accounts.signin.lead')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('accounts.signin.lead')}</p>
      <ErrorSummary t={t} errors={errors} labels={{ email: t('accounts.registration.field.email') }} />
      <Form ctx={ctx} action="/ingresar" novalidate>
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <TextField t={t} name="email" type="email" label={t('accounts.registration.field.email')} value={props.email} required autocomplete="email" maxLength={254} />
        <TextField t={t} name="password" type="password" label={t('accounts.registration.field.password')} required autocomplete="current-password" maxLength={200} />
        <Button>{t('accounts.signin.submit')}</Button>
      </Form>
      <p class="hint">{t('accounts.signin.limit_note')}</p>
      <ul>
        <li>
          <a href="/recuperar-clave">{t('accounts.signin.forgot')}</a>
        </li>
        <li>
          {t('accounts.signin.no_account')} <a href="/registro">{t('accounts.signin.register_link')}</a>
        </li>
      </ul>
      <OidcSignInLink ctx={ctx} oidc={props.oidc ?? null} next={props.next || undefined} />
    </Layout>
  );
}
