import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { EXECUTION_STATUSES, NOTE_MAX, type ExecutionInput } from '../commands/update-execution.ts';
import { editionPath, envelopePath, type Edition, type Envelope } from '../editions.queries.ts';
import type { ExecutionProject } from '../results.queries.ts';
import { copOf } from './results-labels.ts';

/** The form an official of the alcaldía local uses to record a winning project's execution. */
export function ExecutionEditPage(props: { ctx: ViewContext; edition: Edition; envelope: Envelope; project: ExecutionProject; values: ExecutionInput; errors?: FieldErrors }) {
  const { ctx, edition, envelope, project, values, errors } = props;
  const { t, locale } = ctx;
  const k = (key: string, vars?: Record<string, string | number>) => t(`participatory-budgets.results.execution.${key}`, vars);
  const place = envelope.localidad_name ?? envelope.name;
  const base = envelopePath(edition, envelope);
  const labels = { status: k('field.status'), progress: k('field.progress'), note: k('field.note') };
  return (
    <Layout
      ctx={ctx}
      title={`${k('edit_title', { number: project.number })} · ${edition.title}`}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/presupuestos-participativos', label: t('participatory-budgets.title') },
        { href: editionPath(edition), label: edition.title },
        { href: base, label: place },
        { href: `${base}/ejecucion`, label: k('breadcrumb') },
        { label: `#${project.number}` },
      ]}
    >
      <h1>{k('edit_title', { number: project.number })}</h1>
      <p class="lead">
        {project.title} · {copOf(locale, project.cost)}
      </p>
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
      <p>
        <a href={`${base}/ejecucion`}>{k('cancel')}</a>
      </p>
    </Layout>
  );
}
