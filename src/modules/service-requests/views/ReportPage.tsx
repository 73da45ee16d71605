import { formatNumber } from '../../../core/i18n/i18n.ts';
import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { SelectField } from '../../../core/views/components/forms.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { COUNT_KEYS, grandTotal, totalsBy, type ReportCell, type ReportCounts } from '../report.ts';
import { P, day, typeLabel } from './parts.tsx';

/** The public quarterly report (Ley 1712, item 4.10), by type and by entity, with CSV download. */
export function ReportPage(props: { ctx: ViewContext; year: number; quarter: number; from: string; to: string; years: number[]; cells: ReportCell[] }) {
  const { ctx, cells, year, quarter } = props;
  const { t, locale } = ctx;
  const title = t(`${P}.report.title`);
  const n = (value: number) => formatNumber(locale, value);
  const countColumns = <Row extends { counts: ReportCounts }>() =>
    COUNT_KEYS.map((key) => ({ header: t(`${P}.report.${key}`), cell: (row: Row) => n(row.counts[key]), numeric: true }));
  const byType = [...totalsBy(cells, (c) => c.typeCode).entries()].map(([code, counts]) => ({ label: typeLabel(t, code), counts }));
  const names = new Map(cells.map((c) => [c.entityCode, c.entityName]));
  const byEntity = [...totalsBy(cells, (c) => c.entityCode).entries()].map(([code, counts]) => ({ label: names.get(code) ?? code, counts }));
  const total = grandTotal(cells);
  const csv = `/pqrs/informe.csv?anio=${year}&trimestre=${quarter}`;
  return (
    <Layout ctx={ctx} title={title} description={t(`${P}.report.lead`)} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/pqrs', label: t(`${P}.title`) }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t(`${P}.report.lead`)}</p>
      <form method="get" action="/pqrs/informe" class="filters" aria-labelledby="report-period">
        <h2 id="report-period">{t(`${P}.report.period`)}</h2>
        <SelectField t={t} name="anio" label={t(`${P}.report.year`)} value={String(year)} options={props.years.map((y) => ({ value: String(y), label: String(y) }))} required />
        <SelectField t={t} name="trimestre" label={t(`${P}.report.quarter`)} value={String(quarter)} options={[1, 2, 3, 4].map((q) => ({ value: String(q), label: t(`${P}.report.quarter_option`, { quarter: q }) }))} required />
        <button type="submit" class="button button-secondary">
          {t(`${P}.report.show`)}
        </button>
      </form>
      <h2>{t(`${P}.report.heading`, { quarter, year, from: day(locale, props.from), to: day(locale, props.to) })}</h2>
      <p>
        <a href={csv} download={`pqrs-${year}-T${quarter}.csv`}>
          {t(`${P}.report.csv`)}
        </a>
      </p>
      {cells.length === 0 ? (
        <EmptyState title={t(`${P}.report.empty`)} />
      ) : (
        <>
          <ul class="stats">
            {COUNT_KEYS.map((key) => (
              <li class="stat">
                <span class="stat-value">{n(total[key])}</span> {t(`${P}.report.${key}`)}
              </li>
            ))}
          </ul>
          <DataTable
            id="report-by-type"
            caption={t(`${P}.report.by_type`)}
            columns={[{ header: t(`${P}.fields.type`), cell: (row: { label: string; counts: ReportCounts }) => row.label, rowHeader: true }, ...countColumns<{ label: string; counts: ReportCounts }>()]}
            rows={byType}
          />
          <DataTable
            id="report-by-entity"
            caption={t(`${P}.report.by_entity`)}
            columns={[{ header: t(`${P}.fields.entity`), cell: (row: { label: string; counts: ReportCounts }) => row.label, rowHeader: true }, ...countColumns<{ label: string; counts: ReportCounts }>()]}
            rows={byEntity}
          />
        </>
      )}
      <h2>{t(`${P}.report.definitions_title`)}</h2>
      <ul>
        {COUNT_KEYS.map((key) => (
          <li>
            <strong>{t(`${P}.report.${key}`)}</strong>: {t(`${P}.report.define.${key}`)}
          </li>
        ))}
      </ul>
      <p>{t(`${P}.report.open_data`)}</p>
    </Layout>
  );
}
