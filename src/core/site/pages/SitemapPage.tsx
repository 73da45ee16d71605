import type { AnyModule } from '../../modules/module.ts';
import { Layout } from '../../views/Layout.tsx';
import type { ViewContext } from '../../views/view-context.ts';

/** Core pages every installation has, for the site map and the browser suite. */
export const CORE_PAGES = [
  { path: '/', titleKey: 'nav.home' },
  { path: '/buscar', titleKey: 'search.title' },
  { path: '/terminos', titleKey: 'pages.terms.title' },
  { path: '/privacidad', titleKey: 'pages.privacy.title' },
  { path: '/accesibilidad', titleKey: 'pages.accessibility.title' },
  { path: '/mapa-del-sitio', titleKey: 'pages.sitemap.title' },
  { path: '/api/v1/docs', titleKey: 'pages.api_docs.title' },
] as const;

/** The site map required by Resolución 1519 de 2020 (Anexo 1), built from the registered modules. */
export function SitemapPage(props: { ctx: ViewContext; modules: readonly AnyModule[] }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('pages.sitemap.title')} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('pages.sitemap.title') }]}>
      <h1>{t('pages.sitemap.title')}</h1>
      <p class="lead">{t('pages.sitemap.lead')}</p>
      <h2>{t('pages.sitemap.general')}</h2>
      <ul>
        {CORE_PAGES.map((p) => (
          <li>
            <a href={p.path}>{t(p.titleKey)}</a>
          </li>
        ))}
      </ul>
      {props.modules
        .filter((m) => m.path || m.pages?.length)
        .map((m) => (
          <section>
            <h2>{t(m.titleKey)}</h2>
            <p>{t(m.descriptionKey)}</p>
            <ul>
              {(m.pages ?? [{ path: m.path!, titleKey: m.titleKey }]).map((p) => (
                <li>
                  <a href={p.path}>{t(p.titleKey)}</a>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </Layout>
  );
}
