import { formatCop, formatNumber } from '../../../core/i18n/i18n.ts';
import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { editionPath, envelopePath, type Edition, type Envelope } from '../editions.queries.ts';
import type { EnvelopeResultSummary } from '../results.queries.ts';
import { Rational } from '../tally/rational.ts';
import { PublishPanel, ResultsPending } from './ResultsPending.tsx';

/** Every localidad of an edition: ballots counted, winners, amount used, and a link to its results. */
export function EditionResultsPage(props: { ctx: ViewContext; edition: Edition; envelopes: Envelope[]; summaries: Map<string, EnvelopeResultSummary>; canPublish: boolean }) {
  const { ctx, edition, envelopes, summaries } = props;
  const { t, locale } = ctx;
  const k = (key: string, vars?: Record<string, string | number>) => t(`participatory-budgets.results.edition.${key}`, vars);
  const published = summaries.size > 0;
  const rows = envelopes.map((e) => ({ envelope: e, summary: summaries.get(e.id) }));
  const totalSpent = rows.reduce((sum, r) => sum.add(r.summary ? Rational.fromString(r.summary.spent) : Rational.ZERO), Rational.ZERO);
  const totalBallots = rows.reduce((n, r) => n + (r.summary?.ballots ?? 0), 0);
  return (
    <Layout
      ctx={ctx}
      title={`${k('title')} · ${edition.title}`}
      description={k('description', { edition: edition.title })}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/presupuestos-participativos', label: t('participatory-budgets.title') },
        { href: editionPath(edition), label: edition.title },
        { label: k('title') },
      ]}
    >
      <h1>{k('heading', { edition: edition.title })}</h1>
      <p class="lead">
        <span class="badge">{t(`participatory-budgets.phase.${edition.phase}`)}</span>
      </p>
      {!published ? (
        <>
          <ResultsPending ctx={ctx} edition={edition} />
          {props.canPublish && <PublishPanel ctx={ctx} edition={edition} />}
        </>
      ) : envelopes.length === 0 ? (
        <EmptyState title={k('no_envelopes')} />
      ) : (
        <>
          <p>
            {k('summary', { ballots: formatNumber(locale, totalBallots), spent: formatCop(locale, totalSpent.floor()), rule: t(`participatory-budgets.counting_rule.${edition.counting_rule}`) })}
          </p>
          <DataTable
            id="edition-results"
            caption={k('caption')}
            rows={rows}
            columns={[
              { header: k('localidad'), rowHeader: true, cell: (r) => <a href={`${envelopePath(edition, r.envelope)}/resultados`}>{r.envelope.localidad_name ?? r.envelope.name}</a> },
              { header: k('ballots'), numeric: true, cell: (r) => formatNumber(locale, r.summary?.ballots ?? 0) },
              { header: k('winners'), numeric: true, cell: (r) => formatNumber(locale, r.summary?.winners ?? 0) },
              { header: k('amount'), numeric: true, cell: (r) => formatCop(locale, r.envelope.amount) },
              { header: k('used'), numeric: true, cell: (r) => (r.summary ? formatCop(locale, Rational.fromString(r.summary.spent).floor()) : '—') },
            ]}
          />
        </>
      )}
    </Layout>
  );
}
