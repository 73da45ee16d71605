import type { SearchHit } from '../../search/search.ts';
import { EmptyState, Pagination } from '../../views/components/content.tsx';
import { Layout } from '../../views/Layout.tsx';
import type { ViewContext } from '../../views/view-context.ts';

/** Splits the `<<…>>` markers of ts_headline into safe <mark> elements (no raw HTML). */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/<<|>>/);
  return <p>{parts.map((part, i) => (i % 2 === 1 ? <mark>{part}</mark> : part))}</p>;
}

export function SearchPage(props: { ctx: ViewContext; q: string; total: number; hits: SearchHit[]; page: number; pageSize: number }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={props.q ? `${t('search.title')}: ${props.q}` : t('search.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('search.title') }]}>
      <h1>{t('search.title')}</h1>
      <form method="get" action="/buscar" role="search">
        <label for="q">{t('search.label')}</label>
        <div>
          <input id="q" name="q" type="search" value={props.q} maxLength={200} />
          <button type="submit">{t('search.submit')}</button>
        </div>
      </form>
      {!props.q && <p>{t('search.prompt')}</p>}
      {props.q && props.total === 0 && (
        <EmptyState title={t('search.none', { q: props.q })}>
          <p>{t('search.none_hint')}</p>
        </EmptyState>
      )}
      {props.total > 0 && (
        <>
          <p role="status">{t('search.results', { count: props.total, q: props.q })}</p>
          <ol class="search-results">
            {props.hits.map((hit) => (
              <li>
                <h2>
                  <a href={hit.url}>{hit.title}</a>
                </h2>
                {hit.snippet && <Snippet text={hit.snippet} />}
              </li>
            ))}
          </ol>
          <Pagination t={t} page={props.page} pageCount={Math.ceil(props.total / props.pageSize)} hrefFor={(p) => `/buscar?q=${encodeURIComponent(props.q)}&page=${p}`} />
        </>
      )}
    </Layout>
  );
}
