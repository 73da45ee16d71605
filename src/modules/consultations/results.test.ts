import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { loadActor } from '../../core/auth/load-actor.ts';
import { withTransaction } from '../../core/db/database.ts';
import { validateSubmission, type RawAnswer } from './answers.ts';
import { categoriesOf, submitResponse } from './commands/submit-response.ts';
import { loadQuestionnaire } from './consultations.queries.ts';
import { consultationsSearchDocuments, consultationsStats } from './consultations.stats.ts';
import { buildConsultationsApp, createConsultation, createResident, text, type ConsultationFixture } from './consultations.test-support.ts';
import { aggregatedResults } from './exports.ts';
import type { QuestionDef } from './questionnaire.ts';
import { responseKey } from './response-key.ts';
import { computeResults } from './results.queries.ts';

describe.each(testEngines())('results (%s)', (engine) => {
  let t: TestApp;
  let secretOne: ConsultationFixture;
  let publicOne: ConsultationFixture;

  /** Answers as `people` (created on the fly), inside the window, then closes the consultation. */
  async function answerAll(fixture: ConsultationFixture, secret: boolean, people: { localidad: string; birthDate: string; ethnic?: string; answers: (questions: QuestionDef[]) => Record<string, Partial<RawAnswer>> }[]) {
    const questions = await loadQuestionnaire(t.database.db, fixture.id);
    for (const spec of people) {
      const person = await createResident(t.database.db, t.config.secret, { level: 'residence', localidad: spec.localidad, birthDate: spec.birthDate });
      if (spec.ethnic) await t.database.db.updateTable('core_profiles').set({ ethnic_group: spec.ethnic }).where('user_id', '=', person.id).execute();
      const actor = (await loadActor(t.database.db, person.id))!;
      const raw = new Map(Object.entries(spec.answers(questions)).map(([id, a]) => [id, { choices: [], ranks: {}, text: '', ...a }]));
      const { rows, errors } = validateSubmission(questions, raw);
      expect(errors).toEqual({});
      await withTransaction(t.database.db, async (tx) =>
        submitResponse(tx, {
          consultation: { id: fixture.id, secret, allow_edit: false },
          questions,
          actor,
          identityHash: person.identityHash,
          responseKey: responseKey(t.config.secret, fixture.id, person.identityHash),
          rows,
          categories: await categoriesOf(tx, actor, new Date()),
        }),
      );
    }
    await t.database.db.updateTable('consultations_consultations').set({ closes_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', fixture.id).execute();
    return questions;
  }

  beforeAll(async () => {
    t = await buildConsultationsApp(engine);
    secretOne = await createConsultation(t.database.db, {
      state: 'open',
      title: 'Consulta secreta con resultados',
      questions: [
        { kind: 'single_choice', options: ['Sí', 'No'] },
        { kind: 'ranking', options: ['a', 'b', 'c'], settings: { rankCount: 2 } },
        { kind: 'rating_scale', settings: { min: 1, max: 5 } },
        { kind: 'number', required: false },
      ],
    });
    // 14 in Suba aged 30–40, 11 in Kennedy aged 20, 3 in Sumapaz: the last group is too small.
    const people = [
      ...Array.from({ length: 14 }, (_, i) => ({ localidad: '11', birthDate: `${1986 + (i % 5)}-03-01`, yes: i < 10 })),
      ...Array.from({ length: 11 }, (_, i) => ({ localidad: '08', birthDate: '2005-01-15', yes: i < 3 })),
      ...Array.from({ length: 3 }, () => ({ localidad: '20', birthDate: '1950-06-06', yes: true })),
    ];
    await answerAll(
      secretOne,
      true,
      people.map((p, i) => ({
        ...p,
        answers: (q) => ({
          [q[0]!.id]: { choices: [q[0]!.options[p.yes ? 0 : 1]!.id] },
          [q[1]!.id]: { ranks: { [q[1]!.options[i % 3]!.id]: '1', [q[1]!.options[(i + 1) % 3]!.id]: '2' } },
          [q[2]!.id]: { text: String(1 + (i % 5)) },
          ...(i < 5 ? { [q[3]!.id]: { text: String(i * 10) } } : {}),
        }),
      })),
    );
    publicOne = await createConsultation(t.database.db, { state: 'open', secret: false, title: 'Consulta pública con resultados', questions: [{ kind: 'multiple_choice', options: ['x', 'y', 'z'] }] });
    await answerAll(
      publicOne,
      false,
      Array.from({ length: 24 }, (_, i) => ({
        localidad: '09',
        birthDate: '1990-01-01',
        ethnic: i < 20 ? 'none' : 'indigenous',
        answers: (q: QuestionDef[]) => ({ [q[0]!.id]: { choices: i % 2 ? [q[0]!.options[0]!.id, q[0]!.options[1]!.id] : [q[0]!.options[2]!.id] } }),
      })),
    );
  });
  afterAll(async () => t?.close());

  it('counts each kind of question', async () => {
    const questions = await loadQuestionnaire(t.database.db, secretOne.id);
    const results = await computeResults(t.database.db, { id: secretOne.id, secret: true }, questions);
    expect(results.responses).toBe(28);
    const [choice, ranking, scale, number] = results.questions;
    expect(choice!.options!.map((o) => [o.option.label, o.count])).toEqual([
      ['Sí', 16],
      ['No', 12],
    ]);
    expect(choice!.options![0]!.share).toBeCloseTo(16 / 28);
    // Borda with two positions: first place 2 points, second 1.
    expect(ranking!.ranking!.reduce((s, r) => s + r.points, 0)).toBe(28 * 3);
    expect(ranking!.ranking!.reduce((s, r) => s + r.firstPlaces, 0)).toBe(28);
    expect(scale!.scale!.map((s) => s.count)).toEqual([6, 6, 6, 5, 5]);
    expect(number!.numbers).toEqual({ count: 5, mean: 20, median: 20, min: 0, max: 40 });
    expect(number!.respondents).toBe(5);
  });

  it('erases small groups when sealing and shows groups under 10 as such, withholding one more so none can be derived', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/consultas/${secretOne.id}?desglose=localidad` });
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Pregunta 1 por localidad');
    // Sumapaz (3) was erased at sealing: it joins "unknown", a group under 10; Kennedy (11) is withheld with it.
    expect(body).toContain('menos de 10');
    expect(body).toContain('reservado');
    expect(body).not.toContain('Sumapaz');
    const sealed = await t.database.db.selectFrom('consultations_responses').select('localidad_code').where('consultation_id', '=', secretOne.id).execute();
    expect(sealed.filter((r) => r.localidad_code === '20')).toHaveLength(0);
    const questions = await loadQuestionnaire(t.database.db, secretOne.id);
    const byLocalidad = (await computeResults(t.database.db, { id: secretOne.id, secret: true }, questions, 'localidad')).questions[0]!.breakdown!;
    expect(byLocalidad.map((g) => [g.group.key, g.group.count, g.group.withheld, g.values])).toEqual([
      ['08', null, 'complement', null],
      ['11', 14, null, [10, 4]],
      ['unknown', null, 'small', null],
    ]);
    const byAge = (await computeResults(t.database.db, { id: secretOne.id, secret: true }, questions, 'age_band')).questions[2]!.breakdown!;
    expect(byAge.map((g) => [g.group.key, g.group.count])).toEqual([
      ['18-28', null],
      ['29-59', 14],
      ['unknown', null],
    ]);
    // Secret consultations offer only what their responses carry: no join to profiles.
    expect((await computeResults(t.database.db, { id: secretOne.id, secret: true }, questions, 'ethnic_group')).dimension).toBeNull();
  });

  it('breaks public consultations down by profile categories through the respondent', async () => {
    const questions = await loadQuestionnaire(t.database.db, publicOne.id);
    const byEthnic = (await computeResults(t.database.db, { id: publicOne.id, secret: false }, questions, 'ethnic_group')).questions[0]!.breakdown!;
    expect(byEthnic.map((g) => [g.group.key, g.group.count, g.values])).toEqual([
      ['none', null, null],
      ['indigenous', null, null],
    ]);
    const page = text((await t.app.inject({ method: 'GET', url: `/consultas/${publicOne.id}?desglose=ethnic_group`, headers: { cookie: 'gab_lang=en' } })).body);
    expect(page).toContain('Question 1 by ethnic group');
    expect(page).toContain('fewer than 10');
  });

  it('publishes aggregated results as open data, home-page stats and search documents', async () => {
    const rows = await aggregatedResults(t.database.db);
    const mine = rows.filter((r) => r.consultation_id === secretOne.id);
    expect(mine.filter((r) => r.question === 1).map((r) => [r.answer, r.count])).toEqual([
      ['Sí', 16],
      ['No', 12],
    ]);
    for (const row of rows) for (const value of Object.values(row)) expect(['string', 'number']).toContain(typeof value);
    const open = await createConsultation(t.database.db, { state: 'open', title: 'Consulta abierta sin resultados', questions: [{ kind: 'short_text' }] });
    expect((await aggregatedResults(t.database.db)).some((r) => r.consultation_id === open.id)).toBe(false);
    const stats = await consultationsStats(t.database.db);
    expect(stats.find((s) => s.key === 'open')!.value).toBeGreaterThanOrEqual(1);
    expect(stats.find((s) => s.key === 'participants')!.value).toBeGreaterThanOrEqual(52);
    const docs = await consultationsSearchDocuments(t.database.db);
    expect(docs.find((d) => d.ref === open.id)).toMatchObject({ module: 'consultations', url: `/consultas/${open.id}`, title: 'Consulta abierta sin resultados' });
    const api = (await t.app.inject({ method: 'GET', url: `/api/v1/consultations/${secretOne.id}` })).json();
    expect(api.data.results.responses).toBe(28);
  });
});
