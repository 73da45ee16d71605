import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { EXECUTION_STATUSES, NOTE_MAX, type ExecutionInput } from '../commands/update-execution.ts';
import { editionPath, envelopePath, type Edition, type Envelope } from '../editions.queries.ts';
import { proposalPath } from '../proposals.queries.ts';
import type { ExecutionProject } from '../results.queries.ts';
import { copOf } from './results-labels.ts';

/**
 * A winning project's execution: status, progress and note for everyone, with a link back to the
 * proposal people voted for; officials of the alcaldía local also get the form that updates it.
 */
export function ExecutionEditPage(props: { ctx: ViewContext; edition: Edition; envelope: Envelope; project: ExecutionProject; values: ExecutionInput; errors?: FieldErrors; canUpdate: boolean }) {
  const { ctx, edition, envelope, project, values, errors, canUpdate } = props;
  const { t, locale } = ctx;
  const k = (key: string, vars?: Record<string, string | number>) => t(`participatory-budgets.results.execution.${key}`, vars);
  const place = envelope.localidad_name ?? envelope.name;
  const base = envelopePath(edition, envelope);
  return (
    <Layout
      ctx={ctx}
      title={`${k(canUpdate ? 'edit_title' : 'project_title', { number: project.number })} · ${edition.title}`}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/presupuestos-participativos', label: t('participatory-budgets.title') },
        { href: editionPath(edition), label: edition.title },
        { href: base, label: place },
        { href: `${base}/ejecucion`, label: k('breadcrumb') },
        { label: `#${project.number}` },
      ]}
    >
      <h1>{k(canUpdate ? 'edit_title' : 'project_title', { number: project.number })}</h1>
      <p class="lead">
        {project.title} · {copOf(locale, project.cost)}
      </p>
      <dl class="facts">
        <dt>{k('field.status')}</dt>
        <dd>{k(`status.${project.status}`)}</dd>
        <dt>{k('field.progress')}</dt>
        <dd>{project.progress} %</dd>
        {project.responsibleEntityName && (
          <>
            <dt>{k('entity')}</dt>
            <dd>{project.responsibleEntityName}</dd>
          </>
        )}
      </dl>
      {project.note && <p class="pre-line">{project.note}</p>}
      <p>
        <a href={proposalPath(edition, project.number)}>{k('proposal_link', { number: project.number })}</a>
      </p>
      {canUpdate && <ExecutionForm {...props} />}
      <p>
        <a href={`${base}/ejecucion`}>{k(canUpdate ? 'cancel' : 'back')}</a>
      </p>
    </Layout>
  );
}

function ExecutionForm(props: { ctx: ViewContext; edition: Edition; envelope: Envelope; project: ExecutionProject; values: ExecutionInput; errors?: FieldErrors }) {
  const { ctx, edition, envelope, project, values, errors } = props;
  const { t } = ctx;
  const k = (key: string, vars?: Record<string, string | number>) => t(`participatory-budgets.results.execution.${key}`, vars);
  const base = envelopePath(edition, envelope);
  const labels = { status: k('field.status'), progress: k('field.progress'), note: k('field.note') };
  return (
    <section aria-labelledby="execution-update">
      <h2 id="execution-update">{k('update_heading')}</h2>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <Form ctx={ctx} action={`${base}/ejecucion/${project.number}`} novalidate>
        <SelectField
          t={t}
          name="status"
          label={labels.status}
          required
          errors={errors}
          value={values.status}
          options={EXECUTION_STATUSES.map((s) => ({ value: s, label: k(`status.${s}`) }))}
        />
        <TextField t={t} name="progress" label={labels.progress} hint={k('field.progress_hint')} required errors={errors} value={values.progress} inputmode="numeric" maxLength={4} />
        <TextAreaField t={t} name="note" label={labels.note} hint={k('field.note_hint', { max: NOTE_MAX })} errors={errors} value={values.note} maxLength={NOTE_MAX} />
        <Button>{k('save')}</Button>
      </Form>
    </section>
  );
}
