import type { ComponentChildren } from 'preact';
import { LOCALE_TAGS, type Translate } from '../i18n/i18n.ts';
import { Breadcrumbs, Flash, type Crumb } from './components/content.tsx';
import { prerendered } from './prerendered.ts';
import { SiteFooter } from './SiteFooter.tsx';
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

/** The skip link and the GOV.CO bar: the same on every page in a language. */
function TopBars({ t }: { t: Translate }) {
  return (
    <>
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
    </>
  );
}

function SiteTitle({ t }: { t: Translate }) {
  return (
    <a href="/" class="site-title">
      <span class="site-title-main">{t('site.name')}</span>
      <span class="site-title-sub">{t('site.tagline')}</span>
    </a>
  );
}

function HeaderSearch({ t }: { t: Translate }) {
  return (
    <form method="get" action="/buscar" role="search" class="header-search">
      <label for="header-q" class="visually-hidden">
        {t('search.label')}
      </label>
      <input id="header-q" name="q" type="search" placeholder={t('search.placeholder')} />
      <button type="submit">{t('search.submit')}</button>
    </form>
  );
}

/**
 * The main navigation. It only varies with the items marked as the current page, so it is
 * rendered once per language and set of current items (a handful: one per section, or none).
 */
function MainNav({ ctx }: { ctx: ViewContext }) {
  const { t, nav, path } = ctx;
  const active = nav.map((item) => (item.href === '/' ? path === '/' : path === item.href || path.startsWith(`${item.href}/`)));
  const current = active.flatMap((on, index) => (on ? [index] : [])).join(',');
  return prerendered([t, nav], `nav:${ctx.locale}:${current}`, () => (
    <nav class="main-nav" aria-label={t('layout.main_nav')}>
      <ul class="container">
        {nav.map((item, index) => (
          <li>
            <a href={item.href} aria-current={active[index] ? 'page' : undefined}>
              {t(item.labelKey)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  ));
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
        {prerendered([t], `top:${ctx.locale}`, () => <TopBars t={t} />)}
        <header class="site-header">
          <div class="container header-row">
            {prerendered([t], `site-title:${ctx.locale}`, () => <SiteTitle t={t} />)}
            <div class="header-tools">
              {prerendered([t], `search:${ctx.locale}`, () => <HeaderSearch t={t} />)}
              <AccountLinks ctx={ctx} />
              <LanguageSwitch ctx={ctx} />
            </div>
          </div>
          <MainNav ctx={ctx} />
        </header>
        <main id="contenido" tabIndex={-1}>
          <div class="container">
            {props.breadcrumbs && <Breadcrumbs t={t} items={props.breadcrumbs} />}
            <Flash messages={ctx.flash} />
            {props.children}
          </div>
        </main>
        {prerendered([t], `footer:${ctx.locale}`, () => <SiteFooter t={t} locale={ctx.locale} />)}
      </body>
    </html>
  );
}
