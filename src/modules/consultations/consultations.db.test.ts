import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { loadActor } from '../../core/auth/load-actor.ts';
import { withTransaction, type Db } from '../../core/db/database.ts';
import { isCheckViolation, isUniqueViolation } from '../../core/db/pg-errors.ts';
import type { Actor } from '../../core/permissions/permissions.ts';
import type { AnswerRow } from './answers.ts';
import { closeConsultation } from './commands/close-consultation.ts';
import { deleteDraftConsultation } from './commands/delete-draft.ts';
import { importPaperResponses } from './commands/import-paper.ts';
import { publishConsultation, publishResultsEarly } from './commands/publish.ts';
import { sealConsultation } from './commands/seal-consultation.ts';
import { categoriesOf, submitResponse } from './commands/submit-response.ts';
import { loadQuestionnaire } from './consultations.queries.ts';
import { buildConsultationsApp, createConsultation, createResident, type ConsultationFixture } from './consultations.test-support.ts';
import { reconcilePaperCsv } from './paper.ts';
import type { QuestionDef } from './questionnaire.ts';
import { responseKey } from './response-key.ts';
import { computeResults } from './results.queries.ts';

/** Every distinct non-null value of every column of `table` (as text), except the excluded columns. */
async function columnValues(db: Db, table: string, exclude: string[] = []): Promise<{ columns: string[]; values: Set<string> }> {
  const columns = (
    await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} ORDER BY ordinal_position`.execute(db)
  ).rows
    .map((r) => r.column_name)
    .filter((c) => !exclude.includes(c));
  const values = new Set<string>();
  for (const column of columns) {
    const rows = await sql<{ v: string }>`SELECT DISTINCT ${sql.ref(column)}::text AS v FROM ${sql.table(table)} WHERE ${sql.ref(column)} IS NOT NULL`.execute(db);
    for (const r of rows.rows) values.add(r.v);
  }
  return { columns, values };
}

describe.each(testEngines())('consultation invariants in the database (%s)', (engine) => {
  let t: TestApp;
  let db: Db;
  let secret: string;

  beforeAll(async () => {
    t = await buildConsultationsApp(engine);
    db = t.database.db;
    secret = t.config.secret;
  });
  afterAll(async () => t?.close());

  async function respondent(options: Parameters<typeof createResident>[2] = {}) {
    const person = await createResident(db, secret, options);
    return { ...person, actor: (await loadActor(db, person.id))! };
  }

  function submit(fixture: ConsultationFixture, questions: QuestionDef[], person: { actor: Actor; identityHash: string }, rows: AnswerRow[], options: { secret?: boolean; allowEdit?: boolean } = {}) {
    return withTransaction(db, async (tx) =>
      submitResponse(tx, {
        consultation: { id: fixture.id, secret: options.secret ?? true, allow_edit: options.allowEdit ?? false },
        questions,
        actor: person.actor,
        identityHash: person.identityHash,
        responseKey: responseKey(secret, fixture.id, person.identityHash),
        rows,
        categories: await categoriesOf(tx, person.actor, new Date()),
      }),
    );
  }

  const choose = (q: QuestionDef, index: number): AnswerRow[] => [{ questionId: q.id, position: 0, optionId: q.options[index]!.id, number: null, text: null }];
  const count = async (table: 'consultations_participants' | 'consultations_responses', consultationId: string) =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('consultation_id', '=', consultationId).executeTakeFirstOrThrow()).n);

  it('keeps one response per identity under 50 concurrent attempts, without edits', async () => {
    const fixture = await createConsultation(db, { state: 'open', questions: [{ kind: 'single_choice', options: ['Sí', 'No'] }] });
    const questions = await loadQuestionnaire(db, fixture.id);
    const person = await respondent();
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => submit(fixture, questions, person, choose(questions[0]!, i % 2))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const outcomes = results.map((r) => (r.status === 'fulfilled' ? (r.value.ok ? 'ok' : r.value.reason) : 'error'));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already_done')).toHaveLength(49);
    expect(await count('consultations_participants', fixture.id)).toBe(1);
    expect(await count('consultations_responses', fixture.id)).toBe(1);
  });

  it('keeps one response per identity under 50 concurrent edits, holding the answers of one of them', async () => {
    const fixture = await createConsultation(db, { state: 'open', allowEdit: true, questions: [{ kind: 'multiple_choice', options: ['a', 'b', 'c'] }] });
    const questions = await loadQuestionnaire(db, fixture.id);
    const q = questions[0]!;
    const person = await respondent();
    const rowsFor = (i: number): AnswerRow[] => q.options.slice(0, 1 + (i % 3)).map((o, k) => ({ questionId: q.id, position: k, optionId: o.id, number: null, text: null }));
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => submit(fixture, questions, person, rowsFor(i), { allowEdit: true })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.changed)).toHaveLength(1);
    expect(await count('consultations_participants', fixture.id)).toBe(1);
    expect(await count('consultations_responses', fixture.id)).toBe(1);
    const answers = await db.selectFrom('consultations_answers').select('position').where('question_id', '=', q.id).orderBy('position').execute();
    // Whole answers of a single submission: positions 0..k-1, never a mix of two.
    expect(answers.map((a) => a.position)).toEqual(Array.from({ length: answers.length }, (_, k) => k));
  });

  it('refuses a second participant row for the same identity at the database, whatever the code does', async () => {
    const fixture = await createConsultation(db, { state: 'open', questions: [{ kind: 'short_text' }] });
    const row = { consultation_id: fixture.id, identity_hash: 'h'.repeat(64), channel: 'online' as const, participated_on: '2026-06-01' };
    await db.insertInto('consultations_participants').values(row).execute();
    const error = await db
      .insertInto('consultations_participants')
      .values({ ...row, channel: 'paper' })
      .execute()
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    const secretWithUser = await db
      .insertInto('consultations_responses')
      .values({ consultation_id: fixture.id, secret: true, response_key: 'a'.repeat(64), user_id: (await respondent()).id })
      .execute()
      .catch((e: unknown) => e);
    expect(isCheckViolation(secretWithUser)).toBe(true);
    const wrongSecrecy = await db
      .insertInto('consultations_responses')
      .values({ consultation_id: fixture.id, secret: false, response_key: 'b'.repeat(64) })
      .execute()
      .catch((e: unknown) => e);
    expect((wrongSecrecy as { code?: string }).code).toBe('23503');
  });

  it('lets a paper response stand against later online attempts, and reports online ones in a paper file', async () => {
    const fixture = await createConsultation(db, { state: 'open', allowEdit: true, questions: [{ kind: 'single_choice', options: ['Sí', 'No'] }] });
    const questions = await loadQuestionnaire(db, fixture.id);
    const onPaper = await respondent();
    const online = await respondent();
    const csv = `tipo_documento,numero_documento,p1\nCC,${onPaper.document.number},1\n`;
    const report = await reconcilePaperCsv(db, { bytes: Buffer.from(csv), secret, consultation: { id: fixture.id, secret: true, min_age: 14, localidades: [] }, questions });
    expect(report.ready).toBe(true);
    await withTransaction(db, (tx) => importPaperResponses(tx, { actor: online.actor, consultation: { id: fixture.id, secret: true }, questions, responses: report.prepared, serverSecret: secret, fileSha256: report.sha256 }));
    expect(await submit(fixture, questions, onPaper, choose(questions[0]!, 1), { allowEdit: true })).toEqual({ ok: false, reason: 'already_done' });
    expect((await submit(fixture, questions, online, choose(questions[0]!, 0), { allowEdit: true })).ok).toBe(true);
    const again = await reconcilePaperCsv(db, {
      bytes: Buffer.from(`tipo_documento,numero_documento,p1\nCC,${online.document.number},2\nCC,${onPaper.document.number},2\n`),
      secret,
      consultation: { id: fixture.id, secret: true, min_age: 14, localidades: [] },
      questions,
    });
    expect(again.problems.map((p) => [p.line, p.key])).toEqual([
      [2, 'consultations.paper.problems.already_online'],
      [3, 'consultations.paper.problems.already_paper'],
    ]);
  });

  it('stores nothing in the responses tables of a secret consultation that appears among participants, users or identities', async () => {
    const fixture = await createConsultation(db, {
      state: 'open',
      allowEdit: true,
      questions: [{ kind: 'single_choice', options: ['Sí', 'No'] }, { kind: 'long_text', required: false }, { kind: 'number', required: false }],
    });
    const questions = await loadQuestionnaire(db, fixture.id);
    const people = [];
    for (let i = 0; i < 12; i++) people.push(await respondent({ localidad: i < 9 ? '11' : '07', level: 'residence', birthDate: i % 2 ? '1999-02-02' : '1960-03-03' }));
    for (const [i, person] of people.entries()) {
      const rows: AnswerRow[] = [...choose(questions[0]!, i % 2), { questionId: questions[1]!.id, position: 0, optionId: null, number: null, text: `Comentario número ${i}` }, { questionId: questions[2]!.id, position: 0, optionId: null, number: 1000 + i, text: null }];
      expect((await submit(fixture, questions, person, rows, { allowEdit: true })).ok).toBe(true);
    }
    // An edit, an assisted answer and a paper one: every way a response is written.
    await submit(fixture, questions, people[0]!, choose(questions[0]!, 1), { allowEdit: true });
    const assisted = await respondent();
    await submit(fixture, questions, { ...assisted, actor: { ...assisted.actor, assistedBy: { clerkId: people[1]!.id, sessionId: people[2]!.id } } }, choose(questions[0]!, 0), { allowEdit: true });
    const paperPerson = await respondent();
    const report = await reconcilePaperCsv(db, {
      bytes: Buffer.from(`tipo_documento,numero_documento,p1,p2,p3\nCC,${paperPerson.document.number},2,En papel,7\n`),
      secret,
      consultation: { id: fixture.id, secret: true, min_age: 14, localidades: [] },
      questions,
    });
    await withTransaction(db, (tx) => importPaperResponses(tx, { actor: null, consultation: { id: fixture.id, secret: true }, questions, responses: report.prepared, serverSecret: secret, fileSha256: report.sha256 }));

    const scan = async () => {
      const forbidden = new Set<string>();
      for (const [table, exclude] of [['consultations_participants', ['consultation_id']], ['core_users', []], ['core_identities', []]] as const) {
        for (const v of (await columnValues(db, table, [...exclude])).values) forbidden.add(v);
      }
      const hits: string[] = [];
      let scanned = 0;
      for (const table of ['consultations_responses', 'consultations_answers']) {
        const { columns } = await columnValues(db, table);
        for (const column of columns.filter((c) => c !== 'consultation_id')) {
          scanned++;
          // Only this secret consultation's rows: public consultations (the demo's) carry user ids by design.
          const rows = await sql<{ v: string }>`SELECT DISTINCT ${sql.ref(column)}::text AS v FROM ${sql.table(table)} WHERE ${sql.ref(column)} IS NOT NULL AND ${table === 'consultations_responses' ? sql`consultation_id = ${fixture.id}` : sql`response_id IN (SELECT id FROM consultations_responses WHERE consultation_id = ${fixture.id})`}`.execute(db);
          for (const r of rows.rows) if (forbidden.has(r.v)) hits.push(`${table}.${column} = ${r.v}`);
        }
      }
      return { hits, scanned, forbidden: forbidden.size };
    };
    const before = await scan();
    expect(before.scanned).toBeGreaterThanOrEqual(15);
    expect(before.forbidden).toBeGreaterThan(50);
    expect(before.hits).toEqual([]);
    // The only column the two sides share is the consultation.
    const columnsOf = async (table: string) => (await columnValues(db, table, [])).columns;
    const participantColumns = await columnsOf('consultations_participants');
    const responseColumns = [...(await columnsOf('consultations_responses')), ...(await columnsOf('consultations_answers'))];
    expect(participantColumns.filter((c) => responseColumns.includes(c))).toEqual(['consultation_id']);

    // Sealing at closing: new ids in random order, keys nobody can recompute, small groups erased.
    const answersBefore = await computeResults(db, { id: fixture.id, secret: true }, questions);
    await db.updateTable('consultations_consultations').set({ opens_at: new Date(Date.now() - 9 * 86400_000).toISOString(), closes_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', fixture.id).execute();
    const idsBefore = (await db.selectFrom('consultations_responses').select('id').where('consultation_id', '=', fixture.id).execute()).map((r) => r.id);
    expect(await withTransaction(db, (tx) => sealConsultation(tx, fixture.id))).toBe(true);
    expect(await withTransaction(db, (tx) => sealConsultation(tx, fixture.id))).toBe(false);
    const after = await db.selectFrom('consultations_responses').select(['id', 'response_key', 'localidad_code']).where('consultation_id', '=', fixture.id).execute();
    expect(after).toHaveLength(idsBefore.length);
    expect(after.some((r) => idsBefore.includes(r.id))).toBe(false);
    const keys = new Set(after.map((r) => r.response_key));
    for (const person of [...people, assisted, paperPerson]) expect(keys.has(responseKey(secret, fixture.id, person.identityHash))).toBe(false);
    // Ten respondents live in Suba (nine plus the assisted person): kept. Three in Bosa: erased.
    expect(after.filter((r) => r.localidad_code === '11')).toHaveLength(10);
    expect(after.filter((r) => r.localidad_code === '07')).toHaveLength(0);
    expect(await computeResults(db, { id: fixture.id, secret: true }, questions)).toEqual(answersBefore);
    expect((await scan()).hits).toEqual([]);
  });

  it('deletes only what was never published, even when the route’s check is stale', async () => {
    const official = await respondent({ roles: [{ role: 'entity_official', entityCode: 'sdp' }] });
    // Published between the page's load and the deletion: the command itself refuses.
    const late = await createConsultation(db, { state: 'draft', questions: [{ kind: 'single_choice', options: ['a', 'b'] }] });
    expect((await withTransaction(db, (tx) => publishConsultation(tx, official.actor, late.id))).ok).toBe(true);
    expect(await withTransaction(db, (tx) => deleteDraftConsultation(tx, official.actor, late.id))).toEqual({ ok: false, reason: 'phase_closed' });
    expect(await db.selectFrom('consultations_questions').select('id').where('consultation_id', '=', late.id).execute()).toHaveLength(1);
    const draft = await createConsultation(db, { state: 'draft', title: 'Borrador para borrar', questions: [{ kind: 'single_choice', options: ['a', 'b'] }] });
    expect(await withTransaction(db, (tx) => deleteDraftConsultation(tx, official.actor, draft.id))).toEqual({ ok: true, title: 'Borrador para borrar' });
    expect(await db.selectFrom('consultations_options').select('id').where('question_id', '=', draft.questions[0]!.id).execute()).toHaveLength(0);
    expect(await withTransaction(db, (tx) => deleteDraftConsultation(tx, official.actor, draft.id))).toEqual({ ok: false, reason: 'not_found' });
    // Publishing the deleted draft (a page loaded before the deletion) finds nothing, without an error.
    expect(await withTransaction(db, (tx) => publishConsultation(tx, official.actor, draft.id))).toEqual({ ok: false, reason: 'not_found' });
  });

  it('at closing, seals a secret consultation and tells its participants with an account, once', async () => {
    const fixture = await createConsultation(db, { state: 'open', questions: [{ kind: 'single_choice', options: ['Sí', 'No'] }] });
    const questions = await loadQuestionnaire(db, fixture.id);
    const people = [await respondent(), await respondent()];
    for (const person of people) await submit(fixture, questions, person, choose(questions[0]!, 0));
    expect(await closeConsultation(db, fixture.id)).toBe(false);
    await db.updateTable('consultations_consultations').set({ closes_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', fixture.id).execute();
    expect(await closeConsultation(db, fixture.id)).toBe(true);
    expect(await closeConsultation(db, fixture.id)).toBe(false);
    const row = await db.selectFrom('consultations_consultations').select(['sealed_at', 'results_notified_at']).where('id', '=', fixture.id).executeTakeFirstOrThrow();
    expect(row.sealed_at).not.toBeNull();
    const notes = await db.selectFrom('core_notifications').select(['user_id', 'message_key', 'url']).where('url', '=', `/consultas/${fixture.id}#resultados`).execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual(people.map((p) => p.id).sort());
    expect(notes[0]!.message_key).toBe('consultations.notifications.results');
  });

  it('tells those who took part when a public consultation’s results are shown early, once', async () => {
    const official = await respondent({ roles: [{ role: 'entity_official', entityCode: 'sdp' }] });
    const fixture = await createConsultation(db, { state: 'open', secret: false, questions: [{ kind: 'single_choice', options: ['Sí', 'No'] }] });
    const questions = await loadQuestionnaire(db, fixture.id);
    const people = [await respondent(), await respondent()];
    for (const person of people) await submit(fixture, questions, person, choose(questions[0]!, 1), { secret: false });
    const early = () => db.selectFrom('core_notifications').select(['user_id', 'message_key']).where('url', '=', `/consultas/${fixture.id}#resultados`).execute();
    expect(await early()).toEqual([]);
    expect(await withTransaction(db, (tx) => publishResultsEarly(tx, official.actor, fixture.id))).toBe(true);
    expect(await withTransaction(db, (tx) => publishResultsEarly(tx, official.actor, fixture.id))).toBe(false);
    const notes = await early();
    expect(notes.map((n) => n.user_id).sort()).toEqual(people.map((p) => p.id).sort());
    expect(new Set(notes.map((n) => n.message_key))).toEqual(new Set(['consultations.notifications.results_early']));
  });
});
