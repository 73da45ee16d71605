import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runAxe, startTestServer, openTab, type TestServer } from '../../../test/browser.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { createPerson } from '../admin/test-people.ts';
import { bogotaClock, bogotaInstant } from './bogota-clock.ts';
import { tabTo, chooseOption, typeInto, pressEnterOn } from '../../../test/keyboard.ts';

const BOOKING_FORM = 'form[method="post"][action="/puntos-de-atencion/cade-fontibon/turnos"] button[type="submit"]';

/**
 * A citizen finds a centre and books a turn with the keyboard alone, with JavaScript and without,
 * and every page on the way — and every page of the module, in both languages — has no WCAG 2.1
 * AA violation (axe-core).
 */
describe('service points in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let officialCookie = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const { id } = await createPerson(server.testApp.database.db, { name: 'Funcionaria Movilidad', roles: [{ role: 'entity_official', entityCode: 'sdm' }] });
    officialCookie = await signInAs(server.testApp.database, id);
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const tab = (javaScript: boolean, options: { locale?: 'es' | 'en'; cookie?: string } = {}) => openTab(browser, server.baseUrl, contexts, { javaScript, ...options });

  for (const javaScript of [true, false]) {
    it(`finds a centre and books a turn with the keyboard alone, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await tab(javaScript);
      const checkAxe = async () => {
        expect(await page.locator('h1').count()).toBe(1);
        if (javaScript) expect(await runAxe(page), page.url()).toEqual([]);
      };
      await page.goto(`${server.baseUrl}/puntos-de-atencion`);
      await checkAxe();

      // Filter the list to Fontibón, then open the centre from the list.
      await chooseOption(page, '#localidad', '09');
      await pressEnterOn(page, 'form[action="/puntos-de-atencion"] button[type="submit"]');
      expect(page.url()).toContain('localidad=09');
      expect(await page.locator('.sp-centres').innerText()).toContain('CADE Fontibón');
      await checkAxe();
      await pressEnterOn(page, '.sp-centres a[href="/puntos-de-atencion/cade-fontibon"]');
      expect(await page.locator('h1').innerText()).toBe('CADE Fontibón');
      await checkAxe();

      // Ask for a turn: the service, then the first day with free turns, then a time and the document.
      await pressEnterOn(page, 'a[href="/puntos-de-atencion/cade-fontibon/turnos"]');
      await checkAxe();
      await chooseOption(page, '#servicio', 'salida-parqueadero-motos');
      await pressEnterOn(page, 'form[method="get"] button[type="submit"]');
      expect(await page.locator('#time').count()).toBe(1);
      await tabTo(page, '#time');
      await page.keyboard.press('Space');
      expect(await page.locator('#time').isChecked()).toBe(true);
      await typeInto(page, '#document_number', '12AB');
      await pressEnterOn(page, BOOKING_FORM);

      // The server refuses the document number: the message is next to the field and in the summary, and the time is still chosen.
      expect(await page.locator('.error-summary').innerText()).toContain('Escriba el número del documento');
      expect(await page.locator('#document_number').inputValue()).toBe('12AB');
      expect(await page.locator('input[name="time"]:checked').count()).toBe(1);
      await checkAxe();
      await typeInto(page, '#document_number', javaScript ? '1032456789' : '1032456790');
      await pressEnterOn(page, BOOKING_FORM);

      expect(page.url()).toMatch(/\/turnos\/[0-9a-f-]{36}$/);
      expect(await page.locator('.flash').innerText()).toContain('Su turno quedó reservado');
      const code = await page.locator('.sp-code strong').innerText();
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await checkAxe();
      const stored = await server.testApp.database.db.selectFrom('service_points_bookings').select(['status']).where('code', '=', code).executeTakeFirst();
      expect(stored?.status).toBe('active');

      // Look the turn up again by its code, as someone would from another device.
      await page.goto(`${server.baseUrl}/turnos`);
      await checkAxe();
      await typeInto(page, '#code', code.toLowerCase());
      await pressEnterOn(page, 'form[action="/turnos"] button[type="submit"]');
      expect(await page.locator('.sp-code strong').innerText()).toBe(code);
    }, 180_000);
  }

  for (const locale of ['es', 'en'] as const) {
    it(`every page of the module has no WCAG 2.1 AA violations, in ${locale === 'es' ? 'Spanish' : 'English'}`, async () => {
      const page = await tab(true, { locale });
      const pages = [
        '/puntos-de-atencion',
        '/puntos-de-atencion?localidad=04&abierto=1',
        '/puntos-de-atencion/supercade-cad',
        '/puntos-de-atencion/supercade-movil',
        '/puntos-de-atencion/supercade-cad/turnos',
        '/puntos-de-atencion/supercade-cad/turnos?servicio=impuesto-predial',
        '/tramites',
        '/tramites?q=impuestos&canal=both',
        '/tramites?q=zzzz',
        '/tramites/impuesto-predial',
        '/turnos',
      ];
      for (const path of pages) {
        const response = await page.goto(`${server.baseUrl}${path}`);
        expect(response?.status(), path).toBe(200);
        expect(await page.locator('html').getAttribute('lang')).toBe(locale === 'es' ? 'es-CO' : 'en');
        expect(await runAxe(page), path).toEqual([]);
      }
      // The booking form with errors, and the lookup with an error.
      await page.goto(`${server.baseUrl}/puntos-de-atencion/supercade-cad/turnos?servicio=impuesto-predial`);
      await page.locator('#time').check();
      await page.locator('#document_number').fill('X');
      await Promise.all([page.waitForNavigation(), page.locator('form[method="post"][action$="/turnos"] button[type="submit"]').click()]);
      expect(await page.locator('.error-summary').count()).toBe(1);
      expect(await runAxe(page), 'booking form with errors').toEqual([]);
      await page.goto(`${server.baseUrl}/turnos`);
      await page.locator('#code').fill('nada');
      await Promise.all([page.waitForNavigation(), page.locator('form[action="/turnos"] button[type="submit"]').click()]);
      expect(await page.locator('.error-summary').count()).toBe(1);
      expect(await runAxe(page), 'lookup with errors').toEqual([]);
      // A booked turn's page, with the forms to move and cancel it.
      const demo = await server.testApp.database.db.selectFrom('service_points_bookings').select('id').where('code', '=', 'DEM0-0000-0001').executeTakeFirstOrThrow();
      const response = await page.goto(`${server.baseUrl}/turnos/${demo.id}`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('.sp-code strong').innerText()).toBe('DEM0-0000-0001');
      expect(await runAxe(page), 'booking page').toEqual([]);
    }, 180_000);
  }

  it('the back office of a centre has no WCAG 2.1 AA violations, with and without form errors', async () => {
    const page = await tab(true, { cookie: officialCookie });
    await page.goto(`${server.baseUrl}/admin/puntos-de-atencion`);
    expect(await runAxe(page)).toEqual([]);
    await page.goto(`${server.baseUrl}/admin/puntos-de-atencion/cade-fontibon`);
    expect(await page.locator('h1').innerText()).toBe('Administrar CADE Fontibón');
    expect(await runAxe(page)).toEqual([]);
    await page.locator('#opens_1').fill('18:00');
    await Promise.all([page.waitForNavigation(), page.locator('form[action$="/horario"] button[type="submit"]').click()]);
    expect(await page.locator('.error-summary').count()).toBe(1);
    expect(await runAxe(page)).toEqual([]);
    // The desk: today's turns with a form per outcome; one is marked with the keyboard.
    const db = server.testApp.database.db;
    const offering = await db
      .selectFrom('service_points_offerings as o')
      .innerJoin('service_points_centres as c', 'c.id', 'o.centre_id')
      .innerJoin('service_points_services as s', 's.id', 'o.service_id')
      .select(['o.centre_id', 'o.service_id'])
      .where('c.slug', '=', 'cade-fontibon')
      .where('s.slug', '=', 'salida-parqueadero-motos')
      .executeTakeFirstOrThrow();
    // Written straight to the tables: the form refuses turns that start too soon, whatever the hour of the run.
    const today = bogotaClock(new Date()).day;
    const startsAt = bogotaInstant(today, 7 * 60).toISOString();
    await db.insertInto('service_points_slots').values({ ...offering, starts_at: startsAt, ends_at: bogotaInstant(today, 7 * 60 + 5).toISOString(), capacity: 1, booked: 1 }).onConflict((oc) => oc.doNothing()).execute();
    const code = `${Date.now()}`.slice(-12).replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3');
    await db.insertInto('service_points_bookings').values({ ...offering, code, starts_at: startsAt, day: today, person_hash: `persona-navegador-${code}`, user_id: null, updated_at: new Date().toISOString() }).execute();
    await page.goto(`${server.baseUrl}/admin/puntos-de-atencion/cade-fontibon`);
    await pressEnterOn(page, 'a[href^="/admin/puntos-de-atencion/cade-fontibon/turnos"]');
    expect(await page.locator('h1').innerText()).toBe('Turnos de CADE Fontibón');
    expect(await page.locator('#sp-desk-turns').innerText()).toContain(code);
    expect(await runAxe(page)).toEqual([]);
    const row = page.locator('#sp-desk-turns tbody tr', { hasText: code });
    await row.locator('button', { hasText: 'Atendido' }).focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('.flash').innerText()).toContain('Turno marcado como atendido');
    expect(await page.locator('#sp-desk-turns tbody tr', { hasText: code }).innerText()).toContain('Atendido el');
    expect(await runAxe(page)).toEqual([]);
    await page.goto(`${server.baseUrl}/admin/tramites/salida-parqueadero-motos`);
    expect(await runAxe(page)).toEqual([]);
  }, 180_000);
});
