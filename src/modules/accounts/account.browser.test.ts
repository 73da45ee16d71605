import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runAxe, startTestServer, type TestServer } from '../../../test/browser.ts';
import { withTransaction } from '../../core/db/database.ts';
import { issueUserToken } from './account-tokens.ts';

const PASSWORD = 'una frase larga y segura';

/**
 * The account pages only signed-in people (or e-mailed links) reach, which the site-wide browser
 * suite cannot visit: checked with axe in both languages, and the whole path from registration to
 * deleting the account done in a browser with JavaScript turned off.
 */
describe('account pages in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function newPage(options: { javaScriptEnabled?: boolean; locale?: 'es' | 'en' } = {}): Promise<Page> {
    const context = await browser.newContext({ locale: 'es-CO', bypassCSP: options.javaScriptEnabled !== false, javaScriptEnabled: options.javaScriptEnabled ?? true });
    contexts.push(context);
    if (options.locale === 'en') await context.addCookies([{ name: 'gab_lang', value: 'en', url: server.baseUrl }]);
    return context.newPage();
  }

  const userId = async (email: string) =>
    (await server.testApp.database.db.selectFrom('core_users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const tokenFor = async (email: string, purpose: 'confirm_email' | 'reset_password') => {
    const id = await userId(email);
    return withTransaction(server.testApp.database.db, (tx) => issueUserToken(tx, { userId: id, purpose }));
  };

  async function register(page: Page, email: string) {
    await page.goto(`${server.baseUrl}/registro`);
    await page.locator('#display_name').fill('Rosa Elena Prieto');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#document_type').selectOption('CC');
    await page.locator('#document_number').fill('39.555.666');
    await page.locator('#birth_date').fill('29');
    await page.locator('#birth_date-month').fill('2');
    await page.locator('#birth_date-year').fill('1980');
    await page.locator('#localidad').selectOption('07');
    await page.locator('#consent').check();
    await Promise.all([page.waitForURL('**/registro/correo-enviado'), page.getByRole('button', { name: /Crear mi cuenta|Create my account/ }).click()]);
  }

  async function signIn(page: Page, email: string) {
    await page.goto(`${server.baseUrl}/ingresar`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await Promise.all([page.waitForURL('**/mi-cuenta'), page.locator('main').getByRole('button', { name: /Ingresar|Sign in/ }).click()]);
  }

  for (const locale of ['es', 'en'] as const) {
    it(`has no WCAG 2.1 AA violations on the account pages, signed in and with form errors, in ${locale === 'es' ? 'Spanish' : 'English'}`, async () => {
      const page = await newPage({ locale });
      const email = `axe-${locale}@example.co`;

      await page.goto(`${server.baseUrl}/registro`);
      await page.locator('#email').fill('no-es-un-correo');
      await page.locator('main').getByRole('button', { name: /Crear mi cuenta|Create my account/ }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('.error-summary li').count()).toBeGreaterThan(5);
      expect(await runAxe(page), 'registration with errors').toEqual([]);

      await register(page, email);
      expect(await runAxe(page), 'check your e-mail').toEqual([]);

      await page.goto(`${server.baseUrl}/confirmar-correo/${await tokenFor(email, 'confirm_email')}`);
      expect(await runAxe(page), 'confirm e-mail').toEqual([]);
      await page.goto(`${server.baseUrl}/confirmar-correo/enlace-que-no-existe-enlace-que-no-existe`);
      expect(await runAxe(page), 'invalid link').toEqual([]);
      await page.goto(`${server.baseUrl}/restablecer-clave/${await tokenFor(email, 'reset_password')}`);
      expect(await runAxe(page), 'reset password').toEqual([]);

      await page.goto(`${server.baseUrl}/ingresar`);
      await page.locator('#email').fill(email);
      await page.locator('#password').fill('contraseña equivocada');
      await page.locator('main').getByRole('button', { name: /Ingresar|Sign in/ }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('.error-summary').count()).toBe(1);
      expect(await runAxe(page), 'sign-in failure').toEqual([]);

      await signIn(page, email);
      expect(await page.locator('h1').innerText()).toBe(locale === 'es' ? 'Mi cuenta' : 'My account');
      expect(await runAxe(page), 'my account').toEqual([]);

      await page.locator('#current_password').fill('equivocada');
      await page.getByRole('button', { name: /Cambiar la contraseña|Change the password/ }).click();
      await page.waitForLoadState('load');
      expect(await runAxe(page), 'my account with errors').toEqual([]);

      await page.goto(`${server.baseUrl}/mi-cuenta/datos`);
      expect(await runAxe(page), 'my data').toEqual([]);
      await page.getByRole('button', { name: /Eliminar mi cuenta|Delete my account/ }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('.error-summary').count()).toBe(1);
      expect(await runAxe(page), 'my data with errors').toEqual([]);

      await page.goto(`${server.baseUrl}/recuperar-clave`);
      await page.locator('#email').fill(email);
      await Promise.all([page.waitForURL('**/recuperar-clave/enviado'), page.locator('main').getByRole('button').click()]);
      expect(await runAxe(page), 'reset link sent').toEqual([]);
    });
  }

  it('works from registration to deleting the account with JavaScript turned off', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    const email = 'sin-javascript@example.co';
    await register(page, email);
    expect(await page.locator('h1').innerText()).toBe('Revise su correo');

    await page.goto(`${server.baseUrl}/confirmar-correo/${await tokenFor(email, 'confirm_email')}`);
    await Promise.all([page.waitForURL('**/mi-cuenta'), page.locator('main').getByRole('button', { name: 'Confirmar mi correo' }).click()]);
    expect(await page.locator('main').innerText()).toContain('Su correo quedó confirmado.');

    await Promise.all([page.waitForURL(`${server.baseUrl}/`), page.locator('header').getByRole('button', { name: 'Salir' }).click()]);
    expect(await page.locator('header').getByRole('link', { name: 'Ingresar' }).count()).toBe(1);

    await signIn(page, email);
    const id = await userId(email);
    await page.goto(`${server.baseUrl}/mi-cuenta/datos`);
    await page.locator('#delete_password').fill(PASSWORD);
    await page.locator('#delete_confirm').check();
    await Promise.all([page.waitForURL(`${server.baseUrl}/`), page.getByRole('button', { name: 'Eliminar mi cuenta' }).click()]);
    expect(await page.locator('main').innerText()).toContain('Eliminamos su cuenta');
    const row = await server.testApp.database.db.selectFrom('core_users').select(['email', 'deleted_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.email).toBe(`deleted-${id}@invalid`);
    expect(row.deleted_at).not.toBeNull();
  });
});
