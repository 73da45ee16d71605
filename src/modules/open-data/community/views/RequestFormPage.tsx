import type { FieldErrors } from '../../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../../core/views/components/forms.tsx';
import { Layout } from '../../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../../core/views/view-context.ts';
import { REQUESTS_PATH } from '../paths.ts';
import { C } from './components.tsx';

export interface RequestFormValues {
  title: string;
  description: string;
  purpose: string;
  entity: string;
  localidad: string;
}

/** `/datos/solicitudes/nueva`: ask an entity (or any) for a dataset. Keeps what was typed when it comes back with errors. */
export function RequestFormPage(props: { ctx: ViewContext; values: Partial<RequestFormValues>; errors?: FieldErrors; entities: { code: string; name: string }[]; localidades: { code: string; name: string }[] }) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  const label = (k: string) => t(`${C}field.${k}`);
  const labels = { title: label('title'), description: label('description'), purpose: label('purpose'), entity: label('entity'), localidad: label('localidad') };
  return (
    <Layout
      ctx={ctx}
      title={t(`${C}requests.new_title`)}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/datos', label: t('open-data.title') }, { href: REQUESTS_PATH, label: t(`${C}requests.title`) }, { label: t(`${C}requests.new_title`) }]}
    >
      <h1>{t(`${C}requests.new_title`)}</h1>
      <p>{t(`${C}requests.new_lead`)}</p>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <Form ctx={ctx} action={`${REQUESTS_PATH}/nueva`} novalidate>
        <TextField t={t} name="title" label={labels.title} hint={t(`${C}hint.title`)} value={values.title} errors={errors} required maxLength={200} />
        <TextAreaField t={t} name="description" label={labels.description} hint={t(`${C}hint.description`)} value={values.description} errors={errors} required maxLength={4000} />
        <TextAreaField t={t} name="purpose" label={labels.purpose} hint={t(`${C}hint.purpose`)} value={values.purpose} errors={errors} rows={3} maxLength={2000} />
        <SelectField t={t} name="entity" label={labels.entity} value={values.entity} errors={errors} placeholder={t(`${C}any_entity`)} options={props.entities.map((e) => ({ value: e.code, label: e.name }))} />
        <SelectField t={t} name="localidad" label={labels.localidad} value={values.localidad} errors={errors} placeholder={t('open-data.facet.whole_district')} options={props.localidades.map((l) => ({ value: l.code, label: l.name }))} />
        <Button>{t(`${C}requests.submit`)}</Button>
      </Form>
    </Layout>
  );
}
