import { formatNumber } from '../../../core/i18n/i18n.ts';
import { BarChart } from '../../../core/views/charts/index.ts';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { dashboardCounts } from '../service-requests.queries.ts';
import { P, typeLabel } from './parts.tsx';

/** The officials' dashboard: what is open, late or about to be, and how the quarter goes. */
export function DashboardPage(props: { ctx: ViewContext; counts: Awaited<ReturnType<typeof dashboardCounts>>; scope: string }) {
  const { ctx, counts } = props;
  const { t, locale } = ctx;
  const title = t(`${P}.dashboard.title`);
  const stats: [string, number, string][] = [
    ['open', counts.open, '/pqrs/gestion?state=open'],
    ['overdue', counts.overdue, '/pqrs/gestion?due=overdue'],
    ['due_soon', counts.dueSoon, '/pqrs/gestion?due=soon'],
    ['awaiting', counts.awaiting, '/pqrs/gestion?state=awaiting_completion'],
    ['unassigned', counts.unassigned, '/pqrs/gestion?state=open&assigned=none'],
    ['answered_on_time', counts.answeredOnTime, '/pqrs/gestion?state=answered'],
    ['answered_late', counts.answeredLate, '/pqrs/gestion?state=answered'],
  ];
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/pqrs/gestion', label: t(`${P}.queue.title`) }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{props.scope}</p>
      <ul class="stats">
        {stats.map(([key, value, href]) => (
          <li class="stat">
            <a href={href}>
              <span class="stat-value">{formatNumber(locale, value)}</span> {t(`${P}.dashboard.${key}`, { count: value })}
            </a>
          </li>
        ))}
      </ul>
      <BarChart
        id="open-by-type"
        title={t(`${P}.dashboard.by_type_title`)}
        description={t(`${P}.dashboard.by_type_description`)}
        tableCaption={t(`${P}.dashboard.by_type_title`)}
        formatValue={(n) => formatNumber(locale, n)}
        data={counts.openByType.map((r) => ({ label: typeLabel(t, r.type), value: r.count }))}
        strings={{ labelHeader: t(`${P}.fields.type`), valueHeader: t(`${P}.dashboard.requests`), tableToggle: t(`${P}.dashboard.table_toggle`), empty: t(`${P}.dashboard.empty`) }}
      />
    </Layout>
  );
}
