import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runAxe } from '../../../test/browser.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { servicesFor } from '../../core/setup.ts';
import { DEMO_IDS, seedConsultationsDemo } from './consultations.seeds.ts';
import { createConsultation, createResident, startConsultationsTestServer, type ConsultationFixture } from './consultations.test-support.ts';
import { tabTo, chooseOption, pressEnterOn } from '../../../test/keyboard.ts';

/**
 * Ticks a checkbox with Tab and Space, or chooses a radio button the way keyboards do: Tab reaches
 * the group, the arrow keys move within it, Space checks.
 */
async function tick(page: Page, selector: string): Promise<void> {
  const type = await page.getAttribute(selector, 'type');
  if (type === 'radio') {
    await tabTo(page, `input[type=radio][name="${await page.getAttribute(selector, 'name')}"]`);
    for (let i = 0; i < 20 && !(await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)); i++) await page.keyboard.press('ArrowDown');
  } else await tabTo(page, selector);
  if (!(await page.isChecked(selector))) await page.keyboard.press('Space');
  expect(await page.isChecked(selector), selector).toBe(true);
}

/**
 * Consultations in a real browser: answering with the keyboard alone, with and without
 * JavaScript (conditional questions appear with it, and are explained without it), and no
 * WCAG 2.1 AA violation on the list, the consultation, the answer form with errors, the results
 * and the back-office pages.
 */
