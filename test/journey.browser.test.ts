import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/core/security/passwords.ts';
import { identityHash } from '../src/core/verification/identity.ts';
import { launchBrowser, runAxe, startTestServer, type TestServer } from './browser.ts';
import { tabTo, chooseOption, typeInto, pressEnterOn } from './keyboard.ts';

describe('a citizen registers, verifies with the registry extract, signs out and signs in again, with the keyboard alone', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const javaScript of [true, false]) {
    it(`works ${javaScript ? 'with' : 'without'} JavaScript and every page on the way is axe-clean`, async () => {
      const suffix = javaScript ? 'js' : 'nojs';
      const documentNumber = javaScript ? '1020304050' : '1020304051';
      const email = `ciudadana-${suffix}@example.org`;
      const password = 'UnaClaveLargaSegura2026';
      await server.testApp.database.db
        .insertInto('core_registry_records')
        .values({ identity_hash: identityHash(server.testApp.config.secret, 'CC', documentNumber), birth_date: '1990-04-02', localidad_code: '09', batch_id: 'journey' })
        .execute();
      const context = await browser.newContext({ locale: 'es-CO', javaScriptEnabled: javaScript, bypassCSP: javaScript });
      const page = await context.newPage();
      const checkAxe = async () => {
        if (javaScript) expect(await runAxe(page), page.url()).toEqual([]);
      };

      await page.goto(`${server.baseUrl}/registro`);
      await checkAxe();
      await typeInto(page, '#display_name', 'Ana Pérez');
      await typeInto(page, '#email', email);
      await typeInto(page, '#password', password);
      await chooseOption(page, '#document_type', 'CC');
      await typeInto(page, '#document_number', documentNumber);
      await typeInto(page, 'input[name="birth_day"]', '02');
      await typeInto(page, 'input[name="birth_month"]', '04');
      await typeInto(page, 'input[name="birth_year"]', '1990');
      await chooseOption(page, '#localidad', '09');
      await tabTo(page, 'input[name="consent"]');
      await page.keyboard.press('Space');
      expect(await page.inputValue('#password'), 'typed password').toBe(password);
      await pressEnterOn(page, 'form[action="/registro"] button[type="submit"]');
      expect(page.url(), await page.locator('main').innerText()).toContain('/registro/correo-enviado');
      await checkAxe();

      const registered = await server.testApp.database.db.selectFrom('core_users').select(['email', 'display_name', 'password_hash']).where('email', '=', email).executeTakeFirst();
      expect(await verifyPassword(password, registered!.password_hash!), 'stored hash matches').toBe(true);
      expect(registered?.display_name).toBe('Ana Pérez');
      await page.goto(`${server.baseUrl}/ingresar`);
      await typeInto(page, '#email', email);
      await typeInto(page, '#password', password);
      await pressEnterOn(page, 'form[action="/ingresar"] button[type="submit"]');
      expect(await page.locator('form[action="/salir"]').count(), await page.locator('main').innerText()).toBe(1);
      // The native date input orders its segments by the browser's own locale (day or month first).
      for (const typed of ['02041990', '04021990']) {
        await page.goto(`${server.baseUrl}/mi-cuenta/verificacion`);
        await chooseOption(page, '#document_type', 'CC');
        await typeInto(page, '#document_number', documentNumber);
        await typeInto(page, '#birth_date', typed);
        if ((await page.inputValue('#birth_date')) === '1990-04-02') break;
      }
      await checkAxe();
      expect(await page.inputValue('#birth_date')).toBe('1990-04-02');
      await pressEnterOn(page, 'form[action="/mi-cuenta/verificacion"] button[type="submit"]');
      await checkAxe();
      const user = await server.testApp.database.db.selectFrom('core_users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
      const residence = await server.testApp.database.db.selectFrom('core_residences').select('localidad_code').where('user_id', '=', user.id).executeTakeFirst();
      expect(residence?.localidad_code).toBe('09');

      await pressEnterOn(page, 'form[action="/salir"] button');
      expect(await page.locator('form[action="/salir"]').count()).toBe(0);

      await page.goto(`${server.baseUrl}/ingresar`);
      await typeInto(page, '#email', email);
      await typeInto(page, '#password', password);
      await pressEnterOn(page, 'form[action="/ingresar"] button[type="submit"]');
      await page.goto(`${server.baseUrl}/mi-cuenta`);
      await checkAxe();
      expect(await page.locator('form[action="/salir"]').count()).toBe(1);
      await context.close();
    }, 180_000);
  }
});
