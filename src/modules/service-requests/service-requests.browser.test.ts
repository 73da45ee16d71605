import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runAxe, startTestServer, type TestServer } from '../../../test/browser.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { createPerson } from '../admin/test-people.ts';
import { answerRequest } from './commands/answer-request.ts';
import { fileRequest } from './commands/file-request.ts';
import { requestCompletion } from './commands/request-completion.ts';
import { saveTemplate } from './commands/templates.ts';
import { tabTo, chooseOption, typeInto, pressEnterOn } from '../../../test/keyboard.ts';

/**
 * "Bogotá te escucha" in a real browser: a person files anonymously and follows the request by
 * radicado and code with the keyboard alone, with JavaScript enabled and disabled; every page on
 * the way, and the officials' pages (queue, request, templates, dashboard) and the report, have
 * no WCAG 2.1 AA violation (axe-core) in Spanish and English.
 */
describe('filing and following a request in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let officialCookie = '';
  let sampleRadicado = '';
  /** Anonymous requests, one answered and one waiting for completion, with their codes. */
  const followed: { radicado: string; code: string }[] = [];

  async function tab(options: { javaScript: boolean; cookie?: string; locale?: 'es' | 'en' }): Promise<Page> {
    // bypassCSP only where axe is injected; without JavaScript the page is exactly what a citizen gets.
    const context = await browser.newContext({ locale: 'es-CO', javaScriptEnabled: options.javaScript, bypassCSP: options.javaScript });
    contexts.push(context);
    const cookies: { name: string; value: string; url: string }[] = [];
    if (options.cookie) cookies.push({ name: 'gab_sid', value: options.cookie.split('=')[1]!, url: server.baseUrl });
    if (options.locale === 'en') cookies.push({ name: 'gab_lang', value: 'en', url: server.baseUrl });
    if (cookies.length) await context.addCookies(cookies);
    return context.newPage();
  }

  async function checkPage(page: Page, javaScript: boolean, htmlLang = 'es-CO') {
    expect(await page.locator('html').getAttribute('lang')).toBe(htmlLang);
    expect(await page.locator('h1').count()).toBe(1);
    if (javaScript) expect(await runAxe(page), page.url()).toEqual([]);
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const { db } = server.testApp.database;
    const official = await createPerson(db, { name: 'Olga Funcionaria', roles: [{ role: 'entity_official', entityCode: 'sdm' }] });
    officialCookie = await signInAs(server.testApp.database, official.id);
    const actor = { userId: official.id, displayName: 'Olga Funcionaria', roles: [{ role: 'entity_official' as const, entityCode: 'sdm' }] };
    await withTransaction(db, (tx) => saveTemplate(tx, { entityCode: 'sdm', title: 'Semaforización', body: 'Respetado ciudadano: la semaforización se revisa cada trimestre.', actor }));
    const filed = await withTransaction(db, (tx) =>
      fileRequest(tx, { files: server.testApp.app.gab.files, secret: server.testApp.config.secret, mail: { catalog: server.testApp.app.gab.catalog, baseUrl: server.baseUrl } }, {
        typeCode: 'reclamo',
        entityCode: 'sdm',
        localidadCode: '09',
        subject: 'Paradero sin cubierta',
        description: 'El paradero de la calle 13 no tiene cubierta y la gente se moja esperando el bus.',
        channel: 'web',
        requester: { kind: 'contact', name: 'Rosa Gómez', email: 'rosa@example.co', phone: null, address: null, documentType: null, documentHash: null },
        consent: { policyVersion: 'test', ipHash: null },
        locale: 'es',
        files: [],
        actor: null,
        filedBy: null,
      }),
    );
    sampleRadicado = filed.radicado;
    const services = { files: server.testApp.app.gab.files, mail: { catalog: server.testApp.app.gab.catalog, baseUrl: server.baseUrl } };
    for (const next of ['answer', 'complete'] as const) {
      const anonymous = await withTransaction(db, (tx) =>
        fileRequest(tx, { ...services, secret: server.testApp.config.secret }, {
          typeCode: 'acceso_informacion',
          entityCode: 'sdm',
          localidadCode: null,
          subject: 'Accidentes de tránsito en 2025',
          description: 'Solicito el número de accidentes de tránsito por localidad en 2025.',
          channel: 'web',
          requester: { kind: 'anonymous' },
          consent: { policyVersion: 'test', ipHash: null },
          locale: 'es',
          files: [],
          actor: null,
          filedBy: null,
        }),
      );
      if (next === 'answer') {
        await withTransaction(db, (tx) => answerRequest(tx, services, { id: anonymous.id, text: 'En 2025 se registraron los accidentes que se detallan por localidad en el archivo adjunto.', outcome: 'favorable', files: [], actor }));
      } else {
        await withTransaction(db, (tx) => requestCompletion(tx, services.mail, { id: anonymous.id, reason: 'Indique si necesita los datos por mes o por año.', actor }));
      }
      followed.push({ radicado: anonymous.radicado, code: anonymous.code });
    }
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  for (const javaScript of [true, false]) {
    it(`files anonymously and follows by radicado and code with the keyboard alone, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await tab({ javaScript });
      await page.goto(`${server.baseUrl}/pqrs`);
      await checkPage(page, javaScript);
      await pressEnterOn(page, 'main a[href="/pqrs/radicar"]');
      expect(new URL(page.url()).pathname).toBe('/pqrs/radicar');
      await checkPage(page, javaScript);

      // Sending the empty form: every problem listed, next to its field too.
      await pressEnterOn(page, 'form[action="/pqrs/radicar"] button[type="submit"]');
      expect(await page.locator('.error-summary li').count()).toBeGreaterThanOrEqual(4);
      expect(await page.locator('#subject-error').count()).toBe(1);
      await checkPage(page, javaScript);

      await chooseOption(page, '#type', 'queja');
      await typeInto(page, '#subject', 'Andén roto en la calle 26');
      await typeInto(page, '#description', 'El andén frente al número 100-20 está roto y una persona en silla de ruedas no puede pasar.');
      // The radio group: Tab reaches it, the arrow keys choose within it.
      await tabTo(page, 'input[name="identification"]');
      for (let i = 0; i < 3 && (await page.locator('input[name="identification"][value="anonymous"]').isChecked()) === false; i++) await page.keyboard.press('ArrowDown');
      expect(await page.locator('input[name="identification"][value="anonymous"]').isChecked()).toBe(true);
      await tabTo(page, '#consent');
      await page.keyboard.press('Space');
      expect(await page.locator('#consent').isChecked()).toBe(true);
      await pressEnterOn(page, 'form[action="/pqrs/radicar"] button[type="submit"]');

      expect(new URL(page.url()).pathname).toBe('/pqrs/radicada');
      await checkPage(page, javaScript);
      const receipt = await page.locator('main').innerText();
      const radicado = /\d{4}-\d{6}/.exec(receipt)?.[0];
      const code = /[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/.exec(receipt)?.[0];
      expect(radicado).toBeDefined();
      expect(code).toBeDefined();

      // Another browser (no session): follow by radicado and code.
      const other = await tab({ javaScript });
      await other.goto(`${server.baseUrl}/pqrs/seguimiento`);
      await checkPage(other, javaScript);
      await typeInto(other, '#radicado', radicado!);
      await typeInto(other, '#code', 'AAAA-BBBB-CCCC');
      await pressEnterOn(other, 'form[action="/pqrs/seguimiento"] button[type="submit"]');
      expect(await other.locator('#code-error').count()).toBe(1);
      await checkPage(other, javaScript);
      await tabTo(other, '#code');
      await other.keyboard.press('ControlOrMeta+A');
      await other.keyboard.type(code!.toLowerCase());
      await pressEnterOn(other, 'form[action="/pqrs/seguimiento"] button[type="submit"]');
      expect(new URL(other.url()).pathname).toBe(`/pqrs/seguimiento/${radicado}`);
      expect(await other.locator('h1').innerText()).toContain(radicado!);
      expect(await other.locator('main').innerText()).toContain('Andén roto en la calle 26');
      await checkPage(other, javaScript);
    });
  }

  for (const [locale, htmlLang] of [
    ['es', 'es-CO'],
    ['en', 'en'],
  ] as const) {
    it(`the officials' queue, request page, templates, dashboard, the follow pages, the report and the calendar have no WCAG 2.1 AA violations (${locale})`, async () => {
      const page = await tab({ javaScript: true, cookie: officialCookie, locale });
      const template = await server.testApp.database.db.selectFrom('service_requests_templates').select('id').executeTakeFirstOrThrow();
      for (const path of [
        '/pqrs/gestion',
        '/pqrs/gestion?due=overdue',
        `/pqrs/gestion/${sampleRadicado}`,
        `/pqrs/gestion/${sampleRadicado}?plantilla=${template.id}`,
        '/pqrs/gestion/plantillas',
        '/pqrs/gestion/tablero',
        '/pqrs/informe',
        '/calendario?fecha=2026-12-18&dias=15',
        '/calendario?fecha=2026-02-30&dias=0',
        '/pqrs/mis-solicitudes',
      ]) {
        const response = await page.goto(`${server.baseUrl}${path}`);
        expect([200, 422], path).toContain(response?.status());
        await checkPage(page, true, htmlLang);
      }
      // The follow page of an answered request and of one waiting for completion.
      for (const { radicado, code } of followed) {
        await page.goto(`${server.baseUrl}/pqrs/seguimiento?radicado=${radicado}`);
        await page.locator('#code').fill(code);
        await Promise.all([page.waitForNavigation(), page.locator('form[action="/pqrs/seguimiento"] button[type="submit"]').click()]);
        expect(new URL(page.url()).pathname).toBe(`/pqrs/seguimiento/${radicado}`);
        await checkPage(page, true, htmlLang);
      }
      // An action refused by the legal rules comes back with its message next to the field.
      await page.goto(`${server.baseUrl}/pqrs/gestion/${sampleRadicado}`);
      await page.locator('#new_due').fill('2020-01-01');
      await page.locator('#extension_reason').fill('Motivo suficientemente largo para la prórroga.');
      await Promise.all([page.waitForNavigation(), page.locator('form[action$="/prorrogar"] button[type="submit"]').click()]);
      expect(await page.locator('#new_due-error').count()).toBe(1);
      await checkPage(page, true, htmlLang);
    });
  }
});
