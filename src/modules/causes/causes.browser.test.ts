import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runAxe } from '../../../test/browser.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { createPerson } from '../admin/test-people.ts';
import { DEMO_CAUSES } from './causes.seeds.ts';
import { makeCause, startCausesTestServer } from './causes.test-support.ts';
import { pressEnterOn } from '../../../test/keyboard.ts';

const LOCALES = [
  { locale: 'es', htmlLang: 'es-CO' },
  { locale: 'en', htmlLang: 'en' },
] as const;

/**
 * Causes in a real browser: supporting a cause with the keyboard alone, with and without
 * JavaScript, and no WCAG 2.1 AA violation on any page of the module (list, cause pages in every
 * state and for every role, create form with errors, answer form with errors, moderation).
 */
describe('citizen causes in a real browser', () => {
  let server: Awaited<ReturnType<typeof startCausesTestServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const cookies: Record<string, string> = {};
  let ownDraft = '';
  let hidden = '';

  async function tab(user: string | null, options: { javaScript?: boolean; locale?: 'es' | 'en' } = {}): Promise<Page> {
    const javaScript = options.javaScript ?? true;
    // bypassCSP only where axe is injected; without JavaScript the page is exactly what a citizen gets.
    const context = await browser.newContext({ locale: 'es-CO', bypassCSP: javaScript, javaScriptEnabled: javaScript });
    contexts.push(context);
    const jar = [];
    if (user) jar.push({ name: 'gab_sid', value: cookies[user]!.split('=')[1]!, url: server.baseUrl });
    if (options.locale === 'en') jar.push({ name: 'gab_lang', value: 'en', url: server.baseUrl });
    await context.addCookies(jar);
    return context.newPage();
  }

  async function axeClean(page: Page, htmlLang: string) {
    expect(await page.locator('html').getAttribute('lang')).toBe(htmlLang);
    expect(await page.locator('h1').count(), page.url()).toBe(1);
    expect(await page.locator('main').count()).toBe(1);
    expect(await runAxe(page), page.url()).toEqual([]);
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startCausesTestServer(), launchBrowser()]);
    const { db } = server.testApp.database;
    const person = async (key: string, spec: Parameters<typeof createPerson>[1]) => {
      const { id } = await createPerson(db, spec);
      cookies[key] = await signInAs(server.testApp.database, id);
      return id;
    };
    await person('supporterJs', { name: 'Apoyo Con Scripts', level: 'identity' });
    await person('supporterNoJs', { name: 'Apoyo Sin Scripts', level: 'identity' });
    await person('citizen', { name: 'Ciudadana Navegador', level: 'identity' });
    await person('registered', { name: 'Registrada Sin Verificar' });
    const author = await person('author', { name: 'Autora Navegador', level: 'identity' });
    await person('official', { name: 'Funcionario Movilidad', roles: [{ role: 'entity_official', entityCode: 'sdm' }] });
    await person('moderator', { name: 'Moderador Navegador', roles: [{ role: 'moderator' }] });
    const clerk = await person('clerk', { name: 'Funcionaria Ventanilla', roles: [{ role: 'desk_clerk', entityCode: 'sdp' }] });
    const assisted = await person('assisted', { name: 'Persona Asistida', level: 'identity' });
    await db.insertInto('core_assisted_sessions').values({ clerk_id: clerk, citizen_id: assisted, reason: 'Atención en ventanilla', expires_at: new Date(Date.now() + 3600_000).toISOString() }).execute();
    ownDraft = await makeCause(db, author, { draft: true });
    hidden = await makeCause(db, author);
    await db.updateTable('causes_causes').set({ state: 'hidden', hidden_reason: 'Contiene datos personales de terceros', closed_at: new Date().toISOString() }).where('id', '=', hidden).execute();
    await db.insertInto('causes_comment_reports').values({ comment_id: (await db.selectFrom('causes_comments').select('id').where('cause_id', '=', DEMO_CAUSES.published).limit(1).executeTakeFirstOrThrow()).id, reporter_id: author, reason: 'Lenguaje ofensivo' }).execute();
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  for (const javaScript of [true, false]) {
    it(`supports a cause with the keyboard alone, ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const { db } = server.testApp.database;
      const count = async () => (await db.selectFrom('causes_causes').select('supports_count').where('id', '=', DEMO_CAUSES.published).executeTakeFirstOrThrow()).supports_count;
      const before = await count();
      const page = await tab(javaScript ? 'supporterJs' : 'supporterNoJs', { javaScript });
      await page.goto(`${server.baseUrl}/causas`);
      await pressEnterOn(page, `a[href="/causas/${DEMO_CAUSES.published}"]`);
      expect(new URL(page.url()).pathname).toBe(`/causas/${DEMO_CAUSES.published}`);
      await pressEnterOn(page, `form[action="/causas/${DEMO_CAUSES.published}/apoyar"] button`);
      expect(new URL(page.url()).pathname).toBe(`/causas/${DEMO_CAUSES.published}`);
      expect(await page.locator('.flash').innerText()).toContain('Su apoyo quedó registrado');
      expect(await page.locator('.cause-supported').innerText()).toBe('Usted apoya esta causa.');
      expect(await count()).toBe(before + 1);
      expect(await page.locator('#cause-progress-text').innerText()).toContain(`${before + 1} apoyos de 500 necesarios`);
      // Withdrawing is as reachable.
      await pressEnterOn(page, `form[action="/causas/${DEMO_CAUSES.published}/retirar-apoyo"] button`);
      expect(await page.locator('.flash').innerText()).toContain('Su apoyo fue retirado');
      expect(await count()).toBe(before);
      if (javaScript) await axeClean(page, 'es-CO');
    });
  }

  for (const l of LOCALES) {
    it(`the list and every demo cause page have no WCAG 2.1 AA violations, for visitors and citizens, in ${l.locale}`, async () => {
      for (const user of [null, 'citizen', 'registered']) {
        const page = await tab(user, { locale: l.locale });
        for (const path of ['/causas', '/causas?vencidas=1&orden=apoyos', '/causas?q=nada-que-encontrar', ...Object.values(DEMO_CAUSES).map((id) => `/causas/${id}`), `/causas/${hidden}`]) {
          const response = await page.goto(`${server.baseUrl}${path}`);
          expect(response?.status(), `${user} ${path}`).toBe(200);
          await axeClean(page, l.htmlLang);
        }
      }
    });

    it(`the create form, empty and with errors, the author's pages and the edit form are axe-clean, in ${l.locale}`, async () => {
      const page = await tab('author', { locale: l.locale });
      await page.goto(`${server.baseUrl}/causas/nueva`);
      await axeClean(page, l.htmlLang);
      await page.locator('#title').fill('Corto');
      await Promise.all([page.waitForNavigation(), page.locator('button[name=intent][value=publish]').click()]);
      expect(await page.locator('.error-summary').count()).toBe(1);
      expect(await page.locator('#title').inputValue()).toBe('Corto');
      await axeClean(page, l.htmlLang);
      for (const path of [`/causas/${ownDraft}`, `/causas/${ownDraft}/editar`, '/causas/mis-causas']) {
        expect((await page.goto(`${server.baseUrl}${path}`))?.status(), path).toBe(200);
        await axeClean(page, l.htmlLang);
      }
      const denied = await tab('registered', { locale: l.locale });
      expect((await denied.goto(`${server.baseUrl}/causas/nueva`))?.status()).toBe(403);
      await axeClean(denied, l.htmlLang);
    });

    it(`the official's cause page and answer form (with errors) are axe-clean, in ${l.locale}`, async () => {
      const page = await tab('official', { locale: l.locale });
      await page.goto(`${server.baseUrl}/causas/${DEMO_CAUSES.overdue}`);
      expect(await page.locator('#official-heading').count()).toBe(1);
      await axeClean(page, l.htmlLang);
      await page.goto(`${server.baseUrl}/causas/${DEMO_CAUSES.overdue}/respuesta`);
      await axeClean(page, l.htmlLang);
      await page.locator('#body').fill('Corta');
      await Promise.all([page.waitForNavigation(), page.locator('main button[type=submit]').click()]);
      expect(await page.locator('.error-summary').count()).toBe(1);
      await axeClean(page, l.htmlLang);
    });

    it(`the moderation queue, a moderator's cause page and a clerk's cause page are axe-clean, in ${l.locale}`, async () => {
      const page = await tab('moderator', { locale: l.locale });
      for (const path of ['/causas/moderacion', `/causas/${DEMO_CAUSES.published}`, `/causas/${hidden}`]) {
        expect((await page.goto(`${server.baseUrl}${path}`))?.status(), path).toBe(200);
        await axeClean(page, l.htmlLang);
      }
      // The hidden cause offers its restoring form; opened, it is axe-clean too.
      await page.locator('form[action$="/restaurar"]').evaluate((form) => ((form.closest('details') as HTMLDetailsElement).open = true));
      await axeClean(page, l.htmlLang);
      const clerk = await tab('clerk', { locale: l.locale });
      await clerk.goto(`${server.baseUrl}/causas/${DEMO_CAUSES.published}`);
      expect(await clerk.locator('#assisted-heading').count()).toBe(1);
      await axeClean(clerk, l.htmlLang);
    });
  }
});
