import type { AxeResults, RunOptions } from 'axe-core';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CORE_PAGES } from '../src/core/site/pages/SitemapPage.tsx';
import { MODULES } from '../src/modules/index.ts';
import { buildTestApp, type TestApp } from './app.ts';

export interface TestServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  baseUrl: string;
  testApp: TestApp;
  close(): Promise<void>;
}

/** The real app on a fresh PGlite copy of the test template, listening on a free local port. */
export async function startTestServer(): Promise<TestServer> {
  const testApp = await buildTestApp('pglite');
  try {
    const address = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    return { baseUrl: address.replace(/\/$/, ''), testApp, close: () => testApp.close() };
  } catch (error) {
    await testApp.close();
    throw error;
  }
}

/** The system Chromium, headless and quiet (no background traffic, no first-run UI). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
};

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and returns one readable line block per
 * violation: rule, impact, what to do, and the first three offending elements with their HTML.
 * An empty array means no violations.
 *
 * `addScriptTag` injects axe as an inline script, which the app's CSP (`script-src 'self'`)
 * refuses: pages checked with this helper must come from a context created with `bypassCSP: true`.
 * The app uses no inline styles or scripts, so bypassing the CSP does not change what is rendered.
 */
export async function runAxe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate(
    (options) => (window as unknown as { axe: { run(context: Document, options: unknown): Promise<AxeResults> } }).axe.run(document, options),
    AXE_OPTIONS,
  );
  return results.violations.map((violation) => {
    const nodes = violation.nodes.slice(0, 3).map((node) => {
      const html = node.html.replace(/\s+/g, ' ');
      return `    ${node.target.join(' ')}  ${html.length > 160 ? `${html.slice(0, 157)}...` : html}`;
    });
    const more = violation.nodes.length > 3 ? [`    … and ${violation.nodes.length - 3} more`] : [];
    return [`${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}  ${violation.helpUrl}`, ...nodes, ...more].join('\n');
  });
}

/** Every public page without parameters: the core pages and each module's pages (or entry page). */
export function allPagePaths(): string[] {
  const paths: string[] = CORE_PAGES.map((p) => p.path);
  for (const module of MODULES) {
    for (const page of module.pages ?? []) paths.push(page.path);
    if (module.path) paths.push(module.path);
  }
  return [...new Set(paths)];
}

/**
 * A page in a fresh browser context, as a citizen would open it: Spanish (or English by the
 * language cookie), optionally signed in with a session cookie. The context is pushed on `contexts`
 * for the caller to close. CSP is bypassed only with JavaScript on, where axe is injected; without
 * JavaScript the page is exactly what a citizen gets.
 */
export async function openTab(
  browser: Browser,
  baseUrl: string,
  contexts: BrowserContext[],
  options: { javaScript: boolean; locale?: 'es' | 'en'; cookie?: string },
): Promise<Page> {
  const context = await browser.newContext({ locale: 'es-CO', javaScriptEnabled: options.javaScript, bypassCSP: options.javaScript });
  contexts.push(context);
  const cookies = [];
  if (options.locale === 'en') cookies.push({ name: 'gab_lang', value: 'en', url: baseUrl });
  if (options.cookie) cookies.push({ name: options.cookie.split('=')[0]!, value: options.cookie.split('=')[1]!, url: baseUrl });
  if (cookies.length) await context.addCookies(cookies);
  return context.newPage();
}
