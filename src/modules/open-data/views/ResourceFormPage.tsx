import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { RESOURCE_FORMATS } from '../catalogue.data.ts';
import type { Dataset } from '../catalogue.queries.ts';
import { datasetPath } from '../paths.ts';

/** Add a resource: upload a file (CSV and XLSX go to the datastore) or give a link. */
export function ResourceFormPage(props: { ctx: ViewContext; dataset: Dataset; values: Record<string, string>; errors?: FieldErrors }) {
  const { ctx, dataset, values, errors } = props;
  const { t } = ctx;
  const title = t('open-data.manage.add_resource');
  const labels = { name: t('open-data.resource.name'), description: t('open-data.resource.description'), file: t('open-data.resource.file'), url: t('open-data.resource.url'), format: t('open-data.resource.format') };
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/datos', label: t('open-data.title') }, { href: datasetPath(dataset.name), label: dataset.title }, { label: title }]}>
      <h1>
        {title}: {dataset.title}
      </h1>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <Form ctx={ctx} action={`${datasetPath(dataset.name)}/recursos/nuevo`} multipart novalidate>
        <TextField t={t} name="name" label={labels.name} value={values.name} errors={errors} required maxLength={300} />
        <TextAreaField t={t} name="description" label={labels.description} value={values.description} errors={errors} rows={3} />
        <div class={errors?.file ? 'field field-error' : 'field'}>
          <label for="file">{labels.file}</label>
          <p class="hint" id="file-hint">
            {t('open-data.resource.file_hint')}
          </p>
          {errors?.file && (
            <p class="error-message" id="file-error">
              {t(errors.file.key)}
            </p>
          )}
          <input type="file" id="file" name="file" accept=".csv,.json,.geojson,.xlsx,.pdf,.zip,.xml" aria-describedby={errors?.file ? 'file-hint file-error' : 'file-hint'} />
        </div>
        <TextField t={t} name="url" type="url" label={labels.url} hint={t('open-data.resource.url_hint')} value={values.url} errors={errors} />
        <SelectField t={t} name="format" label={labels.format} hint={t('open-data.resource.format_hint')} value={values.format} errors={errors} placeholder={t('open-data.field.choose')} options={RESOURCE_FORMATS.map((f) => ({ value: f, label: f }))} />
        <Button>{title}</Button>
      </Form>
    </Layout>
  );
}
