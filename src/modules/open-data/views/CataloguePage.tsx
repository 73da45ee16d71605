import { EmptyState, Pagination } from '../../../core/views/components/content.tsx';
import { formatDate, formatNumber } from '../../../core/i18n/i18n.ts';
import { Layout } from '../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../core/views/view-context.ts';
import type { Dataset } from '../catalogue.queries.ts';
import { datasetPath } from '../paths.ts';
import type { FacetItem } from '../search.ts';
import { plainSummary } from './Markdown.tsx';

export const PAGE_FACETS = ['organization', 'tags', 'res_format', 'localidades', 'license_id'] as const;
const FACET_PARAM: Record<(typeof PAGE_FACETS)[number], string> = { organization: 'entidad', tags: 'etiqueta', res_format: 'formato', localidades: 'localidad', license_id: 'licencia' };
export const facetParam = (field: (typeof PAGE_FACETS)[number]) => FACET_PARAM[field];

export interface CatalogueQuery {
  q: string;
  filters: Partial<Record<(typeof PAGE_FACETS)[number], string>>;
  page: number;
}

/** Link to the catalogue with `query` changed; works without JavaScript (plain GET links and a GET form). */
export function catalogueHref(query: CatalogueQuery, change: Partial<CatalogueQuery>): string {
  const next = { ...query, ...change, filters: { ...query.filters, ...change.filters } };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  for (const field of PAGE_FACETS) {
    const v = next.filters[field];
    if (v) params.set(facetParam(field), v);
  }
  if (next.page > 1) params.set('pagina', String(next.page));
  const s = params.toString();
  return s ? `/datos?${s}` : '/datos';
}

/** `/datos`: search the catalogue, narrow it with facets, and the door to the APIs and the community. */
export function CataloguePage(props: { ctx: ViewContext; query: CatalogueQuery; count: number; results: Dataset[]; facets: Record<string, FacetItem[]>; pageCount: number; canManage: boolean }) {
  const { ctx, query } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('open-data.title')} description={t('open-data.description')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('open-data.title') }]}>
      <h1>{t('open-data.title')}</h1>
      <p class="lead">{t('open-data.catalogue.lead')}</p>
      <p>
        {/* Comunidad de datos (/datos/solicitudes, /datos/usos) joins this line when it is built. */}
        <a href="/api/3/action/package_list">{t('open-data.api.title')}</a> · <a href="/catalog.ttl">DCAT-AP</a> · <a href="/data.json">data.json</a>
        {props.canManage && (
          <>
            {' '}
            · <a href="/datos/gestion">{t('open-data.manage.title')}</a>
          </>
        )}
      </p>
      <form method="get" action="/datos" role="search" class="od-search">
        <div class="field">
          <label for="q">{t('open-data.catalogue.q')}</label>
          <input id="q" name="q" type="search" value={query.q} maxLength={200} />
        </div>
        {PAGE_FACETS.map((f) => (query.filters[f] ? <input type="hidden" name={facetParam(f)} value={query.filters[f]} /> : null))}
        <button type="submit" class="button">
          {t('open-data.catalogue.search')}
        </button>
      </form>
      <div class="od-layout">
        <aside class="od-facets" aria-label={t('open-data.catalogue.facets')}>
          {PAGE_FACETS.map((field) => {
            const items = props.facets[field] ?? [];
            const active = query.filters[field];
            return (
              <section>
                <h2 class="od-facet-title">{t(`open-data.facet.${field}`)}</h2>
                {active && (
                  <p>
                    <a href={catalogueHref(query, { filters: { [field]: '' }, page: 1 })}>{t('open-data.catalogue.remove_filter')}</a>
                  </p>
                )}
                {items.length === 0 ? (
                  <p class="hint">{t('open-data.catalogue.no_values')}</p>
                ) : (
                  <ul class="od-facet-list">
                    {items.slice(0, 12).map((item) => (
                      <li>
                        <a href={catalogueHref(query, { filters: { [field]: item.name }, page: 1 })} aria-current={active === item.name ? 'true' : undefined}>
                          {item.displayName} ({formatNumber(locale, item.count)})
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </aside>
        <section class="od-results" aria-labelledby="od-results-title">
          <h2 id="od-results-title">{t('open-data.catalogue.count', { count: props.count })}</h2>
          {props.results.length === 0 ? (
            <EmptyState title={t('open-data.catalogue.none')} />
          ) : (
            <ul class="od-result-list">
              {props.results.map((d) => (
                <li class="od-result">
                  <h3>
                    <a href={datasetPath(d.name)}>{d.title}</a>
                  </h3>
                  <p>{plainSummary(d.notes)}</p>
                  <p class="hint">
                    {d.organization.name} · {t('open-data.dataset.modified')}: {formatDate(locale, d.modifiedAt)} · {[...new Set(d.resources.map((r) => r.format))].join(', ') || t('open-data.dataset.no_resources')}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {props.pageCount > 1 && <Pagination t={t} page={query.page} pageCount={props.pageCount} hrefFor={(page) => catalogueHref(query, { page })} />}
        </section>
      </div>
    </Layout>
  );
}
