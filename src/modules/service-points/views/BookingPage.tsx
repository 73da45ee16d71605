import type { FieldErrors } from '../../../core/http/errors.ts';
import { EmptyState } from '../../../core/views/components/content.tsx';
import { Button, ErrorSummary, Form } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { DayAvailability } from '../availability.ts';
import { bookingPath, type Booking } from '../bookings.queries.ts';
import { centrePath } from '../centres.queries.ts';
import { servicePath } from '../services.queries.ts';
import type { LockedProblem } from '../commands/change-turn.ts';
import { formatTurn } from './labels.ts';
import { DayPicker, TimeChoices } from './SlotPicker.tsx';
import { turnStatusLabel } from './turn-status.ts';

export interface BookingPageProps {
  ctx: ViewContext;
  booking: Booking;
  now: Date;
  /** Days to move the turn to (null when it cannot be changed any more). */
  days: DayAvailability[] | null;
  day: string;
  time: string;
  errors?: FieldErrors;
  /** Why the turn can no longer be changed, when someone tried. */
  problem?: LockedProblem;
}

/** `/turnos/<id>`: the turn, its code, and how to move or cancel it. */
export function BookingPage(props: BookingPageProps) {
  const { ctx, booking } = props;
  const { t, locale } = ctx;
  const path = bookingPath(booking.id);
  // Only an active turn still to come can be moved or cancelled; attended or missed ones are history.
  const upcoming = booking.status === 'active' && booking.startsAt.getTime() > props.now.getTime();
  const chosenDay = props.days?.find((d) => d.day === props.day) ?? null;
  return (
    <Layout ctx={ctx} title={t('service-points.turn.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/turnos', label: t('service-points.lookup.title') }, { label: booking.code }]}>
      <h1>{t('service-points.turn.title')}</h1>
      <ErrorSummary t={t} errors={props.errors} labels={{ time: t('service-points.booking.time') }} />
      {props.problem && (
        <p class="flash flash-error" role="alert">
          {t(`service-points.turn.problem.${props.problem}`)}
        </p>
      )}
      <p class="sp-code">
        {t('service-points.turn.code')} <strong>{booking.code}</strong>
      </p>
      <p class="hint">{t('service-points.turn.code_hint')}</p>
      <dl class="facts">
        <dt>{t('service-points.turn.status')}</dt>
        <dd>
          <strong>{turnStatusLabel(t, locale, booking, props.now)}</strong>
          {booking.status === 'cancelled' && booking.cancelCause && (
            <>
              {' — '}
              {t(`service-points.turn.cause.${booking.cancelCause}`, { reason: booking.cancelNote ?? '' })}
            </>
          )}
        </dd>
        <dt>{t('service-points.turn.when')}</dt>
        <dd>{formatTurn(locale, booking.startsAt)}</dd>
        <dt>{t('service-points.turn.where')}</dt>
        <dd>
          <a href={centrePath(booking.centreSlug)}>{booking.centreName}</a>
          {booking.centreAddress && (
            <>
              <br />
              {booking.centreAddress}
            </>
          )}
        </dd>
        <dt>{t('service-points.turn.service')}</dt>
        <dd>
          <a href={servicePath(booking.serviceSlug)}>{booking.serviceName}</a>
        </dd>
      </dl>
      {upcoming && <p>{t('service-points.turn.bring')}</p>}

      {upcoming && props.days && (
        <>
          <h2 id="move">{t('service-points.turn.move')}</h2>
          <DayPicker ctx={ctx} days={props.days} current={props.day} hrefFor={(d) => `${path}?dia=${d}#move`} labelledBy="move" />
          {chosenDay &&
            (chosenDay.slots.every((s) => s.remaining === 0) ? (
              <EmptyState title={t(chosenDay.slots.length === 0 ? 'service-points.booking.no_turns_day' : 'service-points.booking.day_full')} />
            ) : (
              <Form ctx={ctx} action={`${path}/cambiar`}>
                <input type="hidden" name="day" value={chosenDay.day} />
                <TimeChoices ctx={ctx} day={chosenDay} value={props.time} error={props.errors?.time} legend={t('service-points.booking.time')} />
                <Button>{t('service-points.turn.move_submit')}</Button>
              </Form>
            ))}

          <h2 id="cancel">{t('service-points.turn.cancel')}</h2>
          <p>{t('service-points.turn.cancel_hint')}</p>
          <Form ctx={ctx} action={`${path}/cancelar`}>
            <Button kind="danger">{t('service-points.turn.cancel_submit')}</Button>
          </Form>
        </>
      )}
      <p>
        <a href="/puntos-de-atencion">{t('service-points.lookup.new')}</a>
      </p>
    </Layout>
  );
}
