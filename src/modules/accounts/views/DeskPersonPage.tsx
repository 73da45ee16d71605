import { formatDate } from '../../../core/i18n/i18n.ts';
import { LOCALIDADES } from '../../../core/geo/localidades.data.ts';
import type { VerificationLevel } from '../../../core/permissions/permissions.ts';
import { Button, ErrorSummary, Form, SelectField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { ASSISTED_DURATIONS } from '../commands/start-assisted-session.ts';
import { GUARDIAN_RELATIONS } from '../commands/record-guardian-consent.ts';
import type { DeskPerson, VerificationStatus } from '../verification.queries.ts';
import { DESK_PATH } from './DeskPage.tsx';
import { AssistedSessionsTable, documentTypeOptions, FormProblem, VerificationFacts, type FormState } from './VerificationPage.tsx';

export const deskPersonPath = (userId: string) => `${DESK_PATH}/personas/${userId}`;

/** Which of the page's forms was sent, and how it went. */
export type DeskForm = 'verify' | 'guardian' | 'assist' | 'end-assist';

export interface DeskPersonPageProps {
  ctx: ViewContext;
  person: DeskPerson;
  status: VerificationStatus;
  level: VerificationLevel;
  /** Age today from the verified birth date (or the declared one), if known. */
  age: number | null;
  /** Whether the identity (hence the age) is verified and current. */
  identityCurrent: boolean;
  /** The form that was sent and failed, with its state. */
  failed?: { form: DeskForm; state: FormState };
}

/** `/mostrador/personas/:id`: what a desk clerk sees and can do for one person. Works without JavaScript. */
export function DeskPersonPage(props: DeskPersonPageProps) {
  const { ctx, person, status, age } = props;
  const { t, locale } = ctx;
  const action = deskPersonPath(person.id);
  const stateOf = (form: DeskForm): FormState => (props.failed?.form === form ? props.failed.state : {});
  const verify = stateOf('verify');
  const guardian = stateOf('guardian');
  const assist = stateOf('assist');
  const ending = stateOf('end-assist');
  const activeSession = status.assistedSessions.find((s) => s.active);
  const verifyLabels = {
    document_type: t('accounts.verification.fields.document_type'),
    document_number: t('accounts.verification.fields.document_number'),
    birth_date: t('accounts.verification.fields.birth_date'),
    localidad: t('accounts.desk.verify.localidad'),
    note: t('accounts.desk.verify.note'),
  };
  const guardianLabels = {
    guardian_document_type: t('accounts.desk.guardian.document_type'),
    guardian_document_number: t('accounts.desk.guardian.document_number'),
    relation: t('accounts.desk.guardian.relation'),
  };
  const assistLabels = { reason: t('accounts.desk.assist.reason'), duration: t('accounts.desk.assist.duration') };
  const title = t('accounts.desk.person.title', { name: person.displayName });
  const birthDate = status.identity?.birthDate ?? person.declaredBirthDate;
  const hidden = (name: string) => <input type="hidden" name="accion" value={name} />;
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: DESK_PATH, label: t('accounts.desk.title') }, { label: person.displayName }]}
    >
      <h1>{title}</h1>
      <p>
        <a href={DESK_PATH}>{t('accounts.desk.person.back')}</a>
      </p>

      <section aria-labelledby="desk-person">
        <h2 id="desk-person">{t('accounts.desk.person.heading')}</h2>
        {person.disabled && (
          <p>
            <strong>{t('accounts.desk.person.disabled')}</strong>
          </p>
        )}
        <dl class="facts">
          <dt>{t('accounts.desk.person.name')}</dt>
          <dd>{person.displayName}</dd>
          <dt>{t('accounts.desk.person.email')}</dt>
          <dd>{person.email}</dd>
          <dt>{t('accounts.desk.person.created')}</dt>
          <dd>{formatDate(locale, person.createdAt)}</dd>
          <dt>{t('accounts.desk.person.birth_date')}</dt>
          <dd>
            {birthDate && age !== null
              ? t('accounts.desk.person.birth_date_value', {
                  date: formatDate(locale, birthDate),
                  age: String(age),
                  source: t(props.identityCurrent ? 'accounts.desk.person.birth_date_verified' : 'accounts.desk.person.birth_date_declared'),
                })
              : t('accounts.desk.person.unknown')}
          </dd>
          <dt>{t('accounts.desk.person.guardian')}</dt>
          <dd>
            {status.guardianConsent
              ? t('accounts.desk.person.guardian_value', {
                  relation: t(`accounts.verification.relations.${status.guardianConsent.relation}`),
                  date: formatDate(locale, status.guardianConsent.recordedAt),
                })
              : t('accounts.desk.person.guardian_none')}
          </dd>
        </dl>
        <VerificationFacts ctx={ctx} status={status} level={props.level} />
      </section>

      <section aria-labelledby="desk-verify">
        <h2 id="desk-verify">{t('accounts.desk.verify.heading')}</h2>
        <p>{t('accounts.desk.verify.text')}</p>
        <ErrorSummary t={t} errors={verify.errors} labels={verifyLabels} />
        <FormProblem ctx={ctx} problem={verify.problem} />
        <Form ctx={ctx} action={action} novalidate>
          {hidden('verify')}
          <SelectField
            t={t}
            name="document_type"
            label={verifyLabels.document_type}
            required
            errors={verify.errors}
            value={verify.values?.document_type}
            placeholder={t('accounts.verification.fields.choose')}
            options={documentTypeOptions(ctx)}
          />
          <TextField t={t} name="document_number" label={verifyLabels.document_number} required errors={verify.errors} value={verify.values?.document_number} autocomplete="off" maxLength={30} />
          <TextField
            t={t}
            name="birth_date"
            type="date"
            label={verifyLabels.birth_date}
            hint={t('accounts.desk.verify.birth_date_hint')}
            required
            errors={verify.errors}
            value={verify.values?.birth_date}
            autocomplete="off"
          />
          <SelectField
            t={t}
            name="localidad"
            label={verifyLabels.localidad}
            hint={t('accounts.desk.verify.localidad_hint')}
            required
            errors={verify.errors}
            value={verify.values?.localidad}
            placeholder={t('accounts.verification.fields.choose')}
            options={LOCALIDADES.map((l) => ({ value: l.code, label: `${l.code} · ${l.name}` }))}
          />
          <TextField
            t={t}
            name="note"
            label={verifyLabels.note}
            hint={t('accounts.desk.verify.note_hint')}
            required
            errors={verify.errors}
            value={verify.values?.note}
            autocomplete="off"
            maxLength={500}
          />
          <Button>{t('accounts.desk.verify.submit')}</Button>
        </Form>
      </section>

      <section aria-labelledby="desk-guardian">
        <h2 id="desk-guardian">{t('accounts.desk.guardian.heading')}</h2>
        <p>{t('accounts.desk.guardian.text')}</p>
        <FormProblem ctx={ctx} problem={guardian.problem} />
        {!props.identityCurrent || age === null ? (
          <p>{t('accounts.desk.guardian.needs_verification')}</p>
        ) : age >= 18 ? (
          <p>{t('accounts.desk.guardian.not_applicable_adult')}</p>
        ) : age < 14 ? (
          <p>{t('accounts.desk.guardian.not_applicable_child')}</p>
        ) : (
          <>
            <ErrorSummary t={t} errors={guardian.errors} labels={guardianLabels} />
            <Form ctx={ctx} action={action} novalidate>
              {hidden('guardian')}
              <SelectField
                t={t}
                name="guardian_document_type"
                label={guardianLabels.guardian_document_type}
                required
                errors={guardian.errors}
                value={guardian.values?.guardian_document_type}
                placeholder={t('accounts.verification.fields.choose')}
                options={documentTypeOptions(ctx)}
              />
              <TextField
                t={t}
                name="guardian_document_number"
                label={guardianLabels.guardian_document_number}
                required
                errors={guardian.errors}
                value={guardian.values?.guardian_document_number}
                autocomplete="off"
                maxLength={30}
              />
              <SelectField
                t={t}
                name="relation"
                label={guardianLabels.relation}
                required
                errors={guardian.errors}
                value={guardian.values?.relation}
                placeholder={t('accounts.verification.fields.choose')}
                options={GUARDIAN_RELATIONS.map((r) => ({ value: r, label: t(`accounts.verification.relations.${r}`) }))}
              />
              <Button>{t('accounts.desk.guardian.submit')}</Button>
            </Form>
          </>
        )}
      </section>

      <section aria-labelledby="desk-assist">
        <h2 id="desk-assist">{t('accounts.desk.assist.heading')}</h2>
        <p>{t('accounts.desk.assist.text')}</p>
        <FormProblem ctx={ctx} problem={assist.problem ?? ending.problem} />
        {activeSession ? (
          <>
            <p>
              <strong>{t('accounts.desk.assist.active', { date: formatDate(locale, activeSession.expiresAt, true), reason: activeSession.reason })}</strong>
            </p>
            <Form ctx={ctx} action={action}>
              {hidden('end-assist')}
              <input type="hidden" name="session_id" value={activeSession.id} />
              <Button kind="secondary">{t('accounts.desk.assist.end')}</Button>
            </Form>
          </>
        ) : !props.identityCurrent ? (
          <p>{t('accounts.desk.assist.needs_verification')}</p>
        ) : (
          <>
            <ErrorSummary t={t} errors={assist.errors} labels={assistLabels} />
            <Form ctx={ctx} action={action} novalidate>
              {hidden('assist')}
              <TextField
                t={t}
                name="reason"
                label={assistLabels.reason}
                hint={t('accounts.desk.assist.reason_hint')}
                required
                errors={assist.errors}
                value={assist.values?.reason}
                autocomplete="off"
                maxLength={500}
              />
              <SelectField
                t={t}
                name="duration"
                label={assistLabels.duration}
                hint={t('accounts.desk.assist.duration_hint')}
                required
                errors={assist.errors}
                value={assist.values?.duration ?? '60'}
                options={ASSISTED_DURATIONS.map((m) => ({ value: String(m), label: t(`accounts.desk.assist.durations.${m}`) }))}
              />
              <Button>{t('accounts.desk.assist.submit')}</Button>
            </Form>
          </>
        )}
        {status.assistedSessions.length > 0 && <AssistedSessionsTable ctx={ctx} sessions={status.assistedSessions} id="desk-assisted-sessions" />}
      </section>
    </Layout>
  );
}
