import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runAxe, startTestServer, openTab, type TestServer } from '../../../../test/browser.ts';
import { chooseOption, pressEnterOn, typeInto } from '../../../../test/keyboard.ts';
import { signInAs } from '../../../../test/sign-in.ts';
import { createPerson } from '../../admin/test-people.ts';
import { DEMO_DATASET, DEMO_REQUESTS, DEMO_REUSE } from './community.seeds.ts';

/**
 * The Comunidad de datos in a real browser: a citizen requests a dataset and votes for it with the
 * keyboard alone, with JavaScript and without; the pages only signed-in people, officials and
 * moderators see have no WCAG 2.1 AA violation (axe-core), in both languages. (The public pages
 * are listed in the manifest, so the site-wide sweep checks them too.)
 */
describe('the data community in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const db = server.testApp.database.db;
    const people: [string, Parameters<typeof createPerson>[1]][] = [
      ['citizen', { name: 'Ciudadana Teclado' }],
      ['official', { name: 'Funcionario SDM', roles: [{ role: 'entity_official', entityCode: 'sdm' }] }],
      ['moderator', { name: 'Moderadora', roles: [{ role: 'moderator', entityCode: null }] }],
    ];
    for (const [who, spec] of people) cookies[who] = await signInAs(server.testApp.database, (await createPerson(db, spec)).id);
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const tab = (javaScript: boolean, options: { locale?: 'es' | 'en'; cookie?: string } = {}) => openTab(browser, server.baseUrl, contexts, { javaScript, ...options });

  for (const javaScript of [true, false]) {
    it(`a citizen requests a dataset and votes for it, keyboard only, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await tab(javaScript, { cookie: cookies.citizen });
      const check = async () => {
        expect(await page.locator('h1').count()).toBe(1);
        if (javaScript) expect(await runAxe(page), page.url()).toEqual([]);
      };
      const title = `Parqueaderos de bicicletas ${javaScript ? 'con' : 'sin'} JS`;
      await page.goto(`${server.baseUrl}/datos/solicitudes`);
      await check();
      await pressEnterOn(page, 'main a[href="/datos/solicitudes/nueva"]');
      await check();
      await typeInto(page, '#title', 'Bici');
      await typeInto(page, '#description', 'Ubicación y cupos de los biciparqueaderos públicos.');
      await chooseOption(page, '#entity', 'sdm', 200);
      await pressEnterOn(page, 'form[action="/datos/solicitudes/nueva"] button[type="submit"]');
      // Refused: the message is in the summary and next to the field; everything typed is kept.
      expect(await page.locator('.error-summary').innerText()).toContain('Escriba al menos 5 caracteres.');
      expect(await page.locator('#description').inputValue()).toBe('Ubicación y cupos de los biciparqueaderos públicos.');
      expect(await page.locator('#entity').inputValue()).toBe('sdm');
      await check();
      await typeInto(page, '#title', title);
      await pressEnterOn(page, 'form[action="/datos/solicitudes/nueva"] button[type="submit"]');
      expect(page.url()).toMatch(/\/datos\/solicitudes\/[0-9a-f-]{36}$/);
      expect(await page.locator('h1').innerText()).toBe(title);
      await check();
      await pressEnterOn(page, 'form[action$="/voto"] button[type="submit"]');
      expect(await page.locator('.flash').innerText()).toContain('Su voto quedó registrado.');
      expect(await page.locator('form[action$="/voto/retirar"] button').innerText()).toBe('Retirar mi voto');
      await check();
    }, 240_000);
  }

  for (const locale of ['es', 'en'] as const) {
    it(`the community's forms and moderation views have no WCAG 2.1 AA violations, in ${locale === 'es' ? 'Spanish' : 'English'}`, async () => {
      const pages: [string, string[]][] = [
        [cookies.citizen!, ['/datos/solicitudes/nueva', '/datos/usos/nuevo', `/datos/usos/nuevo?conjunto=${DEMO_DATASET}`, `/datos/conjuntos/${DEMO_DATASET}`, `/datos/solicitudes/${DEMO_REQUESTS.open}`]],
        [cookies.official!, [`/datos/solicitudes/${DEMO_REQUESTS.open}`, `/datos/solicitudes/${DEMO_REQUESTS.planned}`]],
        [cookies.moderator!, [`/datos/conjuntos/${DEMO_DATASET}`, `/datos/usos/${DEMO_REUSE}`]],
      ];
      for (const [cookie, paths] of pages) {
        const page = await tab(true, { locale, cookie });
        for (const path of paths) {
          const response = await page.goto(`${server.baseUrl}${path}`);
          expect(response?.status(), path).toBe(200);
          expect(await runAxe(page), path).toEqual([]);
        }
      }
      // The official sees the answer form on a request to any entity and on one to theirs.
      const official = await tab(false, { locale, cookie: cookies.official });
      await official.goto(`${server.baseUrl}/datos/solicitudes/${DEMO_REQUESTS.open}`);
      expect(await official.locator('form[action$="/respuesta"]').count()).toBe(1);
    }, 240_000);
  }
});
