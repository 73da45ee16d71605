import { formatNumber, formatPercent } from '../../../core/i18n/i18n.ts';
import { BarChart, StackedBarChart } from '../../../core/views/charts/index.ts';
import { DataTable } from '../../../core/views/components/content.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { editionPath, type Edition } from '../editions.queries.ts';
import type { ScopeResult } from '../results.queries.ts';
import { Rational } from '../tally/rational.ts';
import { copOf, describeTie, explainOutcome, pesos } from './results-labels.ts';

/** One counted scope (the localidad, a subbolsa, or the rest): its projects, charts, ties and MES figures. */
export function ResultsScope(props: { ctx: ViewContext; edition: Edition; scope: ScopeResult; id: string; heading: string | null }) {
  const { ctx, edition, scope, id } = props;
  const { t, locale } = ctx;
  const k = (key: string, vars?: Record<string, string | number>) => t(`participatory-budgets.results.${key}`, vars);
  const budget = Rational.fromString(scope.budget);
  const spent = Rational.fromString(scope.spent);
  const share = budget.isZero() ? 0 : spent.div(budget).toNumber();
  const winners = scope.projects.filter((p) => p.selected);
  const byVotes = [...scope.projects].sort((a, b) => b.votes - a.votes || a.number - b.number);
  const name = (projectId: string) => {
    const p = scope.projects.find((x) => x.projectId === projectId);
    return p ? `#${p.number} ${p.title}` : projectId;
  };
  const proposalHref = (number: number) => `${editionPath(edition)}/propuestas/${number}`;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{props.heading ?? k('projects_title')}</h2>
      <p>
        {k('scope_summary', {
          winners: formatNumber(locale, winners.length),
          projects: formatNumber(locale, scope.projects.length),
          spent: copOf(locale, scope.spent),
          budget: copOf(locale, scope.budget),
          share: formatPercent(locale, share),
        })}
      </p>
      <DataTable
        id={`${id}-projects`}
        caption={k('projects_caption')}
        rows={scope.projects}
        columns={[
          { header: k('column.number'), numeric: true, cell: (p) => `#${p.number}` },
          { header: k('column.project'), rowHeader: true, cell: (p) => <a href={proposalHref(p.number)}>{p.title}</a> },
          { header: k('column.votes'), numeric: true, cell: (p) => formatNumber(locale, p.votes) },
          { header: k('column.cost'), numeric: true, cell: (p) => copOf(locale, p.cost) },
          { header: k('column.outcome'), cell: (p) => <span class={p.selected ? 'badge pb-won' : 'badge pb-lost'}>{p.selected ? k('won') : k('lost')}</span> },
          { header: k('column.why'), cell: (p) => explainOutcome(t, locale, p) },
        ]}
      />
      <BarChart
        id={`${id}-votes`}
        title={k('chart.votes_title')}
        description={k('chart.votes_description', { top: byVotes[0] ? `#${byVotes[0].number} ${byVotes[0].title}` : '—', votes: formatNumber(locale, byVotes[0]?.votes ?? 0) })}
        unitLabel={k('chart.votes_unit')}
        tableCaption={k('chart.votes_title')}
        formatValue={(n) => formatNumber(locale, n)}
        data={byVotes.map((p) => ({ label: `#${p.number} ${p.title}`, value: p.votes, href: proposalHref(p.number) }))}
        strings={{ labelHeader: k('column.project'), valueHeader: k('column.votes'), tableToggle: t('chart.show_table'), empty: t('chart.empty') }}
      />
      <StackedBarChart
        id={`${id}-budget`}
        title={k('chart.budget_title')}
        description={k('chart.budget_description', { spent: copOf(locale, scope.spent), budget: copOf(locale, scope.budget), share: formatPercent(locale, share) })}
        unitLabel={k('chart.budget_unit')}
        tableCaption={k('chart.budget_title')}
        formatValue={(n) => copOf(locale, String(Math.round(n)))}
        seriesLabels={[k('chart.assigned'), k('chart.unassigned')]}
        data={[{ label: props.heading ?? k('chart.budget_row'), values: [pesos(scope.spent), Math.max(0, pesos(scope.budget) - pesos(scope.spent))] }]}
        strings={{ labelHeader: k('chart.budget_row_header'), totalHeader: k('chart.total'), tableToggle: t('chart.show_table'), empty: t('chart.empty') }}
      />
      {scope.detail.ties.length > 0 && (
        <>
          <h3>{k('ties.title')}</h3>
          <p>{k('ties.intro')}</p>
          <ul>
            {scope.detail.ties.map((tie) => (
              <li>
                {describeTie(t, locale, tie, name)} {tie.mixedOutcome && <strong>{k('ties.decisive')}</strong>}
              </li>
            ))}
          </ul>
        </>
      )}
      {scope.detail.mes && (
        <>
          <h3>{k('mes.title')}</h3>
          <p>{k('mes.intro')}</p>
          <dl class="facts">
            <dt>{k('mes.endowment')}</dt>
            <dd>{copOf(locale, scope.detail.mes.endowment)}</dd>
            <dt>{k('mes.runs')}</dt>
            <dd>{formatNumber(locale, scope.detail.mes.runs)}</dd>
            {scope.detail.mes.add1Step && (
              <>
                <dt>{k('mes.add1_step')}</dt>
                <dd>{copOf(locale, scope.detail.mes.add1Step)}</dd>
              </>
            )}
            <dt>{k('mes.spent')}</dt>
            <dd>{copOf(locale, scope.detail.mes.spent)}</dd>
          </dl>
          {scope.detail.mes.shortcut && <p>{k('mes.shortcut')}</p>}
        </>
      )}
    </section>
  );
}
