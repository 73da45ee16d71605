import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runAxe, startTestServer, type TestServer } from '../../../test/browser.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { createPerson } from '../admin/test-people.ts';
import { ballotKey } from './ballot-secrecy.ts';
import { createEdition, createProposalRow, type EditionFixture } from './budgets.test-support.ts';
import { ballotUrl, createVoter, paperUrl } from './voting.test-support.ts';
import { pressEnterOn, toggle } from '../../../test/keyboard.ts';

/**
 * The ballot in a real browser: a citizen votes and then changes the vote with the keyboard alone,
 * with JavaScript (the live budget bar follows every tick) and without it (server validation
 * only); the ballot page (empty, with errors, filled) of every kind of input and the paper-tally
 * pages have no WCAG 2.1 AA violation.
 */
describe('the ballot and the paper tallies in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let knapsack: EditionFixture;
  let numbers: number[];
  const contexts: BrowserContext[] = [];

  async function tab(cookie: string, javaScript: boolean): Promise<Page> {
    // bypassCSP only where axe is injected; without JavaScript the page is exactly what a citizen gets.
    const context = await browser.newContext({ locale: 'es-CO', javaScriptEnabled: javaScript, bypassCSP: javaScript });
    contexts.push(context);
    await context.addCookies([{ name: 'gab_sid', value: cookie.split('=')[1]!, url: server.baseUrl }]);
    return context.newPage();
  }

  const axeClean = async (page: Page) => expect(await runAxe(page), page.url()).toEqual([]);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const db = server.testApp.database.db;
    knapsack = await createEdition(db, { phase: 'voting', ballotRule: 'knapsack', envelopes: { '09': 1_000_000_000 } });
    numbers = [];
    for (const [title, cost] of [
      ['Parque de bolsillo en Modelia', 400_000_000],
      ['Biblioteca comunitaria en Hayuelos', 700_000_000],
      ['Huerta urbana en Zona Franca', 250_000_000],
    ] as const) {
      numbers.push((await createProposalRow(db, { editionId: knapsack.id, envelopeId: knapsack.envelopes[0]!.id, cost, title })).number);
    }
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  for (const javaScript of [true, false]) {
    it(`votes and changes the vote with the keyboard alone, ${javaScript ? 'with JavaScript: the budget bar follows each tick' : 'without JavaScript'}`, async () => {
      const db = server.testApp.database.db;
      const voter = await createVoter(db);
      const page = await tab(voter.cookie, javaScript);
      const [a, b, c] = numbers as [number, number, number];
      await page.goto(`${server.baseUrl}${ballotUrl(knapsack.slug)}`);
      expect(await page.locator('h1').innerText()).toBe('Votar en Fontibón');
      const statusText = async () => (await page.locator('#ballot-status-text').innerText()).replace(/\s/g, ' ');
      if (javaScript) {
        await axeClean(page);
        expect(await page.locator('#ballot-status').isVisible()).toBe(true);
        expect(await statusText()).toContain('Ha elegido proyectos por $ 0 de $ 1.000.000.000');
      } else {
        expect(await page.locator('#ballot-status').isVisible()).toBe(false);
      }

      await toggle(page, `#proyecto-${a}`);
      if (javaScript) {
        expect(await statusText()).toContain('Ha elegido proyectos por $ 400.000.000 de $ 1.000.000.000. Le quedan $ 600.000.000.');
        expect(await page.locator('#ballot-meter').evaluate((m) => (m as HTMLMeterElement).value)).toBe(400_000_000);
      }
      await toggle(page, `#proyecto-${b}`);
      if (javaScript) expect(await statusText()).toContain('se pasa del presupuesto ($ 1.000.000.000) por $ 100.000.000');

      // Over the budget: the server explains and keeps both ticks.
      await pressEnterOn(page, 'form.ballot-form button[type=submit]');
      expect(await page.locator('.error-summary').innerText()).toContain('superan el presupuesto de la localidad');
      expect(await page.locator(`#proyecto-${a}`).isChecked()).toBe(true);
      expect(await page.locator(`#proyecto-${b}`).isChecked()).toBe(true);
      if (javaScript) await axeClean(page);

      await toggle(page, `#proyecto-${b}`);
      await pressEnterOn(page, 'form.ballot-form button[type=submit]');
      expect(page.url()).toContain('/votar/confirmacion');
      expect(await page.locator('main').innerText()).toContain('Su voto en Fontibón quedó registrado.');
      if (javaScript) await axeClean(page);

      // Change my vote: back to the ballot by keyboard, pre-filled.
      await pressEnterOn(page, 'main a[href$="/votar"]');
      expect(await page.locator('main').innerText()).toContain('Ya votó; puede cambiar su voto hasta el');
      expect(await page.locator(`#proyecto-${a}`).isChecked()).toBe(true);
      if (javaScript) {
        await axeClean(page);
        expect(await statusText()).toContain('$ 400.000.000 de $ 1.000.000.000');
      }
      await toggle(page, `#proyecto-${a}`);
      await toggle(page, `#proyecto-${c}`);
      if (javaScript) expect(await statusText()).toContain('Ha elegido proyectos por $ 250.000.000');
      expect(await page.locator('form.ballot-form button[type=submit]').innerText()).toBe('Cambiar mi voto');
      await pressEnterOn(page, 'form.ballot-form button[type=submit]');
      expect(page.url()).toContain('/votar/confirmacion');

      const key = ballotKey(server.testApp.config.secret, knapsack.id, voter.identityHash);
      const ballot = await db.selectFrom('participatory_budgets_ballots').select('id').where('ballot_key', '=', key).executeTakeFirstOrThrow();
      const choices = await db
        .selectFrom('participatory_budgets_ballot_choices as ch')
        .innerJoin('participatory_budgets_proposals as p', 'p.id', 'ch.proposal_id')
        .select('p.number')
        .where('ch.ballot_id', '=', ballot.id)
        .execute();
      expect(choices.map((x) => x.number)).toEqual([c]);
    });
  }

  it('the cumulative and ranking ballots (empty, filled, with errors) and the ineligible page have no WCAG 2.1 AA violations', async () => {
    const db = server.testApp.database.db;
    const voter = await createVoter(db);
    const page = await tab(voter.cookie, true);
    for (const [rule, config, fill] of [
      ['cumulative', { points: 10, maxPerProject: 6 }, async (n: number[]) => {
        await page.locator(`#puntos-${n[0]}`).fill('6');
        await page.locator(`#puntos-${n[1]}`).fill('7');
      }],
      ['ranking', { maxChoices: 3 }, async (n: number[]) => {
        await page.locator(`#puesto-${n[0]}`).selectOption('1');
        await page.locator(`#puesto-${n[1]}`).selectOption('1');
      }],
    ] as const) {
      const edition = await createEdition(db, { phase: 'voting', ballotRule: rule, ballotConfig: config, envelopes: { '09': 1_000_000_000 } });
      const n: number[] = [];
      for (let i = 0; i < 3; i++) n.push((await createProposalRow(db, { editionId: edition.id, envelopeId: edition.envelopes[0]!.id, cost: 100_000_000 })).number);
      await page.goto(`${server.baseUrl}${ballotUrl(edition.slug)}`);
      await axeClean(page);
      await fill(n);
      expect(await page.locator('#ballot-status-text').innerText()).toMatch(rule === 'cumulative' ? /Repartió 13 puntos/ : /Ha elegido 2 de 3 proyectos/);
      await axeClean(page);
      await Promise.all([page.waitForNavigation(), page.locator('form.ballot-form button[type=submit]').click()]);
      expect(await page.locator('.error-summary').count(), rule).toBe(1);
      await axeClean(page);
    }
    const closed = await createEdition(db, { phase: 'counting', envelopes: { '09': 1_000_000_000 } });
    await createProposalRow(db, { editionId: closed.id, envelopeId: closed.envelopes[0]!.id, cost: 100_000_000 });
    await page.goto(`${server.baseUrl}${ballotUrl(closed.slug)}`);
    expect(await page.locator('[data-reason="phase_closed"]').count()).toBe(1);
    await axeClean(page);
  });

  it('the paper-tally pages (form, refused report, acceptable report, imported list) have no WCAG 2.1 AA violations', async () => {
    const db = server.testApp.database.db;
    const { id } = await createPerson(db, { name: 'Olga Funcionaria', roles: [{ role: 'entity_official', entityCode: 'alcaldia-local-09' }] });
    const page = await tab(await signInAs(db, id), true);
    await page.goto(`${server.baseUrl}${paperUrl(knapsack.slug)}`);
    await axeClean(page);
    const send = async (registro: string, papeletas: string, button = 'revisar') => {
      await page.locator('#mesa').fill('Colegio Fontibón — Mesa 7');
      await page.locator('#registro').fill(registro);
      await page.locator('#papeletas').fill(papeletas);
      await Promise.all([page.waitForNavigation(), page.locator(`button[name=paso][value=${button}]`).click()]);
    };
    await send('CC,88000001\nCC,88000001\nXX,1', `${numbers[0]}\n${numbers[0]} ${numbers[1]}\n${numbers[2]}\n99`);
    expect(await page.locator('[data-acceptable="false"]').count()).toBe(1);
    await axeClean(page);
    await send('CC,88000001\nCC,88000002\nCC,88000003\nCC,88000004\nCC,88000005', `${numbers[0]}\n${numbers[0]} ${numbers[1]}\nblanco`);
    expect(await page.locator('[data-acceptable="true"]').count()).toBe(1);
    await axeClean(page);
    await Promise.all([page.waitForNavigation(), page.locator('button[name=paso][value=confirmar]').click()]);
    expect(await page.locator('#paper-tallies-table').innerText()).toContain('Colegio Fontibón — Mesa 7');
    await axeClean(page);
  });
});
