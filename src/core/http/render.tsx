import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { DEFAULT_LOCALE, translatorFor } from '../i18n/i18n.ts';
import type { AnyModule } from '../modules/module.ts';
import type { NavItem, ViewContext } from '../views/view-context.ts';
import { csrfTokenFor } from './csrf.ts';
import { ASSET_VERSION } from './assets.ts';

// The main navigation follows from the module list alone: built once per list, and the same
// array on every request, so the layout can reuse its rendering (views/Layout.tsx).
const navigations = new WeakMap<readonly AnyModule[], readonly NavItem[]>();
function navigationFor(modules: readonly AnyModule[]): readonly NavItem[] {
  let nav = navigations.get(modules);
  if (!nav) {
    nav = Object.freeze([{ href: '/', labelKey: 'nav.home' }, ...modules.filter((m) => m.path).map((m) => ({ href: m.path!, labelKey: m.titleKey }))]);
    navigations.set(modules, nav);
  }
  return nav;
}

/**
 * Builds the view context for this request. Takes the pending flash messages, so call it once per
 * rendered page.
 */
export function viewContext(request: FastifyRequest, reply: FastifyReply): ViewContext {
  const gab = request.server.gab;
  const locale = request.locale ?? DEFAULT_LOCALE;
  const t = request.t ?? translatorFor(gab.catalog, locale);
  const flash = request.session ? request.session.takeFlash().map((m) => ({ kind: m.kind, text: t(m.key, m.vars) })) : [];
  const nav = navigationFor(gab.registry.modules);
  return {
    locale,
    t,
    path: request.url.split('?')[0] ?? '/',
    csrfToken: csrfTokenFor(request, reply),
    actor: request.actor ?? null,
    flash,
    nav,
    assetVersion: ASSET_VERSION,
    baseUrl: gab.config.baseUrl.replace(/\/$/, ''),
  };
}

/** Sends a full HTML page. Pages vary by language and by who is signed in, so they are never shared-cached. */
export async function sendPage(request: FastifyRequest, reply: FastifyReply, page: VNode, status = 200): Promise<FastifyReply> {
  const html = `<!doctype html>${renderToString(page)}`;
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').header('vary', 'cookie, accept-language');
  return reply.send(html);
}

/** Redirects after a successful POST (Post/Redirect/Get), optionally with a flash message. */
export function redirectAfterPost(request: FastifyRequest, reply: FastifyReply, to: string, flashKey?: string, vars?: Record<string, string | number>) {
  if (flashKey) request.session.flash('success', flashKey, vars);
  return reply.redirect(safeLocalPath(to), 303);
}

/** Only same-site paths: an open redirect would let phishing links borrow our domain. */
export function safeLocalPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value.slice(0, 500);
}
