import type { FieldErrors } from '../../../core/http/errors.ts';
import { formatNumber } from '../../../core/i18n/i18n.ts';
import type { DenialReason } from '../../../core/permissions/permissions.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { MAX_FILES, MAX_LINKS, WHOLE_CITY, type CauseFormValues } from '../cause-form.ts';
import type { CauseFile, ReferenceOptions } from '../causes.queries.ts';
import { TOPICS } from '../topics.ts';
import { causePath, DeniedAction } from './components.tsx';
import { LIST_PATH } from './CausesListPage.tsx';

export interface AttachedFile {
  id: string;
  original_name: string;
  media_type: string;
  size_bytes: string;
}

export interface CauseFormPageProps {
  ctx: ViewContext;
  /** The cause being edited; null when creating. */
  cause: { id: string; title: string; state: string } | null;
  values: CauseFormValues;
  errors?: FieldErrors;
  options: ReferenceOptions;
  /** Files of the cause (edit), with the ones ticked for removal. */
  existingFiles: CauseFile[];
  removeFileIds: string[];
  /** Files uploaded with a submission that came back with errors: kept, sent again as hidden ids. */
  keptFiles: AttachedFile[];
  settings: { threshold: number; days: number };
  /** Set when the person may not create: the page explains why instead of showing the form. */
  denied?: DenialReason;
}

const F = 'causes.form.';

function FileSize(props: { ctx: ViewContext; bytes: string }) {
  return <>{props.ctx.t('causes.file_size', { size: formatNumber(props.ctx.locale, Number(props.bytes) / 1024 / 1024, 1) })}</>;
}

/** Create or edit a cause. Multipart (evidence files); works without JavaScript; keeps what was typed on errors. */
export function CauseFormPage(props: CauseFormPageProps) {
  const { ctx, cause, values, errors, options } = props;
  const { t } = ctx;
  const title = cause ? t(`${F}edit_title`) : t(`${F}create_title`);
  const crumbs = [{ href: '/', label: t('nav.home') }, { href: LIST_PATH, label: t('causes.title') }, ...(cause ? [{ href: causePath(cause.id), label: cause.title }] : []), { label: title }];
  if (props.denied) {
    return (
      <Layout ctx={ctx} title={title} breadcrumbs={crumbs}>
        <h1>{title}</h1>
        <DeniedAction ctx={ctx} action={cause ? 'edit' : 'create'} reason={props.denied} id="form-denied" />
      </Layout>
    );
  }
  const labels: Record<string, string> = {
    title: t('causes.fields.title'),
    problem: t('causes.fields.problem'),
    evidence: t('causes.fields.evidence'),
    links: t('causes.fields.links'),
    localidad: t('causes.fields.localidad'),
    topic_code: t('causes.fields.topic'),
    target_entity_code: t('causes.fields.entity'),
    files: t('causes.fields.files'),
  };
  const action = cause ? `${causePath(cause.id)}/editar` : '/causas/nueva';
  const attached = props.existingFiles.filter((f) => f.purpose === 'evidence');
  const isDraft = !cause || cause.state === 'draft';
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs}>
      <h1>{title}</h1>
      <p class="lead">{t(`${F}lead`, { threshold: formatNumber(ctx.locale, props.settings.threshold), days: props.settings.days })}</p>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <Form ctx={ctx} action={action} multipart novalidate class="cause-form">
        <TextField t={t} name="title" label={labels.title!} hint={t(`${F}title_hint`)} required value={values.title} errors={errors} maxLength={150} />
        <TextAreaField t={t} name="problem" label={labels.problem!} hint={t(`${F}problem_hint`)} required value={values.problem} errors={errors} rows={8} maxLength={10_000} />
        <SelectField
          t={t}
          name="localidad"
          label={labels.localidad!}
          hint={t(`${F}localidad_hint`)}
          required
          value={values.localidad}
          errors={errors}
          placeholder={t(`${F}choose`)}
          options={[{ value: WHOLE_CITY, label: t('causes.whole_city') }, ...options.localidades.map((l) => ({ value: l.code, label: l.name }))]}
        />
        <SelectField t={t} name="topic_code" label={labels.topic_code!} required value={values.topic_code} errors={errors} placeholder={t(`${F}choose`)} options={TOPICS.map((code) => ({ value: code, label: t(`causes.topics.${code}`) }))} />
        <SelectField
          t={t}
          name="target_entity_code"
          label={labels.target_entity_code!}
          hint={t(`${F}entity_hint`)}
          value={values.target_entity_code}
          errors={errors}
          placeholder={t(`${F}no_entity`)}
          options={options.entities.map((e) => ({ value: e.code, label: `${e.name} (${e.acronym})` }))}
        />
        <fieldset>
          <legend>{t(`${F}evidence_legend`)}</legend>
          <TextAreaField t={t} name="evidence" label={labels.evidence!} hint={t(`${F}evidence_hint`)} value={values.evidence} errors={errors} rows={5} maxLength={10_000} />
          <TextAreaField t={t} name="links" label={labels.links!} hint={t(`${F}links_hint`, { max: MAX_LINKS })} value={values.links} errors={errors} rows={3} />
          {attached.length > 0 && (
            <fieldset>
              <legend>{t(`${F}current_files`)}</legend>
              {attached.map((f) => (
                <div class="field">
                  <input type="checkbox" id={`remove-${f.file_id}`} name="remove_file" value={f.file_id} checked={props.removeFileIds.includes(f.file_id)} />{' '}
                  <label for={`remove-${f.file_id}`} class="inline-label">
                    {t(`${F}remove_file`, { name: f.original_name })} (<FileSize ctx={ctx} bytes={f.size_bytes} />)
                  </label>
                </div>
              ))}
            </fieldset>
          )}
          {props.keptFiles.length > 0 && (
            <div class="field">
              <p>{t(`${F}kept_files`)}</p>
              <ul>
                {props.keptFiles.map((f) => (
                  <li>
                    <input type="hidden" name="kept_file" value={f.id} />
                    {f.original_name} (<FileSize ctx={ctx} bytes={f.size_bytes} />)
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
              {t(`${F}files_hint`, { max: MAX_FILES })}
            </p>
            {errors?.files && (
              <p class="error-message" id="files-error">
                <span class="visually-hidden">{t('forms.error_prefix')} </span>
                {t(errors.files.key, errors.files.vars)}
              </p>
            )}
            <input
              id="files"
              name="files"
              type="file"
              multiple
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              aria-invalid={errors?.files ? 'true' : undefined}
              aria-describedby={errors?.files ? 'files-hint files-error' : 'files-hint'}
            />
          </div>
        </fieldset>
        <p class="hint">{t(isDraft ? `${F}publish_hint` : `${F}edit_hint`)}</p>
        <div class="button-row">
          {isDraft ? (
            <>
              <Button name="intent" value="publish">
                {t(`${F}publish`)}
              </Button>{' '}
              <Button kind="secondary" name="intent" value="draft">
                {t(`${F}save_draft`)}
              </Button>
            </>
          ) : (
            <Button name="intent" value="save">
              {t(`${F}save`)}
            </Button>
          )}
        </div>
      </Form>
    </Layout>
  );
}
