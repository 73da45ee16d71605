import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatNumber } from '../../../core/i18n/i18n.ts';
import { DataTable } from '../../../core/views/components/content.tsx';
import { Button, ErrorSummary, Form } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { ADMIN_PATH, adminPath, type Consultation } from '../consultations.queries.ts';
import { columnOf, type PaperReport } from '../paper.ts';
import { rankCountOf, type QuestionDef } from '../questionnaire.ts';

const P = 'consultations.paper.';

function FileField(props: { ctx: ViewContext; errors?: FieldErrors }) {
  const { t } = props.ctx;
  const error = props.errors?.file;
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for="file">
        {t(`${P}file`)} <span class="required">({t('forms.required')})</span>
      </label>
      <p class="hint" id="file-hint">
        {t(`${P}file_hint`)}
      </p>
      {error && (
        <p class="error-message" id="file-error">
          <span class="visually-hidden">{t('forms.error_prefix')} </span>
          {t(error.key, error.vars)}
        </p>
      )}
      <input type="file" id="file" name="file" accept=".csv,text/csv" aria-describedby={error ? 'file-hint file-error' : 'file-hint'} />
    </div>
  );
}

/** How to fill each question's column. */
function columnHelp(ctx: ViewContext, q: QuestionDef): string {
  const { t } = ctx;
  const numbered = q.options.map((o, i) => `${i + 1} = ${o.label}`).join('; ');
  switch (q.kind) {
    case 'single_choice':
      return t(`${P}cell.single`, { options: numbered });
    case 'multiple_choice':
      return t(`${P}cell.multiple`, { options: numbered });
    case 'ranking':
      return t(`${P}cell.ranking`, { options: numbered, count: rankCountOf(q) });
    case 'rating_scale':
      return t(`${P}cell.scale`, { min: q.settings.min ?? 1, max: q.settings.max ?? 5 });
    case 'number':
      return t(`${P}cell.number`);
    default:
      return t(`${P}cell.text`);
  }
}

/**
 * Import of paper responses: the expected columns, the upload, then the reconciliation report.
 * Confirming asks for the same file again (checked by its SHA-256): the server keeps nothing of a
 * file between the two steps, not even document hashes.
 */
export function PaperPage(props: { ctx: ViewContext; consultation: Consultation; questions: QuestionDef[]; errors?: FieldErrors; report?: PaperReport; imported?: number }) {
  const { ctx, consultation: c, questions, report } = props;
  const { t, locale } = ctx;
  const base = adminPath(c);
  const title = t(`${P}title`);
  const hasErrors = Object.keys(props.errors ?? {}).length > 0 || (report !== undefined && !report.ready);
  return (
    <Layout
      ctx={ctx}
      title={hasErrors ? `${t('consultations.answer.error_title_prefix')} ${title}` : title}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: ADMIN_PATH, label: t('consultations.admin.title') }, { href: base, label: c.title }, { label: title }]}
    >
      <h1>{title}</h1>
      <p>{t(`${P}intro`)}</p>
      <h2 id="columnas">{t(`${P}columns_heading`)}</h2>
      <p>
        <a href={`${base}/papel/plantilla.csv`}>{t(`${P}template`)}</a>
      </p>
      <DataTable
        id="columnas-tabla"
        caption={t(`${P}columns_caption`)}
        rows={[
          { column: 'tipo_documento', what: t(`${P}cell.document_type`) },
          { column: 'numero_documento', what: t(`${P}cell.document_number`) },
          ...questions.map((q) => ({ column: columnOf(q), what: `${q.title} — ${columnHelp(ctx, q)}` })),
        ]}
        columns={[
          { header: t(`${P}column`), rowHeader: true, cell: (r) => <code>{r.column}</code> },
          { header: t(`${P}content`), cell: (r) => r.what },
        ]}
      />
      {report && (
        <section aria-labelledby="informe">
          <h2 id="informe">{t(`${P}report_heading`)}</h2>
          <div role={report.ready ? 'status' : 'alert'}>
            <p>{t(`${P}report_summary`, { count: report.rows, valid: formatNumber(locale, report.valid), problems: formatNumber(locale, report.problemCount) })}</p>
            {report.unverified > 0 && <p>{t(`${P}unverified`, { count: report.unverified })}</p>}
            <p>
              <strong>{report.ready ? t(`${P}ready`) : t(`${P}not_ready`)}</strong>
            </p>
          </div>
          {report.problems.length > 0 && (
            <DataTable
              id="problemas"
              caption={report.problemCount > report.problems.length ? t(`${P}problems_caption_partial`, { shown: report.problems.length, count: report.problemCount }) : t(`${P}problems_caption`)}
              rows={report.problems}
              columns={[
                { header: t(`${P}line`), numeric: true, rowHeader: true, cell: (p) => String(p.line) },
                { header: t(`${P}column`), cell: (p) => (p.column ? <code>{p.column}</code> : '—') },
                { header: t(`${P}problem`), cell: (p) => t(p.key, p.vars) },
              ]}
            />
          )}
          {report.ready && (
            <Form ctx={ctx} action={`${base}/papel`} multipart novalidate>
              <input type="hidden" name="step" value="confirm" />
              <input type="hidden" name="sha256" value={report.sha256} />
              <p>{t(`${P}confirm_intro`, { count: report.valid })}</p>
              <FileField ctx={ctx} errors={props.errors} />
              <Button>{t(`${P}confirm`, { count: report.valid })}</Button>
            </Form>
          )}
        </section>
      )}
      {!report?.ready && (
        <section aria-labelledby="subir">
          <h2 id="subir">{t(`${P}upload_heading`)}</h2>
          <Form ctx={ctx} action={`${base}/papel`} multipart novalidate>
            <ErrorSummary t={t} errors={props.errors} labels={{ file: t(`${P}file`) }} />
            <input type="hidden" name="step" value="preview" />
            <FileField ctx={ctx} errors={props.errors} />
            <Button>{t(`${P}preview`)}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}
