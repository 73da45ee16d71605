import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.ts';
import { testEngines } from '../../../../test/database.ts';
import { postForm } from '../../../../test/post-form.ts';
import { signInAs } from '../../../../test/sign-in.ts';
import { withTransaction } from '../../../core/db/database.ts';
import { NOTIFICATION_MAIL_JOB } from '../../../core/notifications/notify.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { createPerson } from '../../admin/test-people.ts';
import { createDataset } from '../open-data.test-support.ts';
import { voteRequest, withdrawVote } from './commands/requests.ts';
import { DEMO_REQUESTS } from './community.seeds.ts';

const actor = (userId: string): Actor => ({ userId, displayName: 'Persona', roles: [], level: 'registered' });

/** Data requests over HTTP and in the database: the form, the list, votes under concurrency, official answers and their notifications. */
describe.each(testEngines())('data requests (%s)', (engine) => {
  let t: TestApp;
  const db = () => t.database.db;
  const ids: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  let datasetName = '';

  /** A fresh open request by `who` (to `entity`, or to any entity). */
  async function newRequest(who: string, entity: string | null = 'sdp'): Promise<string> {
    const response = await postForm(t.app, '/datos/solicitudes/nueva', cookies[who], {
      title: `Solicitud ${Math.random().toString(36).slice(2, 8)}`,
      description: 'Datos detallados de prueba por localidad.',
      purpose: '',
      entity: entity ?? '',
      localidad: '',
    });
    expect(response.statusCode).toBe(303);
    return response.headers.location!.split('/').pop()!;
  }
  const request = (id: string) => db().selectFrom('open_data_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const votes = async (id: string) => Number((await db().selectFrom('open_data_request_votes').select((eb) => eb.fn.countAll<string>().as('n')).where('request_id', '=', id).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await buildTestApp(engine);
    const specs: [string, Parameters<typeof createPerson>[1]][] = [
      ['citizen', { name: 'Ciudadana Solicitante' }],
      ['voter', { name: 'Votante Uno' }],
      ['voter2', { name: 'Votante Dos' }],
      ['sdpOfficial', { name: 'Funcionario SDP', roles: [{ role: 'entity_official', entityCode: 'sdp' }] }],
      ['idpacOfficial', { name: 'Funcionaria IDPAC', roles: [{ role: 'entity_official', entityCode: 'idpac' }] }],
    ];
    for (const [who, spec] of specs) {
      ids[who] = (await createPerson(db(), spec)).id;
      cookies[who] = await signInAs(t.database, ids[who]!);
    }
    datasetName = (await createDataset(db(), { name: 'respuesta-a-solicitud', title: 'Respuesta a la solicitud', ownerOrg: 'sdp' })).name;
  }, 120_000);
  afterAll(async () => t?.close());

  it('sends visitors to sign in before asking, and refuses bad input in Spanish keeping what was typed', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/datos/solicitudes/nueva' });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toContain('/ingresar');
    const before = await db().selectFrom('open_data_requests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const response = await postForm(t.app, '/datos/solicitudes/nueva', cookies.citizen, { title: 'Bus', description: '', purpose: 'Para una tesis', entity: 'no-existe', localidad: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Escriba al menos 5 caracteres.');
    expect(response.body).toContain('Este campo es obligatorio.');
    expect(response.body).toContain('Elija una opción de la lista.');
    expect(response.body).toContain('value="Bus"');
    expect(response.body).toContain('Para una tesis</textarea>');
    const after = await db().selectFrom('open_data_requests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('publishes a valid request with its author, and lists it with filters, search and order', async () => {
    const response = await postForm(t.app, '/datos/solicitudes/nueva', cookies.citizen, {
      title: 'Paraderos del SITP con rampa',
      description: 'Qué paraderos tienen rampa de acceso para sillas de ruedas.',
      purpose: 'Una guía de movilidad accesible.',
      entity: 'sdp',
      localidad: '09',
    });
    expect(response.statusCode).toBe(303);
    const id = response.headers.location!.split('/').pop()!;
    const row = await request(id);
    expect(row).toMatchObject({ author_id: ids.citizen, entity_code: 'sdp', localidad_code: '09', status: 'open', vote_count: 0 });
    const page = await t.app.inject({ method: 'GET', url: `/datos/solicitudes/${id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ciudadana Solicitante');
    expect(page.body).toContain('Fontibón');

    // Accents and case do not matter in the search.
    const found = await t.app.inject({ method: 'GET', url: '/datos/solicitudes?q=PARADEROS%20sitp' });
    expect(found.body).toContain('Paraderos del SITP con rampa');
    expect(found.body).not.toContain('Calidad del aire por estación y hora');
    const declined = await t.app.inject({ method: 'GET', url: '/datos/solicitudes?estado=declined' });
    expect(declined.body).toContain('Datos personales de los conductores multados');
    expect(declined.body).not.toContain('Calidad del aire por estación y hora');
    const byEntity = await t.app.inject({ method: 'GET', url: '/datos/solicitudes?entidad=sdm' });
    expect(byEntity.body).toContain('Red de ciclorrutas por localidad');
    expect(byEntity.body).not.toContain('Horarios de atención de los CADE');
    // By votes the most voted demo request (3 votes) comes before the newest (no votes); newest first, the reverse.
    const byVotes = (await t.app.inject({ method: 'GET', url: '/datos/solicitudes' })).body;
    expect(byVotes.indexOf('Calidad del aire')).toBeLessThan(byVotes.indexOf('Paraderos del SITP'));
    const newest = (await t.app.inject({ method: 'GET', url: '/datos/solicitudes?orden=recientes' })).body;
    expect(newest.indexOf('Paraderos del SITP')).toBeLessThan(newest.indexOf('Calidad del aire'));
    // Unknown filter values are ignored, not refused.
    expect((await t.app.inject({ method: 'GET', url: '/datos/solicitudes?estado=zzz&entidad=zzz&orden=zzz&pagina=-3' })).statusCode).toBe(200);
  });

  it('counts one vote per person, exactly, under concurrent votes; a vote can be withdrawn once', async () => {
    const id = await newRequest('citizen');
    // The same person votes eight times at once: one row, one vote counted.
    const same = await Promise.all(Array.from({ length: 8 }, () => withTransaction(db(), (tx) => voteRequest(tx, { requestId: id, actor: actor(ids.voter!) }))));
    expect(same.filter((r) => r.ok)).toHaveLength(1);
    expect(same.filter((r) => !r.ok && r.reason === 'already_done')).toHaveLength(7);
    // Eight different people at once: every vote counts, and the counter equals the rows.
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => createPerson(db(), { name: `Votante Concurrente ${i}` })));
    const many = await Promise.all(people.map((p) => withTransaction(db(), (tx) => voteRequest(tx, { requestId: id, actor: actor(p.id) }))));
    expect(many.every((r) => r.ok)).toBe(true);
    expect((await request(id)).vote_count).toBe(9);
    expect(await votes(id)).toBe(9);

    const withdrawn = await Promise.all(Array.from({ length: 4 }, () => withTransaction(db(), (tx) => withdrawVote(tx, { requestId: id, actor: actor(ids.voter!) }))));
    expect(withdrawn.filter((r) => r.ok)).toHaveLength(1);
    expect((await request(id)).vote_count).toBe(8);
    expect(await votes(id)).toBe(8);
  });

  it('votes and withdraws through the page forms, without JavaScript', async () => {
    const id = await newRequest('citizen');
    expect((await postForm(t.app, `/datos/solicitudes/${id}/voto`, undefined, {})).statusCode).toBe(303);
    expect(await votes(id)).toBe(0);
    const voted = await postForm(t.app, `/datos/solicitudes/${id}/voto`, cookies.voter2, {});
    expect(voted.statusCode).toBe(303);
    expect(voted.headers.location).toBe(`/datos/solicitudes/${id}`);
    const page = await t.app.inject({ method: 'GET', url: `/datos/solicitudes/${id}`, headers: { cookie: cookies.voter2! } });
    expect(page.body).toContain('Su voto quedó registrado.');
    expect(page.body).toContain('Retirar mi voto');
    expect((await postForm(t.app, `/datos/solicitudes/${id}/voto`, cookies.voter2, {})).statusCode).toBe(303);
    expect((await request(id)).vote_count).toBe(1);
    expect((await postForm(t.app, `/datos/solicitudes/${id}/voto/retirar`, cookies.voter2, {})).statusCode).toBe(303);
    expect((await request(id)).vote_count).toBe(0);
    expect((await postForm(t.app, '/datos/solicitudes/00000000-0000-4000-8000-000000000000/voto', cookies.voter2, {})).statusCode).toBe(404);
  });

  it('lets only officials of the entity asked answer; a rejection needs its reason and "published" its dataset', async () => {
    const id = await newRequest('citizen', 'sdp');
    const answer = (who: string | undefined, fields: Record<string, string>) => postForm(t.app, `/datos/solicitudes/${id}/respuesta`, who, fields);
    expect((await answer(cookies.citizen, { status: 'planned', answer: '', dataset: '' })).statusCode).toBe(403);
    expect((await answer(cookies.idpacOfficial, { status: 'planned', answer: '', dataset: '' })).statusCode).toBe(403);
    expect((await answer(undefined, { status: 'planned', answer: '', dataset: '' })).statusCode).toBe(303);
    expect((await request(id)).status).toBe('open');
    // The form is shown to the entity's officials only.
    expect((await t.app.inject({ method: 'GET', url: `/datos/solicitudes/${id}`, headers: { cookie: cookies.idpacOfficial! } })).body).not.toContain('Responder la solicitud');
    expect((await t.app.inject({ method: 'GET', url: `/datos/solicitudes/${id}`, headers: { cookie: cookies.sdpOfficial! } })).body).toContain('Responder la solicitud');

    const declined = await answer(cookies.sdpOfficial, { status: 'declined', answer: 'No', dataset: '' });
    expect(declined.statusCode).toBe(400);
    expect(declined.body).toContain('Escriba al menos 10 caracteres.');
    const published = await answer(cookies.sdpOfficial, { status: 'published', answer: 'Ya está.', dataset: '' });
    expect(published.statusCode).toBe(400);
    expect(published.body).toContain('Elija el conjunto de datos publicado.');
    expect(published.body).toContain('Ya está.</textarea>');
    expect((await request(id)).status).toBe('open');
  });

  it('tells the requester and the voters (in the app and by e-mail) when an official answers, and shows it on the dataset page', async () => {
    const id = await newRequest('citizen', 'sdp');
    await postForm(t.app, `/datos/solicitudes/${id}/voto`, cookies.voter, {});
    await postForm(t.app, `/datos/solicitudes/${id}/voto`, cookies.sdpOfficial, {});
    const planned = await postForm(t.app, `/datos/solicitudes/${id}/respuesta`, cookies.sdpOfficial, { status: 'planned', answer: 'Lo estamos preparando.', dataset: '' });
    expect(planned.statusCode).toBe(303);
    const done = await postForm(t.app, `/datos/solicitudes/${id}/respuesta`, cookies.sdpOfficial, { status: 'published', answer: 'Publicado.', dataset: datasetName });
    expect(done.statusCode).toBe(303);
    expect(await request(id)).toMatchObject({ status: 'published', answered_by: ids.sdpOfficial, answer: 'Publicado.' });

    const notes = await db().selectFrom('core_notifications').select(['id', 'user_id', 'message_key']).where('url', '=', `/datos/solicitudes/${id}`).orderBy('id').execute();
    const keysOf = (who: string) => notes.filter((n) => n.user_id === ids[who]).map((n) => n.message_key);
    expect(keysOf('citizen')).toEqual(['open-data.community.notify.planned', 'open-data.community.notify.published']);
    expect(keysOf('voter')).toEqual(['open-data.community.notify.planned', 'open-data.community.notify.published']);
    // The official who answered voted too, but is not told of their own answer.
    expect(keysOf('sdpOfficial')).toEqual([]);
    const jobs = await db().selectFrom('core_jobs').select('payload').where('name', '=', NOTIFICATION_MAIL_JOB).execute();
    const queued = new Set(jobs.flatMap((j) => (j.payload as { ids: string[] }).ids));
    expect(notes.every((n) => queued.has(String(n.id)))).toBe(true);

    // Answered: no more votes, no second answer.
    expect((await withTransaction(db(), (tx) => voteRequest(tx, { requestId: id, actor: actor(ids.voter2!) })))).toEqual({ ok: false, reason: 'phase_closed' });
    const again = await postForm(t.app, `/datos/solicitudes/${id}/respuesta`, cookies.sdpOfficial, { status: 'declined', answer: 'Cambiamos de opinión.', dataset: '' });
    expect(again.statusCode).toBe(303);
    expect((await request(id)).status).toBe('published');

    const dataset = await t.app.inject({ method: 'GET', url: `/datos/conjuntos/${datasetName}` });
    expect(dataset.body).toContain(`href="/datos/solicitudes/${id}"`);
  });

  it('lets any official answer a request made to no entity in particular', async () => {
    const id = await newRequest('citizen', null);
    const response = await postForm(t.app, `/datos/solicitudes/${id}/respuesta`, cookies.idpacOfficial, { status: 'declined', answer: 'No producimos esos datos en el Distrito.', dataset: '' });
    expect(response.statusCode).toBe(303);
    expect((await request(id)).status).toBe('declined');
    const page = await t.app.inject({ method: 'GET', url: `/datos/solicitudes/${id}` });
    expect(page.body).toContain('No producimos esos datos en el Distrito.');
  });

  it('keeps the answer invariants in the database, whatever the code does', async () => {
    const attempt = (set: Record<string, unknown>) => db().updateTable('open_data_requests').set(set).where('id', '=', DEMO_REQUESTS.open).execute();
    await expect(attempt({ status: 'declined', answered_at: new Date().toISOString() })).rejects.toThrow();
    await expect(attempt({ status: 'published', answer: 'Sí', answered_at: new Date().toISOString() })).rejects.toThrow();
    await expect(attempt({ status: 'planned' })).rejects.toThrow();
    await expect(db().insertInto('open_data_request_votes').values({ request_id: DEMO_REQUESTS.open, user_id: (await db().selectFrom('open_data_request_votes').select('user_id').where('request_id', '=', DEMO_REQUESTS.open).executeTakeFirstOrThrow()).user_id }).execute()).rejects.toThrow();
    expect((await request(DEMO_REQUESTS.open)).status).toBe('open');
  });
});
