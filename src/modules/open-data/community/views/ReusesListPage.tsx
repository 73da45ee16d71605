import { EmptyState, Pagination } from '../../../../core/views/components/content.tsx';
import { Layout } from '../../../../core/views/Layout.tsx';
import type { ViewContext } from '../../../../core/views/view-context.ts';
import { REUSE_KINDS, type ReuseKind } from '../../open-data.schema.ts';
import { REQUESTS_PATH, REUSES_PATH } from '../paths.ts';
import type { ReuseSummary } from '../reuses.queries.ts';
import { ReuseList } from './ReuseList.tsx';
import { C } from './components.tsx';

/** `/datos/usos`: apps, stories, visualisations and research built on the catalogue's data. */
export function ReusesListPage(props: { ctx: ViewContext; kind?: ReuseKind; result: { rows: ReuseSummary[]; total: number; page: number; pageCount: number } }) {
  const { ctx, kind, result } = props;
  const { t } = ctx;
  const href = (page: number) => {
    const params = new URLSearchParams();
    if (kind) params.set('tipo', kind);
    if (page > 1) params.set('pagina', String(page));
    return params.size ? `${REUSES_PATH}?${params}` : REUSES_PATH;
  };
  return (
    <Layout ctx={ctx} title={t(`${C}reuses.title`)} breadcrumbs={[{ href: '/', label: t('nav.home') }, { href: '/datos', label: t('open-data.title') }, { label: t(`${C}reuses.title`) }]}>
      <h1>{t(`${C}reuses.title`)}</h1>
      <p>{t(`${C}reuses.lead`)}</p>
      <p>
        <a class="button" href={`${REUSES_PATH}/nuevo`}>
          {t(`${C}reuses.new`)}
        </a>{' '}
        <a href={REQUESTS_PATH}>{t(`${C}requests.title`)}</a>
      </p>
      <form method="get" action={REUSES_PATH} class="od-community-filters" role="search" aria-label={t(`${C}reuses.filters`)}>
        <div class="field">
          <label for="tipo">{t(`${C}field.kind`)}</label>
          <select id="tipo" name="tipo">
            <option value="">{t(`${C}reuses.all_kinds`)}</option>
            {REUSE_KINDS.map((k) => (
              <option value={k} selected={k === kind}>
                {t(`${C}kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          {t(`${C}requests.apply`)}
        </button>
      </form>
      <p role="status">{t(`${C}reuses.count`, { count: result.total })}</p>
      {result.rows.length === 0 ? <EmptyState title={t(`${C}reuses.none`)} /> : <ReuseList ctx={ctx} reuses={result.rows} headingLevel={2} />}
      <Pagination t={t} page={result.page} pageCount={result.pageCount} hrefFor={href} />
    </Layout>
  );
}
