import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, TextAreaField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { MAX_FILES } from '../cause-form.ts';
import type { CauseDetail } from '../causes.queries.ts';
import { causePath, When } from './components.tsx';
import { LIST_PATH } from './CausesListPage.tsx';

/** The official answer of the entity (text and optional files), for its officials. */
export function AnswerFormPage(props: { ctx: ViewContext; cause: CauseDetail; values: { body: string }; errors?: FieldErrors; keptFiles: { id: string; original_name: string }[] }) {
  const { ctx, cause, errors } = props;
  const { t } = ctx;
  const title = t('causes.answer_form.title');
  const labels = { body: t('causes.answer_form.body'), files: t('causes.fields.files') };
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: LIST_PATH, label: t('causes.title') }, { href: causePath(cause.id), label: cause.title }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">
        {t('causes.answer_form.lead', { title: cause.title, entity: cause.entity_name ?? '' })} <When ctx={ctx} value={cause.answer_due_on!} />.
      </p>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <Form ctx={ctx} action={`${causePath(cause.id)}/respuesta`} multipart novalidate class="cause-form">
        <TextAreaField t={t} name="body" label={labels.body} hint={t('causes.answer_form.body_hint')} required value={props.values.body} errors={errors} rows={12} maxLength={20_000} />
        {props.keptFiles.length > 0 && (
          <div class="field">
            <p>{t('causes.form.kept_files')}</p>
            <ul>
              {props.keptFiles.map((f) => (
                <li>
                  <input type="hidden" name="kept_file" value={f.id} />
                  {f.original_name}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div class={errors?.files ? 'field field-error' : 'field'}>
          <label for="files">
            {labels.files} <span class="optional">({t('forms.optional')})</span>
          </label>
          <p class="hint" id="files-hint">
            {t('causes.form.files_hint', { max: MAX_FILES })}
          </p>
          {errors?.files && (
            <p class="error-message" id="files-error">
              <span class="visually-hidden">{t('forms.error_prefix')} </span>
              {t(errors.files.key, errors.files.vars)}
            </p>
          )}
          <input id="files" name="files" type="file" multiple accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-invalid={errors?.files ? 'true' : undefined} aria-describedby={errors?.files ? 'files-hint files-error' : 'files-hint'} />
        </div>
        <Button>{t('causes.answer_form.submit')}</Button>
      </Form>
    </Layout>
  );
}
