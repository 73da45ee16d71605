import { formatCop, formatNumber } from '../../../core/i18n/i18n.ts';
import { DataTable, EmptyState } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { editionPath, envelopePath, type Edition, type EnvelopeSummary } from '../editions.queries.ts';
import { showsResults } from '../phases.ts';
import { describeBallotRule } from './labels.ts';
import { PhaseTimeline } from './PhaseTimeline.tsx';

/** One edition: its phases and dates, how to vote, and every localidad's envelope. */
export function EditionPage(props: { ctx: ViewContext; edition: Edition; envelopes: EnvelopeSummary[]; residence: string | null }) {
  const { ctx, edition, envelopes } = props;
  const { t, locale } = ctx;
  const own = props.residence ? envelopes.find((e) => e.localidad_code === props.residence) : undefined;
  const total = envelopes.reduce((sum, e) => sum + BigInt(e.amount.split('.')[0]!), 0n);
  return (
    <Layout
      ctx={ctx}
      title={edition.title}
      description={t('participatory-budgets.description')}
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/presupuestos-participativos', label: t('participatory-budgets.title') }, { label: edition.title }]}
    >
      <h1>{edition.title}</h1>
      <p class="lead">
        <span class="badge">{t(`participatory-budgets.phase.${edition.phase}`)}</span>
      </p>
      {edition.description && <p>{edition.description}</p>}
      <h2>{t('participatory-budgets.edition.phases')}</h2>
      <PhaseTimeline ctx={ctx} edition={edition} />
      <h2>{t('participatory-budgets.edition.how_to_vote')}</h2>
      <p>
        <strong>{t(`participatory-budgets.ballot_rule.${edition.ballot_rule}`)}.</strong> {describeBallotRule(t, locale, edition.ballot_rule, edition.ballot_config)}
      </p>
      <p>{t('participatory-budgets.edition.who_votes', { age: String(edition.min_age) })}</p>
      <p>
        {t('participatory-budgets.edition.counting')} {t(`participatory-budgets.counting_rule.${edition.counting_rule}`)}.
      </p>
      {own && (
        <p>
          <a class="button" href={envelopePath(edition, own)}>
            {t('participatory-budgets.edition.go_to_own', { localidad: own.localidad_name ?? own.name })}
          </a>
        </p>
      )}
      {showsResults(edition.phase) && (
        <p>
          <a href={`${editionPath(edition)}/resultados`}>{t('participatory-budgets.edition.all_results')}</a>
        </p>
      )}
      <h2>{t('participatory-budgets.edition.envelopes')}</h2>
      {envelopes.length === 0 ? (
        <EmptyState title={t('participatory-budgets.edition.no_envelopes')} />
      ) : (
        <DataTable
          id="envelopes"
          caption={t('participatory-budgets.edition.envelopes_caption', { total: formatCop(locale, total) })}
          rows={envelopes}
          columns={[
            { header: t('participatory-budgets.edition.localidad'), rowHeader: true, cell: (e) => <a href={envelopePath(edition, e)}>{e.localidad_name ?? e.name}</a> },
            { header: t('participatory-budgets.edition.amount'), numeric: true, cell: (e) => formatCop(locale, e.amount) },
            { header: t('participatory-budgets.edition.proposals'), numeric: true, cell: (e) => formatNumber(locale, e.proposals) },
            { header: t('participatory-budgets.edition.viable'), numeric: true, cell: (e) => formatNumber(locale, e.viable) },
            { header: t('participatory-budgets.edition.voters'), numeric: true, cell: (e) => formatNumber(locale, e.voters) },
          ]}
        />
      )}
    </Layout>
  );
}
