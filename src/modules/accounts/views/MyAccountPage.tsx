import { LOCALIDADES } from '../../../core/geo/localidades.data.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatDate } from '../../../core/i18n/i18n.ts';
import { ageOn, type Actor } from '../../../core/permissions/permissions.ts';
import { DataTable } from '../../../core/views/components/content.tsx';
import { Button, ErrorSummary, Form, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { labelsFor } from '../account-forms.tsx';
import type { AccountSummary } from '../account.queries.ts';
import type { OwnSession } from '../commands/revoke-session.ts';

const P = 'accounts.account';
const localidadName = (code: string | null | undefined) => LOCALIDADES.find((l) => l.code === code)?.name ?? code ?? '';

export interface MyAccountPageProps {
  ctx: ViewContext;
  actor: Actor;
  summary: AccountSummary;
  sessions: OwnSession[];
  /** Errors of the one form that was sent (field names are unique across the page's forms). */
  errors?: FieldErrors;
  newEmail?: string;
  now?: Date;
}

/** "Mi cuenta": profile summary, verification and next step, e-mail and password, open sessions. */
export function MyAccountPage(props: MyAccountPageProps) {
  const { ctx, actor, summary, errors } = props;
  const { t, locale } = ctx;
  const now = props.now ?? new Date();
  const title = t(`${P}.title`);
  const level = actor.level ?? 'registered';
  const age = summary.profile ? ageOn(actor.birthDate ?? summary.profile.birthDate, now) : null;
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t(`${P}.lead`)}</p>
      <ErrorSummary t={t} errors={errors} labels={labelsFor(t, `${P}.field`, ['new_email', 'email_password', 'current_password', 'new_password'])} />

      {!summary.emailConfirmed && (
        <div class="flash flash-info">
          <p>{t(`${P}.confirm_notice`)}</p>
          <Form ctx={ctx} action="/mi-cuenta/reenviar-confirmacion">
            <Button kind="secondary">{t(`${P}.resend`)}</Button>
          </Form>
        </div>
      )}

      <h2>{t(`${P}.summary_title`)}</h2>
      <dl class="facts">
        <dt>{t(`${P}.name`)}</dt>
        <dd>{summary.displayName}</dd>
        <dt>{t(`${P}.email`)}</dt>
        <dd>
          {summary.email} ({t(summary.emailConfirmed ? `${P}.email_confirmed` : `${P}.email_unconfirmed`)})
        </dd>
        {summary.profile ? (
          <>
            <dt>{t(`${P}.document`)}</dt>
            <dd>{t(`${P}.document_value`, { type: t(`accounts.registration.document_type.${summary.profile.documentType}`) })}</dd>
            <dt>{t(`${P}.birth_date`)}</dt>
            <dd>{formatDate(locale, summary.profile.birthDate)}</dd>
            <dt>{t(`${P}.localidad`)}</dt>
            <dd>{localidadName(summary.profile.localidadCode)}</dd>
          </>
        ) : (
          <>
            <dt>{t(`${P}.document`)}</dt>
            <dd>{t(`${P}.no_profile`)}</dd>
          </>
        )}
        <dt>{t(`${P}.member_since`)}</dt>
        <dd>{formatDate(locale, summary.createdAt)}</dd>
      </dl>

      <h2>{t(`${P}.verification_title`)}</h2>
      <p>{t(`${P}.level.${level}`, { localidad: localidadName(actor.residenceLocalidad) })}</p>
      <p>
        <a href="/mi-cuenta/verificacion" class={level === 'residence' ? undefined : 'button'}>
          {t(level === 'registered' ? `${P}.verify_identity` : level === 'identity' ? `${P}.verify_residence` : `${P}.verification_details`)}
        </a>
      </p>
      {age !== null && age < 14 && <p>{t(`${P}.under_age`)}</p>}
      {age !== null && age >= 14 && age < 18 && !actor.guardianConsent && <p>{t(`${P}.minor`)}</p>}

      <h2>{t(`${P}.change_email_title`)}</h2>
      <p>{t(`${P}.change_email_lead`)}</p>
      <Form ctx={ctx} action="/mi-cuenta/correo" novalidate>
        <TextField t={t} name="new_email" type="email" label={t(`${P}.field.new_email`)} value={props.newEmail ?? ''} errors={errors} required autocomplete="email" maxLength={254} />
        <TextField t={t} name="email_password" type="password" label={t(`${P}.field.email_password`)} hint={t(`${P}.hint.email_password`)} errors={errors} required autocomplete="current-password" maxLength={200} />
        <Button>{t(`${P}.change_email_submit`)}</Button>
      </Form>

      <h2>{t(`${P}.change_password_title`)}</h2>
      <Form ctx={ctx} action="/mi-cuenta/clave" novalidate>
        <TextField t={t} name="current_password" type="password" label={t(`${P}.field.current_password`)} errors={errors} required autocomplete="current-password" maxLength={200} />
        <TextField t={t} name="new_password" type="password" label={t(`${P}.field.new_password`)} hint={t(`${P}.hint.new_password`)} errors={errors} required autocomplete="new-password" maxLength={200} />
        <Button>{t(`${P}.change_password_submit`)}</Button>
      </Form>

      <h2>{t(`${P}.sessions_title`)}</h2>
      <p>{t(`${P}.sessions_lead`)}</p>
      <DataTable
        id="sessions"
        caption={t(`${P}.sessions_caption`)}
        rows={props.sessions}
        columns={[
          {
            header: t(`${P}.session.device`),
            rowHeader: true,
            cell: (s) => (
              <>
                {s.userAgent ? s.userAgent.slice(0, 160) : t(`${P}.session.unknown_device`)}
                {s.current && (
                  <>
                    {' '}
                    <strong class="badge">{t(`${P}.session.current`)}</strong>
                  </>
                )}
              </>
            ),
          },
          { header: t(`${P}.session.created`), cell: (s) => formatDate(locale, s.createdAt, true) },
          { header: t(`${P}.session.last_seen`), cell: (s) => formatDate(locale, s.lastSeenAt, true) },
          {
            header: t(`${P}.session.action`),
            cell: (s) => (
              <Form ctx={ctx} action="/mi-cuenta/sesiones/cerrar">
                <input type="hidden" name="session" value={s.ref} />
                <Button kind="secondary">
                  {t(`${P}.session.revoke`)}
                  <span class="visually-hidden"> {t(`${P}.session.revoke_context`, { date: formatDate(locale, s.createdAt, true) })}</span>
                </Button>
              </Form>
            ),
          },
        ]}
      />

      <h2>{t('notifications.title')}</h2>
      <p>
        <a href="/mi-cuenta/notificaciones">{t('notifications.title')}</a>
      </p>

      <h2>{t(`${P}.data_title`)}</h2>
      <p>
        <a href="/mi-cuenta/datos">{t(`${P}.data_link`)}</a>
      </p>
    </Layout>
  );
}
