import type { FieldErrors } from '../../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../../core/views/components/forms.tsx';
import { Layout } from '../../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../../core/views/view-context.ts';
import { REUSE_KINDS } from '../../open-data.schema.ts';
import { REUSES_PATH } from '../paths.ts';
import { C } from './components.tsx';

export interface ReuseFormValues {
  title: string;
  description: string;
  kind: string;
  url: string;
  datasets: string[];
}

/** The datasets used, as checkboxes (at least one): a group with its legend, error and hint. */
function DatasetChoice(props: { ctx: ViewContext; datasets: { name: string; title: string }[]; chosen: readonly string[]; errors?: FieldErrors }) {
  const { t } = props.ctx;
  const error = props.errors?.datasets;
  return (
    <fieldset id="datasets" class={error ? 'field field-error' : 'field'} aria-describedby={error ? 'datasets-hint datasets-error' : 'datasets-hint'}>
      <legend>
        {t(`${C}field.datasets`)} <span class="required">({t('forms.required')})</span>
      </legend>
      <p class="hint" id="datasets-hint">
        {t(`${C}hint.datasets`)}
      </p>
      {error && (
        <p class="error-message" id="datasets-error">
          <span class="visually-hidden">{t('forms.error_prefix')} </span>
          {t(error.key, error.vars)}
        </p>
      )}
      <ul class="od-dataset-choice">
        {props.datasets.map((d, i) => (
          <li>
            <input type="checkbox" id={`dataset-${i}`} name="datasets" value={d.name} checked={props.chosen.includes(d.name)} />
            <label for={`dataset-${i}`}>{d.title}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** `/datos/usos/nuevo`: publish a reuse (multipart, for the optional image). Keeps what was typed when it comes back with errors. */
export function ReuseFormPage(props: { ctx: ViewContext; values: Partial<ReuseFormValues>; errors?: FieldErrors; datasets: { name: string; title: string }[] }) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  const label = (k: string) => t(`${C}field.${k}`);
  const labels = { title: label('title'), description: label('reuse_description'), kind: label('kind'), url: label('url'), image: label('image'), datasets: label('datasets') };
  const imageError = errors?.image;
  return (
    <Layout
      ctx={ctx}
      title={t(`${C}reuses.new_title`)}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/datos', label: t('open-data.title') }, { href: REUSES_PATH, label: t(`${C}reuses.title`) }, { label: t(`${C}reuses.new_title`) }]}
    >
      <h1>{t(`${C}reuses.new_title`)}</h1>
      <p>{t(`${C}reuses.new_lead`)}</p>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <Form ctx={ctx} action={`${REUSES_PATH}/nuevo`} multipart novalidate>
        <TextField t={t} name="title" label={labels.title} value={values.title} errors={errors} required maxLength={200} />
        <TextAreaField t={t} name="description" label={labels.description} value={values.description} errors={errors} required maxLength={4000} />
        <SelectField t={t} name="kind" label={labels.kind} value={values.kind} errors={errors} required placeholder={t(`${C}reuses.choose_kind`)} options={REUSE_KINDS.map((k) => ({ value: k, label: t(`${C}kind.${k}`) }))} />
        <TextField t={t} name="url" type="url" label={labels.url} hint={t(`${C}hint.url`)} value={values.url} errors={errors} required maxLength={500} inputmode="url" />
        <div class={imageError ? 'field field-error' : 'field'}>
          <label for="image">
            {labels.image} <span class="optional">({t('forms.optional')})</span>
          </label>
          <p class="hint" id="image-hint">
            {t(`${C}hint.image`)}
          </p>
          {imageError && (
            <p class="error-message" id="image-error">
              <span class="visually-hidden">{t('forms.error_prefix')} </span>
              {t(imageError.key, imageError.vars)}
            </p>
          )}
          <input type="file" id="image" name="image" accept="image/png,image/jpeg,image/webp" aria-invalid={imageError ? 'true' : undefined} aria-describedby={imageError ? 'image-hint image-error' : 'image-hint'} />
        </div>
        <DatasetChoice ctx={ctx} datasets={props.datasets} chosen={values.datasets ?? []} errors={errors} />
        <Button>{t(`${C}reuses.submit`)}</Button>
      </Form>
    </Layout>
  );
}
