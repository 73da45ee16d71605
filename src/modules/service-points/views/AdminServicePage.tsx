import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { ServiceValues } from '../service-form.ts';
import { servicePath, type Service } from '../services.queries.ts';
import { CHANNELS, COST_KINDS } from '../service-points.schema.ts';

/** `/admin/tramites/nuevo` and `/admin/tramites/<slug>`: the catalogue entry form. */
export function AdminServicePage(props: { ctx: ViewContext; service: Service | null; values: ServiceValues; errors?: FieldErrors; entities: { code: string; acronym: string; name: string }[] }) {
  const { ctx, service, values, errors } = props;
  const { t } = ctx;
  const title = service ? t('service-points.admin.edit_service_title', { name: service.name }) : t('service-points.admin.new_service');
  const labels: Record<string, string> = Object.fromEntries(
    ['name', 'slug', 'summary', 'entity', 'requirements', 'cost_kind', 'cost_cop', 'cost_note', 'channel', 'online_url', 'source_url'].map((f) => [f, t(`service-points.admin.field.${f}`)]),
  );
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/admin/tramites', label: t('service-points.admin.catalogue_title') }, { label: title }]}>
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      {service && (
        <p>
          <a href={servicePath(service.slug)}>{t('service-points.admin.public_page')}</a>
        </p>
      )}
      <Form ctx={ctx} action={service ? `/admin/tramites/${service.slug}` : '/admin/tramites/nuevo'}>
        <TextField t={t} name="name" label={labels.name!} value={values.name} errors={errors} maxLength={160} required />
        <TextField t={t} name="slug" label={labels.slug!} hint={t('service-points.admin.slug_hint')} value={values.slug} errors={errors} maxLength={80} required />
        <TextAreaField t={t} name="summary" label={labels.summary!} value={values.summary} errors={errors} rows={3} maxLength={2000} />
        <SelectField t={t} name="entity" label={labels.entity!} value={values.entity} placeholder={t('service-points.catalogue.any_entity')} options={props.entities.map((e) => ({ value: e.code, label: `${e.name} (${e.acronym})` }))} errors={errors} required />
        <TextAreaField t={t} name="requirements" label={labels.requirements!} hint={t('service-points.admin.requirements_hint')} value={values.requirements} errors={errors} rows={5} />
        <SelectField t={t} name="cost_kind" label={labels.cost_kind!} value={values.cost_kind} options={COST_KINDS.map((k) => ({ value: k, label: t(`service-points.cost_kind.${k}`) }))} errors={errors} required />
        <TextField t={t} name="cost_cop" label={labels.cost_cop!} hint={t('service-points.admin.cost_cop_hint')} value={values.cost_cop} errors={errors} inputmode="numeric" maxLength={20} />
        <TextField t={t} name="cost_note" label={labels.cost_note!} value={values.cost_note} errors={errors} maxLength={300} />
        <SelectField t={t} name="channel" label={labels.channel!} value={values.channel} options={CHANNELS.map((c) => ({ value: c, label: t(`service-points.channel.${c}`) }))} errors={errors} required />
        <TextField t={t} name="online_url" type="url" label={labels.online_url!} hint={t('service-points.admin.online_url_hint')} value={values.online_url} errors={errors} maxLength={500} />
        <TextField t={t} name="source_url" type="url" label={labels.source_url!} value={values.source_url} errors={errors} maxLength={500} />
        <Button>{t('service-points.admin.save_service')}</Button>
      </Form>
    </Layout>
  );
}
