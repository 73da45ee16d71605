import { formatCop, formatDate, formatNumber } from '../../../core/i18n/i18n.ts';
import { DataTable } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { editionPath, envelopePath, type Edition, type Envelope } from '../editions.queries.ts';
import { pbFileName } from '../pabulib-edition.ts';
import type { Participation } from '../participation.ts';
import type { ExecutionProject, ScopeResult } from '../results.queries.ts';
import { Rational } from '../tally/rational.ts';
import { ExecutionStatusCell } from './ExecutionParts.tsx';
import { PublishPanel, ResultsPending } from './ResultsPending.tsx';
import { ResultsParticipation } from './ResultsParticipation.tsx';
import { ResultsScope } from './ResultsScope.tsx';

export interface ResultsPageProps {
  ctx: ViewContext;
  edition: Edition;
  envelope: Envelope;
  scopes: ScopeResult[];
  participation: Participation | null;
  execution: ExecutionProject[];
  /** Shown to those who may manage editions; null for everyone else. */
  canPublish: boolean;
}

/** The results of one localidad: winners and why, charts, ties, participation, recount file and execution. */
export function ResultsPage(props: ResultsPageProps) {
  const { ctx, edition, envelope, scopes } = props;
  const { t, locale } = ctx;
  const k = (key: string, vars?: Record<string, string | number>) => t(`participatory-budgets.results.${key}`, vars);
  const place = envelope.localidad_name ?? envelope.name;
  const title = k('title', { place });
  const base = envelopePath(edition, envelope);
  const published = scopes.length > 0;
  const spent = scopes.reduce((sum, s) => sum.add(Rational.fromString(s.spent)), Rational.ZERO);
  const ballots = scopes[0]?.ballots ?? 0;
  const rules = [...new Set(scopes.map((s) => s.countingRule))];
  const approvalNote = edition.ballot_rule === 'cumulative' || edition.ballot_rule === 'ranking' || edition.ballot_rule === 'wallet';
  const scopeHeading = (s: ScopeResult) => (scopes.length === 1 ? null : s.subEnvelopeName ? k('sub_envelope', { name: s.subEnvelopeName }) : k('rest'));
  return (
    <Layout
      ctx={ctx}
      title={`${title} · ${edition.title}`}
      description={k('description', { place, edition: edition.title })}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/presupuestos-participativos', label: t('participatory-budgets.title') },
        { href: editionPath(edition), label: edition.title },
        { href: base, label: place },
        { label: k('breadcrumb') },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead">
        {edition.title} <span class="badge">{t(`participatory-budgets.phase.${edition.phase}`)}</span>
      </p>
      {!published ? (
        <>
          <ResultsPending ctx={ctx} edition={edition} />
          {props.canPublish && <PublishPanel ctx={ctx} edition={edition} />}
        </>
      ) : (
        <>
          <dl class="facts">
            <dt>{k('counting_rule')}</dt>
            <dd>
              {rules.map((rule) => t(`participatory-budgets.counting_rule.${rule}`)).join('; ')}
              {scopes.some((s) => s.detail.fallbackFrom) && <> ({k('fallback', { rule: t(`participatory-budgets.counting_rule.${scopes.find((s) => s.detail.fallbackFrom)!.detail.fallbackFrom}`) })})</>}
            </dd>
            <dt>{k('ballots')}</dt>
            <dd>{formatNumber(locale, ballots)}</dd>
            <dt>{k('envelope_amount')}</dt>
            <dd>{formatCop(locale, envelope.amount)}</dd>
            <dt>{k('amount_used')}</dt>
            <dd>{formatCop(locale, spent.floor())}</dd>
            <dt>{k('winners')}</dt>
            <dd>{formatNumber(locale, scopes.reduce((n, s) => n + s.projects.filter((p) => p.selected).length, 0))}</dd>
          </dl>
          <p>{k(`rule_explained.${rules[0]}`)}</p>
          {approvalNote && <p>{k('approval_note', { ballot: t(`participatory-budgets.ballot_rule.${edition.ballot_rule}`) })}</p>}
          {scopes.length > 1 && <p>{k('scopes_note')}</p>}
          {scopes.map((scope, i) => (
            <ResultsScope ctx={ctx} edition={edition} scope={scope} id={`scope-${i + 1}`} heading={scopeHeading(scope)} />
          ))}
          {props.participation && <ResultsParticipation ctx={ctx} participation={props.participation} />}
          <section aria-labelledby="recount-title" id="recuento">
            <h2 id="recount-title">{k('recount.title')}</h2>
            <p>{k('recount.intro')}</p>
            <ul>
              {scopes.map((scope) => {
                const file = pbFileName(edition, envelope, scope);
                return (
                  <li>
                    <a href={`${base}/votos.pb${scope.part ? `?parte=${encodeURIComponent(scope.part)}` : ''}`} download={file}>
                      {k('recount.download', { file })}
                    </a>
                    {scopeHeading(scope) && <> ({scopeHeading(scope)})</>}
                    <br />
                    <span>{k('recount.command')}</span> <code>{`gab pb tally ${file} --rule ${scope.countingRule}`}</code>
                  </li>
                );
              })}
            </ul>
            <p class="hint">{k('recount.privacy')}</p>
          </section>
          {props.execution.length > 0 && (
            <section aria-labelledby="execution-title">
              <h2 id="execution-title">{k('execution.title')}</h2>
              <DataTable
                id="execution-summary"
                caption={k('execution.caption')}
                rows={props.execution}
                columns={[
                  { header: k('column.project'), rowHeader: true, cell: (x) => <a href={`${editionPath(edition)}/propuestas/${x.number}`}>{`#${x.number} ${x.title}`}</a> },
                  { header: k('execution.status_header'), cell: (x) => <ExecutionStatusCell ctx={ctx} project={x} /> },
                ]}
              />
              <p>
                <a href={`${base}/ejecucion`}>{k('execution.link', { place })}</a>
              </p>
            </section>
          )}
          <p class="hint">{k('published_on', { date: formatDate(locale, edition.results_published_at!) })}</p>
        </>
      )}
    </Layout>
  );
}
