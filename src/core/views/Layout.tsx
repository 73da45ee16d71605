import type { ComponentChildren } from 'preact';
import { LOCALE_TAGS } from '../i18n/i18n.ts';
import { ENTITY_CONTACT } from '../site/entity-contact.ts';
import { Breadcrumbs, Flash, type Crumb } from './components/content.tsx';
import type { ViewContext } from './view-context.ts';

export interface LayoutProps {
  ctx: ViewContext;
  title: string;
  description?: string;
  breadcrumbs?: Crumb[];
  children: ComponentChildren;
  /** Extra scripts (same-origin, deferred); pages must work without them. */
  scripts?: string[];
  /** How the page looks when shared (Open Graph): `article` for one item (a cause, a proposal), an image path. */
  share?: { type?: 'website' | 'article'; image?: string };
}

const OG_LOCALES = { es: 'es_CO', en: 'en_US' } as const;

function LanguageSwitch({ ctx }: { ctx: ViewContext }) {
  const other = ctx.locale === 'es' ? 'en' : 'es';
  return (
    <form method="post" action="/idioma" class="language-switch">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="next" value={ctx.path} />
      <button type="submit" name="lang" value={other} lang={LOCALE_TAGS[other]}>
        {other === 'en' ? 'English' : 'Español'}
      </button>
    </form>
  );
}

// Pages of the sign-in flow itself: signing in from them goes to "Mi cuenta", not back to them.
const NO_RETURN_PREFIXES = ['/ingresar', '/registro', '/recuperar-clave', '/restablecer-clave', '/confirmar-correo', '/salir'];

