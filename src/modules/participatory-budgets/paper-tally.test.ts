import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { postForm } from '../../../test/post-form.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { identityHash } from '../../core/verification/identity.ts';
import { columnsContaining } from '../accounts/verification.fixtures.ts';
import { createPerson } from '../admin/test-people.ts';
import { createEdition, createProposalRow, type EditionFixture } from './budgets.test-support.ts';
import { ballotsOf, ballotUrl, castVote, createVoter, mainText, paperUrl, tick, votersOf, votingTestApp, type TestVoter } from './voting.test-support.ts';

/** Document numbers used in this file: none may be stored anywhere. */
const DOCS = ['71000001', '71000002', '71000003', '71000004', '71000005', '71000006', '71000007', '79000001', '79000002'];

describe.each(testEngines())('paper ballots of a polling station (%s)', (engine) => {
  let t: TestApp;
  let edition: EditionFixture;
  let envelopeId: string;
  let numbers: number[];
  let official: string;

  beforeAll(async () => {
    t = await votingTestApp(engine);
    const db = t.database.db;
    edition = await createEdition(db, { phase: 'voting', ballotRule: 'approval', ballotConfig: { maxChoices: 2 }, envelopes: { '09': 1_000_000_000 } });
    envelopeId = edition.envelopes[0]!.id;
    numbers = [];
    for (let i = 0; i < 3; i++) numbers.push((await createProposalRow(db, { editionId: edition.id, envelopeId, cost: 100_000_000 })).number);
    const { id } = await createPerson(db, { name: 'Olga Funcionaria', roles: [{ role: 'entity_official', entityCode: 'alcaldia-local-09' }] });
    official = await signInAs(db, id);
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const submit = (fields: { mesa: string; registro: string; papeletas: string; paso?: string; huella?: string }, cookie = official, slug = edition.slug) =>
    postForm(t.app, paperUrl(slug), cookie, { paso: 'revisar', ...fields });
  const book = (...docs: string[]) => ['tipo_documento,numero_documento', ...docs.map((d) => `CC,${d}`)].join('\n');
  const fingerprint = (html: string) => /name="huella" value="([0-9a-f]+)"/.exec(html)?.[1];

  /** A verified resident whose identity is the document `number` (as the registry would hash it). */
  async function residentWithDocument(number: string): Promise<TestVoter> {
    const voter = await createVoter(t.database.db);
    const hash = identityHash(t.config.secret, 'CC', number);
    await t.database.db.updateTable('core_identities').set({ identity_hash: hash }).where('user_id', '=', voter.id).execute();
    return { ...voter, identityHash: hash };
  }

  it('is for officials of the localidad, during voting and counting', async () => {
    const db = t.database.db;
    const page = await get(paperUrl(edition.slug), official);
    expect(page.statusCode).toBe(200);
    expect(mainText(page.body)).toContain('Votos en papel de Fontibón');
    expect(page.body).toContain('<textarea id="registro" name="registro"');
    expect((await get(paperUrl(edition.slug))).statusCode).toBe(401);
    const citizen = await createVoter(db);
    const refused = await get(paperUrl(edition.slug), citizen.cookie);
    expect(refused.statusCode).toBe(403);
    expect(mainText(refused.body)).toContain('Su cuenta no tiene el rol necesario');
    const { id } = await createPerson(db, { name: 'Otro Funcionario', roles: [{ role: 'entity_official', entityCode: 'alcaldia-local-11' }] });
    const elsewhere = await signInAs(db, id);
    expect(mainText((await get(paperUrl(edition.slug), elsewhere)).body)).toContain('Su rol es de otra entidad.');
    expect((await submit({ mesa: 'Mesa X', registro: book('71000009'), papeletas: `${numbers[0]}` }, elsewhere)).statusCode).toBe(403);
    const counting = await createEdition(db, { phase: 'counting', envelopes: { '09': 1_000_000_000 } });
    expect((await get(paperUrl(counting.slug), official)).statusCode).toBe(200);
    const results = await createEdition(db, { phase: 'results', envelopes: { '09': 1_000_000_000 } });
    const late = await get(paperUrl(results.slug), official);
    expect(late.statusCode).toBe(403);
    expect(mainText(late.body)).toContain('Esta etapa ya está cerrada.');
  });

  it('previews a reconciliation report and writes nothing until confirmed; then imports voters and ballots in one transaction', async () => {
    const db = t.database.db;
    const person = await residentWithDocument('71000001');
    const fields = {
      mesa: '  Colegio   Fontibón — Mesa 3 ',
      registro: book('71000001', '7.100.000-2', '71000003', '71000004', '71000005', '71000006'),
      papeletas: ['propuestas', `${numbers[0]} ${numbers[1]}`, `${numbers[2]}`, 'blanco', `${numbers[0]},${numbers[1]},${numbers[2]}`, `${numbers[1]}`, 'nulo'].join('\n'),
    };
    const preview = await submit(fields);
    expect(preview.statusCode).toBe(200);
    const text = mainText(preview.body);
    expect(text).toContain('Informe de conciliación de «Colegio Fontibón — Mesa 3»');
    expect(text).toContain('Todo concilia.');
    expect(preview.body).toContain('data-acceptable="true"');
    expect(text).toContain('Línea 5: Eligió 3 proyectos; puede elegir máximo 2. Quite alguno.');
    expect(text).toMatch(/Personas en el registro 6 Personas habilitadas \(sin votos previos\) 6 Papeletas en la urna 6 Papeletas válidas 3 Votos en blanco 1 Votos nulos 1 Papeletas inválidas 1/);
    expect(preview.body).toContain('name="paso" value="confirmar"');
    expect(preview.body).toContain('Colegio Fontibón — Mesa 3');
    expect(await db.selectFrom('participatory_budgets_paper_tallies').select('id').where('envelope_id', '=', envelopeId).execute()).toHaveLength(0);
    expect(await votersOf(db, edition.id)).toHaveLength(0);

    const confirmed = await submit({ ...fields, paso: 'confirmar', huella: fingerprint(preview.body)! });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe(paperUrl(edition.slug));
    const after = await get(paperUrl(edition.slug), official);
    expect(mainText(after.body)).toContain('Mesa «Colegio Fontibón — Mesa 3» importada: 3 papeletas válidas y 6 votantes.');
    expect(mainText(after.body)).toContain('En línea: 0. Con asistencia: 0. En papel: 6.');

    const [tally] = await db.selectFrom('participatory_budgets_paper_tallies').selectAll().where('envelope_id', '=', envelopeId).execute();
    expect(tally).toMatchObject({ polling_station: 'Colegio Fontibón — Mesa 3', ballots_count: 3, voters_count: 6 });
    expect(tally!.report).toMatchObject({ ballots: { lines: 6, valid: 3, blank: 1, null: 1, invalid: [{ line: 5, codes: ['too_many'] }] } });
    const voters = await votersOf(db, edition.id);
    expect(voters).toHaveLength(6);
    expect(voters.every((v) => v.channel === 'paper' && v.paper_tally_id === tally!.id)).toBe(true);
    expect(voters.find((v) => v.identity_hash === person.identityHash)?.user_id).toBe(person.id);
    expect(new Set(voters.map((v) => v.identity_hash))).toContain(identityHash(t.config.secret, 'CC', '71000002'));
    const ballots = await ballotsOf(db, envelopeId);
    expect(ballots.every((b) => b.source === 'paper' && b.ballot_key === null && b.paper_tally_id === tally!.id)).toBe(true);
    expect(ballots.map((b) => b.choices.map((c) => c.number).join(' ')).sort()).toEqual([`${numbers[0]} ${numbers[1]}`, `${numbers[1]}`, `${numbers[2]}`].sort());
    const [audit] = await db.selectFrom('core_audit_log').selectAll().where('action', '=', 'participatory-budgets.enter-paper-ballots').where('resource_id', '=', tally!.id).execute();
    expect(audit!.after).toEqual({ edition: edition.id, envelope: envelopeId, pollingStation: 'Colegio Fontibón — Mesa 3', voters: 6, ballots: 3, blank: 1, null: 1, invalid: 1 });

    // Who voted on paper cannot vote online.
    const page = await get(ballotUrl(edition.slug), person.cookie);
    expect(page.body).toContain('data-reason="already_done"');
    expect(mainText(page.body)).toContain('Usted ya votó en papel en la mesa «Colegio Fontibón — Mesa 3»');
    expect((await castVote(t.app, ballotUrl(edition.slug), person.cookie, tick(numbers[0]!))).statusCode).toBe(403);
    expect(await ballotsOf(db, envelopeId)).toHaveLength(3);

    // The same station cannot be imported twice.
    const again = await submit({ ...fields, registro: book('71000007'), papeletas: `${numbers[0]}` });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('data-problem="station_exists"');
    expect(mainText(again.body)).toContain('Esta mesa ya fue importada en esta localidad.');
  });

  it('refuses, saying exactly why: unreadable or repeated poll-book lines, people who already voted online or at another station, more ballots than voters', async () => {
    const db = t.database.db;
    const online = await residentWithDocument('79000001');
    expect((await castVote(t.app, ballotUrl(edition.slug), online.cookie, tick(numbers[0]!))).statusCode).toBe(303);
    const fields = {
      mesa: 'Mesa 4',
      registro: ['CC,79000002', 'XX,123456', 'CC,12', 'CC,79000002', 'CC,79000001', 'CC,71000003', '1020304050'].join('\n'),
      papeletas: [`${numbers[0]}`, `${numbers[1]}`, '999', `${numbers[2]}:1`].join('\n'),
    };
    const report = await submit(fields);
    expect(report.statusCode).toBe(422);
    expect(report.body).toContain('data-acceptable="false"');
    for (const problem of ['poll_book_invalid', 'poll_book_duplicates', 'already_voted', 'too_many_ballots']) expect(report.body).toContain(`data-problem="${problem}"`);
    const text = mainText(report.body);
    expect(text).toContain('Línea 2: tipo de documento desconocido (use CC, TI, CE, PPT o PA).');
    expect(text).toContain('Línea 3: el número de documento no es válido para ese tipo.');
    expect(text).toContain('Línea 4: la misma persona ya está en la línea 1.');
    expect(text).toContain('Línea 5: esta persona ya votó en línea.');
    expect(text).toContain('Línea 6: esta persona ya votó en la mesa «Colegio Fontibón — Mesa 3».');
    expect(text).toContain('Línea 7: escriba el tipo y el número de documento separados por coma.');
    expect(text).toContain('Hay 4 papeletas pero solo 1 personas habilitadas en el registro: no concilia.');
    expect(text).toContain('Línea 3: El proyecto #999 no existe o no está en votación en esta localidad.');
    expect(text).toContain('Línea 4: No entendimos');
    expect(report.body).not.toContain('name="paso" value="confirmar"');
    // Confirming anyway imports nothing.
    const forced = await submit({ ...fields, paso: 'confirmar', huella: fingerprint(report.body)! });
    expect(forced.statusCode).toBe(422);
    expect(await db.selectFrom('participatory_budgets_paper_tallies').select('id').where('polling_station', '=', 'Mesa 4').execute()).toHaveLength(0);
    const [voter] = (await votersOf(db, edition.id)).filter((v) => v.identity_hash === online.identityHash);
    expect(voter!.channel).toBe('online');
  });

  it('imports only the text that was checked, and validates the form with its values kept', async () => {
    const db = t.database.db;
    const fields = { mesa: 'Mesa 5', registro: book('71000007'), papeletas: `${numbers[0]}` };
    const preview = await submit(fields);
    expect(preview.statusCode).toBe(200);
    const changed = await submit({ ...fields, papeletas: `${numbers[1]}`, paso: 'confirmar', huella: fingerprint(preview.body)! });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('data-acceptable="true"');
    expect(await db.selectFrom('participatory_budgets_paper_tallies').select('id').where('polling_station', '=', 'Mesa 5').execute()).toHaveLength(0);
    const small = await submit({ ...fields, papeletas: `${numbers[1]}`, paso: 'confirmar', huella: fingerprint(changed.body)! });
    expect(small.statusCode).toBe(303);
    expect(await db.selectFrom('participatory_budgets_paper_tallies').select('report').where('polling_station', '=', 'Mesa 5').executeTakeFirstOrThrow()).toMatchObject({ report: { warnings: ['small_station'] } });

    const empty = await submit({ mesa: 'M', registro: '', papeletas: '  ' });
    expect(empty.statusCode).toBe(422);
    const text = mainText(empty.body);
    for (const message of ['Escriba el nombre de la mesa (de 2 a 200 caracteres).', 'Pegue el registro de votantes.', 'Pegue las papeletas (una por línea).']) expect(text).toContain(message);
    expect(empty.body).toContain('value="M"');
  });

  it('never stores a document number, anywhere', async () => {
    expect(await columnsContaining(t.database.db, DOCS)).toEqual([]);
  });
});
