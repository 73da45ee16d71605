import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import { CONTENT_SECURITY_POLICY } from '../../core/http/security-headers.ts';
import { startAssistedSession } from '../accounts/commands/start-assisted-session.ts';
import { createPerson } from '../admin/test-people.ts';
import { birthDateForAge } from '../accounts/verification.fixtures.ts';
import { createEdition, createProposalRow, type EditionFixture } from './budgets.test-support.ts';
import { ballotsOf, ballotUrl, castVote, createVoter, mainText, tick, votersOf, votingTestApp } from './voting.test-support.ts';

/** Object key order puts '11' before '09': find envelopes by their localidad. */
const fontibon = (edition: EditionFixture) => edition.envelopes.find((e) => e.localidad_code === '09')!.id;

describe.each(testEngines())('voting on the ballot page (%s)', (engine) => {
  let t: TestApp;
  let edition: EditionFixture;
  let envelopeId: string;
  const numbers: Record<string, number> = {};

  beforeAll(async () => {
    t = await votingTestApp(engine);
    const db = t.database.db;
    edition = await createEdition(db, { phase: 'voting', ballotRule: 'approval', ballotConfig: { maxChoices: 2 }, envelopes: { '09': 2_000_000_000, '11': 1_000_000_000 } });
    envelopeId = fontibon(edition);
    const other = edition.envelopes.find((e) => e.localidad_code === '11')!.id;
    for (const [key, cost, status] of [
      ['parque', 300_000_000, 'viable'],
      ['biblioteca', 500_000_000, 'viable'],
      ['huerta', 120_000_000, 'viable'],
      ['rechazada', 90_000_000, 'not_viable'],
    ] as const) {
      const p = await createProposalRow(db, { editionId: edition.id, envelopeId, cost, title: `Proyecto ${key} de Fontibón` });
      if (status === 'not_viable') await db.updateTable('participatory_budgets_proposals').set({ status, valuation_reason: 'No es competencia local' }).where('id', '=', p.id).execute();
      numbers[key] = p.number;
    }
    numbers.suba = (await createProposalRow(db, { editionId: edition.id, envelopeId: other, cost: 100_000_000, title: 'Proyecto de Suba' })).number;
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const audits = () => t.database.db.selectFrom('core_audit_log').selectAll().where('action', '=', 'participatory-budgets.vote').orderBy('id').execute();

  it('lists the viable proposals of the envelope with cost, title and a link, explains the rule, and is a plain form', async () => {
    const voter = await createVoter(t.database.db);
    const page = await get(ballotUrl(edition.slug), voter.cookie);
    expect(page.statusCode).toBe(200);
    const text = mainText(page.body);
    expect(text).toContain('Votar en Fontibón');
    expect(text).toContain('Elija hasta 2 proyectos diferentes.');
    for (const key of ['parque', 'biblioteca', 'huerta']) {
      expect(text).toContain(`#${numbers[key]} Proyecto ${key} de Fontibón`);
      expect(page.body).toContain(`href="/presupuestos-participativos/${edition.slug}/propuestas/${numbers[key]}"`);
      expect(page.body).toContain(`<input type="checkbox" id="proyecto-${numbers[key]}" name="proyecto" value="${numbers[key]}"`);
    }
    expect(text).toContain('Costo: $ 300.000.000');
    expect(text).not.toContain('rechazada');
    expect(text).not.toContain('Proyecto de Suba');
    expect(page.body).toContain('<form method="post" action="/presupuestos-participativos/');
    expect(page.body).toContain('name="_csrf"');
    // The live budget bar is a same-origin script the CSP allows; the page works without it.
    const script = /<script src="(\/assets\/pb-ballot\.js\?v=[0-9a-f]+)" defer/.exec(page.body)?.[1];
    expect(script).toBeTruthy();
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    const asset = await get(script!);
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.body).toContain('ballot-status');
    expect(page.body).toContain('aria-live="polite"');
    const english = await get(ballotUrl(edition.slug), `${voter.cookie}; gab_lang=en`);
    expect(mainText(english.body)).toContain('Vote in Fontibón');
    expect(mainText(english.body)).toContain('Cost: COP 300,000,000');
    expect(english.body).toContain('<html lang="en"');
  });

  it('records a vote in one go: an online voter-roll row with the day only, one ballot with its choices, an audit entry without them, and a receipt-free confirmation', async () => {
    const voter = await createVoter(t.database.db);
    const before = (await audits()).length;
    const response = await castVote(t.app, ballotUrl(edition.slug), voter.cookie, tick(numbers.parque!, numbers.huerta!));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/presupuestos-participativos/${edition.slug}/09/votar/confirmacion`);

    const voters = (await votersOf(t.database.db, edition.id)).filter((v) => v.identity_hash === voter.identityHash);
    expect(voters).toEqual([
      { edition_id: edition.id, identity_hash: voter.identityHash, envelope_id: envelopeId, user_id: voter.id, channel: 'online', paper_tally_id: null, voted_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
    const entries = (await audits()).slice(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: voter.id, resource_type: 'participatory-budgets.envelope', resource_id: envelopeId, after: { edition: edition.id, envelope: envelopeId, channel: 'online', changed: false } });
    expect(Object.keys(entries[0]!.after as object).sort()).toEqual(['changed', 'channel', 'edition', 'envelope']);

    const confirmation = await get(response.headers.location as string, voter.cookie);
    expect(confirmation.statusCode).toBe(200);
    const text = mainText(confirmation.body);
    expect(text).toContain('Gracias. Su voto en Fontibón quedó registrado.');
    expect(text).toContain('no le mostramos un comprobante');
    expect(text).not.toContain('parque');
    // Someone who has not voted is sent to the ballot instead.
    const other = await createVoter(t.database.db);
    expect((await get(response.headers.location as string, other.cookie)).headers.location).toBe(ballotUrl(edition.slug));

    const again = await get(ballotUrl(edition.slug), voter.cookie);
    expect(mainText(again.body)).toContain('Ya votó; puede cambiar su voto hasta el');
    expect(again.body).toContain(`id="proyecto-${numbers.parque}" name="proyecto" value="${numbers.parque}" checked`);
    expect(again.body).toContain(`id="proyecto-${numbers.huerta}" name="proyecto" value="${numbers.huerta}" checked`);
    expect(again.body).not.toContain(`value="${numbers.biblioteca}" checked`);
    expect(mainText(again.body)).toContain('Cambiar mi voto');
  });

  it('replaces the ballot when the person changes their vote: still one voter row and one ballot, with the new choices only', async () => {
    const db = t.database.db;
    const voter = await createVoter(db);
    const ballotsBefore = (await ballotsOf(db, envelopeId)).length;
    expect((await castVote(t.app, ballotUrl(edition.slug), voter.cookie, tick(numbers.parque!, numbers.biblioteca!))).statusCode).toBe(303);
    const first = await ballotsOf(db, envelopeId);
    expect(first).toHaveLength(ballotsBefore + 1);
    expect((await castVote(t.app, ballotUrl(edition.slug), voter.cookie, tick(numbers.huerta!))).statusCode).toBe(303);
    const second = await ballotsOf(db, envelopeId);
    expect(second).toHaveLength(ballotsBefore + 1);
    const firstIds = new Set(first.map((b) => b.id));
    const changed = second.filter((b) => !firstIds.has(b.id));
    expect(changed).toHaveLength(1);
    expect(changed[0]!.choices).toEqual([{ number: numbers.huerta, position: 0, value: 1 }]);
    expect(changed[0]!.source).toBe('digital');
    expect((await votersOf(db, edition.id)).filter((v) => v.identity_hash === voter.identityHash)).toHaveLength(1);
    const [last] = (await audits()).slice(-1);
    expect(last).toMatchObject({ actor_id: voter.id, after: { changed: true } });
  });

  it('validates on the server with clear Spanish messages, keeps what the person chose, and writes nothing', async () => {
    const db = t.database.db;
    const voter = await createVoter(db);
    const votersBefore = (await votersOf(db, edition.id)).length;
    const tooMany = await castVote(t.app, ballotUrl(edition.slug), voter.cookie, tick(numbers.parque!, numbers.biblioteca!, numbers.huerta!));
    expect(tooMany.statusCode).toBe(422);
    expect(mainText(tooMany.body)).toContain('Eligió 3 proyectos; puede elegir máximo 2. Quite alguno.');
    expect(tooMany.body).toContain('class="error-summary" role="alert"');
    for (const key of ['parque', 'biblioteca', 'huerta']) expect(tooMany.body).toContain(`value="${numbers[key]}" checked`);

    const nonViable = await castVote(t.app, ballotUrl(edition.slug), voter.cookie, tick(numbers.rechazada!));
    expect(nonViable.statusCode).toBe(422);
    expect(mainText(nonViable.body)).toContain(`El proyecto #${numbers.rechazada} no existe o no está en votación en esta localidad.`);
    const elsewhere = await castVote(t.app, ballotUrl(edition.slug), voter.cookie, tick(numbers.suba!));
    expect(mainText(elsewhere.body)).toContain(`El proyecto #${numbers.suba} no existe o no está en votación en esta localidad.`);
    const unknown = await castVote(t.app, ballotUrl(edition.slug), voter.cookie, tick(9999));
    expect(mainText(unknown.body)).toContain('El proyecto #9999 no existe');
    const empty = await castVote(t.app, ballotUrl(edition.slug), voter.cookie, {});
    expect(empty.statusCode).toBe(422);
    expect(mainText(empty.body)).toContain('Elija al menos un proyecto.');
    expect(await votersOf(db, edition.id)).toHaveLength(votersBefore);
  });

  it('requires the CSRF token and the phase, and answers unknown editions and localidades with 404', async () => {
    const voter = await createVoter(t.database.db);
    const csrf = await csrfFor(t.app);
    const forged = await t.app.inject({
      method: 'POST',
      url: ballotUrl(edition.slug),
      headers: { cookie: `${voter.cookie}; ${csrf.cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `proyecto=${numbers.parque}`,
    });
    expect(forged.statusCode).toBe(403);
    expect((await get(ballotUrl('no-existe'), voter.cookie)).statusCode).toBe(404);
    expect((await get(ballotUrl(edition.slug, '20'), voter.cookie)).statusCode).toBe(404);
    expect((await get(ballotUrl(edition.slug, 'zz'), voter.cookie)).statusCode).toBe(404);
    expect((await votersOf(t.database.db, edition.id)).some((v) => v.identity_hash === voter.identityHash)).toBe(false);
  });
});

describe.each(testEngines())('who may vote, over HTTP (%s)', (engine) => {
  let t: TestApp;
  let open: EditionFixture;
  let proposal: number;

  beforeAll(async () => {
    t = await votingTestApp(engine);
    open = await createEdition(t.database.db, { phase: 'voting', envelopes: { '09': 1_000_000_000, '11': 1_000_000_000 } });
    proposal = (await createProposalRow(t.database.db, { editionId: open.id, envelopeId: fontibon(open), cost: 100_000_000 })).number;
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  /** The page says why and the next step; the form post is refused with the same reason; nothing is written. */
  async function expectRefused(input: { url: string; cookie?: string; reason: string; text: string; next?: string; postStatus?: number }) {
    const page = await get(input.url, input.cookie);
    expect(page.statusCode, input.reason).toBe(200);
    expect(page.body, input.reason).toContain(`data-reason="${input.reason}"`);
    expect(mainText(page.body), input.reason).toContain(input.text);
    if (input.next) expect(page.body, input.reason).toContain(`href="${input.next}"`);
    expect(page.body, input.reason).not.toContain('name="proyecto"');
    const posted = await castVote(t.app, input.url, input.cookie, tick(proposal));
    expect(posted.statusCode, input.reason).toBe(input.postStatus ?? 403);
    if (input.reason !== 'already_done') expect(mainText(posted.body), input.reason).toContain('No puede realizar esta acción');
  }

  it('not signed in: sign in, and come back to the ballot', async () => {
    await expectRefused({
      url: ballotUrl(open.slug),
      reason: 'not_signed_in',
      text: 'Para votar, ingrese con su cuenta.',
      next: `/ingresar?next=${encodeURIComponent(ballotUrl(open.slug))}`,
      postStatus: 401,
    });
  });

  it('not verified: verify your identity', async () => {
    const { cookie } = await createVoter(t.database.db, { level: 'registered' });
    await expectRefused({ url: ballotUrl(open.slug), cookie, reason: 'not_verified', text: 'primero verifique su identidad', next: '/mi-cuenta/verificacion' });
  });

  it('identity but no verified residence: verify your residence', async () => {
    const { cookie } = await createVoter(t.database.db, { level: 'identity' });
    await expectRefused({ url: ballotUrl(open.slug), cookie, reason: 'not_resident', text: 'Verifique su residencia para votar.', next: '/mi-cuenta/verificacion' });
  });

  it('under 14: says the minimum age', async () => {
    const { cookie } = await createVoter(t.database.db, { birthDate: birthDateForAge(13) });
    await expectRefused({ url: ballotUrl(open.slug), cookie, reason: 'under_age', text: 'Pueden votar las personas de 14 años o más.' });
  });

  it('14 to 17 without guardian consent: go with the guardian to a service point; with consent the ballot opens', async () => {
    const { cookie } = await createVoter(t.database.db, { birthDate: birthDateForAge(15) });
    await expectRefused({ url: ballotUrl(open.slug), cookie, reason: 'guardian_consent_missing', text: 'necesita el consentimiento de su madre, padre o acudiente' });
    const consented = await createVoter(t.database.db, { birthDate: birthDateForAge(15), guardianConsent: true });
    const page = await get(ballotUrl(open.slug), consented.cookie);
    expect(page.body).toContain('name="proyecto"');
    expect((await castVote(t.app, ballotUrl(open.slug), consented.cookie, tick(proposal))).statusCode).toBe(303);
  });

  it('resident of another localidad: vote in your own localidad', async () => {
    const { cookie } = await createVoter(t.database.db);
    await expectRefused({
      url: ballotUrl(open.slug, '11'),
      cookie,
      reason: 'wrong_localidad',
      text: 'Usted reside en Fontibón: vota por los proyectos de su localidad, no de Suba.',
      next: ballotUrl(open.slug, '09'),
    });
  });

  it('consent to data processing revoked: give it again', async () => {
    const voter = await createVoter(t.database.db);
    await t.database.db.insertInto('core_consents').values({ user_id: voter.id, policy: 'privacy', policy_version: '1', granted_at: new Date(Date.now() - 3_600_000).toISOString(), revoked_at: new Date().toISOString() }).execute();
    await expectRefused({ url: ballotUrl(open.slug), cookie: voter.cookie, reason: 'consent_missing', text: 'vuelva a darla', next: '/mi-cuenta/datos' });
  });

  it('window not open yet, or closed: says when, for everyone', async () => {
    const db = t.database.db;
    const upcoming = await createEdition(db, { phase: 'review', envelopes: { '09': 1_000_000_000 } });
    const closed = await createEdition(db, { phase: 'counting', envelopes: { '09': 1_000_000_000 } });
    const { cookie } = await createVoter(db);
    await expectRefused({ url: ballotUrl(upcoming.slug), cookie, reason: 'phase_closed', text: 'La votación abre el' });
    await expectRefused({ url: ballotUrl(closed.slug), cookie, reason: 'phase_closed', text: 'La votación cerró el' });
    const visitor = await get(ballotUrl(closed.slug));
    expect(visitor.body).toContain('data-reason="phase_closed"');
  });

  it('voted on paper: already done, with the station, and no online ballot', async () => {
    const db = t.database.db;
    const voter = await createVoter(db);
    const envelope = fontibon(open);
    const tally = await db
      .insertInto('participatory_budgets_paper_tallies')
      .values({ envelope_id: envelope, polling_station: 'Colegio Fontibón — Mesa 1', ballots_count: 0, voters_count: 1, report: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('participatory_budgets_voters')
      .values({ edition_id: open.id, identity_hash: voter.identityHash, envelope_id: envelope, user_id: null, channel: 'paper', paper_tally_id: tally.id, voted_on: '2026-01-01' })
      .execute();
    const ballots = (await ballotsOf(db, envelope)).length;
    await expectRefused({ url: ballotUrl(open.slug), cookie: voter.cookie, reason: 'already_done', text: 'Usted ya votó en papel en la mesa «Colegio Fontibón — Mesa 1»' });
    expect(await ballotsOf(db, envelope)).toHaveLength(ballots);
    const [row] = (await votersOf(db, open.id)).filter((v) => v.identity_hash === voter.identityHash);
    expect(row).toMatchObject({ channel: 'paper', paper_tally_id: tally.id });
  });
});

describe.each(testEngines())('assisted voting at a service desk (%s)', (engine) => {
  let t: TestApp;
  let edition: EditionFixture;
  let proposal: number;
  let clerk: { id: string; cookie: string; actor: { userId: string; displayName: string; roles: { role: 'desk_clerk'; entityCode: null }[] } };

  beforeAll(async () => {
    t = await votingTestApp(engine);
    const db = t.database.db;
    edition = await createEdition(db, { phase: 'voting', ballotRule: 'cumulative', ballotConfig: { points: 10, maxPerProject: 6 }, envelopes: { '09': 1_000_000_000 } });
    proposal = (await createProposalRow(db, { editionId: edition.id, envelopeId: edition.envelopes[0]!.id, cost: 100_000_000 })).number;
    // The clerk lives elsewhere and is not verified: the citizen's eligibility is what counts.
    const { id } = await createPerson(db, { name: 'Marta Funcionaria', roles: [{ role: 'desk_clerk' }] });
    clerk = { id, cookie: await signInAs(db, id), actor: { userId: id, displayName: 'Marta Funcionaria', roles: [{ role: 'desk_clerk', entityCode: null }] } };
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const assist = (citizenId: string) => withTransaction(t.database.db, (tx) => startAssistedSession(tx, { citizenId, clerk: clerk.actor, reason: 'Apoyo para votar en el CADE', minutes: 60 }));

  it("opens the citizen's ballot for a clerk with an open session, records an assisted vote and audits the clerk", async () => {
    const db = t.database.db;
    const citizen = await createVoter(db, { name: 'Rosa Acompañada' });
    expect((await assist(citizen.id)).ok).toBe(true);
    const own = await get(ballotUrl(edition.slug), clerk.cookie);
    expect(own.body).toContain('data-reason="not_verified"');
    expect(mainText(own.body)).toContain('Abrir el tarjetón de Rosa Acompañada');
    expect(own.body).toContain(`href="${ballotUrl(edition.slug, '09', citizen.id)}"`);

    const page = await get(ballotUrl(edition.slug, '09', citizen.id), clerk.cookie);
    expect(page.statusCode).toBe(200);
    expect(mainText(page.body)).toContain('Votar en Fontibón con Rosa Acompañada');
    expect(page.body).toContain(`action="${ballotUrl(edition.slug, '09', citizen.id)}"`);
    expect(page.body).toContain(`name="puntos-${proposal}"`);

    const response = await castVote(t.app, ballotUrl(edition.slug, '09', citizen.id), clerk.cookie, { [`puntos-${proposal}`]: '5' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/presupuestos-participativos/${edition.slug}/09/votar/confirmacion?persona=${citizen.id}`);
    expect(mainText((await get(response.headers.location as string, clerk.cookie)).body)).toContain('El voto de Rosa Acompañada en Fontibón quedó registrado como voto asistido.');
    const [voter] = (await votersOf(db, edition.id)).filter((v) => v.identity_hash === citizen.identityHash);
    expect(voter).toMatchObject({ channel: 'assisted', user_id: citizen.id });
    const [audit] = await db.selectFrom('core_audit_log').selectAll().where('action', '=', 'participatory-budgets.vote').where('actor_id', '=', citizen.id).execute();
    expect(audit!.actor_label).toContain('acompañado por Marta Funcionaria');
    expect(audit!.after).toMatchObject({ channel: 'assisted', assistedBy: { clerkId: clerk.id } });
    // The citizen sees the same ballot when they later sign in themselves, and may change it.
    const mine = await get(ballotUrl(edition.slug), citizen.cookie);
    expect(mine.body).toContain(`name="puntos-${proposal}"`);
    expect(mine.body).toMatch(new RegExp(`name="puntos-${proposal}"[^>]*value="5"`));
  });

  it("checks the citizen's eligibility, not the clerk's", async () => {
    const citizen = await createVoter(t.database.db, { name: 'Pedro Sin Residencia', level: 'identity' });
    expect((await assist(citizen.id)).ok).toBe(true);
    const page = await get(ballotUrl(edition.slug, '09', citizen.id), clerk.cookie);
    expect(page.body).toContain('data-reason="not_resident"');
    expect(mainText(page.body)).toContain('Pedro Sin Residencia no puede votar aquí');
    expect((await castVote(t.app, ballotUrl(edition.slug, '09', citizen.id), clerk.cookie, { [`puntos-${proposal}`]: '5' })).statusCode).toBe(403);
  });

  it('refuses anyone without an open session for that person, and writes nothing', async () => {
    const db = t.database.db;
    const citizen = await createVoter(db, { name: 'Lucía Sin Sesión' });
    const page = await get(ballotUrl(edition.slug, '09', citizen.id), clerk.cookie);
    expect(page.statusCode).toBe(403);
    expect(mainText(page.body)).toContain('No tiene una sesión de atención asistida abierta con esta persona.');
    expect((await castVote(t.app, ballotUrl(edition.slug, '09', citizen.id), clerk.cookie, { [`puntos-${proposal}`]: '5' })).statusCode).toBe(403);
    const stranger = await createVoter(db);
    expect((await castVote(t.app, ballotUrl(edition.slug, '09', citizen.id), stranger.cookie, { [`puntos-${proposal}`]: '5' })).statusCode).toBe(403);
    expect((await castVote(t.app, ballotUrl(edition.slug, '09', citizen.id), undefined, { [`puntos-${proposal}`]: '5' })).statusCode).toBe(401);
    expect((await get(ballotUrl(edition.slug, '09', 'no-es-un-id'), clerk.cookie)).statusCode).toBe(404);
    expect((await votersOf(db, edition.id)).some((v) => v.identity_hash === citizen.identityHash)).toBe(false);
  });
});
