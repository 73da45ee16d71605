import { formatCop, formatDate } from '../../../core/i18n/i18n.ts';
import type { Decision } from '../../../core/permissions/permissions.ts';
import { DataTable, EmptyState, Pagination } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import { editionPath, envelopePath, type Edition, type Envelope } from '../editions.queries.ts';
import type { ProposalStatus } from '../participatory-budgets.schema.ts';
import { PUBLIC_STATUSES, PROPOSAL_SORTS, proposalPath, type ProposalListItem, type ProposalSort, type SubEnvelopeRow } from '../proposals.queries.ts';
import { DeniedAction } from './ProposalDenial.tsx';
import { costLabel, statusLabel } from './ProposalLabels.ts';

export interface LocalidadFilters {
  q: string;
  topic: string;
  status: ProposalStatus | '';
  sort: ProposalSort;
  page: number;
}

export interface LocalidadPageProps {
  ctx: ViewContext;
  edition: Edition;
  envelope: Envelope;
  subEnvelopes: SubEnvelopeRow[];
  topics: { code: string; name: string }[];
  filters: LocalidadFilters;
  total: number;
  items: ProposalListItem[];
  pageSize: number;
  /** The visitor's own proposals here (drafts included). */
  own: { number: number; title: string; status: ProposalStatus }[];
  propose: Decision;
  canAssess: boolean;
}

/** The address of the list with these filters (empty ones left out). */
export function listHref(base: string, filters: LocalidadFilters, page = filters.page): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.topic) params.set('tema', filters.topic);
  if (filters.status) params.set('estado', filters.status);
  if (filters.sort !== 'apoyos') params.set('orden', filters.sort);
  if (page > 1) params.set('pagina', String(page));
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

/** What this phase asks of people, with the button (or why it is not available). */
function CallToAction(props: { ctx: ViewContext; edition: Edition; envelope: Envelope; propose: Decision }) {
  const { ctx, edition, envelope } = props;
  const { t, locale } = ctx;
  const base = envelopePath(edition, envelope);
  switch (edition.phase) {
    case 'upcoming':
      return <p>{t('participatory-budgets.proposals.localidad.opens', { date: formatDate(locale, edition.proposals_open_at, true) })}</p>;
    case 'proposals':
      return (
        <>
          <p>{t('participatory-budgets.proposals.localidad.proposals_open', { date: formatDate(locale, edition.proposals_close_at, true), age: edition.min_age })}</p>
          {props.propose.allowed ? (
            <p>
              <a class="button" href={`${base}/proponer`}>
                {t('participatory-budgets.proposals.wizard.title')}
              </a>
            </p>
          ) : (
            <DeniedAction ctx={ctx} action="propose" reason={props.propose.reason} id="propose-denied" />
          )}
        </>
      );
    case 'review':
      return <p>{t('participatory-budgets.proposals.localidad.review', { date: formatDate(locale, edition.voting_open_at, true) })}</p>;
    case 'voting':
      return (
        <>
          <p>{t('participatory-budgets.proposals.localidad.voting', { date: formatDate(locale, edition.voting_close_at, true) })}</p>
          <p>
            <a class="button" href={`${base}/votar`}>
              {t('participatory-budgets.proposals.localidad.vote')}
            </a>
          </p>
        </>
      );
    case 'counting':
      return <p>{t('participatory-budgets.proposals.localidad.counting')}</p>;
    default:
      return (
        <p>
          <a class="button" href={`${base}/resultados`}>
            {t('participatory-budgets.proposals.localidad.results')}
          </a>
        </p>
      );
  }
}

