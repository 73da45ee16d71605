import type { FieldErrors } from '../../../core/http/errors.ts';
import { Button, ErrorSummary, Form, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { bookingPath, type Booking } from '../bookings.queries.ts';
import { formatTurn } from './labels.ts';

/** `/turnos`: find a turn by its code; signed-in people also see their upcoming turns. */
export function BookingLookupPage(props: { ctx: ViewContext; code: string; errors?: FieldErrors; mine: Booking[] }) {
  const { ctx } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('service-points.lookup.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/puntos-de-atencion', label: t('service-points.centres.title') }, { label: t('service-points.lookup.title') }]}>
      <h1>{t('service-points.lookup.title')}</h1>
      <ErrorSummary t={t} errors={props.errors} labels={{ code: t('service-points.lookup.code') }} />
      <p class="lead">{t('service-points.lookup.lead')}</p>
      <Form ctx={ctx} action="/turnos">
        <TextField t={t} name="code" label={t('service-points.lookup.code')} hint={t('service-points.lookup.code_hint')} value={props.code} errors={props.errors} autocomplete="off" maxLength={40} required />
        <Button>{t('service-points.lookup.submit')}</Button>
      </Form>
      {props.mine.length > 0 && (
        <>
          <h2 id="my-turns">{t('service-points.lookup.mine')}</h2>
          <ul aria-labelledby="my-turns">
            {props.mine.map((b) => (
              <li>
                <a href={bookingPath(b.id)}>
                  {b.serviceName} — {b.centreName}
                </a>
                : {formatTurn(locale, b.startsAt)}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href="/puntos-de-atencion">{t('service-points.lookup.new')}</a>
      </p>
    </Layout>
  );
}
