import type { ApiTokenRow } from '../../../core/auth/api-tokens.ts';
import { isActiveToken } from '../../../core/auth/api-tokens.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatDate } from '../../../core/i18n/i18n.ts';
import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { Button, ErrorSummary, Form, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { NewTokenForm } from '../api-tokens.commands.ts';

const P = 'accounts.api_tokens';

export interface ApiTokensPageProps {
  ctx: ViewContext;
  tokens: ApiTokenRow[];
  /** The secret of the token just created: shown this once, never again. */
  created?: { name: string; token: string };
  errors?: FieldErrors;
  form?: NewTokenForm;
  now?: Date;
}

/** "Tokens de acceso a la API" (`/mi-cuenta/tokens`): list, create (the secret shown once) and revoke. */
export function ApiTokensPage(props: ApiTokensPageProps) {
  const { ctx, errors } = props;
  const { t, locale } = ctx;
  const now = props.now ?? new Date();
  const title = t(`${P}.title`);
  const form = props.form ?? { name: '', scopes: ['read'], expires: '' };
  const scopesError = errors?.scopes;
  const status = (row: ApiTokenRow) => (row.revoked_at ? t(`${P}.status.revoked`) : isActiveToken(row, now) ? t(`${P}.status.active`) : t(`${P}.status.expired`));
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/mi-cuenta', label: t('accounts.title') }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t(`${P}.lead`)}</p>
      <p>
        {t(`${P}.docs_before`)} <a href="/api/v1/docs">{t('pages.api_docs.title')}</a>.
      </p>

      {props.created && (
        <div class="flash flash-success" role="status">
          <h2>{t(`${P}.created_title`, { name: props.created.name })}</h2>
          <p>{t(`${P}.created_once`)}</p>
          <p>
            <code class="token-secret">{props.created.token}</code>
          </p>
          <p>
            {t(`${P}.created_usage`)} <code>Authorization: Bearer {props.created.token.slice(0, 12)}…</code>
          </p>
        </div>
      )}

      <h2>{t(`${P}.list_title`)}</h2>
      {props.tokens.length === 0 ? (
        <EmptyState title={t(`${P}.none`)} />
      ) : (
        <DataTable
          id="api-tokens"
          caption={t(`${P}.caption`)}
          rows={props.tokens}
          columns={[
            { header: t(`${P}.field.name`), rowHeader: true, cell: (row) => row.name },
            { header: t(`${P}.field.scopes`), cell: (row) => row.scopes.map((s) => t(`${P}.scope.${s}`)).join(', ') },
            { header: t(`${P}.created_at`), cell: (row) => formatDate(locale, row.created_at) },
            { header: t(`${P}.last_used`), cell: (row) => (row.last_used_at ? formatDate(locale, row.last_used_at, true) : t(`${P}.never_used`)) },
            { header: t(`${P}.expires_at`), cell: (row) => (row.expires_at ? formatDate(locale, row.expires_at, true) : t(`${P}.no_expiry`)) },
            { header: t(`${P}.status_header`), cell: status },
            {
              header: t(`${P}.action`),
              cell: (row) =>
                isActiveToken(row, now) ? (
                  <Form ctx={ctx} action={`/mi-cuenta/tokens/${row.id}/revocar`}>
                    <Button kind="danger">
                      {t(`${P}.revoke`)}
                      <span class="visually-hidden"> {t(`${P}.revoke_what`, { name: row.name })}</span>
                    </Button>
                  </Form>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}

      <h2 id="create-token">{t(`${P}.create_title`)}</h2>
      <Form ctx={ctx} action="/mi-cuenta/tokens" novalidate>
        <ErrorSummary t={t} errors={errors} labels={{ name: t(`${P}.field.name`), scopes: t(`${P}.field.scopes`), expires: t(`${P}.field.expires`) }} />
        <TextField t={t} name="name" label={t(`${P}.field.name`)} hint={t(`${P}.hint.name`)} required errors={errors} value={form.name} maxLength={80} />
        <fieldset id="scopes" class={scopesError ? 'field field-error' : 'field'} aria-describedby={scopesError ? 'scopes-error' : undefined}>
          <legend>
            {t(`${P}.field.scopes`)} <span class="required">({t('forms.required')})</span>
          </legend>
          {scopesError && (
            <p class="error-message" id="scopes-error">
              <span class="visually-hidden">{t('forms.error_prefix')} </span>
              {t(scopesError.key, scopesError.vars)}
            </p>
          )}
          {(['read', 'write'] as const).map((scope) => (
            <label for={`scope-${scope}`}>
              <input type="checkbox" id={`scope-${scope}`} name="scopes" value={scope} checked={form.scopes.includes(scope)} /> <strong>{t(`${P}.scope.${scope}`)}</strong>:{' '}
              {t(`${P}.scope.${scope}_hint`)}
            </label>
          ))}
        </fieldset>
        <TextField t={t} name="expires" type="date" label={t(`${P}.field.expires`)} hint={t(`${P}.hint.expires`)} errors={errors} value={form.expires} />
        <Button>{t(`${P}.create`)}</Button>
      </Form>
    </Layout>
  );
}
