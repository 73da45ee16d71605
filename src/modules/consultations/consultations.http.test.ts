import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { postForm } from '../../../test/post-form.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { apiCall, buildConsultationsApp, createConsultation, createResident, participantCount, text, type ConsultationFixture } from './consultations.test-support.ts';

const yearsAgo = (years: number) => {
  const d = new Date(Date.now() - 40 * 86400_000);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
};

describe.each(testEngines())('answering consultations over HTTP (%s)', (engine) => {
  let t: TestApp;
  let open: ConsultationFixture;
  const person = async (options: Parameters<typeof createResident>[2] = {}) => {
    const p = await createResident(t.database.db, t.config.secret, options);
    return { ...p, cookie: await signInAs(t.database, p.id) };
  };
  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  /** A complete, valid answer to the `open` consultation. */
  const answerOf = (c: ConsultationFixture, choice = 0) => ({ [`q_${c.questions[0]!.id}`]: c.questions[0]!.options[choice]! });

  beforeAll(async () => {
    t = await buildConsultationsApp(engine);
    open = await createConsultation(t.database.db, { state: 'open', title: 'Consulta abierta de prueba', questions: [{ kind: 'single_choice', options: ['Sí', 'No'] }] });
  });
  afterAll(async () => t?.close());

  it('lists open, upcoming and closed consultations with links, and never drafts', async () => {
    const upcoming = await createConsultation(t.database.db, { state: 'upcoming', title: 'Consulta próxima de prueba', questions: [{ kind: 'short_text' }] });
    const closed = await createConsultation(t.database.db, { state: 'closed', title: 'Consulta cerrada de prueba', questions: [{ kind: 'short_text' }] });
    const draft = await createConsultation(t.database.db, { state: 'draft', title: 'Borrador secreto de prueba', questions: [{ kind: 'short_text' }] });
    const list = await get('/consultas');
    expect(list.statusCode).toBe(200);
    const body = text(list.body);
    for (const c of [open, upcoming, closed]) expect(body).toContain(`href="/consultas/${c.id}"`);
    expect(body.indexOf('Consulta abierta de prueba')).toBeLessThan(body.indexOf('Consulta próxima de prueba'));
    expect(body.indexOf('Consulta próxima de prueba')).toBeLessThan(body.indexOf('Consulta cerrada de prueba'));
    expect(body).not.toContain('Borrador secreto de prueba');
    expect((await get(`/consultas/${draft.id}`)).statusCode).toBe(404);
    expect((await get('/consultas/no-es-un-id')).statusCode).toBe(404);
    expect((await get('/consultas/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const english = await t.app.inject({ method: 'GET', url: '/consultas', headers: { cookie: 'gab_lang=en' } });
    expect(english.body).toContain('Citizen consultations');
  });

  it('shows a visitor why they cannot answer, with the way to sign in, and sends a form post to sign in', async () => {
    const page = await get(`/consultas/${open.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-reason="not_signed_in"');
    expect(page.body).toContain(`/ingresar?next=${encodeURIComponent(`/consultas/${open.id}`)}`);
    expect(page.body).not.toContain('cq-answer-form');
    const post = await postForm(t.app, `/consultas/${open.id}`, undefined, answerOf(open));
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toContain('/ingresar');
    const api = await apiCall(t.app, 'POST', `/api/v1/consultations/${open.id}/responses`, undefined, { answers: { [open.questions[0]!.id]: open.questions[0]!.options[0] } });
    expect(api.statusCode).toBe(401);
    expect(api.json().error.reason).toBe('not_signed_in');
    expect(await participantCount(t.database.db, open.id)).toBe(0);
  });

  it('answers once, says so afterwards, and refuses a second answer with already_done (form and API)', async () => {
    const ana = await person();
    const form = await get(`/consultas/${open.id}`, ana.cookie);
    expect(form.body).toContain('class="cq-answer-form"');
    expect(form.body).toContain('/assets/consultations.js?v=');
    const sent = await postForm(t.app, `/consultas/${open.id}`, ana.cookie, answerOf(open));
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/consultas/${open.id}#responder`);
    const after = await get(`/consultas/${open.id}`, ana.cookie);
    expect(text(after.body)).toContain('Recibimos sus respuestas');
    expect(after.body).toContain('data-reason="already_done"');
    const twice = await postForm(t.app, `/consultas/${open.id}`, ana.cookie, answerOf(open, 1));
    expect(twice.statusCode).toBe(403);
    expect(twice.body).toContain('data-reason="already_done"');
    const api = await apiCall(t.app, 'POST', `/api/v1/consultations/${open.id}/responses`, ana.cookie, { answers: { [open.questions[0]!.id]: open.questions[0]!.options[1] } });
    expect(api.statusCode).toBe(403);
    expect(api.json().error.reason).toBe('already_done');
    expect(await participantCount(t.database.db, open.id)).toBe(1);
    const choice = await t.database.db.selectFrom('consultations_answers').select('option_id').where('question_id', '=', open.questions[0]!.id).execute();
    expect(choice.map((c) => c.option_id)).toEqual([open.questions[0]!.options[0]]);
    const audit = await t.database.db.selectFrom('core_audit_log').select(['actor_id', 'after']).where('action', '=', 'consultations.answer').where('resource_id', '=', open.id).execute();
    expect(audit).toEqual([{ actor_id: ana.id, after: { channel: 'online', changed: false } }]);
  });

  it('gives each eligibility reason and its next step, and changes nothing', async () => {
    const restricted = await createConsultation(t.database.db, { state: 'open', localidades: ['11'], minAge: 18, questions: [{ kind: 'single_choice', options: ['a', 'b'] }] });
    const cases: [string, Parameters<typeof createResident>[2], string, string | null][] = [
      ['registered only', { level: 'registered' }, 'not_verified', '/mi-cuenta/verificacion'],
      ['identity without residence', { level: 'identity' }, 'not_resident', '/mi-cuenta/verificacion'],
      ['resident elsewhere', { level: 'residence', localidad: '09' }, 'wrong_localidad', '/mi-cuenta/verificacion'],
      ['16 with consent', { level: 'residence', localidad: '11', birthDate: yearsAgo(16), guardianConsent: true }, 'under_age', null],
    ];
    for (const [label, spec, reason, next] of cases) {
      const p = await person(spec);
      const page = await get(`/consultas/${restricted.id}`, p.cookie);
      expect(page.body, label).toContain(`data-reason="${reason}"`);
      if (next) expect(page.body, label).toContain(`href="${next}"`);
      const post = await postForm(t.app, `/consultas/${restricted.id}`, p.cookie, answerOf(restricted));
      expect(post.statusCode, label).toBe(403);
      expect(post.body, label).toContain(`data-reason="${reason}"`);
      const api = await apiCall(t.app, 'POST', `/api/v1/consultations/${restricted.id}/responses`, p.cookie, { answers: { [restricted.questions[0]!.id]: restricted.questions[0]!.options[0] } });
      expect(api.json().error.reason, label).toBe(reason);
    }
    const teen = await person({ birthDate: yearsAgo(15) });
    expect((await postForm(t.app, `/consultas/${open.id}`, teen.cookie, answerOf(open))).body).toContain('data-reason="guardian_consent_missing"');
    const withConsent = await person({ birthDate: yearsAgo(15), guardianConsent: true });
    expect((await postForm(t.app, `/consultas/${open.id}`, withConsent.cookie, answerOf(open))).statusCode).toBe(303);
    const revoked = await person();
    await t.database.db.insertInto('core_consents').values({ user_id: revoked.id, policy: 'privacy', policy_version: '1', granted_at: new Date(Date.now() - 86400_000).toISOString(), revoked_at: new Date(Date.now() + 60_000).toISOString() }).execute();
    const refused = await postForm(t.app, `/consultas/${open.id}`, revoked.cookie, answerOf(open));
    expect(refused.body).toContain('data-reason="consent_missing"');
    expect(refused.body).toContain('href="/mi-cuenta/datos"');
    expect(await participantCount(t.database.db, restricted.id)).toBe(0);
  });

  it('refuses answers before opening and after closing with phase_closed', async () => {
    const p = await person();
    for (const state of ['upcoming', 'closed'] as const) {
      const c = await createConsultation(t.database.db, { state, questions: [{ kind: 'single_choice', options: ['a', 'b'] }] });
      const page = await get(`/consultas/${c.id}`, p.cookie);
      expect(page.body).toContain('data-reason="phase_closed"');
      const post = await postForm(t.app, `/consultas/${c.id}`, p.cookie, answerOf(c));
      expect(post.statusCode).toBe(403);
      expect(text(post.body)).toContain(state === 'closed' ? 'ya no recibe respuestas' : 'todavía no está abierta');
      const api = await apiCall(t.app, 'POST', `/api/v1/consultations/${c.id}/responses`, p.cookie, { answers: { [c.questions[0]!.id]: c.questions[0]!.options[0] } });
      expect(api.statusCode).toBe(403);
      expect(api.json().error.reason).toBe('phase_closed');
      expect(await participantCount(t.database.db, c.id)).toBe(0);
    }
  });

  it('rejects bad answers with Spanish messages next to each question, keeping what was typed', async () => {
    const c = await createConsultation(t.database.db, {
      state: 'open',
      questions: [
        { kind: 'multiple_choice', options: ['a', 'b', 'c'], settings: { maxChoices: 2 } },
        { kind: 'number', settings: { min: 0, max: 120, integer: true } },
        { kind: 'short_text', settings: { maxLength: 20 } },
        { kind: 'ranking', options: ['x', 'y'] },
      ],
    });
    const [multiple, number, short, ranking] = c.questions;
    const p = await person();
    const response = await postForm(t.app, `/consultas/${c.id}`, p.cookie, {
      [`q_${multiple!.id}`]: multiple!.options,
      [`q_${number!.id}`]: 'ciento dos',
      [`q_${short!.id}`]: 'Texto que supera el límite permitido',
      [`q_${ranking!.id}_${ranking!.options[0]}`]: '1',
      [`q_${ranking!.id}_${ranking!.options[1]}`]: '1',
    });
    expect(response.statusCode).toBe(422);
    const body = text(response.body);
    expect(body).toContain('Hay un problema con lo que envió');
    expect(body).toContain('Elija como máximo 2 opciones.');
    expect(body).toContain('Escriba un número, solo con cifras');
    expect(body).toContain('Escriba como máximo 20 caracteres.');
    expect(body).toContain('Use cada posición una sola vez.');
    expect(body).toContain('value="ciento dos"');
    expect(body).toContain('value="Texto que supera el límite permitido"');
    expect(response.body).toMatch(new RegExp(`value="${multiple!.options[2]}" checked`));
    expect(response.body).toContain(`<title>Error: `);
    expect(await participantCount(t.database.db, c.id)).toBe(0);
    const api = await apiCall(t.app, 'POST', `/api/v1/consultations/${c.id}/responses`, p.cookie, { answers: { [number!.id]: 500 } });
    expect(api.statusCode).toBe(422);
    expect(api.json().error.fields[number!.id]).toBe('Escriba un número entre 0 y 120.');
  });

  it('lets people change their answer until closing when the consultation allows it, pre-filled', async () => {
    const c = await createConsultation(t.database.db, { state: 'open', allowEdit: true, questions: [{ kind: 'single_choice', options: ['Sí', 'No'] }, { kind: 'long_text', required: false }] });
    const p = await person();
    await postForm(t.app, `/consultas/${c.id}`, p.cookie, { ...answerOf(c, 0), [`q_${c.questions[1]!.id}`]: 'Primera versión' });
    const form = await get(`/consultas/${c.id}`, p.cookie);
    expect(form.body).toMatch(new RegExp(`value="${c.questions[0]!.options[0]}" checked`));
    expect(form.body).toContain('Primera versión');
    expect(text(form.body)).toContain('Usted ya respondió el');
    const changed = await postForm(t.app, `/consultas/${c.id}`, p.cookie, { ...answerOf(c, 1), [`q_${c.questions[1]!.id}`]: '' });
    expect(changed.statusCode).toBe(303);
    expect(text((await get(`/consultas/${c.id}`, p.cookie)).body)).toContain('Actualizamos sus respuestas.');
    const rows = await t.database.db.selectFrom('consultations_answers as a').innerJoin('consultations_responses as r', 'r.id', 'a.response_id').select(['a.option_id', 'a.value_text']).where('r.consultation_id', '=', c.id).execute();
    expect(rows).toEqual([{ option_id: c.questions[0]!.options[1], value_text: null }]);
    const api = await apiCall(t.app, 'POST', `/api/v1/consultations/${c.id}/responses`, p.cookie, { answers: { [c.questions[0]!.id]: c.questions[0]!.options[0] } });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toEqual({ data: { changed: true } });
    expect(await participantCount(t.database.db, c.id)).toBe(1);
  });

  it('answers through the JSON API and describes consultations there', async () => {
    const c = await createConsultation(t.database.db, { state: 'open', questions: [{ kind: 'ranking', options: ['a', 'b', 'c'], settings: { rankCount: 2 } }, { kind: 'rating_scale' }] });
    const p = await person();
    const detail = await apiCall(t.app, 'GET', `/api/v1/consultations/${c.id}`);
    expect(detail.statusCode).toBe(200);
    const data = detail.json().data;
    expect(data.questions.map((q: { kind: string }) => q.kind)).toEqual(['ranking', 'rating_scale']);
    expect(data.results).toBeNull();
    const sent = await apiCall(t.app, 'POST', `/api/v1/consultations/${c.id}/responses`, p.cookie, { answers: { [c.questions[0]!.id]: [c.questions[0]!.options[2], c.questions[0]!.options[0]], [c.questions[1]!.id]: 4 } });
    expect(sent.statusCode).toBe(201);
    const list = await apiCall(t.app, 'GET', '/api/v1/consultations');
    expect(list.json().data.some((x: { id: string; state: string }) => x.id === c.id && x.state === 'open')).toBe(true);
    expect((await apiCall(t.app, 'GET', '/api/v1/consultations/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('lets a desk clerk answer for a citizen only within an open assisted session, audited with both', async () => {
    const c = await createConsultation(t.database.db, { state: 'open', questions: [{ kind: 'single_choice', options: ['Sí', 'No'] }] });
    const clerk = await createResident(t.database.db, t.config.secret, { name: 'Marta Mostrador', roles: [{ role: 'desk_clerk' }] });
    const clerkCookie = await signInAs(t.database, clerk.id);
    const citizen = await createResident(t.database.db, t.config.secret, { name: 'Pedro Presente' });
    const stranger = await person();
    const url = `/consultas/${c.id}/acompanamiento/${citizen.id}`;
    expect((await get(url, stranger.cookie)).statusCode).toBe(403);
    const noSession = await get(url, clerkCookie);
    expect(noSession.statusCode).toBe(403);
    expect(text(noSession.body)).toContain('No tiene un acompañamiento abierto con esta persona');
    const session = await t.database.db
      .insertInto('core_assisted_sessions')
      .values({ clerk_id: clerk.id, citizen_id: citizen.id, reason: 'Acompañamiento en el CADE', expires_at: new Date(Date.now() + 3600_000).toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const page = await get(`/consultas/${c.id}`, clerkCookie);
    expect(page.body).toContain(`href="${url}"`);
    const form = await get(url, clerkCookie);
    expect(form.statusCode).toBe(200);
    expect(text(form.body)).toContain('Respuesta de Pedro Presente, con acompañamiento');
    const sent = await postForm(t.app, url, clerkCookie, answerOf(c, 1));
    expect(sent.statusCode).toBe(303);
    const participant = await t.database.db.selectFrom('consultations_participants').select('channel').where('consultation_id', '=', c.id).where('identity_hash', '=', citizen.identityHash).executeTakeFirstOrThrow();
    expect(participant.channel).toBe('assisted');
    const audit = await t.database.db.selectFrom('core_audit_log').select(['actor_id', 'after']).where('action', '=', 'consultations.answer').where('resource_id', '=', c.id).executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_id: citizen.id, after: { channel: 'assisted', changed: false, assistedBy: { clerkId: clerk.id, sessionId: session.id } } });
    expect((await postForm(t.app, url, clerkCookie, answerOf(c, 0))).body).toContain('data-reason="already_done"');
    await t.database.db.updateTable('core_assisted_sessions').set({ ended_at: new Date().toISOString() }).where('id', '=', session.id).execute();
    expect((await postForm(t.app, url, clerkCookie, answerOf(c, 0))).statusCode).toBe(403);
  });
});
