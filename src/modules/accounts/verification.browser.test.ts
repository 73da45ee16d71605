import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runAxe, startTestServer, type TestServer } from '../../../test/browser.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { birthDateForAge, createPerson, importRegistry } from './verification.fixtures.ts';
import { verifyAtDesk } from './commands/verify-at-desk.ts';
import { startAssistedSession } from './commands/start-assisted-session.ts';

const LOCALES = [
  { locale: 'es', name: 'Spanish', htmlLang: 'es-CO' },
  { locale: 'en', name: 'English', htmlLang: 'en' },
] as const;

/**
 * The verification page and the service desk in a real browser: no WCAG 2.1 AA violation in any
 * state (empty, verified, minor, with errors, with an assisted session), in both languages, and
 * every form works with JavaScript disabled.
 */
describe('verification and service desk pages in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const users: Record<string, { id: string; cookie: string }> = {};

  async function tab(user: string, locale: 'es' | 'en', javaScript = true): Promise<Page> {
    // bypassCSP only where axe is injected; without JavaScript the page is exactly what a citizen gets.
    const context = await browser.newContext({ locale: 'es-CO', bypassCSP: javaScript, javaScriptEnabled: javaScript });
    contexts.push(context);
    const cookies = [{ name: 'gab_sid', value: users[user]!.cookie.split('=')[1]!, url: server.baseUrl }];
    if (locale === 'en') cookies.push({ name: 'gab_lang', value: 'en', url: server.baseUrl });
    await context.addCookies(cookies);
    return context.newPage();
  }

  async function checkPage(page: Page, htmlLang: string) {
    expect(await page.locator('html').getAttribute('lang')).toBe(htmlLang);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('main').count()).toBe(1);
    expect(await runAxe(page)).toEqual([]);
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const { db } = server.testApp.database;
    const secret = server.testApp.config.secret;
    await importRegistry(db, secret, [{ type: 'CC', number: '55123123', birthDate: '1984-08-08', localidad: 'Bosa' }]);
    const person = async (key: string, name: string, birthDate?: string, roles: ('desk_clerk')[] = [], email?: string) => {
      const { id } = await createPerson(db, secret, { name, birthDate, email });
      users[key] = { id, cookie: await signInAs(server.testApp.database, id, roles) };
    };
    await person('clerk', 'Marta Funcionaria', undefined, ['desk_clerk']);
    await person('adult', 'Ana Adulta', '1984-08-08', [], 'ana.adulta@example.co');
    await person('child', 'Lucía Doce', birthDateForAge(12));
    await person('teen', 'Tomás Quince', birthDateForAge(15), [], 'tomas.quince@example.co');
    await person('nojs', 'Sin Scripts', '1984-08-08');
    const clerk = { userId: users.clerk!.id, displayName: 'Marta Funcionaria', roles: [{ role: 'desk_clerk' as const, entityCode: null }] };
    await withTransaction(db, (tx) =>
      verifyAtDesk(tx, { citizenId: users.teen!.id, clerk, documentType: 'TI', documentNumber: '1002003004', birthDate: birthDateForAge(15), localidadCode: '05', note: 'Tarjeta de identidad original', secret }),
    );
    await withTransaction(db, (tx) => startAssistedSession(tx, { citizenId: users.teen!.id, clerk, reason: 'Apoyo para votar en el colegio', minutes: 60 }));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  for (const l of LOCALES) {
    it(`the verification page has no WCAG 2.1 AA violations for an adult, a 12-year-old and a verified 15-year-old with an assisted session, in ${l.name}`, async () => {
      for (const user of ['adult', 'child', 'teen']) {
        const page = await tab(user, l.locale);
        const response = await page.goto(`${server.baseUrl}/mi-cuenta/verificacion`);
        expect(response?.status(), user).toBe(200);
        await checkPage(page, l.htmlLang);
      }
    });

    it(`the verification form shows its errors accessibly, then verifies, in ${l.name}`, async () => {
      const page = await tab('adult', l.locale);
      await page.goto(`${server.baseUrl}/mi-cuenta/verificacion`);
      await page.locator('#document_number').fill('12AB');
      await page.locator('main button[type=submit]').first().click();
      await page.waitForLoadState('load');
      expect(await page.locator('.error-summary').count()).toBeGreaterThan(0);
      await checkPage(page, l.htmlLang);
      await page.locator('#document_type').selectOption('CC');
      await page.locator('#document_number').fill('55.123.124');
      await page.locator('#birth_date').fill('1984-08-08');
      await page.locator('main button[type=submit]').first().click();
      await page.waitForLoadState('load');
      expect(await page.locator('[role=alert]').count()).toBeGreaterThan(0);
      await checkPage(page, l.htmlLang);
    });

    it(`the service desk search and person pages have no WCAG 2.1 AA violations, in ${l.name}`, async () => {
      const page = await tab('clerk', l.locale);
      await page.goto(`${server.baseUrl}/mostrador`);
      await checkPage(page, l.htmlLang);
      await page.locator('#email').fill('nadie@example.co');
      await page.locator('main button[type=submit]').click();
      await page.waitForLoadState('load');
      await checkPage(page, l.htmlLang);
      for (const user of ['adult', 'teen']) {
        const response = await page.goto(`${server.baseUrl}/mostrador/personas/${users[user]!.id}`);
        expect(response?.status()).toBe(200);
        await checkPage(page, l.htmlLang);
      }
      // A failed in-person verification: errors next to the fields and in the summary.
      await page.goto(`${server.baseUrl}/mostrador/personas/${users.adult!.id}`);
      await page.locator('#note').fill('ok');
      await page.locator('#desk-verify ~ form button[type=submit], section[aria-labelledby=desk-verify] button[type=submit]').first().click();
      await page.waitForLoadState('load');
      expect(await page.locator('.error-summary').count()).toBe(1);
      await checkPage(page, l.htmlLang);
    });
  }

  it('the citizen verifies with the registry without JavaScript', async () => {
    const page = await tab('nojs', 'es', false);
    await page.goto(`${server.baseUrl}/mi-cuenta/verificacion`);
    await page.locator('#document_type').selectOption('CC');
    await page.locator('#document_number').fill('55123123');
    await page.locator('#birth_date').fill('1984-08-08');
    await page.locator('main button[type=submit]').first().click();
    await page.waitForURL(`${server.baseUrl}/mi-cuenta/verificacion`);
    expect(await page.locator('.flash').innerText()).toContain('Verificamos su identidad y su residencia en Bosa');
    expect(await page.locator('h1').innerText()).toBe('Verificación de identidad y residencia');
  });

  it('a desk clerk finds a person, starts and ends an assisted session without JavaScript', async () => {
    const page = await tab('clerk', 'es', false);
    await page.goto(`${server.baseUrl}/mostrador`);
    await page.locator('#email').fill('ana.adulta@example.co');
    await page.locator('main button[type=submit]').click();
    await page.waitForURL(`${server.baseUrl}/mostrador/personas/${users.adult!.id}`);
    expect(await page.locator('h1').innerText()).toBe('Atención a Ana Adulta');
    await page.locator('#document_type').selectOption('CC');
    await page.locator('#document_number').fill('55123999');
    await page.locator('#birth_date').fill('1984-08-08');
    await page.locator('#localidad').selectOption('07');
    await page.locator('#note').fill('Cédula original y recibo del gas');
    await page.locator('section[aria-labelledby=desk-verify] button[type=submit]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('.flash').innerText()).toContain('verificadas en Bosa');
    await page.locator('#reason').fill('Apoyo para votar desde el punto de atención');
    await page.locator('#duration').selectOption('30');
    await page.locator('section[aria-labelledby=desk-assist] button[type=submit]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('.flash').innerText()).toContain('Acompañamiento iniciado');
    await page.locator('section[aria-labelledby=desk-assist] button[type=submit]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('.flash').innerText()).toContain('Acompañamiento terminado');
  });
});
