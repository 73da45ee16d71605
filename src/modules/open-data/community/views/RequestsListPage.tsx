import { EmptyState, Pagination } from '../../../../core/views/components/content.tsx';
import { Layout } from '../../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../../core/views/view-context.ts';
import { REQUEST_STATUSES } from '../../open-data.schema.ts';
import { REQUESTS_PATH, requestPath } from '../paths.ts';
import { REQUEST_SORTS, type RequestFilters, type RequestSummary } from '../requests.queries.ts';
import { C, StatusBadge, When } from './components.tsx';

/** The list's query string for these filters (empty values left out), so links keep the filters. */
export function requestsHref(filters: RequestFilters, page?: number): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.status) params.set('estado', filters.status);
  if (filters.entity) params.set('entidad', filters.entity);
  if (filters.sort) params.set('orden', filters.sort);
  if (page && page > 1) params.set('pagina', String(page));
  const query = params.toString();
  return query ? `${REQUESTS_PATH}?${query}` : REQUESTS_PATH;
}

function Select(props: { id: string; label: string; value: string | undefined; options: { value: string; label: string }[]; all?: string }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.id}>
        {props.all !== undefined && <option value="">{props.all}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** `/datos/solicitudes`: what citizens ask the entities to publish, with filters, order and search. */
export function RequestsListPage(props: {
  ctx: ViewContext;
  filters: RequestFilters;
  entities: { code: string; name: string }[];
  result: { rows: RequestSummary[]; total: number; page: number; pageCount: number };
}) {
  const { ctx, filters, result } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(`${C}requests.title`)} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/datos', label: t('open-data.title') }, { label: t(`${C}requests.title`) }]}>
      <h1>{t(`${C}requests.title`)}</h1>
      <p>{t(`${C}requests.lead`)}</p>
      <p>
        <a class="button" href={`${REQUESTS_PATH}/nueva`}>
          {t(`${C}requests.new`)}
        </a>{' '}
        <a href="/datos/usos">{t(`${C}reuses.title`)}</a>
      </p>
      <form method="get" action={REQUESTS_PATH} class="od-community-filters" role="search" aria-label={t(`${C}requests.filters`)}>
        <div class="field">
          <label for="q">{t(`${C}requests.search`)}</label>
          <input id="q" name="q" type="search" value={filters.q ?? ''} maxLength={200} />
        </div>
        <Select id="estado" label={t(`${C}field.status`)} value={filters.status} all={t(`${C}requests.all_states`)} options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`${C}status.${s}`) }))} />
        <Select id="entidad" label={t(`${C}field.entity`)} value={filters.entity} all={t(`${C}requests.all_entities`)} options={props.entities.map((e) => ({ value: e.code, label: e.name }))} />
        <Select id="orden" label={t(`${C}requests.sort`)} value={filters.sort ?? 'votos'} options={REQUEST_SORTS.map((s) => ({ value: s, label: t(`${C}requests.sort_${s}`) }))} />
        <button type="submit" class="button button-secondary">
          {t(`${C}requests.apply`)}
        </button>
      </form>
      <p role="status">{t(`${C}requests.count`, { count: result.total })}</p>
      {result.rows.length === 0 ? (
        <EmptyState title={t(`${C}requests.none`)} />
      ) : (
        <ol class="od-community-list">
          {result.rows.map((r) => (
            <li>
              <h2>
                <a href={requestPath(r.id)}>{r.title}</a>
              </h2>
              <p>
                <StatusBadge ctx={ctx} status={r.status} /> · {r.entity_name ?? t(`${C}any_entity`)} · {t(`${C}votes`, { count: r.vote_count })} · <When ctx={ctx} value={r.created_at} />
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination t={t} page={result.page} pageCount={result.pageCount} hrefFor={(p) => requestsHref(filters, p)} />
    </Layout>
  );
}
