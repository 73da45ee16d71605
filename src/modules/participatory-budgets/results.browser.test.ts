import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runAxe, startTestServer, type TestServer } from '../../../test/browser.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { SESSION_COOKIE } from '../../core/http/sessions.ts';
import { createPerson } from '../admin/test-people.ts';
import { createEdition, createProposalRow } from './budgets.test-support.ts';
import { publishResults } from './commands/publish-results.ts';
import { castBallots } from './results.test-support.ts';

/**
 * The results, execution and execution-update pages need a counted edition, which the site-wide
 * browser suite does not have: checked here with axe in both languages, with ties, Equal Shares
 * figures, participation tables, charts and a form with errors on the page.
 */
describe('results and execution pages in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let slug = '';
  let officialCookie = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const db = server.testApp.database.db;
    const edition = await createEdition(db, { phase: 'counting', countingRule: 'mes-cost-add1u', envelopes: { '11': 100_000_000 } });
    slug = edition.slug;
    const envelopeId = edition.envelopes[0]!.id;
    const a = await createProposalRow(db, { editionId: edition.id, envelopeId, cost: 50_000_000, title: 'Parque lineal del humedal Juan Amarillo' });
    const b = await createProposalRow(db, { editionId: edition.id, envelopeId, cost: 30_000_000, title: 'Huerta escolar del colegio distrital' });
    const c = await createProposalRow(db, { editionId: edition.id, envelopeId, cost: 30_000_000, title: 'Murales en la plaza de mercado' });
    await createProposalRow(db, { editionId: edition.id, envelopeId, cost: 10_000_000, title: 'Bancas para el parque del barrio' });
    await castBallots(db, { editionId: edition.id, envelopeId, choices: [a.id, b.id], count: 12 });
    await castBallots(db, { editionId: edition.id, envelopeId, choices: [c.id], count: 5 });
    await castBallots(db, { editionId: edition.id, envelopeId, choices: [b.id], count: 3 });
    const published = await withTransaction(db, (tx) => publishResults(tx, { actor: null, editionId: edition.id }));
    expect(published.ok).toBe(true);
    const official = await createPerson(db, { name: 'Ofelia Suba', roles: [{ role: 'entity_official', entityCode: 'alcaldia-local-11' }] });
    officialCookie = (await signInAs(db, official.id)).split('=')[1]!;
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function newPage(locale: 'es' | 'en', signedIn = false): Promise<Page> {
    const context = await browser.newContext({ locale: 'es-CO', bypassCSP: true });
    contexts.push(context);
    if (locale === 'en') await context.addCookies([{ name: 'gab_lang', value: 'en', url: server.baseUrl }]);
    if (signedIn) await context.addCookies([{ name: SESSION_COOKIE, value: officialCookie, url: server.baseUrl }]);
    return context.newPage();
  }

  for (const locale of ['es', 'en'] as const) {
    it(`has no WCAG 2.1 AA violations on the results, summary and execution pages in ${locale === 'es' ? 'Spanish' : 'English'}`, async () => {
      const page = await newPage(locale);
      const base = `${server.baseUrl}/presupuestos-participativos/${slug}`;
      for (const path of ['/11/resultados', '/resultados', '/11/ejecucion']) {
        const response = await page.goto(base + path);
        expect(response?.status(), path).toBe(200);
        expect(await runAxe(page), path).toEqual([]);
      }
      await page.goto(`${base}/11/resultados`);
      expect(await page.locator('figure svg[role="img"]').count()).toBeGreaterThanOrEqual(2);
    });

    it(`has no WCAG 2.1 AA violations on the execution update form, with errors, in ${locale === 'es' ? 'Spanish' : 'English'}`, async () => {
      const page = await newPage(locale, true);
      await page.goto(`${server.baseUrl}/presupuestos-participativos/${slug}/11/ejecucion`);
      await page.locator('a[href$="/ejecucion/2"]').click();
      await page.waitForURL('**/ejecucion/2');
      expect(await runAxe(page), 'form').toEqual([]);
      await page.locator('#progress').fill('140');
      await page.locator('main button[type="submit"]').click();
      await page.waitForLoadState('load');
      expect(await page.locator('.error-summary li').count()).toBe(1);
      expect(await runAxe(page), 'form with errors').toEqual([]);
    });
  }
});
