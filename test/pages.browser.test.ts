import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
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
  const contexts = new Map<string, BrowserContext>();

  async function newContext(locale: LocaleCase['locale'], options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await browser.newContext({ ...base, ...options });
    if (locale === 'en') await context.addCookies([{ name: 'gab_lang', value: 'en', url: server.baseUrl }]);
    return context;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    for (const { locale } of LOCALES) {
      contexts.set(locale, await newContext(locale));
      contexts.set(`${locale}-nojs`, await newContext(locale, { javaScriptEnabled: false, bypassCSP: false }));
    }
  });

  afterAll(async () => {
    for (const context of contexts.values()) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  /** Opens the path in a new tab of the context; returns the status, the tab and its h1 texts. */
  async function visit(contextKey: string, path: string) {
    const page = await contexts.get(contextKey)!.newPage();
    const response = await page.goto(server.baseUrl + path, { waitUntil: 'load' });
    const h1s = await page.locator('h1').allInnerTexts();
    return { page, status: response?.status(), h1s };
  }

  for (const path of PAGES) {
    for (const l of LOCALES) {
      it(`${pageName(path)} has no WCAG 2.1 AA violations in ${l.name}`, async () => {
        const { page, status, h1s } = await visit(l.locale, path);
        try {
          expect(status).toBe(200);
          expect(await page.locator('main').count()).toBe(1);
          expect(h1s).toHaveLength(1);
          expect(await page.locator('html').getAttribute('lang')).toBe(l.htmlLang);
          expect(await runAxe(page)).toEqual([]);
        } finally {
          await page.close();
        }
      });

      it(`${pageName(path)} works without JavaScript in ${l.name}`, async () => {
        const withJs = await visit(l.locale, path);
        await withJs.page.close();
        const { page, status, h1s } = await visit(`${l.locale}-nojs`, path);
        try {
          expect(status).toBe(200);
          expect(h1s).toHaveLength(1);
          expect(h1s).toEqual(withJs.h1s);
        } finally {
          await page.close();
        }
      });
    }
  }

  it('the not-found page has no WCAG 2.1 AA violations', async () => {
    for (const l of LOCALES) {
      const { page, status, h1s } = await visit(l.locale, '/no-existe-esta-pagina');
      try {
        expect(status).toBe(404);
        expect(h1s).toHaveLength(1);
        expect(await page.locator('html').getAttribute('lang')).toBe(l.htmlLang);
        expect(await runAxe(page)).toEqual([]);
      } finally {
        await page.close();
      }
    }
  });

  it('the language switch in the header turns /localidades into English and the choice survives a reload', async () => {
    const context = await browser.newContext(base);
    try {
      const page = await context.newPage();
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
      await expect(page.locator('header').getByRole('button', { name: 'Español' }).count()).resolves.toBe(1);

      const reloaded = await page.reload();
      expect(reloaded?.status()).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
    } finally {
      await context.close();
    }
  });

  it('every page weighs under 60 KB of HTML, CSS and JS on a first visit', async () => {
    const rows: { path: string; html: number; css: number; js: number; total: number }[] = [];
    for (const path of PAGES) {
      // A fresh context per page: nothing cached, as on a citizen's first visit.
      const context = await browser.newContext(base);
      try {
        const page = await context.newPage();
        const sizes = { document: 0, stylesheet: 0, script: 0 };
        const pending: Promise<void>[] = [];
        page.on('response', (response) => {
          const type = response.request().resourceType();
          if (type !== 'document' && type !== 'stylesheet' && type !== 'script') return;
          pending.push(
            response.body().then(
              (body) => void (sizes[type] += body.length),
              () => undefined,
            ),
          );
        });
        const response = await page.goto(server.baseUrl + path, { waitUntil: 'load' });
        expect(response?.status()).toBe(200);
        await Promise.all(pending);
        rows.push({ path, html: sizes.document, css: sizes.stylesheet, js: sizes.script, total: sizes.document + sizes.stylesheet + sizes.script });
      } finally {
        await context.close();
      }
    }

    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const width = Math.max(...rows.map((r) => r.path.length), 4);
    const line = (cells: string[]) => `${cells[0]!.padEnd(width)}  ${cells.slice(1).map((c) => c.padStart(9)).join('  ')}`;
    console.log(
      ['Page weight (HTML + CSS + JS, uncompressed bodies):', line(['page', 'html', 'css', 'js', 'total']), ...rows.map((r) => line([r.path, kb(r.html), kb(r.css), kb(r.js), kb(r.total)]))].join('\n'),
    );

    expect(rows.filter((r) => r.total >= PAGE_WEIGHT_LIMIT).map((r) => `${r.path}: ${kb(r.total)}`)).toEqual([]);
  });
});