/** `/presupuestos-participativos/:slug/:envelope`: a localidad's budget, phase and proposals. */
export function LocalidadPage(props: LocalidadPageProps) {
  const { ctx, edition, envelope, filters } = props;
  const { t, locale } = ctx;
  const name = envelope.localidad_name ?? envelope.name;
  const base = envelopePath(edition, envelope);
  const pageCount = Math.max(1, Math.ceil(props.total / props.pageSize));
  const title = t('participatory-budgets.proposals.localidad.title', { localidad: name, edition: edition.title });
  const filtered = Boolean(filters.q || filters.topic || filters.status);
  return (
    <Layout
      ctx={ctx}
      title={title}
      description={t('participatory-budgets.proposals.localidad.description', { localidad: name })}
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/presupuestos-participativos', label: t('participatory-budgets.title') },
        { href: editionPath(edition), label: edition.title },
        { label: name },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead">
        <span class="badge">{t(`participatory-budgets.phase.${edition.phase}`)}</span>{' '}
        {t('participatory-budgets.proposals.localidad.amount', { amount: formatCop(locale, envelope.amount) })}
      </p>
      <CallToAction ctx={ctx} edition={edition} envelope={envelope} propose={props.propose} />
      {props.canAssess && (
        <p>
          <a href={`${base}/valoracion`}>{t('participatory-budgets.proposals.valuation.queue_link')}</a>
        </p>
      )}

      {props.subEnvelopes.length > 0 && (
        <DataTable
          id="sub-envelopes"
          caption={t('participatory-budgets.proposals.localidad.sub_envelopes')}
          rows={props.subEnvelopes}
          columns={[
            { header: t('participatory-budgets.proposals.localidad.sub_envelope'), rowHeader: true, cell: (s) => s.name },
            { header: t('participatory-budgets.proposals.localidad.sub_envelope_kind'), cell: (s) => t(`participatory-budgets.proposals.sub_envelope_kind.${s.kind}`) },
            { header: t('participatory-budgets.proposals.localidad.sub_envelope_amount'), numeric: true, cell: (s) => formatCop(locale, s.amount) },
          ]}
        />
      )}

      {props.own.length > 0 && (
        <section aria-labelledby="own-proposals">
          <h2 id="own-proposals">{t('participatory-budgets.proposals.localidad.own')}</h2>
          <ul>
            {props.own.map((p) => (
              <li>
                <a href={p.status === 'draft' ? `${proposalPath(edition, p.number)}/paso/1` : proposalPath(edition, p.number)}>
                  #{p.number} {p.title}
                </a>{' '}
                <span class="badge">{statusLabel(t, p.status)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">{t('participatory-budgets.proposals.localidad.proposals')}</h2>
        <form method="get" action={base} class="proposal-filters" role="search" aria-label={t('participatory-budgets.proposals.localidad.filters')}>
          <div class="field">
            <label for="filter-q">{t('participatory-budgets.proposals.localidad.filter_q')}</label>
            <input id="filter-q" name="q" type="search" value={filters.q} maxLength={200} />
          </div>
          <div class="field">
            <label for="filter-topic">{t('participatory-budgets.proposals.localidad.filter_topic')}</label>
            <select id="filter-topic" name="tema">
              <option value="">{t('participatory-budgets.proposals.localidad.all_topics')}</option>
              {props.topics.map((topic) => (
                <option value={topic.code} selected={topic.code === filters.topic}>
                  {topic.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-status">{t('participatory-budgets.proposals.localidad.filter_status')}</label>
            <select id="filter-status" name="estado">
              <option value="">{t('participatory-budgets.proposals.localidad.all_statuses')}</option>
              {PUBLIC_STATUSES.map((status) => (
                <option value={status} selected={status === filters.status}>
                  {statusLabel(t, status)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-sort">{t('participatory-budgets.proposals.localidad.sort')}</label>
            <select id="filter-sort" name="orden">
              {PROPOSAL_SORTS.map((sort) => (
                <option value={sort} selected={sort === filters.sort}>
                  {t(`participatory-budgets.proposals.localidad.sort_${sort}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button button-secondary">
            {t('participatory-budgets.proposals.localidad.apply_filters')}
          </button>
        </form>
        <p role="status">
          {t('participatory-budgets.proposals.localidad.count', { count: props.total })}
          {pageCount > 1 && ` ${t('participatory-budgets.proposals.localidad.page_of', { page: filters.page, pages: pageCount })}`}
        </p>
        {props.items.length === 0 ? (
          <EmptyState title={t(filtered ? 'participatory-budgets.proposals.localidad.none_match' : 'participatory-budgets.proposals.localidad.none')}>
            {filtered && (
              <p>
                <a href={base}>{t('participatory-budgets.proposals.localidad.clear_filters')}</a>
              </p>
            )}
          </EmptyState>
        ) : (
          <ol class="proposal-list">
            {props.items.map((p) => (
              <li>
                <h3>
                  <a href={proposalPath(edition, p.number)}>
                    #{p.number} {p.title}
                  </a>
                </h3>
                <p>
                  <span class="badge">{statusLabel(t, p.status)}</span>
                  {p.topic_name && <> · {p.topic_name}</>} · {costLabel(t, locale, p)} ·{' '}
                  {t('participatory-budgets.proposals.supports_count', { count: p.supports })}
                </p>
              </li>
            ))}
          </ol>
        )}
        <Pagination t={t} page={filters.page} pageCount={pageCount} hrefFor={(page) => listHref(base, filters, page)} />
      </section>
    </Layout>
  );
}