/** "Ingresar" and "Crear cuenta" for visitors; "Mi cuenta" and a sign-out button (a POST form) for people signed in. */
function AccountLinks({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  if (ctx.actor) {
    return (
      <nav class="header-tools account-links" aria-label={t('layout.account_nav')}>
        <a href="/mi-cuenta" class="button button-secondary" aria-current={ctx.path === '/mi-cuenta' ? 'page' : undefined}>
          {t('layout.my_account')}
        </a>
        <form method="post" action="/salir" class="sign-out">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <button type="submit" class="button button-secondary">
            {t('layout.sign_out')}
          </button>
        </form>
      </nav>
    );
  }
  const back = ctx.path !== '/' && !NO_RETURN_PREFIXES.some((p) => ctx.path === p || ctx.path.startsWith(`${p}/`));
  return (
    <nav class="header-tools account-links" aria-label={t('layout.account_nav')}>
      <a href={back ? `/ingresar?next=${encodeURIComponent(ctx.path)}` : '/ingresar'} class="button button-secondary" aria-current={ctx.path === '/ingresar' ? 'page' : undefined}>
        {t('layout.sign_in')}
      </a>
      <a href="/registro" class="button" aria-current={ctx.path === '/registro' ? 'page' : undefined}>
        {t('layout.register')}
      </a>
    </nav>
  );
}

/** The page shell every page uses: GOV.CO bar, header, navigation, main, footer. */
export function Layout(props: LayoutProps) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <html lang={LOCALE_TAGS[ctx.locale]}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title === t('site.name') ? props.title : `${props.title} · ${t('site.name')}`}</title>
        {props.description && <meta name="description" content={props.description} />}
        <meta property="og:title" content={props.title} />
        <meta property="og:site_name" content={t('site.name')} />
        {props.description && <meta property="og:description" content={props.description} />}
        <meta property="og:type" content={props.share?.type ?? 'website'} />
        <meta property="og:url" content={`${ctx.baseUrl}${ctx.path}`} />
        <meta property="og:locale" content={OG_LOCALES[ctx.locale]} />
        {props.share?.image && <meta property="og:image" content={props.share.image.startsWith('/') ? `${ctx.baseUrl}${props.share.image}` : props.share.image} />}
        <meta name="twitter:card" content={props.share?.image ? 'summary_large_image' : 'summary'} />
        <link rel="canonical" href={`${ctx.baseUrl}${ctx.path}`} />
        <link rel="stylesheet" href={`/assets/gab.css?v=${ctx.assetVersion}`} />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        {props.scripts?.map((src) => <script src={src} defer />)}
      </head>
      <body>
        <a class="skip-link" href="#contenido">
          {t('layout.skip_to_content')}
        </a>
        <div class="govco-bar">
          <div class="container">
            <a href="https://www.gov.co/" class="govco-logo" aria-label={t('layout.govco_link')}>
              GOV.CO
            </a>
          </div>
        </div>
        <header class="site-header">
          <div class="container header-row">
            <a href="/" class="site-title">
              <span class="site-title-main">{t('site.name')}</span>
              <span class="site-title-sub">{t('site.tagline')}</span>
            </a>
            <div class="header-tools">
              <form method="get" action="/buscar" role="search" class="header-search">
                <label for="header-q" class="visually-hidden">
                  {t('search.label')}
                </label>
                <input id="header-q" name="q" type="search" placeholder={t('search.placeholder')} />
                <button type="submit">{t('search.submit')}</button>
              </form>
              <AccountLinks ctx={ctx} />
              <LanguageSwitch ctx={ctx} />
            </div>
          </div>
          <nav class="main-nav" aria-label={t('layout.main_nav')}>
            <ul class="container">
              {ctx.nav.map((item) => {
                const active = item.href === '/' ? ctx.path === '/' : ctx.path === item.href || ctx.path.startsWith(`${item.href}/`);
                return (
                  <li>
                    <a href={item.href} aria-current={active ? 'page' : undefined}>
                      {t(item.labelKey)}
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
        </header>
        <main id="contenido" tabIndex={-1}>
          <div class="container">
            {props.breadcrumbs && <Breadcrumbs t={t} items={props.breadcrumbs} />}
            <Flash messages={ctx.flash} />
            {props.children}
          </div>
        </main>
        <footer class="site-footer">
          <div class="container footer-grid">
            <section aria-labelledby="footer-entity">
              <h2 id="footer-entity">{ENTITY_CONTACT.name}</h2>
              <address>
                {ENTITY_CONTACT.address}
                <br />
                {t('footer.postal_code')}: {ENTITY_CONTACT.postalCode}
                <br />
                {t('footer.hours')}: {ENTITY_CONTACT.hours[ctx.locale]}
                <br />
                {ENTITY_CONTACT.phones.map((p) => (
                  <>
                    {p.label[ctx.locale]}: <a href={`tel:${p.tel}`}>{p.value}</a>
                    <br />
                  </>
                ))}
                {t('footer.email')}: <a href={`mailto:${ENTITY_CONTACT.email}`}>{ENTITY_CONTACT.email}</a>
                <br />
                {t('footer.judicial_notifications')}: <a href={`mailto:${ENTITY_CONTACT.judicialNotifications}`}>{ENTITY_CONTACT.judicialNotifications}</a>
              </address>
            </section>
            <nav aria-labelledby="footer-policies">
              <h2 id="footer-policies">{t('footer.policies')}</h2>
              <ul>
                <li>
                  <a href="/terminos">{t('pages.terms.title')}</a>
                </li>
                <li>
                  <a href="/privacidad">{t('pages.privacy.title')}</a>
                </li>
                <li>
                  <a href="/accesibilidad">{t('pages.accessibility.title')}</a>
                </li>
                <li>
                  <a href="/mapa-del-sitio">{t('pages.sitemap.title')}</a>
                </li>
                <li>
                  <a href="/api/v1/docs">{t('pages.api_docs.title')}</a>
                </li>
              </ul>
            </nav>
          </div>
          <div class="govco-footer">
            <div class="container">
              <a href="https://www.gov.co/">GOV.CO</a> · {t('footer.licence')}
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}
