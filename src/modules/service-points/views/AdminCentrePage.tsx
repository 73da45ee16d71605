import type { FieldErrors } from '../../../core/http/errors.ts';
import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { Button, ErrorSummary, Form, SelectField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { formatTime, parseTime } from '../bogota-clock.ts';
import type { Booking } from '../bookings.queries.ts';
import { WEEKDAYS } from '../centre-forms.ts';
import { centrePath, type Centre } from '../centres.queries.ts';
import type { Interval } from '../schedule.ts';
import type { Offering } from '../services.queries.ts';
import { ACCESSIBILITY_FEATURES } from '../service-points.schema.ts';
import { CheckboxGroup, RadioGroup } from './AdminParts.tsx';
import { formatInterval, formatLongDay } from './labels.ts';
import { TurnsDayForm, TurnsTable } from './TurnsTable.tsx';

export type CentreFormSection = 'hours' | 'exception' | 'offering' | 'details' | 'visit';

export interface CentreFormState {
  section: CentreFormSection;
  values: Record<string, string | string[]>;
  errors: FieldErrors;
}

export interface AdminCentrePageProps {
  ctx: ViewContext;
  centre: Centre;
  weekly: Map<number, Interval>;
  specialDays: { day: string; closed: boolean; opens: string | null; closes: string | null; reason: string }[];
  visits: { day: string; opens: string; closes: string; place: string; localidad_name: string }[];
  offerings: Offering[];
  catalogue: { slug: string; name: string }[];
  localidades: { code: string; name: string }[];
  turnsDay: string;
  turns: Booking[];
  form?: CentreFormState;
}

export const adminCentrePath = (slug: string) => `/admin/puntos-de-atencion/${slug}`;

const str = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');
const minutes = (value: string | null) => (value === null ? 0 : (parseTime(value) ?? 0));

/** `/admin/puntos-de-atencion/<slug>`: hours, dated closures, services and turns, accessibility, visits. */
export function AdminCentrePage(props: AdminCentrePageProps) {
  const { ctx, centre, form } = props;
  const { t, locale } = ctx;
  const path = adminCentrePath(centre.slug);
  const errorsOf = (section: CentreFormSection) => (form?.section === section ? form.errors : undefined);
  const valueOf = (section: CentreFormSection, name: string, fallback = '') => (form?.section === section ? str(form.values[name]) : fallback);
  const weekdayName = (weekday: number) => t(`service-points.weekday.${weekday}`);
  const summaryLabels: Record<string, string> = {
    day: t('service-points.admin.day'),
    mode: t('service-points.admin.mode'),
    opens: t('service-points.admin.opens'),
    closes: t('service-points.admin.closes'),
    reason: t('service-points.admin.reason'),
    service: t('service-points.booking.service'),
    slot_minutes: t('service-points.admin.slot_minutes'),
    capacity: t('service-points.admin.capacity'),
    accessibility: t('service-points.centre.accessibility'),
    latitude: t('service-points.admin.latitude'),
    longitude: t('service-points.admin.longitude'),
    place: t('service-points.visits.place'),
    localidad: t('service-points.centre.localidad_label'),
  };
  for (const weekday of WEEKDAYS) {
    summaryLabels[`opens_${weekday}`] = `${t('service-points.admin.opens')} (${weekdayName(weekday)})`;
    summaryLabels[`closes_${weekday}`] = `${t('service-points.admin.closes')} (${weekdayName(weekday)})`;
  }
  const currentOffering = props.offerings.find((o) => o.serviceSlug === valueOf('offering', 'service'));
  return (
    <Layout
      ctx={ctx}
      title={t('service-points.admin.centre_title', { name: centre.name })}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/admin/puntos-de-atencion', label: t('service-points.admin.title') }, { label: centre.name }]}
    >
      <h1>{t('service-points.admin.centre_title', { name: centre.name })}</h1>
      <ErrorSummary t={t} errors={form?.errors} labels={summaryLabels} />
      <p>
        <a href={centrePath(centre.slug)}>{t('service-points.admin.public_page')}</a>
      </p>

      <section aria-labelledby="admin-hours">
        <h2 id="admin-hours">{t('service-points.admin.hours')}</h2>
        <p class="hint">{t('service-points.admin.hours_hint')}</p>
        <Form ctx={ctx} action={`${path}/horario`}>
          <div class="sp-hours-grid">
            {WEEKDAYS.map((weekday) => {
              const saved = props.weekly.get(weekday);
              return (
                <fieldset class="field">
                  <legend>{weekdayName(weekday)}</legend>
                  <TextField t={t} type="time" name={`opens_${weekday}`} label={t('service-points.admin.opens')} value={valueOf('hours', `opens_${weekday}`, saved ? formatTime(saved.opens) : '')} errors={errorsOf('hours')} />
                  <TextField t={t} type="time" name={`closes_${weekday}`} label={t('service-points.admin.closes')} value={valueOf('hours', `closes_${weekday}`, saved ? formatTime(saved.closes) : '')} errors={errorsOf('hours')} />
                </fieldset>
              );
            })}
          </div>
          <Button>{t('service-points.admin.save_hours')}</Button>
        </Form>
      </section>

      <section aria-labelledby="admin-exceptions">
        <h2 id="admin-exceptions">{t('service-points.admin.exceptions')}</h2>
        {props.specialDays.length === 0 ? (
          <p>{t('service-points.admin.no_exceptions')}</p>
        ) : (
          <ul>
            {props.specialDays.map((s) => (
              <li>
                <strong>{formatLongDay(locale, s.day)}</strong>: {s.closed ? t('service-points.hours.closed') : formatInterval(locale, minutes(s.opens), minutes(s.closes))} — {s.reason}
                <Form ctx={ctx} action={`${path}/excepciones/${s.day}/eliminar`} class="sp-inline-form">
                  <button type="submit" class="button button-secondary">
                    {t('service-points.admin.remove')}
                    <span class="visually-hidden"> {formatLongDay(locale, s.day)}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <h3>{t('service-points.admin.add_exception')}</h3>
        <p class="hint">{t('service-points.admin.exception_hint')}</p>
        <Form ctx={ctx} action={`${path}/excepciones`}>
          <TextField t={t} type="date" name="day" label={summaryLabels.day!} value={valueOf('exception', 'day')} errors={errorsOf('exception')} required />
          <RadioGroup
            t={t}
            name="mode"
            legend={summaryLabels.mode!}
            value={valueOf('exception', 'mode', 'closed')}
            options={[
              { value: 'closed', label: t('service-points.admin.mode_closed') },
              { value: 'special', label: t('service-points.admin.mode_special') },
            ]}
            errors={errorsOf('exception')}
          />
          <TextField t={t} type="time" name="opens" label={summaryLabels.opens!} hint={t('service-points.admin.special_only')} value={valueOf('exception', 'opens')} errors={errorsOf('exception')} />
          <TextField t={t} type="time" name="closes" label={summaryLabels.closes!} hint={t('service-points.admin.special_only')} value={valueOf('exception', 'closes')} errors={errorsOf('exception')} />
          <TextField t={t} name="reason" label={summaryLabels.reason!} hint={t('service-points.admin.reason_hint')} value={valueOf('exception', 'reason')} errors={errorsOf('exception')} maxLength={300} required />
          <Button>{t('service-points.admin.save_exception')}</Button>
        </Form>
      </section>

      <section aria-labelledby="admin-offerings">
        <h2 id="admin-offerings">{t('service-points.admin.offerings')}</h2>
        {props.offerings.length === 0 ? (
          <EmptyState title={t('service-points.centre.no_services')} />
        ) : (
          <DataTable
            id="sp-admin-offerings"
            caption={t('service-points.admin.offerings_caption')}
            rows={props.offerings}
            columns={[
              { header: t('service-points.service.name'), rowHeader: true, cell: (o) => o.serviceName },
              {
                header: t('service-points.centre.turns'),
                cell: (o) => (o.slotMinutes !== null ? t('service-points.admin.turns_config', { minutes: o.slotMinutes, capacity: o.capacity ?? 0 }) : t('service-points.centre.walk_in')),
              },
              {
                header: t('service-points.admin.actions'),
                cell: (o) => (
                  <Form ctx={ctx} action={`${path}/servicios/${o.serviceSlug}/retirar`} class="sp-inline-form">
                    <button type="submit" class="button button-secondary">
                      {t('service-points.admin.withdraw')}
                      <span class="visually-hidden">: {o.serviceName}</span>
                    </button>
                  </Form>
                ),
              },
            ]}
          />
        )}
        <h3>{t('service-points.admin.add_offering')}</h3>
        <p class="hint">{t('service-points.admin.offering_hint')}</p>
        <Form ctx={ctx} action={`${path}/servicios`}>
          <SelectField
            t={t}
            name="service"
            label={summaryLabels.service!}
            value={valueOf('offering', 'service')}
            placeholder={t('service-points.booking.choose_service')}
            options={props.catalogue.map((s) => ({ value: s.slug, label: s.name }))}
            errors={errorsOf('offering')}
            required
          />
          <RadioGroup
            t={t}
            name="mode"
            legend={t('service-points.admin.offering_mode')}
            value={valueOf('offering', 'mode', currentOffering?.slotMinutes ? 'turns' : 'walk_in')}
            options={[
              { value: 'walk_in', label: t('service-points.centre.walk_in') },
              { value: 'turns', label: t('service-points.admin.mode_turns') },
            ]}
            errors={errorsOf('offering')}
          />
          <TextField t={t} name="slot_minutes" type="number" label={summaryLabels.slot_minutes!} hint={t('service-points.admin.slot_minutes_hint')} value={valueOf('offering', 'slot_minutes')} errors={errorsOf('offering')} inputmode="numeric" />
          <TextField t={t} name="capacity" type="number" label={summaryLabels.capacity!} hint={t('service-points.admin.capacity_hint')} value={valueOf('offering', 'capacity')} errors={errorsOf('offering')} inputmode="numeric" />
          <Button>{t('service-points.admin.save_offering')}</Button>
        </Form>
      </section>

      <section aria-labelledby="admin-details">
        <h2 id="admin-details">{t('service-points.admin.details')}</h2>
        <Form ctx={ctx} action={`${path}/datos`}>
          <CheckboxGroup
            t={t}
            name="accessibility"
            legend={summaryLabels.accessibility!}
            values={form?.section === 'details' ? ((form.values.accessibility as string[] | undefined) ?? []) : centre.accessibility}
            options={ACCESSIBILITY_FEATURES.map((f) => ({ value: f, label: t(`service-points.accessibility.${f}`) }))}
            errors={errorsOf('details')}
          />
          <TextField t={t} name="latitude" label={summaryLabels.latitude!} hint={t('service-points.admin.coordinates_hint')} value={valueOf('details', 'latitude', centre.latitude?.toString() ?? '')} errors={errorsOf('details')} inputmode="decimal" />
          <TextField t={t} name="longitude" label={summaryLabels.longitude!} value={valueOf('details', 'longitude', centre.longitude?.toString() ?? '')} errors={errorsOf('details')} inputmode="decimal" />
          <Button>{t('service-points.admin.save_details')}</Button>
        </Form>
      </section>

      {centre.kind === 'movil' && (
        <section aria-labelledby="admin-visits">
          <h2 id="admin-visits">{t('service-points.visits.title')}</h2>
          {props.visits.length === 0 ? (
            <p>{t('service-points.visits.empty')}</p>
          ) : (
            <ul>
              {props.visits.map((v) => (
                <li>
                  <strong>{formatLongDay(locale, v.day)}</strong>: {formatInterval(locale, minutes(v.opens), minutes(v.closes))} — {v.place} ({v.localidad_name})
                  <Form ctx={ctx} action={`${path}/visitas/${v.day}/eliminar`} class="sp-inline-form">
                    <button type="submit" class="button button-secondary">
                      {t('service-points.admin.remove')}
                      <span class="visually-hidden"> {formatLongDay(locale, v.day)}</span>
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
          <h3>{t('service-points.admin.add_visit')}</h3>
          <Form ctx={ctx} action={`${path}/visitas`}>
            <TextField t={t} type="date" name="day" label={summaryLabels.day!} value={valueOf('visit', 'day')} errors={errorsOf('visit')} required />
            <TextField t={t} type="time" name="opens" label={summaryLabels.opens!} value={valueOf('visit', 'opens', '08:00')} errors={errorsOf('visit')} required />
            <TextField t={t} type="time" name="closes" label={summaryLabels.closes!} value={valueOf('visit', 'closes', '15:00')} errors={errorsOf('visit')} required />
            <TextField t={t} name="place" label={summaryLabels.place!} value={valueOf('visit', 'place')} errors={errorsOf('visit')} maxLength={200} required />
            <SelectField t={t} name="localidad" label={summaryLabels.localidad!} value={valueOf('visit', 'localidad')} placeholder={t('service-points.filters.any_localidad')} options={props.localidades.map((l) => ({ value: l.code, label: l.name }))} errors={errorsOf('visit')} required />
            <Button>{t('service-points.admin.save_visit')}</Button>
          </Form>
        </section>
      )}

      <section aria-labelledby="admin-turns">
        <h2 id="admin-turns">{t('service-points.admin.turns_of_day', { day: formatLongDay(locale, props.turnsDay) })}</h2>
        <TurnsDayForm ctx={ctx} action={path} id="turns-day" day={props.turnsDay} />
        <p>
          <a href={`${path}/turnos?dia=${props.turnsDay}`}>{t('service-points.desk.link')}</a>
        </p>
        <TurnsTable ctx={ctx} id="sp-admin-turns" turns={props.turns} />
      </section>
    </Layout>
  );
}
