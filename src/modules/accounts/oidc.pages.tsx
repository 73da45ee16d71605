import type { OidcConfig } from '../../core/config/config.ts';
import { Layout } from '../../core/views/Layout.tsx';
import type { ViewContext } from '../../core/views/view-context.ts';
import { OIDC_START_PATH } from './oidc.ts';

/**
 * The "Ingresar con Registraduría / Carpeta Ciudadana" link, for the sign-in and registration
 * pages (a plain link: the flow starts with a GET and needs no JavaScript). Renders nothing when
 * no provider is configured.
 */
export function OidcSignInLink(props: { ctx: ViewContext; oidc: OidcConfig | null; next?: string }) {
  if (!props.oidc) return null;
  const href = props.next ? `${OIDC_START_PATH}?next=${encodeURIComponent(props.next)}` : OIDC_START_PATH;
  return (
    <p class="oidc-sign-in">
      <a class="button button-secondary" href={href}>
        {props.ctx.t('accounts.oidc.button', { provider: props.oidc.name })}
      </a>
      <br />
      <span class="hint">{props.ctx.t('accounts.oidc.button_hint')}</span>
    </p>
  );
}

/** Every way the OIDC sign-in can stop: what happened and what to do next, nothing technical. */
export type OidcProblem = 'not_configured' | 'access_denied' | 'provider_error' | 'bad_state' | 'unavailable' | 'invalid_response' | 'email_required' | 'account_unavailable';

export function OidcProblemPage(props: { ctx: ViewContext; problem: OidcProblem; providerName: string | null }) {
  const { ctx, problem } = props;
  const { t } = ctx;
  const provider = props.providerName ?? t('accounts.oidc.generic_provider');
  const title = t(`accounts.oidc.problem.${problem}.title`, { provider });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t(`accounts.oidc.problem.${problem}.message`, { provider })}</p>
      <p>{t(`accounts.oidc.problem.${problem}.next`, { provider })}</p>
      <ul>
        {problem !== 'not_configured' && problem !== 'account_unavailable' && (
          <li>
            <a href={OIDC_START_PATH}>{t('accounts.oidc.try_again', { provider })}</a>
          </li>
        )}
        <li>
          <a href="/ingresar">{t('accounts.oidc.other_sign_in')}</a>
        </li>
        <li>
          <a href="/">{t('errors.go_home')}</a>
        </li>
      </ul>
    </Layout>
  );
}
