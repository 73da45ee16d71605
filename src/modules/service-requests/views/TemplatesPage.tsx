import type { FieldErrors } from '../../../core/http/errors.ts';
import { EmptyState } from '../../../core/views/components/content.tsx';
import { Button, ErrorSummary, Form, SelectField, TextAreaField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { TemplateRow } from '../service-requests.queries.ts';
import { P, Paragraphs } from './parts.tsx';

/** Answer templates of the entities the official works for. */
export function TemplatesPage(props: {
  ctx: ViewContext;
  templates: TemplateRow[];
  entities: { code: string; acronym: string; name: string }[];
  values?: Record<string, string>;
  errors?: FieldErrors;
}) {
  const { ctx, templates, values = {}, errors } = props;
  const { t } = ctx;
  const title = t(`${P}.templates.title`);
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/pqrs/gestion', label: t(`${P}.queue.title`) }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t(`${P}.templates.lead`)}</p>
      {templates.length === 0 ? (
        <EmptyState title={t(`${P}.templates.empty`)} />
      ) : (
        templates.map((tpl) => (
          <article class="card">
            <h2>{tpl.title}</h2>
            <p class="hint">{tpl.entity_name}</p>
            <Paragraphs text={tpl.body} />
            <Form ctx={ctx} action={`/pqrs/gestion/plantillas/${tpl.id}/eliminar`}>
              <Button kind="danger">{t(`${P}.templates.delete`, { title: tpl.title })}</Button>
            </Form>
          </article>
        ))
      )}
      <h2>{t(`${P}.templates.new`)}</h2>
      <ErrorSummary t={t} errors={errors} labels={{ entity: t(`${P}.fields.entity`), title: t(`${P}.fields.template_title`), body: t(`${P}.fields.template_body`) }} />
      <Form ctx={ctx} action="/pqrs/gestion/plantillas" novalidate>
        <SelectField
          t={t}
          name="entity"
          label={t(`${P}.fields.entity`)}
          value={values.entity ?? (props.entities.length === 1 ? props.entities[0]!.code : '')}
          errors={errors}
          required
          placeholder={t(`${P}.filing.choose`)}
          options={props.entities.map((e) => ({ value: e.code, label: `${e.name} (${e.acronym})` }))}
        />
        <TextField t={t} name="title" label={t(`${P}.fields.template_title`)} value={values.title ?? ''} errors={errors} required maxLength={120} />
        <TextAreaField t={t} name="body" label={t(`${P}.fields.template_body`)} value={values.body ?? ''} errors={errors} required rows={8} maxLength={20000} />
        <Button>{t(`${P}.templates.save`)}</Button>
      </Form>
    </Layout>
  );
}
