import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { bogotaClock, parseTime } from '../bogota-clock.ts';
import type { Centre, PresentEntity } from '../centres.queries.ts';
import type { DayHours, OpenState } from '../schedule.ts';
import { servicePath, type Offering } from '../services.queries.ts';
import { describeOpenState, formatDayWithWeekday, formatInterval, formatLongDay } from './labels.ts';

export interface CentrePageProps {
  ctx: ViewContext;
  centre: Centre;
  state: OpenState;
  week: DayHours[];
  specialDays: { day: string; closed: boolean; opens: string | null; closes: string | null; reason: string }[];
  visits: { day: string; opens: string; closes: string; place: string; localidad_name: string }[];
  entities: PresentEntity[];
  offerings: Offering[];
  now: Date;
  canManage: boolean;
}

const minutes = (value: string | null) => (value === null ? 0 : (parseTime(value) ?? 0));

/** `/puntos-de-atencion/<slug>`: a centre, its hours this week, what it offers, how to get a turn. */
export function CentrePage(props: CentrePageProps) {
  const { ctx, centre, state, now } = props;
  const { t, locale } = ctx;
  const today = bogotaClock(now).day;
  const bookable = props.offerings.filter((o) => o.slotMinutes !== null);
  const describeDay = (d: DayHours) => {
    if (d.open) return formatInterval(locale, d.opens, d.closes);
    return t('service-points.hours.closed');
  };
  const noteOf = (d: DayHours) => {
    const notes: string[] = [];
    if (d.holiday) notes.push(t('service-points.hours.holiday', { name: d.holiday }));
    if (d.source === 'exception' && d.reason) notes.push(d.open ? t('service-points.hours.special', { reason: d.reason }) : t('service-points.hours.closure', { reason: d.reason }));
    if (d.source === 'visit' && d.open && d.visit) notes.push(d.visit.place);
    return notes.join(' · ');
  };
  return (
    <Layout
      ctx={ctx}
      title={centre.name}
      description={centre.description || t('service-points.description')}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/puntos-de-atencion', label: t('service-points.centres.title') }, { label: centre.name }]}
    >
      <h1>{centre.name}</h1>
      <p>
        <span class="badge">{t(`service-points.kind.${centre.kind}`)}</span>{' '}
        <strong class={state.open ? 'sp-open' : 'sp-closed'}>{describeOpenState(t, locale, state, now)}</strong>
      </p>
      <dl class="facts">
        <dt>{t('service-points.centre.address')}</dt>
        <dd>{centre.address ?? (centre.kind === 'movil' ? t('service-points.centre.moving') : t('service-points.centre.no_address'))}</dd>
        {centre.localidadCode && centre.localidadName && (
          <>
            <dt>{t('service-points.centre.localidad_label')}</dt>
            <dd>
              <a href={`/localidades/${centre.localidadCode}`}>{centre.localidadName}</a>
            </dd>
          </>
        )}
        <dt>{t('service-points.centre.coordinates')}</dt>
        <dd>{centre.latitude !== null && centre.longitude !== null ? `${centre.latitude}, ${centre.longitude}` : t('service-points.centre.no_coordinates')}</dd>
      </dl>
      {centre.description && <p>{centre.description}</p>}
      {bookable.length > 0 && (
        <p>
          <a class="button" href={`/puntos-de-atencion/${centre.slug}/turnos`}>
            {t('service-points.centre.book')}
          </a>
        </p>
      )}
      {props.canManage && (
        <p>
          <a class="button button-secondary" href={`/admin/puntos-de-atencion/${centre.slug}`}>
            {t('service-points.admin.manage_centre')}
          </a>
        </p>
      )}

      <h2 id="hours">{t('service-points.hours.this_week')}</h2>
      <DataTable
        id="sp-week"
        caption={t('service-points.hours.caption')}
        rows={props.week}
        columns={[
          { header: t('service-points.hours.day'), rowHeader: true, cell: (d) => (d.day === today ? <strong>{`${formatDayWithWeekday(locale, d.day)} (${t('service-points.hours.today')})`}</strong> : formatDayWithWeekday(locale, d.day)) },
          { header: t('service-points.hours.hours'), cell: describeDay },
          { header: t('service-points.hours.note'), cell: noteOf },
        ]}
      />
      <p class="hint">{t('service-points.hours.holidays_note')}</p>

      {props.specialDays.length > 0 && (
        <>
          <h2 id="special-days">{t('service-points.hours.special_days')}</h2>
          <ul>
            {props.specialDays.map((s) => (
              <li>
                <strong>{formatLongDay(locale, s.day)}</strong>: {s.closed ? t('service-points.hours.closed') : formatInterval(locale, minutes(s.opens), minutes(s.closes))} — {s.reason}
              </li>
            ))}
          </ul>
        </>
      )}

      {centre.kind === 'movil' && (
        <>
          <h2 id="visits">{t('service-points.visits.title')}</h2>
          {props.visits.length === 0 ? (
            <EmptyState title={t('service-points.visits.empty')} />
          ) : (
            <DataTable
              id="sp-visits"
              caption={t('service-points.visits.caption')}
              rows={props.visits}
              columns={[
                { header: t('service-points.hours.day'), rowHeader: true, cell: (v) => formatDayWithWeekday(locale, v.day) },
                { header: t('service-points.hours.hours'), cell: (v) => formatInterval(locale, minutes(v.opens), minutes(v.closes)) },
                { header: t('service-points.visits.place'), cell: (v) => v.place },
                { header: t('service-points.centre.localidad_label'), cell: (v) => v.localidad_name },
              ]}
            />
          )}
        </>
      )}

      <h2 id="services">{t('service-points.centre.services')}</h2>
      {props.offerings.length === 0 ? (
        <EmptyState title={t('service-points.centre.no_services')} />
      ) : (
        <DataTable
          id="sp-services"
          caption={t('service-points.centre.services_caption')}
          rows={props.offerings}
          columns={[
            { header: t('service-points.service.name'), rowHeader: true, cell: (o) => <a href={servicePath(o.serviceSlug)}>{o.serviceName}</a> },
            {
              header: t('service-points.centre.turns'),
              cell: (o) =>
                o.slotMinutes !== null ? (
                  <a href={`/puntos-de-atencion/${centre.slug}/turnos?servicio=${o.serviceSlug}`}>
                    {t('service-points.centre.book_service')}
                    <span class="visually-hidden">: {o.serviceName}</span>
                  </a>
                ) : (
                  t('service-points.centre.walk_in')
                ),
            },
          ]}
        />
      )}

      <h2 id="entities">{t('service-points.centre.entities')}</h2>
      {props.entities.length === 0 ? (
        <EmptyState title={t('service-points.centre.no_entities')} />
      ) : (
        <ul>
          {props.entities.map((e) => (
            <li>
              {e.name} ({e.acronym})
            </li>
          ))}
        </ul>
      )}

      <h2 id="accessibility">{t('service-points.centre.accessibility')}</h2>
      {centre.accessibility.length === 0 ? (
        <p>{t('service-points.centre.no_accessibility')}</p>
      ) : (
        <ul>
          {centre.accessibility.map((f) => (
            <li>{t(`service-points.accessibility.${f}`)}</li>
          ))}
        </ul>
      )}
      <p class="hint">{t('service-points.centre.relay_note')}</p>

      {centre.sourceUrl && (
        <p class="hint">
          {t('service-points.centre.source')} <a href={centre.sourceUrl}>{centre.sourceUrl}</a>
        </p>
      )}
    </Layout>
  );
}
