import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { createEdition, createProposalRow, type EditionFixture } from './budgets.test-support.ts';
import type { BallotConfig, BallotRule } from './participatory-budgets.schema.ts';
import { ballotsOf, ballotUrl, castVote, createVoter, mainText, tick, votingTestApp } from './voting.test-support.ts';

/** Three viable projects of 300, 500 and 250 million in Fontibón's envelope of 1,000 million. */
async function editionWith(t: TestApp, rule: BallotRule, config: BallotConfig = {}) {
  const db = t.database.db;
  const edition = await createEdition(db, { phase: 'voting', ballotRule: rule, ballotConfig: config, envelopes: { '09': 1_000_000_000 } });
  const envelopeId = edition.envelopes[0]!.id;
  const numbers: number[] = [];
  for (const cost of [300_000_000, 500_000_000, 250_000_000]) numbers.push((await createProposalRow(db, { editionId: edition.id, envelopeId, cost })).number);
  return { edition, envelopeId, numbers: numbers as [number, number, number] };
}

describe.each(testEngines())('each ballot rule over HTTP: what is stored, and errors that keep the choices (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await votingTestApp(engine);
  }, 120_000);
  afterAll(async () => t?.close());

  const mine = async (envelopeId: string, before: Set<string>) => (await ballotsOf(t.database.db, envelopeId)).filter((b) => !before.has(b.id));
  const idsOf = async (envelopeId: string) => new Set((await ballotsOf(t.database.db, envelopeId)).map((b) => b.id));

  async function refused(edition: EditionFixture, fields: Record<string, string | string[]>, message: string) {
    const voter = await createVoter(t.database.db);
    const response = await castVote(t.app, ballotUrl(edition.slug), voter.cookie, fields);
    expect(response.statusCode, message).toBe(422);
    expect(mainText(response.body), message).toContain(message);
    expect(response.body).toContain('role="alert"');
    return response.body;
  }

  it('knapsack: stores the chosen projects; refuses going over the envelope and, with a minimum share, using too little', async () => {
    const { edition, envelopeId, numbers } = await editionWith(t, 'knapsack', { minShare: 0.5 });
    const voter = await createVoter(t.database.db);
    const before = await idsOf(envelopeId);
    expect((await castVote(t.app, ballotUrl(edition.slug), voter.cookie, tick(numbers[0], numbers[2]))).statusCode).toBe(303);
    expect((await mine(envelopeId, before))[0]!.choices).toEqual([
      { number: numbers[0], position: 0, value: 1 },
      { number: numbers[2], position: 1, value: 1 },
    ]);
    const over = await refused(edition, tick(...numbers), 'Los proyectos elegidos suman $ 1.050.000.000 y superan el presupuesto de la localidad ($ 1.000.000.000). Quite alguno.');
    for (const n of numbers) expect(over).toContain(`value="${n}" checked`);
    await refused(edition, tick(numbers[2]), 'Los proyectos elegidos suman $ 250.000.000; debe usar al menos $ 500.000.000 (50 % del presupuesto). Agregue alguno.');
    const page = await t.app.inject({ url: ballotUrl(edition.slug), headers: { cookie: voter.cookie } });
    expect(page.body).toContain('data-rule="knapsack" data-budget="1000000000"');
    expect(page.body).toContain('data-cost="300000000"');
  });

  it('wallet: each ticked project gets one support of the fixed size; more projects than supports is refused', async () => {
    const { edition, envelopeId, numbers } = await editionWith(t, 'wallet', { walletTotal: 200_000, supportSize: 100_000 });
    const voter = await createVoter(t.database.db);
    const before = await idsOf(envelopeId);
    expect((await castVote(t.app, ballotUrl(edition.slug), voter.cookie, tick(numbers[1], numbers[0]))).statusCode).toBe(303);
    expect((await mine(envelopeId, before))[0]!.choices.map((c) => c.value)).toEqual([100_000, 100_000]);
    const body = await refused(edition, tick(...numbers), 'Eligió 3 proyectos; puede elegir máximo 2. Quite alguno.');
    for (const n of numbers) expect(body).toContain(`value="${n}" checked`);
  });

  it('cumulative: stores the points; refuses more than N, more than the maximum on one project, and non-numbers, keeping what was typed', async () => {
    const { edition, envelopeId, numbers } = await editionWith(t, 'cumulative', { points: 10, maxPerProject: 6 });
    const voter = await createVoter(t.database.db);
    const before = await idsOf(envelopeId);
    const points = (values: string[]) => Object.fromEntries(numbers.map((n, i) => [`puntos-${n}`, values[i] ?? '']));
    expect((await castVote(t.app, ballotUrl(edition.slug), voter.cookie, points(['4', '', '6']))).statusCode).toBe(303);
    expect((await mine(envelopeId, before))[0]!.choices).toEqual([
      { number: numbers[0], position: 0, value: 4 },
      { number: numbers[2], position: 1, value: 6 },
    ]);
    const over = await refused(edition, points(['5', '5', '5']), 'Repartió 15 puntos y tiene 10. Quite puntos a algún proyecto.');
    expect(over).toMatch(new RegExp(`id="puntos-${numbers[1]}"[^>]*value="5"`));
    const perProject = await refused(edition, points(['7', '', '']), 'Le dio 7 puntos; el máximo por proyecto es 6.');
    expect(perProject).toContain(`id="puntos-${numbers[0]}-error"`);
    expect(perProject).toMatch(new RegExp(`id="puntos-${numbers[0]}"[^>]*aria-invalid="true"`));
    expect(perProject).toContain(`href="#puntos-${numbers[0]}"`);
    const typed = await refused(edition, points(['dos', '', '']), 'Escriba un número entero de puntos, de 0 a 6.');
    expect(typed).toMatch(new RegExp(`id="puntos-${numbers[0]}"[^>]*value="dos"`));
  });

  it('ranking: stores ranks in order; refuses a rank used twice, keeping every selected rank', async () => {
    const { edition, envelopeId, numbers } = await editionWith(t, 'ranking', { maxChoices: 3 });
    const voter = await createVoter(t.database.db);
    const before = await idsOf(envelopeId);
    const ranks = (values: string[]) => Object.fromEntries(numbers.map((n, i) => [`puesto-${n}`, values[i] ?? '']));
    expect((await castVote(t.app, ballotUrl(edition.slug), voter.cookie, ranks(['2', '1', '']))).statusCode).toBe(303);
    expect((await mine(envelopeId, before))[0]!.choices).toEqual([
      { number: numbers[1], position: 0, value: 1 },
      { number: numbers[0], position: 1, value: 2 },
    ]);
    const body = await refused(edition, ranks(['1', '1', '2']), `El puesto 1 ya es del proyecto #${numbers[0]}: cada puesto va a un solo proyecto.`);
    expect(body).toMatch(new RegExp(`id="puesto-${numbers[1]}"[^]*?<option value="1" selected>`));
    expect(body).toMatch(new RegExp(`id="puesto-${numbers[2]}"[^]*?<option value="2" selected>`));
    await refused(edition, ranks(['9', '', '']), 'Elija un puesto del 1 al 3, o «Sin puesto».');
  });

  it('approval: at most K projects (2023: 6)', async () => {
    const { edition, numbers } = await editionWith(t, 'approval', { maxChoices: 1 });
    await refused(edition, tick(numbers[0], numbers[1]), 'Eligió 2 proyectos; puede elegir máximo 1. Quite alguno.');
    const page = await t.app.inject({ url: ballotUrl((await editionWith(t, 'approval')).edition.slug), headers: { cookie: (await createVoter(t.database.db)).cookie } });
    expect(mainText(page.body)).toContain('Elija hasta 6 proyectos diferentes.');
  });
});
