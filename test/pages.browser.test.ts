import type { Browser, BrowserContext, BrowserContextOptions, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPagePaths, launchBrowser, runAxe, startTestServer, type TestServer } from './browser.ts';

const PAGES = allPagePaths();
const LOCALES = [
  { locale: 'es', name: 'Spanish', htmlLang: 'es-CO' },
  { locale: 'en', name: 'English', htmlLang: 'en' },
] as const;
type LocaleCase = (typeof LOCALES)[number];

/** Budget of HTML + CSS + JS per page, for citizens on slow or prepaid mobile data. */
const PAGE_WEIGHT_LIMIT = 60 * 1024;

const pageName = (path: string) => (path === '/' ? 'the home page' : `the ${path} page`);

describe('every public page in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  // A browser in Bogotá asks for Spanish; English is chosen with the language cookie, as the switch sets it.
  const base: BrowserContextOptions = { locale: 'es-CO', bypassCSP: true };
  const contexts: BrowserContext[] = [];
  // One tab per language, with and without JavaScript, reused page after page (opening tabs is slow).
  const tabs = new Map<string, Page>();
  // h1 texts seen with JavaScript on, keyed by "locale path": the no-JavaScript tests compare against them.
  const h1sWithJs = new Map<string, string[]>();

  async function newContext(locale: LocaleCase['locale'], options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await browser.newContext({ ...base, ...options });
    contexts.push(context);
    if (locale === 'en') await context.addCookies([{ name: 'gab_lang', value: 'en', url: server.baseUrl }]);
    return context;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    for (const { locale } of LOCALES) {
      tabs.set(locale, await (await newContext(locale)).newPage());
      // The CSP stays on here: this is the page exactly as a citizen without JavaScript gets it.
      tabs.set(`${locale}-nojs`, await (await newContext(locale, { javaScriptEnabled: false, bypassCSP: false })).newPage());
    }
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  /** Loads the path in the tab; returns the status and the h1 texts. */
  async function visit(tab: string, path: string) {
    const page = tabs.get(tab)!;
    const response = await page.goto(server.baseUrl + path, { waitUntil: 'load' });
    const h1s = await page.locator('h1').allInnerTexts();
    return { page, status: response?.status(), h1s };
  }

  for (const path of PAGES) {
    for (const l of LOCALES) {
      it(`${pageName(path)} has no WCAG 2.1 AA violations in ${l.name}`, async () => {
        const { page, status, h1s } = await visit(l.locale, path);
        h1sWithJs.set(`${l.locale} ${path}`, h1s);
        expect(status).toBe(200);
        expect(await page.locator('main').count()).toBe(1);
        expect(h1s).toHaveLength(1);
        expect(await page.locator('html').getAttribute('lang')).toBe(l.htmlLang);
        expect(await runAxe(page)).toEqual([]);
      });

      it(`${pageName(path)} works without JavaScript in ${l.name}`, async () => {
        const expected = h1sWithJs.get(`${l.locale} ${path}`) ?? (await visit(l.locale, path)).h1s;
        const { status, h1s } = await visit(`${l.locale}-nojs`, path);
        expect(status).toBe(200);
        expect(h1s).toHaveLength(1);
        expect(h1s).toEqual(expected);
      });
    }
  }

  it('the not-found page has no WCAG 2.1 AA violations', async () => {
    for (const l of LOCALES) {
      const { page, status, h1s } = await visit(l.locale, '/no-existe-esta-pagina');
      expect(status).toBe(404);
      expect(h1s).toHaveLength(1);
      expect(await page.locator('html').getAttribute('lang')).toBe(l.htmlLang);
      expect(await runAxe(page)).toEqual([]);
    }
  });

  it('the language switch in the header turns /localidades into English and the choice survives a reload', async () => {
    const page = await (await newContext('es')).newPage();
    await page.goto(`${server.baseUrl}/localidades`);
    expect(await page.locator('html').getAttribute('lang')).toBe('es-CO');
    const spanishH1 = await page.locator('h1').innerText();

    const backOnPage = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/localidades');
    await page.locator('header').getByRole('button', { name: 'English' }).click();
    expect((await backOnPage).status()).toBe(200);
    await page.waitForLoadState('load');

    expect(new URL(page.url()).pathname).toBe('/localidades');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').innerText()).not.toBe(spanishH1);
    expect(await page.locator('header').getByRole('button', { name: 'Español' }).count()).toBe(1);

    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('every page weighs under 60 KB of HTML, CSS and JS on a first visit', async () => {
    const page = await (await newContext('es')).newPage();
    // Nothing from the cache, as on a citizen's first visit (cheaper than a new context per page).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const rows: { path: string; html: number; css: number; js: number; total: number }[] = [];
    for (const path of PAGES) {
      const sizes = { document: 0, stylesheet: 0, script: 0 };
      const pending: Promise<void>[] = [];
      const onResponse = (response: Response) => {
        const type = response.request().resourceType();
        if (type !== 'document' && type !== 'stylesheet' && type !== 'script') return;
        pending.push(response.body().then((body) => void (sizes[type] += body.length)));
      };
      page.on('response', onResponse);
      try {
        const response = await page.goto(server.baseUrl + path, { waitUntil: 'load' });
        expect(response?.status()).toBe(200);
        await Promise.all(pending);
      } finally {
        page.off('response', onResponse);
      }
      rows.push({ path, html: sizes.document, css: sizes.stylesheet, js: sizes.script, total: sizes.document + sizes.stylesheet + sizes.script });
    }

    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const width = Math.max(...rows.map((r) => r.path.length), 4);
    const line = (cells: string[]) => `${cells[0]!.padEnd(width)}  ${cells.slice(1).map((c) => c.padStart(9)).join('  ')}`;
    console.log(
      ['Page weight (HTML + CSS + JS response bodies, first visit):', line(['page', 'html', 'css', 'js', 'total']), ...rows.map((r) => line([r.path, kb(r.html), kb(r.css), kb(r.js), kb(r.total)]))].join('\n'),
    );

    expect(rows.filter((r) => r.total >= PAGE_WEIGHT_LIMIT).map((r) => `${r.path}: ${kb(r.total)}`)).toEqual([]);
  });
});
