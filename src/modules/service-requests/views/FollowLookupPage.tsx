import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { P } from './parts.tsx';

/** "Consultar una solicitud": radicado + secret code. */
export function FollowLookupPage(props: { ctx: ViewContext; radicado: string; errors?: FieldErrors }) {
  const { ctx, errors } = props;
  const { t } = ctx;
  const title = t(`${P}.follow.title`);
  return (
    <Layout ctx={ctx} title={title} description={t(`${P}.follow.lead`)} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/pqrs', label: t(`${P}.title`) }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t(`${P}.follow.lead`)}</p>
      <ErrorSummary t={t} errors={errors} labels={{ radicado: t(`${P}.fields.radicado`), code: t(`${P}.fields.follow_code`) }} />
      <Form ctx={ctx} action="/pqrs/seguimiento" novalidate>
        <TextField t={t} name="radicado" label={t(`${P}.fields.radicado`)} hint={t(`${P}.hints.radicado`)} value={props.radicado} errors={errors} required autocomplete="off" maxLength={20} />
        <TextField t={t} name="code" label={t(`${P}.fields.follow_code`)} hint={t(`${P}.hints.follow_code`)} errors={errors} required autocomplete="off" maxLength={20} />
        <Button>{t(`${P}.follow.submit`)}</Button>
      </Form>
      {ctx.actor && (
        <p>
          <a href="/pqrs/mis-solicitudes">{t(`${P}.mine.title`)}</a>
        </p>
      )}
      <p>{t(`${P}.follow.lost_code`)}</p>
    </Layout>
  );
}
