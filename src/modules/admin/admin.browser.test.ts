import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runAxe, startTestServer, type TestServer } from '../../../test/browser.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { createPerson } from './test-people.ts';

/**
 * The signed-in pages of the back office and of API tokens in a real browser: no WCAG 2.1 AA
 * violations in either language (pages and their error states), and every form works with
 * JavaScript disabled.
 */
describe('back-office and API-token pages in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: { id: string; cookie: string };
  let citizenId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const db = server.testApp.database.db;
    const person = await createPerson(db, { name: 'Administradora Navegador', roles: [{ role: 'platform_admin' }] });
    admin = { id: person.id, cookie: (await signInAs(server.testApp.database, person.id)).split('=')[1]! };
    citizenId = (await createPerson(db, { name: 'Ciudadano Navegador', level: 'residence', roles: [{ role: 'moderator', entityCode: 'sdp' }] })).id;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function tab(locale: 'es' | 'en', javaScript = true): Promise<Page> {
    const context = await browser.newContext({ locale: 'es-CO', bypassCSP: javaScript, javaScriptEnabled: javaScript });
    contexts.push(context);
    await context.addCookies([
      { name: 'gab_sid', value: admin.cookie, url: server.baseUrl },
      ...(locale === 'en' ? [{ name: 'gab_lang', value: 'en', url: server.baseUrl }] : []),
    ]);
    return context.newPage();
  }

  const paths = () => ['/admin', '/admin/usuarios', '/admin/usuarios?q=navegador', `/admin/usuarios/${citizenId}`, '/admin/ajustes', '/admin/auditoria', '/mi-cuenta/tokens'];

  for (const locale of ['es', 'en'] as const) {
    it(`has no WCAG 2.1 AA violations on any back-office page in ${locale === 'es' ? 'Spanish' : 'English'}`, async () => {
      const page = await tab(locale);
      for (const path of paths()) {
        const response = await page.goto(server.baseUrl + path);
        expect(response?.status(), path).toBe(200);
        expect(await page.locator('h1').count(), path).toBe(1);
        expect(await runAxe(page), path).toEqual([]);
      }
    });
  }

  it('grants a role, saves settings (with errors first) and filters the audit log without JavaScript, and the result pages are accessible', async () => {
    const page = await tab('es', false);
    const axePage = await tab('es');

    await page.goto(`${server.baseUrl}/admin/usuarios/${citizenId}`);
    await page.selectOption('#role', 'valuator');
    await page.selectOption('#entity', 'idpac');
    await page.click('text=Otorgar el rol');
    expect(page.url()).toBe(`${server.baseUrl}/admin/usuarios/${citizenId}`);
    expect(await page.textContent('main')).toContain('Se otorgó el rol Evaluación de propuestas.');

    await page.goto(`${server.baseUrl}/admin/ajustes`);
    await page.fill('[id="module.admin.users_page_size"]', 'muchas');
    await page.click('text=Guardar los ajustes');
    expect(await page.textContent('.error-summary')).toContain('Escriba un número entero');
    // The same error page, checked by axe (this tab runs axe, so it has JavaScript).
    await axePage.goto(`${server.baseUrl}/admin/ajustes`);
    await axePage.fill('[id="module.admin.users_page_size"]', 'muchas');
    await axePage.fill('[id="age.accounts.register"]', 'x');
    await axePage.click('text=Guardar los ajustes');
    expect(await runAxe(axePage)).toEqual([]);
    await axePage.goto(`${server.baseUrl}/admin/ajustes`);
    await axePage.fill('[id="age.accounts.register"]', 'x');
    await axePage.click('text=Guardar los requisitos');
    expect(await axePage.textContent('.error-summary')).toContain('Escriba una edad');
    expect(await runAxe(axePage)).toEqual([]);

    await page.goto(`${server.baseUrl}/admin/ajustes`);
    await page.fill('[id="module.admin.users_page_size"]', '30');
    await page.click('text=Guardar los ajustes');
    expect(await page.textContent('main')).toContain('Se guardó 1 cambio.');

    await page.goto(`${server.baseUrl}/admin/auditoria`);
    await page.fill('#action', 'admin.');
    await page.fill('#from', '2099-01-02');
    await page.fill('#to', '2099-01-01');
    await page.getByRole('button', { name: 'Filtrar', exact: true }).click();
    expect(page.url()).toContain('action=admin.');
    expect(await page.textContent('.error-summary')).toContain('La fecha final debe ser igual o posterior a la inicial.');
    await axePage.goto(page.url());
    expect(await runAxe(axePage)).toEqual([]);
  });

  it('creates and revokes an API token without JavaScript; the page showing the secret once is accessible', async () => {
    const page = await tab('es', false);
    await page.goto(`${server.baseUrl}/mi-cuenta/tokens`);
    await page.click('text=Crear el token');
    expect(await page.textContent('.error-summary')).toContain('Escriba un nombre para reconocer el token.');
    await page.fill('#name', 'Script de prueba');
    await page.check('#scope-write');
    await page.click('text=Crear el token');
    const secret = await page.textContent('.token-secret');
    expect(secret).toMatch(/^gab_pat_[A-Za-z0-9_-]{43}$/);

    const axePage = await tab('en');
    await axePage.goto(`${server.baseUrl}/mi-cuenta/tokens`);
    await axePage.fill('#name', 'Axe check');
    await axePage.click('text=Create the token');
    expect(await axePage.textContent('.token-secret')).toMatch(/^gab_pat_/);
    expect(await runAxe(axePage)).toEqual([]);

    await page.goto(`${server.baseUrl}/mi-cuenta/tokens`);
    expect(await page.content()).not.toContain(secret!);
    await page.locator('tr', { hasText: 'Script de prueba' }).locator('button').click();
    expect(await page.textContent('main')).toContain('El token «Script de prueba» quedó revocado');
  });
});
