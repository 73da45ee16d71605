import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatDate } from '../../../core/i18n/i18n.ts';
import type { VerificationLevel } from '../../../core/permissions/permissions.ts';
import { DOCUMENT_TYPES } from '../../../core/verification/identity.ts';
import { DataTable } from '../../../core/views/components/content.tsx';
import { Button, ErrorSummary, Form, SelectField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { AssistedSessionRow, VerificationStatus } from '../verification.queries.ts';

export const ACCOUNT_PATH = '/mi-cuenta';
export const VERIFICATION_PATH = '/mi-cuenta/verificacion';
/** Where the external identity provider's sign-in starts (built by the OIDC area). */
export const OIDC_SIGN_IN_PATH = '/ingresar/oidc';

/** A form's state after a failed submission: values to show again, field errors, or one message for the whole form. */
export interface FormState {
  values?: Record<string, string>;
  errors?: FieldErrors;
  /** i18n key of a message about the whole form (e.g. the neutral "no match"). */
  problem?: { key: string; vars?: Record<string, string | number> };
}

export const documentTypeOptions = (ctx: ViewContext) => DOCUMENT_TYPES.map((type) => ({ value: type, label: ctx.t(`accounts.registration.document_type.${type}`) }));

/** One message about a whole form, announced by screen readers. */
export function FormProblem(props: { ctx: ViewContext; problem?: FormState['problem'] }) {
  if (!props.problem) return null;
  return (
    <div class="error-summary" role="alert">
      <p>{props.ctx.t(props.problem.key, props.problem.vars)}</p>
    </div>
  );
}

/** Level, identity and residence with their dates; shared by the citizen's page and the service desk. */
export function VerificationFacts(props: { ctx: ViewContext; status: VerificationStatus; level: VerificationLevel }) {
  const { ctx, status } = props;
  const { t, locale } = ctx;
  const provider = (p: string) => t(`accounts.verification.providers.${p}`);
  return (
    <dl class="facts">
      <dt>{t('accounts.verification.status.current_level')}</dt>
      <dd>
        <strong>{t(`accounts.verification.level.${props.level}`)}</strong>
      </dd>
      <dt>{t('accounts.verification.status.identity')}</dt>
      <dd>
        {status.identity ? (
          <>
            {t('accounts.verification.status.identity_value', { date: formatDate(locale, status.identity.verifiedAt), provider: provider(status.identity.provider) })}.{' '}
            {status.identity.expired ? (
              <strong>{t('accounts.verification.status.expired', { date: formatDate(locale, status.identity.expiresAt) })}</strong>
            ) : (
              t('accounts.verification.status.expires', { date: formatDate(locale, status.identity.expiresAt) })
            )}
          </>
        ) : (
          t('accounts.verification.status.not_verified')
        )}
      </dd>
      <dt>{t('accounts.verification.status.residence')}</dt>
      <dd>
        {status.residence ? (
          <>
            {t('accounts.verification.status.residence_value', {
              localidad: status.residence.localidadName,
              date: formatDate(locale, status.residence.verifiedAt),
              provider: provider(status.residence.provider),
            })}
            .{' '}
            {status.residence.expired ? (
              <strong>
{t('accounts.verification.status.expired', { date: formatDate(locale, status.residence.expiresAt) })}
              </strong>
            ) : (
              t('accounts.verification.status.expires', { date: formatDate(locale, status.residence.expiresAt) })
            )}
          </>
        ) : (
          t('accounts.verification.status.not_verified')
        )}
      </dd>
    </dl>
  );
}

/** The assisted-participation sessions of one person, newest first. */
export function AssistedSessionsTable(props: { ctx: ViewContext; sessions: AssistedSessionRow[]; id: string }) {
  const { t, locale } = props.ctx;
  return (
    <DataTable
      id={props.id}
      caption={t('accounts.verification.history.caption')}
      rows={props.sessions}
      columns={[
        { header: t('accounts.verification.history.started'), rowHeader: true, cell: (s) => formatDate(locale, s.startedAt, true) },
        { header: t('accounts.verification.history.clerk'), cell: (s) => s.clerkName },
        { header: t('accounts.verification.history.reason'), cell: (s) => s.reason },
        {
          header: t('accounts.verification.history.status'),
          cell: (s) =>
            s.active
              ? t('accounts.verification.history.active_until', { date: formatDate(locale, s.expiresAt, true) })
              : s.endedAt && s.endedAt.getTime() < s.expiresAt.getTime()
                ? t('accounts.verification.history.ended', { date: formatDate(locale, s.endedAt, true) })
                : t('accounts.verification.history.expired', { date: formatDate(locale, s.expiresAt, true) }),
        },
      ]}
    />
  );
}

export interface VerificationPageProps {
  ctx: ViewContext;
  status: VerificationStatus;
  /** The current (non-expired) level, as permissions see it. */
  level: VerificationLevel;
  /** Age in whole years today, when a birth date is known. */
  age: number | null;
  registryForm?: FormState;
  /** Name of the configured identity provider; null when none is configured. */
  oidcProvider: string | null;
}

/** `/mi-cuenta/verificacion`: the person's level and every way to verify (or renew) it. Works without JavaScript. */
export function VerificationPage(props: VerificationPageProps) {
  const { ctx, status, age } = props;
  const { t, locale } = ctx;
  const form = props.registryForm ?? {};
  const values = form.values ?? {};
  const labels = {
    document_type: t('accounts.verification.fields.document_type'),
    document_number: t('accounts.verification.fields.document_number'),
    birth_date: t('accounts.verification.fields.birth_date'),
  };
  return (
    <Layout
      ctx={ctx}
      title={t('accounts.verification.title')}
      description={t('accounts.verification.lead')}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: ACCOUNT_PATH, label: t('accounts.title') }, { label: t('accounts.verification.title') }]}
    >
      <h1>{t('accounts.verification.title')}</h1>
      <p class="lead">{t('accounts.verification.lead')}</p>

      <section aria-labelledby="verification-status">
        <h2 id="verification-status">{t('accounts.verification.status.heading')}</h2>
        <VerificationFacts ctx={ctx} status={status} level={props.level} />
        <p>{t(`accounts.verification.level.${props.level}.text`)}</p>
      </section>

      {age !== null && age < 18 && (
        <section aria-labelledby="verification-age">
          <h2 id="verification-age">{t('accounts.verification.age.heading')}</h2>
          {age < 14 ? (
            <p>{t('accounts.verification.age.under_14')}</p>
          ) : (
            <>
              <p>{t('accounts.verification.age.minor')}</p>
              <p>
                <strong>
                  {status.guardianConsent
                    ? t('accounts.verification.age.consent_recorded', {
                        relation: t(`accounts.verification.relations.${status.guardianConsent.relation}`),
                        date: formatDate(locale, status.guardianConsent.recordedAt),
                      })
                    : t('accounts.verification.age.consent_missing')}
                </strong>
              </p>
            </>
          )}
        </section>
      )}

      <section aria-labelledby="verification-options">
        <h2 id="verification-options">{t('accounts.verification.options.heading')}</h2>

        <h3 id="verification-registry">{t('accounts.verification.registry.heading')}</h3>
        <p>{t('accounts.verification.registry.text')}</p>
        <p class="hint">{t('accounts.verification.registry.privacy')}</p>
        <ErrorSummary t={t} errors={form.errors} labels={labels} />
        <FormProblem ctx={ctx} problem={form.problem} />
        <Form ctx={ctx} action={VERIFICATION_PATH} novalidate>
          <SelectField
            t={t}
            name="document_type"
            label={labels.document_type}
            required
            errors={form.errors}
            value={values.document_type}
            placeholder={t('accounts.verification.fields.choose')}
            options={documentTypeOptions(ctx)}
          />
          <TextField
            t={t}
            name="document_number"
            label={labels.document_number}
            hint={t('accounts.verification.fields.document_number_hint')}
            required
            errors={form.errors}
            value={values.document_number}
            autocomplete="off"
            maxLength={30}
          />
          <TextField
            t={t}
            name="birth_date"
            type="date"
            label={labels.birth_date}
            hint={t('accounts.verification.fields.birth_date_hint')}
            required
            errors={form.errors}
            value={values.birth_date}
            autocomplete="bday"
            maxLength={10}
          />
          <Button>{t('accounts.verification.registry.submit')}</Button>
        </Form>

        <h3 id="verification-oidc">{t('accounts.verification.oidc.heading')}</h3>
        <p>{t('accounts.verification.oidc.text')}</p>
        {props.oidcProvider ? (
          <p>
            <a href={`${OIDC_SIGN_IN_PATH}?next=${encodeURIComponent(VERIFICATION_PATH)}`}>{t('accounts.verification.oidc.link', { provider: props.oidcProvider })}</a>
          </p>
        ) : (
          <p class="hint">{t('accounts.verification.oidc.not_configured')}</p>
        )}

        <h3 id="verification-desk">{t('accounts.verification.desk.heading')}</h3>
        <p>{t('accounts.verification.desk.text')}</p>
        <ul>
          <li>{t('accounts.verification.desk.bring.document')}</li>
          <li>{t('accounts.verification.desk.bring.email')}</li>
          <li>{t('accounts.verification.desk.bring.residence')}</li>
          {(age === null || age < 18) && <li>{t('accounts.verification.desk.bring.guardian')}</li>}
        </ul>
      </section>

      <section aria-labelledby="verification-history">
        <h2 id="verification-history">{t('accounts.verification.history.heading')}</h2>
        <p>{t('accounts.verification.history.lead')}</p>
        {status.assistedSessions.length === 0 ? (
          <p class="empty-state">{t('accounts.verification.history.empty')}</p>
        ) : (
          <AssistedSessionsTable ctx={ctx} sessions={status.assistedSessions} id="assisted-sessions" />
        )}
      </section>
    </Layout>
  );
}
