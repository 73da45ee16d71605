import type { FieldErrors } from '../../../core/http/errors.ts';
import type { DenialReason } from '../../../core/permissions/permissions.ts';
import { EmptyState } from '../../../core/views/components/content.tsx';
import { Button, ErrorSummary, Form, SelectField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { DOCUMENT_TYPES } from '../../../core/verification/identity.ts';
import type { DayAvailability } from '../availability.ts';
import { centrePath, type Centre } from '../centres.queries.ts';
import type { Offering } from '../services.queries.ts';
import { Denied } from './Denied.tsx';
import { DayPicker, TimeChoices } from './SlotPicker.tsx';

export interface BookingValues {
  service: string;
  day: string;
  time: string;
  document_type: string;
  document_number: string;
}

export const emptyBookingValues = (): BookingValues => ({ service: '', day: '', time: '', document_type: 'CC', document_number: '' });

export interface BookingFormProps {
  ctx: ViewContext;
  centre: Centre;
  offerings: Offering[];
  selected: Offering | null;
  days: DayAvailability[] | null;
  values: BookingValues;
  errors?: FieldErrors;
  /** Set when an administrator requires more of people who book than this person has. */
  denied?: DenialReason;
}

/**
 * `/puntos-de-atencion/<slug>/turnos`: choose the service (a GET form), then the day (links), then
 * the time and the identity document (the POST form). Works the same without JavaScript.
 */
export function BookingFormPage(props: BookingFormProps) {
  const { ctx, centre, selected, values, errors } = props;
  const { t } = ctx;
  const base = `/puntos-de-atencion/${centre.slug}/turnos`;
  const day = props.days?.find((d) => d.day === values.day) ?? null;
  const labels = {
    service: t('service-points.booking.service'),
    time: t('service-points.booking.time'),
    document_type: t('service-points.booking.document_type'),
    document_number: t('service-points.booking.document_number'),
    day: t('service-points.booking.day'),
  };
  return (
    <Layout
      ctx={ctx}
      title={t('service-points.booking.title', { centre: centre.name })}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/puntos-de-atencion', label: t('service-points.centres.title') },
        { href: centrePath(centre.slug), label: centre.name },
        { label: t('service-points.booking.crumb') },
      ]}
    >
      <h1>{t('service-points.booking.title', { centre: centre.name })}</h1>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <p class="lead">{t('service-points.booking.lead')}</p>

      <form method="get" action={base} aria-labelledby="step-service">
        <h2 id="step-service">{t('service-points.booking.step_service')}</h2>
        <SelectField
          t={t}
          name="servicio"
          label={labels.service}
          value={selected?.serviceSlug ?? values.service}
          placeholder={t('service-points.booking.choose_service')}
          options={props.offerings.map((o) => ({ value: o.serviceSlug, label: o.serviceName }))}
          errors={errors?.service ? { servicio: errors.service } : undefined}
          required
        />
        <button type="submit" class="button button-secondary">
          {t('service-points.booking.show_turns')}
        </button>
      </form>

      {selected && props.days && (
        <>
          <h2 id="step-day">{t('service-points.booking.step_day', { service: selected.serviceName })}</h2>
          <DayPicker ctx={ctx} days={props.days} current={values.day} hrefFor={(d) => `${base}?servicio=${selected.serviceSlug}&dia=${d}`} labelledBy="step-day" />

          {day && (
            <>
              <h2 id="step-time">{t('service-points.booking.step_time')}</h2>
              {props.denied ? (
                <Denied ctx={ctx} reason={props.denied} />
              ) : day.slots.every((s) => s.remaining === 0) ? (
                <EmptyState title={t(day.slots.length === 0 ? 'service-points.booking.no_turns_day' : 'service-points.booking.day_full')} />
              ) : (
                <Form ctx={ctx} action={base}>
                  <input type="hidden" name="service" value={selected.serviceSlug} />
                  <input type="hidden" name="day" value={day.day} />
                  <TimeChoices ctx={ctx} day={day} value={values.time} error={errors?.time} legend={labels.time} />
                  <SelectField
                    t={t}
                    name="document_type"
                    label={labels.document_type}
                    value={values.document_type}
                    options={DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`service-points.document_type.${d}`) }))}
                    errors={errors}
                    required
                  />
                  <TextField
                    t={t}
                    name="document_number"
                    label={labels.document_number}
                    hint={t('service-points.booking.document_hint')}
                    value={values.document_number}
                    errors={errors}
                    autocomplete="off"
                    maxLength={30}
                    required
                  />
                  {!ctx.actor && <p class="hint">{t('service-points.booking.anonymous_hint')}</p>}
                  <Button>{t('service-points.booking.confirm')}</Button>
                </Form>
              )}
            </>
          )}
        </>
      )}
    </Layout>
  );
}
