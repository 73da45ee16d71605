import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runAxe, startTestServer, type TestServer } from '../../../test/browser.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { createPerson } from '../admin/test-people.ts';
import { createEdition, createProposalRow, type EditionFixture } from './budgets.test-support.ts';
import { chooseOption, typeInto, pressEnterOn } from '../../../test/keyboard.ts';

/**
 * The proposal pages in a real browser: "Registra tu propuesta" with the keyboard alone, with and
 * without JavaScript, and no WCAG 2.1 AA violation on the localidad page, each wizard step (also
 * with errors), the proposal page and the valuation pages.
 */
describe('proposals and valuation in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let open: EditionFixture;
  let review: EditionFixture;
  const contexts: BrowserContext[] = [];
  const cookies: Record<string, string> = {};
  let showcase: { number: number };
  let duplicate: { number: number };

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

  async function axeClean(page: Page) {
    expect(await page.locator('h1').count(), page.url()).toBe(1);
    expect(await runAxe(page), page.url()).toEqual([]);
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const { db } = server.testApp.database;
    open = await createEdition(db, { phase: 'proposals', slug: 'navegador-abierta', envelopes: { '11': 800_000_000 } });
    review = await createEdition(db, { phase: 'review', slug: 'navegador-revision', envelopes: { '11': 800_000_000 } });
    const person = async (key: string, spec: Parameters<typeof createPerson>[1]) => {
      const { id } = await createPerson(db, spec);
      cookies[key] = await signInAs(server.testApp.database, id);
      return id;
    };
    const authorId = await person('author', { name: 'Alba Autora', level: 'identity' });
    await person('js', { name: 'Julia Teclado', level: 'identity' });
    await person('nojs', { name: 'Nora Sinscripts', level: 'identity' });
    const coauthorId = await person('coauthor', { name: 'Carlos Coautor', level: 'identity' });
    await person('moderator', { name: 'Marta Moderadora', roles: [{ role: 'moderator' }] });
    await person('valuator', { name: 'Valeria Valoradora', roles: [{ role: 'valuator', entityCode: 'alcaldia-local-11' }] });

    for (const [title, status, cost] of [
      ['Huerta comunitaria en Tibabuyes', 'submitted', 30_000_000],
      ['Festival de teatro callejero', 'viable', 12_000_000],
      ['Piscina olímpica', 'not_viable', 700_000_000],
    ] as const) {
      for (const edition of [open, review]) {
        const row = await createProposalRow(db, { editionId: edition.id, envelopeId: edition.envelopes[0]!.id, title, cost, status: status === 'not_viable' ? 'submitted' : status, authorId });
        if (status === 'not_viable') await db.updateTable('participatory_budgets_proposals').set({ status, valuation_reason: 'No cabe en el presupuesto local.' }).where('id', '=', row.id).execute();
      }
    }
    const main = await createProposalRow(db, { editionId: open.id, envelopeId: open.envelopes[0]!.id, title: 'Parque de bolsillo con juegos', cost: 45_000_000, status: 'submitted', authorId });
    showcase = main;
    await db
      .updateTable('participatory_budgets_proposals')
      .set({ latitude: 4.742, longitude: -74.09, location_label: 'Calle 145 con carrera 91', topic_code: 'movilidad', concept_code: 'parques', activities: 'Diseño participativo, obra y dotación de juegos.' })
      .where('id', '=', main.id)
      .execute();
    await db.insertInto('participatory_budgets_proposal_authors').values({ proposal_id: main.id, user_id: coauthorId, role: 'coauthor' }).execute();
    const top = await db.insertInto('participatory_budgets_comments').values({ proposal_id: main.id, author_id: coauthorId, body: '¿Tendrá juegos para niños con discapacidad?' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('participatory_budgets_comments').values({ proposal_id: main.id, parent_id: top.id, author_id: authorId, body: 'Sí, con columpios adaptados.' }).execute();
    await db
      .insertInto('participatory_budgets_comments')
      .values({ proposal_id: main.id, author_id: coauthorId, body: 'Texto ofensivo', hidden_at: new Date().toISOString(), hidden_reason: 'Lenguaje ofensivo.' })
      .execute();
    duplicate = await createProposalRow(db, { editionId: review.id, envelopeId: review.envelopes[0]!.id, title: 'Huerta en Tibabuyes (repetida)', cost: 30_000_000, status: 'submitted', authorId });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  for (const javaScript of [true, false]) {
    it(`a citizen registers a proposal with the keyboard alone ${javaScript ? 'with' : 'without'} JavaScript, every step axe-clean, errors included`, async () => {
      const page = await tab(javaScript ? 'js' : 'nojs', { javaScript });
      const check = async () => {
        if (javaScript) await axeClean(page);
      };
      const localidad = `${server.baseUrl}/presupuestos-participativos/${open.slug}/11`;
      await page.goto(localidad);
      await check();
      await pressEnterOn(page, 'main a[href$="/proponer"]');
      expect(await page.locator('h1').innerText()).toContain('Registra tu propuesta');
      await check();

      // Step 1, first with a mistake.
      const title = javaScript ? 'Biblioteca comunitaria con teclado' : 'Biblioteca comunitaria sin scripts';
      await typeInto(page, '#title', 'Bib');
      await typeInto(page, '#description', 'Una biblioteca abierta en el salón comunal con libros donados por los vecinos.');
      await chooseOption(page, '#topic_code', 'cultura');
      await chooseOption(page, '#goal_code', 'meta-formacion');
      await chooseOption(page, '#concept_code', 'formacion-artistica');
      await typeInto(page, '#keywords', 'libros, lectura');
      await pressEnterOn(page, 'main form button[type="submit"]');
      expect(await page.locator('.error-summary').innerText()).toContain('Título: Escriba al menos 5 caracteres.');
      expect(await page.inputValue('#description')).toContain('libros donados por los vecinos');
      await check();
      await typeInto(page, '#title', title);
      await pressEnterOn(page, 'main form button[type="submit"]');
      expect(page.url()).toMatch(/\/paso\/2$/);
      expect(await page.locator('.flash').innerText()).toContain('Guardamos su borrador');
      await check();

      // Step 2, first with a place outside the localidad.
      await typeInto(page, '#activities', 'Recolección de libros, adecuación del espacio y turnos de préstamo con voluntarios.');
      await typeInto(page, '#latitude', '4.67');
      await typeInto(page, '#longitude', '-74.14');
      await typeInto(page, '#location_label', 'Salón comunal');
      await pressEnterOn(page, 'main form button[type="submit"]');
      expect(await page.locator('#latitude-error').innerText()).toContain('Esas coordenadas quedan en Fontibón, no en Suba.');
      await check();
      await typeInto(page, '#latitude', '4.742');
      await typeInto(page, '#longitude', '-74.09');
      await pressEnterOn(page, 'main form button[type="submit"]');
      expect(page.url()).toMatch(/\/paso\/3$/);
      await check();

      // Step 3, first above the envelope.
      await typeInto(page, '#estimated_cost', '900.000.000');
      await pressEnterOn(page, 'main form button[type="submit"]');
      expect(await page.locator('#estimated_cost-error').innerText()).toContain('no puede superar el presupuesto de la localidad');
      await check();
      await typeInto(page, '#estimated_cost', '18.000.000');
      await pressEnterOn(page, 'main form button[type="submit"]');
      expect(page.url()).toMatch(/\/paso\/4$/);
      expect(await page.locator('main').innerText()).toContain('Salón comunal');
      await check();

      await pressEnterOn(page, 'main form button[type="submit"]');
      expect(await page.locator('h1').innerText()).toContain(title);
      expect(await page.locator('.flash').innerText()).toContain('quedó registrada');
      await check();
      const row = await server.testApp.database.db.selectFrom('participatory_budgets_proposals').select(['status', 'estimated_cost']).where('title', '=', title).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'submitted', estimated_cost: '18000000' });
      // Dozens of key presses and axe runs per step: slower than one page check on a busy machine.
    }, 180_000);
  }

  for (const locale of ['es', 'en'] as const) {
    it(`the localidad, proposal and valuation pages have no WCAG 2.1 AA violations (${locale})`, async () => {
      const visitor = await tab(null, { locale });
      await visitor.goto(`${server.baseUrl}/presupuestos-participativos/${open.slug}/11`);
      await axeClean(visitor);
      await visitor.goto(`${server.baseUrl}/presupuestos-participativos/${open.slug}/11?q=piscina&orden=costo`);
      await axeClean(visitor);
      await visitor.goto(`${server.baseUrl}/presupuestos-participativos/${open.slug}/propuestas/${showcase.number}`);
      expect(await visitor.locator('main').innerText()).toContain(locale === 'es' ? 'Comentario ocultado por moderación: Lenguaje ofensivo.' : 'Comment hidden by moderation: Lenguaje ofensivo.');
      await axeClean(visitor);

      const author = await tab('author', { locale });
      await author.goto(`${server.baseUrl}/presupuestos-participativos/${open.slug}/propuestas/${showcase.number}`);
      await axeClean(author);
      // A co-author form sent empty: the error next to the field.
      await author.locator('#coauthor-email').fill('');
      await author.locator('form[action$="/coautores"] button[type="submit"]').click();
      await author.waitForLoadState('load');
      expect(await author.locator('#coauthor-email-error').count()).toBe(1);
      await axeClean(author);

      const moderator = await tab('moderator', { locale });
      await moderator.goto(`${server.baseUrl}/presupuestos-participativos/${open.slug}/propuestas/${showcase.number}`);
      await moderator.locator('.comment summary').nth(1).click();
      await axeClean(moderator);

      const valuator = await tab('valuator', { locale });
      await valuator.goto(`${server.baseUrl}/presupuestos-participativos/${review.slug}/11/valoracion`);
      await axeClean(valuator);
      await valuator.goto(`${server.baseUrl}/presupuestos-participativos/${review.slug}/propuestas/${duplicate.number}/valoracion`);
      await axeClean(valuator);
      // Both forms sent with errors.
      await valuator.locator('#decision-not_viable').check();
      await valuator.locator('form[action$="/valoracion"] button[type="submit"]').click();
      await valuator.waitForLoadState('load');
      expect(await valuator.locator('#reason-error').count()).toBe(1);
      await axeClean(valuator);
      await valuator.locator('#target_number').fill('abc');
      await valuator.locator('form[action$="/fusionar"] button[type="submit"]').click();
      await valuator.waitForLoadState('load');
      expect(await valuator.locator('#target_number-error').count()).toBe(1);
      await axeClean(valuator);
    }, 180_000);
  }
});
