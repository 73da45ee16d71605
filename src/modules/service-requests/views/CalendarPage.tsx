import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Holiday } from '../../../core/calendar/holidays.ts';
import { DataTable } from '../../../core/views/components/content.tsx';
import { ErrorSummary, SelectField, TextField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { P, day } from './parts.tsx';

const weekday = (locale: string, date: string) => new Intl.DateTimeFormat(locale === 'es' ? 'es-CO' : 'en', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

/**
 * "Calendario de días hábiles": the national holidays of a year, and a due-date calculator (a GET
 * form, so it works without JavaScript and its result can be linked).
 */
export function CalendarPage(props: {
  ctx: ViewContext;
  year: number;
  years: number[];
  holidays: Holiday[];
  form: { fecha: string; dias: string };
  result?: { due: string; filed: string; days: number };
  errors?: FieldErrors;
}) {
  const { ctx, holidays, form, result, errors } = props;
  const { t, locale } = ctx;
  const title = t(`${P}.calendar.title`);
  return (
    <Layout ctx={ctx} title={title} description={t(`${P}.calendar.lead`)} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/pqrs', label: t(`${P}.title`) }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t(`${P}.calendar.lead`)}</p>
      <section aria-labelledby="due-title">
        <h2 id="due-title">{t(`${P}.calendar.due_title`)}</h2>
        <p>{t(`${P}.calendar.due_rule`)}</p>
        <ErrorSummary t={t} errors={errors} labels={{ fecha: t(`${P}.calendar.date`), dias: t(`${P}.calendar.days`) }} />
        <form method="get" action="/calendario" novalidate>
          <input type="hidden" name="anio" value={String(props.year)} />
          <TextField t={t} name="fecha" type="date" label={t(`${P}.calendar.date`)} hint={t(`${P}.calendar.date_hint`)} value={form.fecha} errors={errors} required />
          <TextField t={t} name="dias" type="number" inputmode="numeric" label={t(`${P}.calendar.days`)} hint={t(`${P}.calendar.days_hint`)} value={form.dias} errors={errors} required maxLength={4} />
          <button type="submit" class="button">
            {t(`${P}.calendar.compute`)}
          </button>
        </form>
        {result && (
          <p role="status">
            <strong>{t(`${P}.calendar.result`, { days: result.days, filed: day(locale, result.filed), due: `${weekday(locale, result.due)} ${day(locale, result.due)}` })}</strong>{' '}
            (<code>{result.due}</code>)
          </p>
        )}
      </section>
      <section aria-labelledby="holidays-title">
        <h2 id="holidays-title">{t(`${P}.calendar.holidays_title`, { year: props.year })}</h2>
        <form method="get" action="/calendario" class="filters">
          <SelectField t={t} name="anio" label={t(`${P}.report.year`)} value={String(props.year)} options={props.years.map((y) => ({ value: String(y), label: String(y) }))} required />
          <button type="submit" class="button button-secondary">
            {t(`${P}.calendar.show_year`)}
          </button>
        </form>
        <DataTable
          id="holidays"
          caption={t(`${P}.calendar.holidays_caption`, { year: props.year, count: holidays.length })}
          columns={[
            { header: t(`${P}.calendar.date`), cell: (h: Holiday) => <time dateTime={h.date}>{day(locale, h.date)}</time>, rowHeader: true },
            { header: t(`${P}.calendar.weekday`), cell: (h: Holiday) => weekday(locale, h.date) },
            { header: t(`${P}.calendar.holiday`), cell: (h: Holiday) => h.name },
          ]}
          rows={holidays}
        />
        <p>{t(`${P}.calendar.rules`)}</p>
      </section>
    </Layout>
  );
}
