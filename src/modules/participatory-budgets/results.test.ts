import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, csrfFor, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { createPerson } from '../admin/test-people.ts';
import { createEdition, createProposalRow, type EditionFixture } from './budgets.test-support.ts';
import { jobHandlers } from '../../core/jobs/handlers.ts';
import { runDueJobs } from '../../core/jobs/jobs.ts';
import { publishResults } from './commands/publish-results.ts';
import type { ResultDetail } from './results-detail.ts';
import { castBallots, insertBallot, insertVoter } from './results.test-support.ts';
import { runPbTally } from './tally/cli.ts';
import { parsePabulib } from './tally/pabulib.ts';

/** The text of an HTML page with entities decoded and tags removed, for matching what people read. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const capture = () => {
  let out = '';
  return { stream: { write: (s: string) => (out += s) }, text: () => out };
};

describe.each(testEngines())('participatory-budget results (%s)', (engine) => {
  let t: TestApp;
  const cookies = {} as Record<'admin' | 'official11' | 'official09' | 'citizen', string>;
  let greedy: EditionFixture;
  let mes: EditionFixture;
  let cumulative: EditionFixture;
  let withSub: EditionFixture;
  let voting: EditionFixture;
  /** Greedy edition: public number by letter (P1…P5). */
  const g = {} as Record<'p1' | 'p2' | 'p3' | 'p4' | 'p5', { id: string; number: number }>;
  const m = {} as Record<'q1' | 'q2' | 'q3' | 'q4', { id: string; number: number }>;
  const officialIds = {} as Record<'official11', string>;
  let citizenId: string;

  beforeAll(async () => {
    t = await buildTestApp(engine);
    const db = t.database.db;
    const admin = await createPerson(db, { name: 'Alba Administradora', roles: [{ role: 'platform_admin' }] });
    const official11 = await createPerson(db, { name: 'Ofelia Suba', roles: [{ role: 'entity_official', entityCode: 'alcaldia-local-11' }] });
    const official09 = await createPerson(db, { name: 'Oscar Fontibón', roles: [{ role: 'entity_official', entityCode: 'alcaldia-local-09' }] });
    const citizen = await createPerson(db, { name: 'Carmen Ciudadana', level: 'residence' });
    officialIds.official11 = official11.id;
    citizenId = citizen.id;
    cookies.admin = await signInAs(t.database, admin.id);
    cookies.official11 = await signInAs(t.database, official11.id);
    cookies.official09 = await signInAs(t.database, official09.id);
    cookies.citizen = await signInAs(t.database, citizen.id);

    // Greedy, budget 100 in Suba: P1 80, P2 50, P3 30, P4 20 (no votes), P5 not viable.
    greedy = await createEdition(db, { phase: 'counting', countingRule: 'greedy', envelopes: { '11': 100 } });
    const env = greedy.envelopes[0]!.id;
    g.p1 = await createProposalRow(db, { editionId: greedy.id, envelopeId: env, cost: 80, title: 'Parque lineal del humedal' });
    g.p2 = await createProposalRow(db, { editionId: greedy.id, envelopeId: env, cost: 50, title: 'Biblioteca comunitaria' });
    g.p3 = await createProposalRow(db, { editionId: greedy.id, envelopeId: env, cost: 30, title: 'Huerta escolar del barrio' });
    g.p4 = await createProposalRow(db, { editionId: greedy.id, envelopeId: env, cost: 20, title: 'Murales de la plaza' });
    await db.insertInto('participatory_budgets_proposals').values({
      edition_id: greedy.id, envelope_id: env, number: 5, title: 'Propuesta no viable', estimated_cost: 10, status: 'not_viable', valuation_reason: 'No es competencia de la alcaldía local.', updated_at: new Date().toISOString(),
    }).execute();
    g.p5 = { id: '', number: 5 };
    // Ballot ids fall in the reverse of insertion order, so the file's order (by id) is not the order of arrival.
    const ballots = [[g.p1.id], [g.p1.id], [g.p1.id], [g.p2.id, g.p3.id], [g.p2.id, g.p3.id], [g.p3.id]];
    for (const [i, choices] of ballots.entries()) {
      await insertBallot(db, { envelopeId: env, choices, id: `0000000${ballots.length - 1 - i}-0000-4000-8000-000000000000` });
      await insertVoter(db, { editionId: greedy.id, envelopeId: env });
    }

    // Equal Shares without completion, budget 100, four voters (25 each): Q1 50, Q2 40, Q3 30, Q4 10.
    mes = await createEdition(db, { phase: 'counting', countingRule: 'mes-cost', envelopes: { '11': 100 } });
    const menv = mes.envelopes[0]!.id;
    m.q1 = await createProposalRow(db, { editionId: mes.id, envelopeId: menv, cost: 50, title: 'Cancha sintética' });
    m.q2 = await createProposalRow(db, { editionId: mes.id, envelopeId: menv, cost: 40, title: 'Casa de la juventud' });
    m.q3 = await createProposalRow(db, { editionId: mes.id, envelopeId: menv, cost: 30, title: 'Ciclovía del barrio' });
    m.q4 = await createProposalRow(db, { editionId: mes.id, envelopeId: menv, cost: 10, title: 'Bancas del parque' });
    await castBallots(db, { editionId: mes.id, envelopeId: menv, choices: [m.q1.id], count: 2 });
    await castBallots(db, { editionId: mes.id, envelopeId: menv, choices: [m.q2.id, m.q3.id] });
    await castBallots(db, { editionId: mes.id, envelopeId: menv, choices: [m.q3.id] });

    // The same election with cumulative ballots and Equal Shares with utilitarian completion.
    cumulative = await createEdition(db, { phase: 'counting', countingRule: 'mes-cost-u', ballotRule: 'cumulative', ballotConfig: { points: 10 }, envelopes: { '11': 100 } });
    const cenv = cumulative.envelopes[0]!.id;
    const c1 = await createProposalRow(db, { editionId: cumulative.id, envelopeId: cenv, cost: 50 });
    const c2 = await createProposalRow(db, { editionId: cumulative.id, envelopeId: cenv, cost: 40 });
    const c3 = await createProposalRow(db, { editionId: cumulative.id, envelopeId: cenv, cost: 30 });
    await createProposalRow(db, { editionId: cumulative.id, envelopeId: cenv, cost: 10 });
    for (const choices of [[{ proposalId: c1.id, value: 10 }], [{ proposalId: c1.id, value: 10 }], [{ proposalId: c2.id, value: 7 }, { proposalId: c3.id, value: 3 }], [{ proposalId: c3.id, value: 10 }]]) {
      await insertBallot(db, { envelopeId: cenv, choices });
      await insertVoter(db, { editionId: cumulative.id, envelopeId: cenv });
    }

    // A sub-envelope (rural, 40) and the rest (60) of a 100 envelope, counted by greedy.
    withSub = await createEdition(db, { phase: 'counting', countingRule: 'greedy', envelopes: { '11': 100 } });
    const senv = withSub.envelopes[0]!.id;
    const sub = await db
      .insertInto('participatory_budgets_sub_envelopes')
      .values({ envelope_id: senv, kind: 'area', code: 'rural', name: 'Zona rural', amount: 40 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r1 = await createProposalRow(db, { editionId: withSub.id, envelopeId: senv, cost: 30, title: 'Acueducto veredal' });
    const r2 = await createProposalRow(db, { editionId: withSub.id, envelopeId: senv, cost: 20, title: 'Aula rural' });
    await db.updateTable('participatory_budgets_proposals').set({ sub_envelope_id: sub.id }).where('id', 'in', [r1.id, r2.id]).execute();
    const u1 = await createProposalRow(db, { editionId: withSub.id, envelopeId: senv, cost: 50, title: 'Salón comunal' });
    const u2 = await createProposalRow(db, { editionId: withSub.id, envelopeId: senv, cost: 20, title: 'Alumbrado del parque' });
    await castBallots(db, { editionId: withSub.id, envelopeId: senv, choices: [r1.id, u1.id], count: 2 });
    await castBallots(db, { editionId: withSub.id, envelopeId: senv, choices: [r2.id, u2.id] });
    await castBallots(db, { editionId: withSub.id, envelopeId: senv, choices: [u2.id] });

    voting = await createEdition(db, { phase: 'voting', countingRule: 'greedy', envelopes: { '11': 100 } });
    await createProposalRow(db, { editionId: voting.id, envelopeId: voting.envelopes[0]!.id, cost: 10 });
  });
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const getEn = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: 'gab_lang=en' } });
  async function post(url: string, cookie: string | undefined, fields: Record<string, string> = {}) {
    const csrf = await csrfFor(t.app);
    const body = new URLSearchParams({ ...fields, _csrf: csrf.token });
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: [cookie, csrf.cookie].filter(Boolean).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  }
  const base = (e: EditionFixture) => `/presupuestos-participativos/${e.slug}`;
  /** Runs the queued jobs, as the app's job worker does (publishing results is one). */
  const runJobs = () => runDueJobs(t.app.gab.db, jobHandlers(t.app.gab, t.app.gab.registry));
  const notificationsOf = (userId: string, key: string) =>
    t.database.db.selectFrom('core_notifications').select(['vars', 'url']).where('user_id', '=', userId).where('message_key', '=', key).execute();
  const publish = (e: EditionFixture) => withTransaction(t.database.db, (tx) => publishResults(tx, { actor: null, editionId: e.id }));
  const resultsOf = async (e: EditionFixture) =>
    t.database.db
      .selectFrom('participatory_budgets_results as r')
      .innerJoin('participatory_budgets_envelopes as en', 'en.id', 'r.envelope_id')
      .select(['r.sub_envelope_id', 'r.counting_rule', 'r.ballots_count', 'r.budget', 'r.spent', 'r.detail'])
      .where('en.edition_id', '=', e.id)
      .execute();
  const statusOf = async (id: string) => (await t.database.db.selectFrom('participatory_budgets_proposals').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  describe('before the results are published', () => {
    it('says when results come, and keeps the ballots file and the execution list closed', async () => {
      const page = await get(`${base(voting)}/11/resultados`);
      expect(page.statusCode).toBe(200);
      expect(text(page.body)).toContain('Los resultados todavía no están publicados');
      expect(text(page.body)).toContain('Los resultados se publicarán después del cierre de la votación');
      expect((await get(`${base(voting)}/11/votos.pb`)).statusCode).toBe(404);
      expect((await get(`${base(greedy)}/11/votos.pb`)).statusCode).toBe(404);
      const execution = await get(`${base(voting)}/11/ejecucion`);
      expect(execution.statusCode).toBe(200);
      expect(text(execution.body)).toContain('Los resultados todavía no están publicados');
      const summary = await get(`${base(greedy)}/resultados`);
      expect(text(summary.body)).toContain('La votación cerró:');
    });

    it('offers the publish button only to administrators, and only once voting has closed', async () => {
      expect((await get(`${base(greedy)}/11/resultados`, cookies.citizen)).body).not.toContain('/resultados/publicar');
      const counting = await get(`${base(greedy)}/11/resultados`, cookies.admin);
      expect(counting.body).toContain(`action="${base(greedy)}/resultados/publicar"`);
      const open = await get(`${base(voting)}/resultados`, cookies.admin);
      expect(open.body).not.toContain('/resultados/publicar"');
      expect(text(open.body)).toContain('Podrá publicar los resultados cuando cierre la votación');
    });

    it('refuses to publish for someone who does not manage editions, and before voting closes', async () => {
      const citizen = await post(`${base(greedy)}/resultados/publicar`, cookies.citizen);
      expect(citizen.statusCode).toBe(403);
      expect(text(citizen.body)).toContain('Su cuenta no tiene el rol necesario');
      const early = await post(`${base(voting)}/resultados/publicar`, cookies.admin);
      expect(early.statusCode).toBe(303);
      const after = await get(String(early.headers.location), cookies.admin);
      expect(text(after.body)).toContain('La votación todavía no ha cerrado');
      expect(await resultsOf(voting)).toEqual([]);
      const edition = await t.database.db.selectFrom('participatory_budgets_editions').select('results_published_at').where('id', '=', voting.id).executeTakeFirstOrThrow();
      expect(edition.results_published_at).toBeNull();
    });
  });

  describe('publishing', () => {
    it('counts by greedy in a background job (the pages say it is calculating), marks winners and losers, creates execution rows, tells followers and audits, once', async () => {
      await t.database.db.insertInto('participatory_budgets_follows').values([{ proposal_id: g.p2.id, user_id: citizenId }, { proposal_id: g.p1.id, user_id: citizenId }]).execute();
      const response = await post(`${base(greedy)}/resultados/publicar`, cookies.admin);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`${base(greedy)}/resultados`);
      const waiting = text((await get(String(response.headers.location), cookies.admin)).body);
      expect(waiting).toContain('Se están contando los votos de todas las localidades');
      expect(waiting).toContain('Calculando los resultados (pedidos el');
      expect(waiting).not.toContain('Contar los votos y publicar los resultados');
      expect(text((await get(`${base(greedy)}/11/resultados`)).body)).toContain('Los resultados se están calculando.');
      expect(await resultsOf(greedy)).toEqual([]);
      const twice = await post(`${base(greedy)}/resultados/publicar`, cookies.admin);
      expect(text((await get(String(twice.headers.location), cookies.admin)).body)).toContain('Los resultados ya se están calculando');
      const jobs = await t.database.db.selectFrom('core_jobs').select('id').where('name', '=', 'participatory-budgets.publish-results').execute();
      expect(jobs).toHaveLength(1);
      await runJobs();
      const [result] = await resultsOf(greedy);
      expect(result).toMatchObject({ sub_envelope_id: null, counting_rule: 'greedy', ballots_count: 6 });
      expect(Number(result!.budget)).toBe(100);
      expect(Number(result!.spent)).toBe(100);
      const detail = result!.detail as ResultDetail;
      expect(detail.projects.map((p) => [p.projectId, p.votes, p.selected, p.reason])).toEqual([
        ['1', 3, false, 'over-remaining-budget'],
        ['2', 2, true, 'selected-greedy'],
        ['3', 3, true, 'selected-greedy'],
        ['4', 0, true, 'selected-greedy'],
      ]);
      expect(detail.projects[0]!.remainingBudget).toBe('70');
      expect(detail.ties).toEqual([expect.objectContaining({ stage: 'greedy', criterion: 'votes', value: '3', projects: ['3', '1'], decidedBy: ['cost'], mixedOutcome: true })]);
      expect([await statusOf(g.p1.id), await statusOf(g.p2.id), await statusOf(g.p3.id), await statusOf(g.p4.id)]).toEqual(['not_selected', 'selected', 'selected', 'selected']);
      const notViable = await t.database.db.selectFrom('participatory_budgets_proposals').select('status').where('edition_id', '=', greedy.id).where('number', '=', 5).executeTakeFirstOrThrow();
      expect(notViable.status).toBe('not_viable');
      const execution = await t.database.db
        .selectFrom('participatory_budgets_execution')
        .select(['proposal_id', 'status', 'progress', 'responsible_entity_code'])
        .where('proposal_id', 'in', [g.p1.id, g.p2.id, g.p3.id, g.p4.id])
        .execute();
      expect(execution.map((x) => x.proposal_id).sort()).toEqual([g.p2.id, g.p3.id, g.p4.id].sort());
      expect(execution.every((x) => x.status === 'planned' && x.progress === 0 && x.responsible_entity_code === 'alcaldia-local-11')).toBe(true);
      const audit = await t.database.db.selectFrom('core_audit_log').selectAll().where('action', '=', 'participatory-budgets.publish-results').where('resource_id', '=', greedy.id).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actor_label).toBe('Alba Administradora');
      expect(JSON.stringify(audit[0]!.after)).not.toContain(g.p1.id);
      const requested = await t.database.db.selectFrom('core_audit_log').selectAll().where('action', '=', 'participatory-budgets.request-results').where('resource_id', '=', greedy.id).execute();
      expect(requested.map((a) => a.actor_label)).toEqual(['Alba Administradora']);
      // The follower of a winner hears it; the losing proposal they follow sends nothing.
      const won = await notificationsOf(citizenId, 'participatory-budgets.notifications.selected');
      expect(won).toEqual([{ vars: { title: 'Biblioteca comunitaria', number: g.p2.number }, url: `${base(greedy)}/propuestas/${g.p2.number}` }]);

      const again = await post(`${base(greedy)}/resultados/publicar`, cookies.admin);
      expect(again.statusCode).toBe(303);
      expect(text((await get(String(again.headers.location), cookies.admin)).body)).toContain('ya estaban publicados');
      expect(await resultsOf(greedy)).toHaveLength(1);
      expect(await withTransaction(t.database.db, (tx) => publishResults(tx, { actor: null, editionId: greedy.id }))).toEqual({ ok: false, error: 'already_published' });
    });

    it('keeps the reason on the edition when the rule cannot count an envelope, publishes nothing and lets the administrator retry', async () => {
      // Variant C never stops when every project with votes fits (pb-rules.md §3.3).
      const loops = await createEdition(t.database.db, { phase: 'counting', countingRule: 'mes-cost-add1u-noexh', envelopes: { '11': 100 } });
      const env = loops.envelopes[0]!.id;
      const voted = await createProposalRow(t.database.db, { editionId: loops.id, envelopeId: env, cost: 40 });
      await createProposalRow(t.database.db, { editionId: loops.id, envelopeId: env, cost: 80 });
      await castBallots(t.database.db, { editionId: loops.id, envelopeId: env, choices: [voted.id] });
      expect((await post(`${base(loops)}/resultados/publicar`, cookies.admin)).statusCode).toBe(303);
      await runJobs();
      const edition = await t.database.db.selectFrom('participatory_budgets_editions').select(['results_published_at', 'results_requested_at', 'results_failure']).where('id', '=', loops.id).executeTakeFirstOrThrow();
      expect(edition).toMatchObject({ results_published_at: null, results_requested_at: null, results_failure: { envelope: 'Localidad 11' } });
      expect(await resultsOf(loops)).toEqual([]);
      const page = text((await get(`${base(loops)}/resultados`, cookies.admin)).body);
      expect(page).toContain('El último cálculo no pudo contar Localidad 11: todos los proyectos con votos caben en el presupuesto');
      expect(page).toContain('Contar los votos y publicar los resultados');
      expect(text((await getEn(`${base(loops)}/resultados`)).body)).not.toContain('could not count');
    });

    it('counts by Equal Shares: ties on price broken by cost, exhausted supporters, projects without votes', async () => {
      expect((await publish(mes)).ok).toBe(true);
      const [result] = await resultsOf(mes);
      const detail = result!.detail as ResultDetail;
      expect(detail.projects.map((p) => [p.projectId, p.votes, p.selected, p.reason])).toEqual([
        ['1', 2, true, 'selected-mes'],
        ['2', 1, false, 'supporters-exhausted'],
        ['3', 2, true, 'selected-mes'],
        ['4', 0, false, 'no-votes'],
      ]);
      expect(detail.projects[2]!.selectionOrder).toBe(1);
      expect(detail.mes).toMatchObject({ utilities: 'cost', add1Variant: null, runs: 1, endowment: '25', spent: '80' });
      expect(detail.ties).toEqual([expect.objectContaining({ stage: 'mes', criterion: 'rho', value: '1/2', projects: ['3', '1'], decidedBy: ['cost'], mixedOutcome: false })]);
      expect(Number(result!.spent)).toBe(80);
    });

    it('completes Equal Shares by votes, counting cumulative ballots as approval', async () => {
      expect((await publish(cumulative)).ok).toBe(true);
      const detail = (await resultsOf(cumulative))[0]!.detail as ResultDetail;
      expect(detail.projects.map((p) => [p.projectId, p.selected, p.reason])).toEqual([
        ['1', true, 'selected-mes'],
        ['2', false, 'over-remaining-budget'],
        ['3', true, 'selected-mes'],
        ['4', true, 'selected-completion'],
      ]);
      expect(detail.projects[3]!.remainingBudget).toBe('20');
    });

    it('counts a sub-envelope on its own amount and the rest with what it leaves, over every ballot', async () => {
      expect((await publish(withSub)).ok).toBe(true);
      const rows = await resultsOf(withSub);
      expect(rows).toHaveLength(2);
      const sub = rows.find((r) => r.sub_envelope_id !== null)!;
      const rest = rows.find((r) => r.sub_envelope_id === null)!;
      expect([Number(sub.budget), Number(sub.spent), sub.ballots_count]).toEqual([40, 30, 4]);
      expect([Number(rest.budget), Number(rest.spent), rest.ballots_count]).toEqual([60, 20, 4]);
      expect((sub.detail as ResultDetail).projects.map((p) => [p.projectId, p.votes, p.selected])).toEqual([
        ['1', 2, true],
        ['2', 1, false],
      ]);
      expect((rest.detail as ResultDetail).projects.map((p) => [p.projectId, p.votes, p.selected])).toEqual([
        ['3', 2, false],
        ['4', 2, true],
      ]);
    });
    it('publishes an envelope without proposals or ballots as an empty result', async () => {
      const empty = await createEdition(t.database.db, { phase: 'counting', countingRule: 'mes-cost-add1u', envelopes: { '11': 100, '09': 50 } });
      await createProposalRow(t.database.db, { editionId: empty.id, envelopeId: empty.envelopes[0]!.id, cost: 40 });
      const published = await publish(empty);
      expect(published.ok && published.counts.map((c) => [c.ballots, c.projects, c.winners, c.spent])).toEqual([
        [0, 0, 0, '0'],
        [0, 1, 1, '40'],
      ]);
      const page = text((await get(`${base(empty)}/09/resultados`)).body);
      expect(page).toContain('Ganaron 0 de 0 proyectos');
    });
  });

  describe('results pages', () => {
    it('shows winners, votes, costs, the rule and why each project won or lost', async () => {
      const page = await get(`${base(greedy)}/11/resultados`);
      expect(page.statusCode).toBe(200);
      const body = text(page.body);
      expect(body).toContain('Resultados de Suba');
      expect(body).toContain('Mayor votación (voraz)');
      expect(body).toContain('Votos contados 6');
      expect(body).toContain('No alcanzó el presupuesto restante: cuesta $ 80 y cuando llegó su turno quedaban $ 70.');
      expect(body).toContain('Ganó por votos');
      expect(body).toContain('empataron con 3 votos; se ordenaron por menor costo');
      expect(body).toContain('Este desempate decidió cuál proyecto ganó.');
      expect(page.body).toContain('role="img"');
      expect(body).toContain('Votos por proyecto');
      expect(body).toContain('Presupuesto asignado');
      expect(body).toContain(`gab pb tally votos-${greedy.slug}-11.pb --rule greedy`);
      expect(page.body).toContain(`href="${base(greedy)}/11/votos.pb"`);
      expect(page.body).toContain(`href="${base(greedy)}/11/ejecucion"`);
      expect(page.body).not.toContain('/resultados/publicar');
    });

    it('explains Equal Shares outcomes in the words of the results page', async () => {
      const body = text((await get(`${base(mes)}/11/resultados`)).body);
      expect(body).toContain('Ganó por Partes Iguales');
      expect(body).toContain('Sus votantes ya agotaron su parte');
      expect(body).toContain('Sin votos');
      expect(body).toContain('Parte de cada votante $ 25');
      const completion = text((await get(`${base(cumulative)}/11/resultados`)).body);
      expect(completion).toContain('Ganó en la completación');
      expect(completion).toContain('Las reglas de conteo se definen sobre votos de aprobación');
    });

    it('shows each sub-envelope and the rest, each with its own recount file', async () => {
      const page = await get(`${base(withSub)}/11/resultados`);
      const body = text(page.body);
      expect(body).toContain('Subbolsa: Zona rural');
      expect(body).toContain('Proyectos sin subbolsa');
      expect(body).toContain(`gab pb tally votos-${withSub.slug}-11-rural.pb --rule greedy`);
      expect(page.body).toContain('votos.pb?parte=resto');
      const bare = await get(`${base(withSub)}/11/votos.pb`);
      expect(bare.statusCode).toBe(302);
      expect(bare.headers.location).toBe(`${base(withSub)}/11/resultados#recuento`);
      const rest = parsePabulib((await get(`${base(withSub)}/11/votos.pb?parte=resto`)).body);
      expect(rest.meta.budget).toBe('60');
      expect(rest.projects.map((p) => p.id)).toEqual(['3', '4']);
      expect(rest.votes).toHaveLength(4);
      expect((await get(`${base(withSub)}/11/votos.pb?parte=otra`)).statusCode).toBe(404);
    });

    it('shows the results page in English', async () => {
      const body = text((await getEn(`${base(greedy)}/11/resultados`)).body);
      expect(body).toContain('Results for Suba');
      expect(body).toContain('Did not fit in the remaining budget');
      expect(body).toContain('Recount it yourself');
    });

    it('summarises every localidad of the edition', async () => {
      const page = await get(`${base(greedy)}/resultados`);
      expect(page.statusCode).toBe(200);
      const body = text(page.body);
      expect(body).toContain('Se contaron 6 votos y se asignaron $ 100');
      // Localidad, ballots, winners, budget, assigned.
      expect(body).toContain('Suba 6 3 $ 100 $ 100');
      expect(page.body).toContain(`href="${base(greedy)}/11/resultados"`);
      expect(text((await getEn(`${base(greedy)}/resultados`)).body)).toContain('Results per localidad');
      expect((await get(`${base(greedy)}/99/resultados`)).statusCode).toBe(404);
      expect((await get('/presupuestos-participativos/no-existe/resultados')).statusCode).toBe(404);
    });
  });

  describe('the ballots file', () => {
    it('publishes anonymised ballots in Pabulib format, numbered in an order that is not the order of arrival', async () => {
      const response = await get(`${base(greedy)}/11/votos.pb`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="votos-${greedy.slug}-11.pb"`);
      const pb = parsePabulib(response.body);
      expect(pb.meta).toMatchObject({
        country: 'Colombia',
        unit: 'Bogotá',
        subunit: 'Suba',
        instance: '2026',
        num_projects: '4',
        num_votes: '6',
        budget: '100',
        vote_type: 'approval',
        rule: 'greedy',
        currency: 'COP',
        language: 'es',
      });
      expect(pb.meta.date_begin).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
      expect(pb.projects.map((p) => [p.id, p.cost.toString(), p.fields.votes, p.fields.selected])).toEqual([
        ['1', '80', '3', '0'],
        ['2', '50', '2', '1'],
        ['3', '30', '3', '1'],
        ['4', '20', '0', '1'],
      ]);
      expect(pb.voteColumns).toEqual(['voter_id', 'vote']);
      // Inserted as [1], [1], [1], [2,3], [2,3], [3] with decreasing ids: the file lists them by id.
      expect(pb.votes.map((v) => [v.voterId, v.vote.join(',')])).toEqual([
        ['1', '3'],
        ['2', '2,3'],
        ['3', '2,3'],
        ['4', '1'],
        ['5', '1'],
        ['6', '1'],
      ]);
    });

    it('writes cumulative ballots with their points', async () => {
      const pb = parsePabulib((await get(`${base(cumulative)}/11/votos.pb`)).body);
      expect(pb.meta.vote_type).toBe('cumulative');
      expect(pb.meta.rule).toBe('equalshares');
      expect(pb.meta.max_sum_points).toBe('10');
      expect(pb.votes.map((v) => v.points?.join(',')).sort()).toEqual(['10', '10', '10', '7,3']);
    });

    it.each([
      ['greedy', () => greedy],
      ['Equal Shares', () => mes],
      ['Equal Shares with completion', () => cumulative],
    ])('recounts with `gab pb tally` to the stored result (%s)', async (_name, edition) => {
      const e = edition();
      const response = await get(`${base(e)}/11/votos.pb`);
      const dir = mkdtempSync(join(tmpdir(), 'gab-recount-'));
      try {
        const file = join(dir, 'votos.pb');
        writeFileSync(file, response.body);
        const [stored] = await resultsOf(e);
        const detail = stored!.detail as ResultDetail;
        const out = capture();
        const err = capture();
        expect(await runPbTally([file, '--rule', stored!.counting_rule, '--json'], { stdout: out.stream, stderr: err.stream })).toBe(0);
        expect(JSON.parse(out.text()).selected).toEqual(detail.projects.filter((p) => p.selected).map((p) => p.projectId));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('recounts with the gab command itself, as the results page tells citizens to', async () => {
      const response = await get(`${base(mes)}/11/votos.pb`);
      const dir = mkdtempSync(join(tmpdir(), 'gab-recount-'));
      try {
        const file = join(dir, `votos-${mes.slug}-11.pb`);
        writeFileSync(file, response.body);
        const run = spawnSync(process.execPath, [join(process.cwd(), 'bin', 'gab.mjs'), 'pb', 'tally', file, '--rule', 'mes-cost', '--json'], {
          encoding: 'utf8',
          env: { ...process.env, NODE_ENV: 'development', GAB_DATA_DIR: dir, DATABASE_URL: '' },
          timeout: 60_000,
        });
        expect(run.stderr).toBe('');
        expect(JSON.parse(run.stdout).selected).toEqual(['1', '3']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('execution', () => {
    it('lists the winners with status and progress, and offers updates only to the alcaldía local', async () => {
      const page = await get(`${base(greedy)}/11/ejecucion`);
      expect(page.statusCode).toBe(200);
      const body = text(page.body);
      expect(body).toContain('Ejecución de proyectos en Suba');
      expect(body).toContain('Huerta escolar del barrio');
      expect(body).not.toContain('Parque lineal del humedal');
      expect(body).toContain('Planeado · 0 %');
      expect(body).toContain('Alcaldía Local de Suba');
      expect(page.body).not.toContain(`/ejecucion/${g.p3.number}"`);
      const official = await get(`${base(greedy)}/11/ejecucion`, cookies.official11);
      expect(official.body).toContain(`href="${base(greedy)}/11/ejecucion/${g.p3.number}"`);
      const other = text((await get(`${base(greedy)}/11/ejecucion`, cookies.official09)).body);
      expect(other).toContain('No puede actualizar la ejecución de esta localidad. Su rol es de otra entidad.');
      expect(text((await getEn(`${base(greedy)}/11/ejecucion`)).body)).toContain('Execution of projects in Suba');
    });

    it('shows each winning project to everyone, linked to and from its proposal; the form only to the alcaldía local', async () => {
      const url = `${base(greedy)}/11/ejecucion/${g.p3.number}`;
      for (const cookie of [undefined, cookies.citizen, cookies.official09]) {
        const page = await get(url, cookie);
        expect(page.statusCode).toBe(200);
        expect(text(page.body)).toContain(`Proyecto #${g.p3.number}: ejecución`);
        expect(text(page.body)).toContain('Huerta escolar del barrio');
        expect(page.body).toContain(`href="${base(greedy)}/propuestas/${g.p3.number}"`);
        expect(page.body).not.toContain('name="status"');
      }
      expect((await get(url, cookies.official11)).body).toContain('name="status"');
      const proposal = await get(`${base(greedy)}/propuestas/${g.p3.number}`);
      expect(proposal.body).toContain(`href="${url}"`);
      expect(text(proposal.body)).toContain('Ver su ejecución: Planeado, 0 % de avance');
      expect((await get(`${base(greedy)}/propuestas/${g.p1.number}`)).body).not.toContain('/ejecucion/');
      expect((await get(`${base(voting)}/11/ejecucion/1`)).statusCode).toBe(404);
    });

    it('refuses updates from people who are not officials of that alcaldía local', async () => {
      const url = `${base(greedy)}/11/ejecucion/${g.p3.number}`;
      const wrong = await post(url, cookies.official09, { status: 'completed', progress: '100', note: '' });
      expect(wrong.statusCode).toBe(403);
      expect(text(wrong.body)).toContain('Su rol es de otra entidad.');
      const citizen = await post(url, cookies.citizen, { status: 'completed', progress: '100', note: '' });
      expect(citizen.statusCode).toBe(403);
      expect(text(citizen.body)).toContain('Su cuenta no tiene el rol necesario');
      const anonymous = await post(url, undefined, { status: 'completed', progress: '100' });
      expect([401, 303]).toContain(anonymous.statusCode);
      const row = await t.database.db.selectFrom('participatory_budgets_execution').select(['status', 'progress']).where('proposal_id', '=', g.p3.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'planned', progress: 0 });
    });

    it('rejects bad input next to each field, keeps what was typed and changes nothing', async () => {
      const url = `${base(greedy)}/11/ejecucion/${g.p3.number}`;
      const form = await get(url, cookies.official11);
      expect(form.statusCode).toBe(200);
      const bad = await post(url, cookies.official11, { status: 'terminado', progress: '150', note: 'x'.repeat(2001) });
      expect(bad.statusCode).toBe(422);
      const body = text(bad.body);
      expect(body).toContain('Elija un estado de la lista.');
      expect(body).toContain('Escriba el avance como un número entero de 0 a 100.');
      expect(body).toContain('La nota puede tener máximo 2.000 caracteres.');
      expect(bad.body).toContain('value="150"');
      const completed = await post(url, cookies.official11, { status: 'completed', progress: '60', note: 'Obra entregada' });
      expect(completed.statusCode).toBe(422);
      expect(text(completed.body)).toContain('Un proyecto terminado debe tener un avance de 100.');
      expect(completed.body).toContain('Obra entregada');
      const row = await t.database.db.selectFrom('participatory_budgets_execution').select(['status', 'progress', 'note']).where('proposal_id', '=', g.p3.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'planned', progress: 0, note: '' });
      expect((await get(`${base(greedy)}/11/ejecucion/${g.p1.number}`, cookies.official11)).statusCode).toBe(404);
      expect((await get(`${base(greedy)}/11/ejecucion/abc`, cookies.official11)).statusCode).toBe(404);
    });

    it('records an update by the alcaldía local, audited, shows it on both pages and tells followers of a new status', async () => {
      const url = `${base(greedy)}/11/ejecucion/${g.p3.number}`;
      await t.database.db.insertInto('participatory_budgets_follows').values({ proposal_id: g.p3.id, user_id: citizenId }).execute();
      const response = await post(url, cookies.official11, { status: 'in_progress', progress: '40 %', note: 'Contrato firmado; obra iniciada en marzo.' });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`${base(greedy)}/11/ejecucion`);
      const row = await t.database.db.selectFrom('participatory_budgets_execution').selectAll().where('proposal_id', '=', g.p3.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'in_progress', progress: 40, note: 'Contrato firmado; obra iniciada en marzo.', updated_by: officialIds.official11 });
      const audit = await t.database.db.selectFrom('core_audit_log').selectAll().where('action', '=', 'participatory-budgets.update-execution').where('resource_id', '=', g.p3.id).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.before).toEqual({ status: 'planned', progress: 0, note: '' });
      const list = text((await get(String(response.headers.location), cookies.official11)).body);
      expect(list).toContain('Ejecución del proyecto #3 actualizada.');
      expect(list).toContain('En ejecución · 40 %');
      expect(text((await get(`${base(greedy)}/11/resultados`)).body)).toContain('En ejecución · 40 %');
      expect(await notificationsOf(citizenId, 'participatory-budgets.notifications.execution.in_progress')).toEqual([{ vars: { title: 'Huerta escolar del barrio', number: g.p3.number }, url }]);
      // A new note or progress without a new status is not news.
      await post(url, cookies.official11, { status: 'in_progress', progress: '60', note: 'Avanza la obra.' });
      expect(await notificationsOf(citizenId, 'participatory-budgets.notifications.execution.in_progress')).toHaveLength(1);
    });
  });
});
