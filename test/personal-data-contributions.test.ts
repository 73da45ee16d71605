import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app.ts';
import { testEngines } from './database.ts';
import { createPerson } from '../src/modules/admin/test-people.ts';
import { signInAs } from './sign-in.ts';

/**
 * "Mis datos" (art. 8 Ley 1581) includes what every module keeps about the person's contributions,
 * checked on the demo content: an author of a cause, a petitioner, a person with a turn, a
 * respondent of the public consultation — and never the answers of a secret consultation.
 */
describe.each(testEngines())('personal data download with every module\'s contributions (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(async () => t?.close());

  async function download(userId: string) {
    const cookie = await signInAs(t.database, userId);
    const response = await t.app.inject({ method: 'GET', url: '/mi-cuenta/datos/descarga', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    return JSON.parse(response.body) as { contributions: Record<string, Record<string, { [key: string]: unknown }[]>> };
  }

  it('lists the causes a person wrote, their supports and comments', async () => {
    const db = t.database.db;
    const cause = await db.selectFrom('causes_causes').select(['id', 'author_id', 'title']).orderBy('created_at').executeTakeFirstOrThrow();
    const data = await download(cause.author_id);
    expect(data.contributions.causes!.causes).toContainEqual(expect.objectContaining({ id: cause.id, title: cause.title, url: `/causas/${cause.id}` }));
    // A supporter with an account (the demo's supports come from people without one).
    const supporter = await createPerson(db, { name: 'Sara Simpatizante', level: 'identity' });
    const { identity_hash } = await db.selectFrom('core_identities').select('identity_hash').where('user_id', '=', supporter.id).executeTakeFirstOrThrow();
    await db.insertInto('causes_supports').values({ cause_id: cause.id, identity_hash, user_id: supporter.id }).execute();
    await db.insertInto('causes_comments').values({ cause_id: cause.id, author_id: supporter.id, body: 'Apoyo esta causa desde mi barrio.' }).execute();
    const supporterData = (await download(supporter.id)).contributions.causes!;
    expect(supporterData.supports).toContainEqual(expect.objectContaining({ cause: cause.id }));
    expect(supporterData.comments).toContainEqual(expect.objectContaining({ cause: cause.id, text: 'Apoyo esta causa desde mi barrio.' }));
  });

  it('lists the petitions filed with the account, with the contact data and the answer', async () => {
    const request = await t.database.db.selectFrom('service_requests_requests').select(['radicado', 'requester_user_id', 'subject']).where('requester_user_id', 'is not', null).executeTakeFirstOrThrow();
    const data = await download(request.requester_user_id!);
    expect(data.contributions['service-requests']!.requests).toContainEqual(expect.objectContaining({ radicado: request.radicado, subject: request.subject }));
  });

  it('lists the turns booked at service centres', async () => {
    // The demo's turns were booked at a desk without an account: give one of them an account holder.
    const db = t.database.db;
    const holder = await createPerson(db, { name: 'Tomás Turno', level: 'identity' });
    const booking = await db.selectFrom('service_points_bookings').select(['id', 'code']).executeTakeFirstOrThrow();
    await db.updateTable('service_points_bookings').set({ user_id: holder.id }).where('id', '=', booking.id).execute();
    const data = await download(holder.id);
    expect(data.contributions['service-points']!.appointments).toContainEqual(expect.objectContaining({ code: booking.code }));
  });

  it('lists public answers, and for secret consultations only that the person took part', async () => {
    const db = t.database.db;
    const response = await db.selectFrom('consultations_responses').select(['user_id', 'consultation_id']).where('secret', '=', false).where('user_id', 'is not', null).executeTakeFirstOrThrow();
    const data = await download(response.user_id!);
    const answers = data.contributions.consultations!.publicAnswers!;
    expect(answers.some((a) => a.consultation === response.consultation_id && typeof a.question === 'string' && a.answer !== null)).toBe(true);

    // Someone who took part in a secret consultation: the roll says so, the answers cannot be found.
    const secretConsultation = await db.selectFrom('consultations_consultations').select('id').where('secret', '=', true).executeTakeFirstOrThrow();
    const voter = await createPerson(db, { name: 'Sofía Secreta', level: 'identity' });
    const { identity_hash } = await db.selectFrom('core_identities').select('identity_hash').where('user_id', '=', voter.id).executeTakeFirstOrThrow();
    await db.insertInto('consultations_participants').values({ consultation_id: secretConsultation.id, identity_hash, channel: 'online', participated_on: '2026-03-02' }).execute();
    const secretData = (await download(voter.id)).contributions.consultations!;
    expect(secretData.participations).toEqual([expect.objectContaining({ consultation: secretConsultation.id, channel: 'online', answers: 'secret: stored without any link to you' })]);
    expect(secretData.publicAnswers).toEqual([]);
  });
});