describe('citizen consultations in a real browser', () => {
  let server: Awaited<ReturnType<typeof startConsultationsTestServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const cookies: Record<string, string> = {};
  let journey: ConsultationFixture;
  let draft: ConsultationFixture;
  let paper: ConsultationFixture;

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

  async function axeClean(page: Page, htmlLang = 'es-CO') {
    expect(await page.locator('html').getAttribute('lang')).toBe(htmlLang);
    expect(await page.locator('h1').count(), page.url()).toBe(1);
    expect(await page.locator('main').count()).toBe(1);
    expect(await runAxe(page), page.url()).toEqual([]);
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsultationsTestServer(), launchBrowser()]);
    const { db } = server.testApp.database;
    const secret = server.testApp.config.secret;
    await withTransaction(db, (tx) => seedConsultationsDemo(tx, servicesFor(server.testApp.config, server.testApp.database, () => undefined)));
    journey = await createConsultation(db, {
      state: 'open',
      title: 'Consulta del recorrido con teclado',
      questions: [
        { kind: 'single_choice', title: '¿Usa el parque del barrio?', options: ['Sí', 'No'] },
        { kind: 'long_text', title: '¿Qué le gusta del parque?', required: false, showIf: { question: 0, options: [0] } },
        { kind: 'ranking', title: 'Ordene sus dos prioridades', options: ['Luz', 'Árboles', 'Bancas'], settings: { rankCount: 2 } },
        { kind: 'rating_scale', title: '¿Qué tan seguro se siente?', settings: { min: 1, max: 5, minLabel: 'Nada', maxLabel: 'Mucho' } },
        { kind: 'number', title: '¿Cuántas veces va al mes?', required: false, settings: { min: 0, max: 31, integer: true } },
        { kind: 'multiple_choice', title: '¿Con quién va?', options: ['Sola o solo', 'En familia', 'Con amistades'], settings: { maxChoices: 2 } },
      ],
    });
    draft = await createConsultation(db, { state: 'draft', title: 'Borrador para el constructor', questions: [{ kind: 'single_choice', title: '¿Le sirve el horario?', options: ['Sí', 'No'] }, { kind: 'short_text', title: '¿Por qué?', required: false, showIf: { question: 0, options: [1] } }] });
    paper = await createConsultation(db, { state: 'open', title: 'Consulta con formularios en papel', questions: [{ kind: 'single_choice', title: '¿Está de acuerdo?', options: ['Sí', 'No'] }] });
    for (const [key, options] of [
      ['js', {}],
      ['nojs', {}],
      ['axe', {}],
      ['official', { roles: [{ role: 'entity_official' as const, entityCode: 'sdp' }] }],
      ['moderator', { roles: [{ role: 'moderator' as const, entityCode: null }] }],
      ['clerk', { roles: [{ role: 'desk_clerk' as const, entityCode: null }] }],
      ['citizen', {}],
    ] as const) {
      const person = await createResident(db, secret, { name: `Persona ${key}`, ...options });
      cookies[key] = await signInAs(server.testApp.database, person.id);
      cookies[`${key}-id`] = person.id;
    }
    await db
      .insertInto('core_assisted_sessions')
      .values({ clerk_id: cookies['clerk-id']!, citizen_id: cookies['citizen-id']!, reason: 'Acompañamiento en el CADE', expires_at: new Date(Date.now() + 3600_000).toISOString() })
      .execute();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  for (const javaScript of [true, false]) {
    it(`answers a consultation with the keyboard alone ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await tab(javaScript ? 'js' : 'nojs', { javaScript });
      const [q1, q2, q3, q4, q5, q6] = journey.questions;
      await page.goto(`${server.baseUrl}/consultas`);
      if (javaScript) await axeClean(page);
      await pressEnterOn(page, `main a[href="/consultas/${journey.id}"]`);
      expect(page.url()).toBe(`${server.baseUrl}/consultas/${journey.id}`);
      if (javaScript) await axeClean(page);

      // The conditional question: hidden until "Sí" with JavaScript, explained in words without it.
      await tick(page, `#q_${q1!.id}-2`);
      const conditional = page.locator('#pregunta-2');
      if (javaScript) {
        expect(await conditional.isHidden()).toBe(true);
        await tick(page, `#q_${q1!.id}`);
        expect(await conditional.isVisible()).toBe(true);
      } else {
        expect(await conditional.innerText()).toContain('Responda solo si en la pregunta 1 eligió «Sí».');
        await tick(page, `#q_${q1!.id}`);
      }
      await tabTo(page, `#q_${q2!.id}`);
      await page.keyboard.type('Los árboles y la cancha.');
      await chooseOption(page, `#q_${q3!.id}`, '2');
      await chooseOption(page, `select[name="q_${q3!.id}_${q3!.options[1]}"]`, '1');
      // Leave the required scale unanswered: the form comes back with the error and what was typed.
      await tabTo(page, `#q_${q5!.id}`);
      await page.keyboard.type('4');
      await tick(page, `#q_${q6!.id}-2`);
      await pressEnterOn(page, 'form.cq-answer-form button[type="submit"]');
      expect(await page.locator('.error-summary').innerText()).toContain('Responda esta pregunta.');
      expect(await page.inputValue(`#q_${q2!.id}`)).toBe('Los árboles y la cancha.');
      expect(await page.inputValue(`#q_${q3!.id}`)).toBe('2');
      if (javaScript) await axeClean(page);
      expect(await page.locator(`.error-summary a[href="#q_${q4!.id}"]`).count()).toBe(1);
      await tick(page, `#q_${q4!.id}-4`);
      await pressEnterOn(page, 'form.cq-answer-form button[type="submit"]');
      expect(page.url()).toBe(`${server.baseUrl}/consultas/${journey.id}#responder`);
      expect(await page.locator('.flash').innerText()).toContain('Recibimos sus respuestas');
      expect(await page.locator('[data-reason="already_done"]').count()).toBe(1);
      if (javaScript) await axeClean(page);
    });
  }

  it('has no WCAG 2.1 AA violations on the list, consultations and results, in both languages', async () => {
    for (const locale of ['es', 'en'] as const) {
      const htmlLang = locale === 'es' ? 'es-CO' : 'en';
      const visitor = await tab(null, { locale });
      for (const path of ['/consultas', `/consultas/${DEMO_IDS.open}`, `/consultas/${DEMO_IDS.upcoming}`, `/consultas/${DEMO_IDS.closed}`, `/consultas/${DEMO_IDS.closed}?desglose=localidad`, `/consultas/${DEMO_IDS.public}?desglose=ethnic_group`]) {
        expect((await visitor.goto(server.baseUrl + path))?.status(), path).toBe(200);
        await axeClean(visitor, htmlLang);
      }
      const citizen = await tab('axe', { locale });
      await citizen.goto(`${server.baseUrl}/consultas/${DEMO_IDS.open}`);
      expect(await citizen.locator('form.cq-answer-form').count()).toBe(1);
      await axeClean(citizen, htmlLang);
    }
    // The results chart opens its data table without JavaScript too.
    const page = await tab(null);
    await page.goto(`${server.baseUrl}/consultas/${DEMO_IDS.closed}?desglose=age_band`);
    await page.locator('details.chart-data summary').first().click();
    await axeClean(page);
  });

  it('has no WCAG 2.1 AA violations on the back office: list, settings, builder, option, paper import, moderation, assisted answer', async () => {
    const official = await tab('official');
    const base = `/admin/consultas/${draft.id}`;
    const [q1] = draft.questions;
    for (const path of ['/admin/consultas', '/admin/consultas/nueva', base, `${base}/preguntas/nueva`, `${base}/preguntas/${q1!.id}`, `${base}/preguntas/${draft.questions[1]!.id}`, `${base}/preguntas/${q1!.id}/opciones/${q1!.options[0]}`, `/admin/consultas/${paper.id}`, `/admin/consultas/${paper.id}/papel`]) {
      expect((await official.goto(server.baseUrl + path))?.status(), path).toBe(200);
      await axeClean(official);
    }
    // The draft's deletion confirmation, opened (axe skips what a closed <details> hides).
    await official.goto(server.baseUrl + base);
    await official.getByText('Eliminar borrador', { exact: true }).click();
    expect(await official.getByRole('button', { name: 'Sí, eliminar el borrador' }).isVisible()).toBe(true);
    await axeClean(official);
    // Settings and question forms with errors.
    await official.goto(`${server.baseUrl}/admin/consultas/nueva`);
    await official.locator('#title').fill('No');
    await official.locator('main form button[type=submit]').click();
    await official.waitForLoadState('load');
    expect(await official.locator('.error-summary').count()).toBe(1);
    await axeClean(official);
    await official.goto(`${server.baseUrl}${base}/preguntas/nueva`);
    await official.locator('#title').fill('?');
    await official.locator('main form button[type=submit]').first().click();
    await official.waitForLoadState('load');
    expect(await official.locator('.error-summary').count()).toBe(1);
    await axeClean(official);
    // A paper file with problems, then a clean one ready to confirm.
    await official.goto(`${server.baseUrl}/admin/consultas/${paper.id}/papel`);
    await official.locator('#file').setInputFiles({ name: 'papel.csv', mimeType: 'text/csv', buffer: Buffer.from('tipo_documento,numero_documento,p1\nCC,123,9\nCC,52123456,1\n') });
    await official.locator('main form button[type=submit]').click();
    await official.waitForLoadState('load');
    expect(await official.locator('#problemas').count()).toBe(1);
    await axeClean(official);
    await official.locator('#file').setInputFiles({ name: 'papel.csv', mimeType: 'text/csv', buffer: Buffer.from('tipo_documento,numero_documento,p1\nCC,52123456,1\n') });
    await official.locator('main form button[type=submit]').click();
    await official.waitForLoadState('load');
    expect(await official.locator('input[name=sha256]').count()).toBe(1);
    await axeClean(official);

    const moderator = await tab('moderator');
    for (const path of [`/admin/consultas/${DEMO_IDS.closed}/moderacion`, `/admin/consultas/${DEMO_IDS.closed}/moderacion?ver=todas`]) {
      expect((await moderator.goto(server.baseUrl + path))?.status(), path).toBe(200);
      await axeClean(moderator);
    }
    const clerk = await tab('clerk');
    await clerk.goto(`${server.baseUrl}/consultas/${journey.id}`);
    await axeClean(clerk);
    expect((await clerk.goto(`${server.baseUrl}/consultas/${journey.id}/acompanamiento/${cookies['citizen-id']}`))?.status()).toBe(200);
    await axeClean(clerk);
  });
});
