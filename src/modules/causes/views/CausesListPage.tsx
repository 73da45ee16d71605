import { EmptyState, Pagination } from '../../../core/views/components/content.tsx';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { Decision } from '../../../core/permissions/permissions.ts';
import { LIST_STATES, SORTS, type CauseSummary, type ListFilters, type ReferenceOptions } from '../causes.queries.ts';
import { TOPICS } from '../topics.ts';
import { causePath, DeniedAction, OverdueBadge, StateBadge, SupportProgress, When } from './components.tsx';

export const LIST_PATH = '/causas';

/** The list's query string for these filters (empty values left out), so links keep the filters. */
export function listHref(filters: ListFilters, page?: number): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.localidad) params.set('localidad', filters.localidad);
  if (filters.topic) params.set('tema', filters.topic);
  if (filters.state) params.set('estado', filters.state);
  if (filters.entity) params.set('entidad', filters.entity);
  if (filters.overdue) params.set('vencidas', '1');
  if (filters.sort) params.set('orden', filters.sort);
  if (page && page > 1) params.set('pagina', String(page));
  const query = params.toString();
  return query ? `${LIST_PATH}?${query}` : LIST_PATH;
}

function Select(props: { id: string; label: string; value: string | undefined; options: { value: string; label: string }[]; all: string }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.id}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Filters(props: { ctx: ViewContext; filters: ListFilters; options: ReferenceOptions }) {
  const { ctx, filters, options } = props;
  const { t } = ctx;
  return (
    <form method="get" action={LIST_PATH} class="cause-filters" role="search" aria-label={t('causes.list.filters')}>
      <div class="field">
        <label for="q">{t('causes.list.search')}</label>
        <input id="q" name="q" type="search" value={filters.q ?? ''} maxLength={200} />
      </div>
      <Select
        id="localidad"
        label={t('causes.fields.localidad')}
        value={filters.localidad}
        all={t('causes.list.all_places')}
        options={[{ value: 'ciudad', label: t('causes.whole_city') }, ...options.localidades.map((l) => ({ value: l.code, label: l.name }))]}
      />
      <Select id="tema" label={t('causes.fields.topic')} value={filters.topic} all={t('causes.list.all_topics')} options={TOPICS.map((code) => ({ value: code, label: t(`causes.topics.${code}`) }))} />
      <Select id="estado" label={t('causes.fields.state')} value={filters.state} all={t('causes.list.all_states')} options={LIST_STATES.map((s) => ({ value: s, label: t(`causes.states.${s}`) }))} />
      <Select id="entidad" label={t('causes.fields.entity')} value={filters.entity} all={t('causes.list.all_entities')} options={options.entities.map((e) => ({ value: e.code, label: e.name }))} />
      <div class="field">
        <input id="vencidas" name="vencidas" type="checkbox" value="1" checked={Boolean(filters.overdue)} />{' '}
        <label for="vencidas" class="inline-label">
          {t('causes.list.only_overdue')}
        </label>
      </div>
      <div class="field">
        <label for="orden">{t('causes.list.sort')}</label>
        <select id="orden" name="orden">
          {SORTS.filter((s) => s !== 'relevancia' || filters.q).map((s) => (
            <option value={s} selected={s === (filters.sort ?? (filters.q ? 'relevancia' : 'recientes'))}>
              {t(`causes.list.sorts.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button">
        {t('causes.list.apply')}
      </button>{' '}
      <a href={LIST_PATH}>{t('causes.list.clear')}</a>
    </form>
  );
}

function CauseItem(props: { ctx: ViewContext; cause: CauseSummary }) {
  const { ctx, cause } = props;
  const { t } = ctx;
  return (
    <li class="card cause-card">
      <h2 class="cause-card-title">
        <a href={causePath(cause.id)}>{cause.title}</a>
      </h2>
      <p>
        <StateBadge ctx={ctx} state={cause.state} /> {cause.overdue && <OverdueBadge ctx={ctx} />}
      </p>
      <p class="cause-card-meta">
        {cause.localidad_name ?? t('causes.whole_city')} · {t(`causes.topics.${cause.topic_code}`)}
        {cause.entity_name && <> · {cause.entity_name}</>}
      </p>
      <SupportProgress ctx={ctx} id={`progress-${cause.id}`} supports={cause.supports_count} threshold={cause.threshold} />
      <p class="cause-card-meta">
        {cause.state === 'published' || cause.state === 'threshold_reached' ? (
          <>
            {t('causes.list.closes')} <When ctx={ctx} value={cause.deadline_at} />
          </>
        ) : (
          <>
            {t('causes.list.published')} <When ctx={ctx} value={cause.published_at} />
          </>
        )}
      </p>
    </li>
  );
}

export interface CausesListPageProps {
  ctx: ViewContext;
  filters: ListFilters;
  options: ReferenceOptions;
  result: { total: number; rows: CauseSummary[]; page: number; pageCount: number };
  create: Decision;
}

/** "Causas ciudadanas": filters, sort, search and pages; every item links to its cause. */
export function CausesListPage(props: CausesListPageProps) {
  const { ctx, filters, result } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('causes.title')} description={t('causes.description')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('causes.title') }]}>
      <h1>{t('causes.title')}</h1>
      <p class="lead">{t('causes.list.lead')}</p>
      <p>
        {props.create.allowed ? (
          <a class="button" href="/causas/nueva">
            {t('causes.list.create')}
          </a>
        ) : (
          <DeniedAction ctx={ctx} action="create" reason={props.create.reason} id="create-denied" />
        )}{' '}
        {ctx.actor && <a href="/causas/mis-causas">{t('causes.mine.title')}</a>}
      </p>
      <Filters ctx={ctx} filters={filters} options={props.options} />
      <p role="status" class="cause-count">
        {t('causes.list.count', { count: result.total })}
      </p>
      {result.rows.length === 0 ? (
        <EmptyState title={t('causes.list.empty')}>
          <p>{t('causes.list.empty_hint')}</p>
        </EmptyState>
      ) : (
        <ol class="cards cause-list">
          {result.rows.map((cause) => (
            <CauseItem ctx={ctx} cause={cause} />
          ))}
        </ol>
      )}
      <Pagination t={t} page={result.page} pageCount={result.pageCount} hrefFor={(page) => listHref(filters, page)} />
    </Layout>
  );
}
