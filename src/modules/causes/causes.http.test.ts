import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { postForm } from '../../../test/post-form.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { createPerson } from '../admin/test-people.ts';
import { DEMO_CAUSES } from './causes.seeds.ts';
import { buildCausesTestApp, makeCause, postMultipart, SAMPLE_FILES } from './causes.test-support.ts';

const reasonOf = (body: string) => /data-reason="([a-z_.]+)"/.exec(body)?.[1];
const locationOf = (response: { headers: Record<string, unknown> }) => String(response.headers.location ?? '');

describe.each(testEngines())('causes over HTTP (%s)', (engine) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  const db = () => t.database.db;

  const get = (url: string, who?: string) => t.app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who]! } : {} });
  const post = (url: string, who: string | undefined, fields: Record<string, string> = {}) => postForm(t.app, url, who ? cookies[who] : undefined, fields);
  const supports = async (causeId: string) => (await db().selectFrom('causes_causes').select('supports_count').where('id', '=', causeId).executeTakeFirstOrThrow()).supports_count;
  const supportRows = async (causeId: string) => Number((await db().selectFrom('causes_supports').select((eb) => eb.fn.countAll<string>().as('n')).where('cause_id', '=', causeId).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await buildCausesTestApp(engine);
    const people: [string, Parameters<typeof createPerson>[1]][] = [
      ['author', { name: 'Autora Causas', level: 'identity' }],
      ['citizen', { name: 'Ciudadano Verificado', level: 'identity' }],
      ['other', { name: 'Otra Ciudadana', level: 'residence' }],
      ['registered', { name: 'Sin Verificar' }],
      ['minor', { name: 'Menor Sin Consentimiento', level: 'identity', birthDate: '2011-03-01' }],
      ['child', { name: 'Menor De Catorce', level: 'identity', birthDate: new Date(Date.now() - 10 * 365 * 86400_000).toISOString().slice(0, 10) }],
      ['revoked', { name: 'Consentimiento Revocado', level: 'identity' }],
      ['moderator', { name: 'Moderadora', roles: [{ role: 'moderator' }] }],
      ['official', { name: 'Funcionario IDU', roles: [{ role: 'entity_official', entityCode: 'idu' }] }],
      ['otherOfficial', { name: 'Funcionaria SDM', roles: [{ role: 'entity_official', entityCode: 'sdm' }] }],
      ['clerk', { name: 'Funcionario Ventanilla', roles: [{ role: 'desk_clerk', entityCode: 'sdp' }] }],
      ['assisted', { name: 'Ciudadana Asistida', level: 'identity' }],
    ];
    for (const [who, spec] of people) {
      const { id } = await createPerson(db(), spec);
      ids[who] = id;
      cookies[who] = await signInAs(t.database, id);
    }
    await db().insertInto('core_consents').values({ user_id: ids.revoked!, policy: 'privacy', policy_version: '1', granted_at: new Date(Date.now() - 86400_000).toISOString(), revoked_at: new Date().toISOString() }).execute();
    await db().insertInto('core_assisted_sessions').values({ clerk_id: ids.clerk!, citizen_id: ids.assisted!, reason: 'Atención en ventanilla', expires_at: new Date(Date.now() + 3600_000).toISOString() }).execute();
  });
  afterAll(async () => t?.close());

  describe('the list /causas', () => {
    it('lists public causes linking to their pages, with filters, sort, search and the overdue badge', async () => {
      const all = await get('/causas');
      expect(all.statusCode).toBe(200);
      for (const id of Object.values(DEMO_CAUSES)) expect(all.body).toContain(`href="/causas/${id}"`);
      expect(all.body).toContain('<progress');
      expect(all.body).toContain('Respuesta vencida');

      const suba = await get('/causas?localidad=11');
      expect(suba.body).toContain(DEMO_CAUSES.overdue);
      expect(suba.body).not.toContain(DEMO_CAUSES.published);

      const city = await get('/causas?localidad=ciudad');
      expect(city.body).toContain(DEMO_CAUSES.answered);
      expect(city.body).not.toContain(DEMO_CAUSES.overdue);

      expect((await get('/causas?tema=movilidad')).body).toContain(DEMO_CAUSES.overdue);
      expect((await get('/causas?tema=movilidad')).body).not.toContain(DEMO_CAUSES.answered);

      const overdue = await get('/causas?vencidas=1');
      expect(overdue.body).toContain(DEMO_CAUSES.overdue);
      expect(overdue.body).not.toContain(DEMO_CAUSES.inResponse);
      expect(overdue.body).not.toContain(DEMO_CAUSES.published);

      const expired = await get('/causas?estado=expired');
      expect(expired.body).toContain(DEMO_CAUSES.expired);
      expect(expired.body).not.toContain(DEMO_CAUSES.published);
      expect((await get('/causas?estado=answered')).body).toContain(DEMO_CAUSES.answered);
      expect((await get('/causas?entidad=sda')).body).toContain(DEMO_CAUSES.answered);
      expect((await get('/causas?entidad=sda')).body).not.toContain(DEMO_CAUSES.overdue);
    });

    it('sorts by most supported, newest and closing soon', async () => {
      const order = (body: string) => [...body.matchAll(/<h2 class="cause-card-title"><a href="\/causas\/([0-9a-f-]+)"/g)].map((m) => m[1]).filter((id) => Object.values(DEMO_CAUSES).includes(id as never));
      expect(order((await get('/causas?orden=apoyos')).body).slice(0, 3)).toEqual([DEMO_CAUSES.overdue, DEMO_CAUSES.answered, DEMO_CAUSES.inResponse]);
      const newest = order((await get('/causas?orden=recientes')).body);
      expect(newest.indexOf(DEMO_CAUSES.published)).toBeLessThan(newest.indexOf(DEMO_CAUSES.expired));
      const closing = order((await get('/causas?orden=cierre')).body);
      // Still collecting first (the soonest deadline first), closed ones after.
      expect(closing.indexOf(DEMO_CAUSES.overdue)).toBeLessThan(closing.indexOf(DEMO_CAUSES.published));
      expect(closing.indexOf(DEMO_CAUSES.published)).toBeLessThan(closing.indexOf(DEMO_CAUSES.answered));
    });

    it('searches in Spanish without accents or case, and ignores unknown filter values', async () => {
      const found = await get('/causas?q=SEMAFORO');
      expect(found.body).toContain(DEMO_CAUSES.overdue);
      expect(found.body).not.toContain(DEMO_CAUSES.published);
      expect((await get('/causas?q=RIO%20Fuch%C3%A1')).body).toContain(DEMO_CAUSES.answered);
      const odd = await get('/causas?estado=nope&localidad=99&orden=x&pagina=-3&tema=%3Cscript%3E');
      expect(odd.statusCode).toBe(200);
      expect(odd.body).not.toContain('<script>');
    });

    it('pages 20 causes at a time with plain links', async () => {
      for (let i = 0; i < 21; i++) await makeCause(db(), ids.author!, { fields: { title: `Causa número ${i} para paginar la lista` } });
      const first = await get('/causas');
      expect(first.body).toContain('href="/causas?pagina=2"');
      const second = await get('/causas?pagina=2');
      expect(second.statusCode).toBe(200);
      expect(second.body).toContain('aria-current="page">2<');
    });

    it('offers to create a cause, or says why not and what to do', async () => {
      expect((await get('/causas', 'citizen')).body).toContain('href="/causas/nueva"');
      expect(reasonOf((await get('/causas', 'registered')).body)).toBe('not_verified');
      expect(reasonOf((await get('/causas')).body)).toBe('not_signed_in');
    });
  });

  describe('creating and editing', () => {
    const fields = { title: 'Basuras en el separador de la avenida', problem: 'El separador de la avenida acumula basura hace meses y atrae roedores a las casas vecinas.', localidad: '09', topic_code: 'ambiente', target_entity_code: 'uaesp', evidence: '', links: '' };

    it('sends visitors to sign in and explains to unverified people', async () => {
      expect((await get('/causas/nueva')).statusCode).toBe(302);
      const page = await get('/causas/nueva', 'registered');
      expect(page.statusCode).toBe(403);
      expect(reasonOf(page.body)).toBe('not_verified');
      const refused = await postMultipart(t.app, '/causas/nueva', cookies.registered, { ...fields, intent: 'publish' });
      expect(refused.statusCode).toBe(403);
      expect(await db().selectFrom('causes_causes').select('id').where('title', '=', fields.title).execute()).toHaveLength(0);
    });

    it('rejects bad input with a Spanish message per field, keeps what was typed and changes nothing', async () => {
      const before = await db().selectFrom('causes_causes').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const response = await postMultipart(
        t.app,
        '/causas/nueva',
        cookies.citizen,
        { title: 'Corto', problem: 'Un problema con suficiente texto para pasar el mínimo de caracteres.', localidad: '', topic_code: 'inventado', target_entity_code: 'no-existe', evidence: 'Mi evidencia', links: 'no es un enlace', intent: 'publish' },
        [{ filename: 'programa.exe', contentType: 'application/pdf', data: SAMPLE_FILES.exe }],
      );
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('Escriba al menos 10 caracteres.');
      expect(response.body).toContain('Elija la localidad o «Toda la ciudad».');
      expect(response.body).toContain('Elija una de las opciones de la lista.');
      expect(response.body).toContain('«no es un enlace» no es una dirección web válida');
      expect(response.body).toContain('El archivo «programa.exe» no es PDF, JPEG ni PNG.');
      expect(response.body).toContain('value="Corto"');
      expect(response.body).toContain('Mi evidencia');
      expect(response.body).toContain('aria-invalid="true"');
      const after = await db().selectFrom('causes_causes').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    });

    it('refuses files over 5 MB and more than 5 files', async () => {
      const big = Buffer.concat([SAMPLE_FILES.pdf, Buffer.alloc(5 * 1024 * 1024)]);
      const tooBig = await postMultipart(t.app, '/causas/nueva', cookies.citizen, { ...fields, intent: 'draft' }, [{ filename: 'grande.pdf', contentType: 'application/pdf', data: big }]);
      expect(tooBig.statusCode).toBe(422);
      expect(tooBig.body).toContain('El archivo «grande.pdf» pesa más de 5 MB.');
      const six = Array.from({ length: 6 }, (_, i) => ({ filename: `foto-${i}.png`, contentType: 'image/png', data: SAMPLE_FILES.png }));
      const tooMany = await postMultipart(t.app, '/causas/nueva', cookies.citizen, { ...fields, intent: 'draft' }, six);
      expect(tooMany.statusCode).toBe(422);
      expect(tooMany.body).toContain('Puede adjuntar como máximo 5 archivos en total.');
    });

    it('keeps valid files of a form that came back with errors, so they need not be chosen again', async () => {
      const first = await postMultipart(t.app, '/causas/nueva', cookies.citizen, { ...fields, title: 'x', intent: 'draft' }, [{ filename: 'acta.pdf', contentType: 'application/pdf', data: SAMPLE_FILES.pdf }]);
      expect(first.statusCode).toBe(422);
      const kept = /name="kept_file" value="([0-9a-f-]+)"/.exec(first.body)?.[1];
      expect(kept).toBeDefined();
      expect(first.body).toContain('acta.pdf');
      // Someone else cannot attach it by its id.
      const stolen = await postMultipart(t.app, '/causas/nueva', cookies.other, { ...fields, title: 'Intento de usar el archivo de otra persona', kept_file: kept!, intent: 'draft' });
      const stolenId = locationOf(stolen).split('/').pop()!;
      expect(await db().selectFrom('causes_files').select('file_id').where('cause_id', '=', stolenId).execute()).toHaveLength(0);
      const second = await postMultipart(t.app, '/causas/nueva', cookies.citizen, { ...fields, kept_file: kept!, intent: 'draft' });
      expect(second.statusCode).toBe(303);
      const id = locationOf(second).split('/').pop()!;
      expect(await db().selectFrom('causes_files').select('file_id').where('cause_id', '=', id).execute()).toEqual([{ file_id: kept }]);
    });

    it('saves a draft only its author sees, then publishes it', async () => {
      const response = await postMultipart(t.app, '/causas/nueva', cookies.author, { ...fields, links: 'https://www.uaesp.gov.co/\nhttps://example.org/informe', intent: 'draft' }, [
        { filename: 'foto.jpg', contentType: 'image/jpeg', data: SAMPLE_FILES.jpeg },
        { filename: 'informe.pdf', contentType: 'application/pdf', data: SAMPLE_FILES.pdf },
      ]);
      expect(response.statusCode).toBe(303);
      const path = locationOf(response);
      const id = path.split('/').pop()!;
      const cause = await db().selectFrom('causes_causes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(cause.state).toBe('draft');
      expect(cause.threshold).toBe(500);
      expect((await get(path, 'author')).body).toContain('Borrador');
      expect((await get(path, 'citizen')).statusCode).toBe(404);
      expect((await get(path)).statusCode).toBe(404);
      expect((await get('/causas/mis-causas', 'author')).body).toContain(path);
      const files = await db().selectFrom('causes_files').select('file_id').where('cause_id', '=', id).orderBy('position').execute();
      expect(files).toHaveLength(2);
      expect((await get(`${path}/archivos/${files[0]!.file_id}`, 'citizen')).statusCode).toBe(404);
      const download = await get(`${path}/archivos/${files[1]!.file_id}`, 'author');
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');

      // A draft does not exist for anyone else.
      expect((await post(`${path}/publicar`, 'citizen')).statusCode).toBe(404);
      const published = await post(`${path}/publicar`, 'author');
      expect(published.statusCode).toBe(303);
      const after = await db().selectFrom('causes_causes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(after.state).toBe('published');
      expect(after.deadline_at!.getTime() - after.published_at!.getTime()).toBe(90 * 86400_000);
      const page = await get(path);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('https://example.org/informe');
      expect(page.body).toContain('informe.pdf');
      // Shared links preview the cause: Open Graph tags with its absolute address.
      expect(page.body).toContain('<meta property="og:type" content="article"/>');
      expect(page.body).toContain(`<meta property="og:url" content="${t.config.baseUrl.replace(/\/$/, '')}${path}"/>`);
      expect(page.body).toMatch(/<meta property="og:description" content="[^"]+"\/>/);
      expect((await get(`${path}/archivos/${files[0]!.file_id}`)).statusCode).toBe(200);
      expect(reasonOf((await post(`${path}/publicar`, 'author')).body)).toBe('phase_closed');
    });

    it('publishes at once, and lets the author edit until the first support', async () => {
      const created = await postMultipart(t.app, '/causas/nueva', cookies.author, { ...fields, localidad: 'ciudad', target_entity_code: '', intent: 'publish' });
      expect(created.statusCode).toBe(303);
      const path = locationOf(created);
      const id = path.split('/').pop()!;
      const cause = await db().selectFrom('causes_causes').select(['state', 'localidad_code', 'target_entity_code']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(cause).toEqual({ state: 'published', localidad_code: null, target_entity_code: null });

      expect((await get(`${path}/editar`, 'citizen')).statusCode).toBe(403);
      expect(reasonOf((await get(`${path}/editar`, 'citizen')).body)).toBe('not_author');
      const form = await get(`${path}/editar`, 'author');
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('value="Basuras en el separador de la avenida"');
      const bad = await postMultipart(t.app, `${path}/editar`, cookies.author, { ...fields, problem: 'corto', intent: 'save' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('corto');
      const saved = await postMultipart(t.app, `${path}/editar`, cookies.author, { ...fields, title: 'Basuras y escombros en el separador de la avenida', intent: 'save' });
      expect(saved.statusCode).toBe(303);
      expect((await db().selectFrom('causes_causes').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title).toBe('Basuras y escombros en el separador de la avenida');

      expect((await post(`${path}/apoyar`, 'citizen')).statusCode).toBe(303);
      const closed = await get(`${path}/editar`, 'author');
      expect(closed.statusCode).toBe(403);
      expect(reasonOf(closed.body)).toBe('phase_closed');
      const late = await postMultipart(t.app, `${path}/editar`, cookies.author, { ...fields, title: 'Un título distinto después del primer apoyo', intent: 'save' });
      expect(late.statusCode).toBe(403);
      expect((await db().selectFrom('causes_causes').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title).toBe('Basuras y escombros en el separador de la avenida');
    });

    it('lets the author withdraw a published cause, and tells its followers', async () => {
      const id = await makeCause(db(), ids.author!);
      expect((await post(`/causas/${id}/seguir`, 'citizen', { follow: '1' })).statusCode).toBe(303);
      expect(reasonOf((await post(`/causas/${id}/retirar`, 'citizen')).body)).toBe('not_author');
      expect((await post(`/causas/${id}/retirar`, 'author')).statusCode).toBe(303);
      expect((await db().selectFrom('causes_causes').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('withdrawn');
      const notices = await db().selectFrom('core_notifications').select('message_key').where('user_id', '=', ids.citizen!).where('url', '=', `/causas/${id}`).execute();
      expect(notices.map((n) => n.message_key)).toContain('causes.notifications.withdrawn');
      expect((await get(`/causas/${id}`)).body).toContain('Retirada');
      expect(reasonOf((await post(`/causas/${id}/retirar`, 'author')).body)).toBe('phase_closed');
    });
  });

  describe('supporting', () => {
    let causeId: string;
    beforeAll(async () => {
      causeId = await makeCause(db(), ids.author!, { settings: { support_threshold: 500 } });
    });

    it('records one support per identity and refuses the second with already_done', async () => {
      const first = await post(`/causas/${causeId}/apoyar`, 'citizen');
      expect(first.statusCode).toBe(303);
      expect(await supports(causeId)).toBe(1);
      const again = await post(`/causas/${causeId}/apoyar`, 'citizen');
      expect(again.statusCode).toBe(409);
      expect(reasonOf(again.body)).toBe('already_done');
      expect(await supports(causeId)).toBe(1);
      expect((await get(`/causas/${causeId}`, 'citizen')).body).toContain('Usted apoya esta causa.');
    });

    it('refuses people who are not eligible, with the reason and the next step, changing nothing', async () => {
      const cases: [string, string, number][] = [
        ['registered', 'not_verified', 403],
        ['minor', 'guardian_consent_missing', 403],
        ['child', 'under_age', 403],
        ['revoked', 'consent_missing', 403],
      ];
      for (const [who, reason, status] of cases) {
        const response = await post(`/causas/${causeId}/apoyar`, who);
        expect([who, response.statusCode, reasonOf(response.body)]).toEqual([who, status, reason]);
      }
      expect((await get(`/causas/${causeId}`, 'registered')).body).toContain('href="/mi-cuenta/verificacion"');
      const anonymous = await post(`/causas/${causeId}/apoyar`, undefined);
      expect(anonymous.statusCode).toBe(303);
      expect(locationOf(anonymous)).toContain('/ingresar');
      expect(await supports(causeId)).toBe(1);
      expect(await supportRows(causeId)).toBe(1);
    });

    it('counts an identity once even through another account', async () => {
      // The citizen's identity moves to a new account (old account deleted, same document verified again).
      const identity = await db().selectFrom('core_identities').select(['identity_hash', 'birth_date', 'expires_at']).where('user_id', '=', ids.citizen!).executeTakeFirstOrThrow();
      const { id: newAccount } = await createPerson(db(), { name: 'Misma Persona Otra Cuenta' });
      await db().deleteFrom('core_identities').where('user_id', '=', ids.citizen!).execute();
      await db().insertInto('core_identities').values({ identity_hash: identity.identity_hash, user_id: newAccount, provider: 'registry', birth_date: identity.birth_date, expires_at: identity.expires_at.toISOString() }).execute();
      const cookie = await signInAs(t.database, newAccount);
      const response = await postForm(t.app, `/causas/${causeId}/apoyar`, cookie, {});
      expect(response.statusCode).toBe(409);
      expect(reasonOf(response.body)).toBe('already_done');
      expect(await supports(causeId)).toBe(1);
      // Back as it was, for the tests below.
      await db().deleteFrom('core_identities').where('user_id', '=', newAccount).execute();
      await db().insertInto('core_identities').values({ identity_hash: identity.identity_hash, user_id: ids.citizen!, provider: 'registry', birth_date: identity.birth_date, expires_at: identity.expires_at.toISOString() }).execute();
    });

    it('lets a supporter withdraw before the deadline; withdrawing twice is already_done', async () => {
      await post(`/causas/${causeId}/apoyar`, 'other');
      expect(await supports(causeId)).toBe(2);
      expect((await post(`/causas/${causeId}/retirar-apoyo`, 'other')).statusCode).toBe(303);
      expect(await supports(causeId)).toBe(1);
      const twice = await post(`/causas/${causeId}/retirar-apoyo`, 'other');
      expect([twice.statusCode, reasonOf(twice.body)]).toEqual([409, 'already_done']);
      expect(await supports(causeId)).toBe(1);
    });

    it('refuses supports and withdrawals after the deadline (phase_closed)', async () => {
      const id = await makeCause(db(), ids.author!);
      await post(`/causas/${id}/apoyar`, 'other');
      await db().updateTable('causes_causes').set({ published_at: new Date(Date.now() - 40 * 86400_000).toISOString(), deadline_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
      const late = await post(`/causas/${id}/apoyar`, 'citizen');
      expect([late.statusCode, reasonOf(late.body)]).toEqual([403, 'phase_closed']);
      const withdraw = await post(`/causas/${id}/retirar-apoyo`, 'other');
      expect([withdraw.statusCode, reasonOf(withdraw.body)]).toEqual([403, 'phase_closed']);
      expect(await supports(id)).toBe(1);
      // Expired on read, before any job ran.
      expect((await get(`/causas/${id}`)).body).toContain('Vencida sin umbral');
    });

    it('lets a desk clerk support for a present citizen within an open assisted session, audited with the clerk', async () => {
      const noSession = await post(`/causas/${causeId}/apoyar-asistido`, 'clerk', { citizen_id: ids.other! });
      expect([noSession.statusCode, reasonOf(noSession.body)]).toEqual([403, 'causes.errors.no_assisted_session']);
      expect(reasonOf((await post(`/causas/${causeId}/apoyar-asistido`, 'citizen', { citizen_id: ids.assisted! })).body)).toBe('missing_role');
      const page = await get(`/causas/${causeId}`, 'clerk');
      expect(page.body).toContain('Apoyo asistido en ventanilla');
      const ok = await post(`/causas/${causeId}/apoyar-asistido`, 'clerk', { citizen_id: ids.assisted! });
      expect(ok.statusCode).toBe(303);
      const row = await db().selectFrom('causes_supports').select(['user_id', 'assisted_by']).where('cause_id', '=', causeId).where('user_id', '=', ids.assisted!).executeTakeFirstOrThrow();
      expect(row.assisted_by).toBe(ids.clerk);
      const audit = await db().selectFrom('core_audit_log').select(['actor_id', 'after']).where('action', '=', 'causes.support').where('resource_id', '=', causeId).where('actor_id', '=', ids.assisted!).executeTakeFirstOrThrow();
      expect((audit.after as { assistedBy: { clerkId: string } }).assistedBy.clerkId).toBe(ids.clerk);
      const twice = await post(`/causas/${causeId}/apoyar-asistido`, 'clerk', { citizen_id: ids.assisted! });
      expect([twice.statusCode, reasonOf(twice.body)]).toEqual([409, 'already_done']);
    });

    it('follows and unfollows; following twice is already_done', async () => {
      expect((await post(`/causas/${causeId}/seguir`, 'registered', { follow: '1' })).statusCode).toBe(303);
      expect((await get(`/causas/${causeId}`, 'registered')).body).toContain('Dejar de seguir');
      expect(reasonOf((await post(`/causas/${causeId}/seguir`, 'registered', { follow: '1' })).body)).toBe('already_done');
      expect((await post(`/causas/${causeId}/seguir`, 'registered', { follow: '0' })).statusCode).toBe(303);
      expect(reasonOf((await post(`/causas/${causeId}/seguir`, 'registered', { follow: '0' })).body)).toBe('already_done');
    });
  });

  describe('comments and moderation', () => {
    let causeId: string;
    let commentId: string;
    beforeAll(async () => {
      causeId = await makeCause(db(), ids.author!);
    });

    it('posts comments and replies, refusing empty ones with the text kept', async () => {
      const empty = await post(`/causas/${causeId}/comentarios`, 'citizen', { body: ' ' });
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain('Este campo es obligatorio.');
      const anonymous = await post(`/causas/${causeId}/comentarios`, undefined, { body: 'Hola' });
      expect(anonymous.statusCode).toBe(303);
      const ok = await post(`/causas/${causeId}/comentarios`, 'citizen', { body: 'Estoy de acuerdo con la causa.' });
      expect(ok.statusCode).toBe(303);
      commentId = /comentario-([0-9a-f-]+)/.exec(locationOf(ok))![1]!;
      const reply = await post(`/causas/${causeId}/comentarios`, 'author', { body: 'Gracias por el apoyo.', parent_id: commentId });
      expect(reply.statusCode).toBe(303);
      const shortReply = await post(`/causas/${causeId}/comentarios`, 'author', { body: 'x', parent_id: commentId });
      expect(shortReply.statusCode).toBe(422);
      expect(shortReply.body).toContain('Escriba al menos 2 caracteres.');
      expect(shortReply.body).toContain('>x</textarea>');
      const page = await get(`/causas/${causeId}`);
      expect(page.body).toContain('Estoy de acuerdo con la causa.');
      expect(page.body).toContain('Respuestas a Ciudadano Verificado');
    });

    it('takes one report per person, and moderators see the queue', async () => {
      const missing = await post(`/causas/${causeId}/comentarios/${commentId}/reportar`, 'other', { reason: '' });
      expect(missing.statusCode).toBe(422);
      expect((await post(`/causas/${causeId}/comentarios/${commentId}/reportar`, 'other', { reason: 'Es ofensivo' })).statusCode).toBe(303);
      const twice = await post(`/causas/${causeId}/comentarios/${commentId}/reportar`, 'other', { reason: 'Es ofensivo' });
      expect([twice.statusCode, reasonOf(twice.body)]).toEqual([409, 'already_done']);
      expect((await post(`/causas/${causeId}/reportar`, 'other', { reason: 'Información falsa' })).statusCode).toBe(303);
      expect((await get('/causas/moderacion', 'citizen')).statusCode).toBe(403);
      const queue = await get('/causas/moderacion', 'moderator');
      expect(queue.statusCode).toBe(200);
      expect(queue.body).toContain('Es ofensivo');
      expect(queue.body).toContain('Información falsa');
    });

    it('lets moderators only hide a comment, with a reason shown in its place', async () => {
      const refused = await post(`/causas/${causeId}/comentarios/${commentId}/ocultar`, 'citizen', { reason: 'No me gusta' });
      expect([refused.statusCode, reasonOf(refused.body)]).toEqual([403, 'missing_role']);
      const noReason = await post(`/causas/${causeId}/comentarios/${commentId}/ocultar`, 'moderator', { reason: '' });
      expect(noReason.statusCode).toBe(422);
      expect((await post(`/causas/${causeId}/comentarios/${commentId}/ocultar`, 'moderator', { reason: 'Lenguaje ofensivo' })).statusCode).toBe(303);
      const page = await get(`/causas/${causeId}`);
      expect(page.body).toContain('Comentario ocultado por moderación: Lenguaje ofensivo');
      expect(page.body).not.toContain('Estoy de acuerdo con la causa.');
      expect(reasonOf((await post(`/causas/${causeId}/comentarios/${commentId}/ocultar`, 'moderator', { reason: 'Otra vez' })).body)).toBe('already_done');
      const replyToHidden = await post(`/causas/${causeId}/comentarios`, 'other', { body: 'Respondo al oculto', parent_id: commentId });
      expect(replyToHidden.statusCode).toBe(422);
      expect(replyToHidden.body).toContain('No se puede responder un comentario ocultado por moderación.');
    });

    it('lets moderators hide a cause with a reason: supports and comments stop (hidden)', async () => {
      const id = await makeCause(db(), ids.author!);
      expect(reasonOf((await post(`/causas/${id}/ocultar`, 'author', { reason: 'Porque sí' })).body)).toBe('missing_role');
      expect((await post(`/causas/${id}/ocultar`, 'moderator', { reason: 'Contiene datos personales de terceros' })).statusCode).toBe(303);
      const page = await get(`/causas/${id}`);
      expect(page.body).toContain('Esta causa fue ocultada por moderación: Contiene datos personales de terceros');
      const support = await post(`/causas/${id}/apoyar`, 'citizen');
      expect([support.statusCode, reasonOf(support.body)]).toEqual([403, 'hidden']);
      const comment = await post(`/causas/${id}/comentarios`, 'citizen', { body: 'Un comentario' });
      expect([comment.statusCode, reasonOf(comment.body)]).toEqual([403, 'hidden']);
      expect((await get('/causas')).body).not.toContain(id);
      expect(reasonOf((await post(`/causas/${id}/ocultar`, 'moderator', { reason: 'Otra vez' })).body)).toBe('already_done');
    });

    it('lets moderators restore a hidden cause to the state it had, with a public reason on its timeline', async () => {
      const id = await makeCause(db(), ids.author!);
      await post(`/causas/${id}/seguir`, 'registered', { follow: '1' });
      expect((await post(`/causas/${id}/apoyar`, 'citizen')).statusCode).toBe(303);
      expect((await post(`/causas/${id}/ocultar`, 'moderator', { reason: 'Reportada por datos personales' })).statusCode).toBe(303);
      // Only moderators, only with a reason, only a hidden cause.
      expect(reasonOf((await post(`/causas/${id}/restaurar`, 'author', { reason: 'Quiero que vuelva' })).body)).toBe('missing_role');
      const noReason = await post(`/causas/${id}/restaurar`, 'moderator', { reason: '' });
      expect(noReason.statusCode).toBe(422);
      expect((await get(`/causas/${id}`, 'moderator')).body).toContain('Restituir esta causa');
      expect((await post(`/causas/${id}/restaurar`, 'moderator', { reason: 'El reporte no se confirmó' })).statusCode).toBe(303);
      const cause = await db().selectFrom('causes_causes').select(['state', 'hidden_reason', 'hidden_by', 'closed_at', 'supports_count']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(cause).toMatchObject({ state: 'published', hidden_reason: null, hidden_by: null, closed_at: null, supports_count: 1 });
      const page = await get(`/causas/${id}`);
      expect(page.body).not.toContain('fue ocultada por moderación: Reportada');
      expect(page.body).toContain('Restituida por moderación');
      expect(page.body).toContain('El reporte no se confirmó');
      expect((await get('/causas')).body).toContain(id);
      expect((await post(`/causas/${id}/apoyar`, 'other')).statusCode).toBe(303);
      expect(reasonOf((await post(`/causas/${id}/restaurar`, 'moderator', { reason: 'Otra vez' })).body)).toBe('already_done');
      const keys = (await db().selectFrom('core_notifications').select('message_key').where('user_id', '=', ids.registered!).where('url', '=', `/causas/${id}`).execute()).map((r) => r.message_key);
      expect(keys).toEqual(expect.arrayContaining(['causes.notifications.hidden', 'causes.notifications.restored']));
      const audit = await db().selectFrom('core_audit_log').select(['actor_id', 'before', 'after']).where('action', '=', 'causes.restore').where('resource_id', '=', id).executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ actor_id: ids.moderator, before: { state: 'hidden', hiddenReason: 'Reportada por datos personales' }, after: { state: 'published', reason: 'El reporte no se confirmó' } });
    });

    it('restores a withdrawn cause as withdrawn, keeping the day it closed', async () => {
      const id = await makeCause(db(), ids.author!);
      expect((await post(`/causas/${id}/retirar`, 'author')).statusCode).toBe(303);
      const closed = (await db().selectFrom('causes_causes').select('closed_at').where('id', '=', id).executeTakeFirstOrThrow()).closed_at;
      expect(closed).toBeInstanceOf(Date);
      expect((await post(`/causas/${id}/ocultar`, 'moderator', { reason: 'Contiene insultos' })).statusCode).toBe(303);
      expect((await post(`/causas/${id}/restaurar`, 'moderator', { reason: 'Se editó el texto' })).statusCode).toBe(303);
      expect(await db().selectFrom('causes_causes').select(['state', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ state: 'withdrawn', closed_at: closed });
    });
  });

  describe('the author updates and the entity answer', () => {
    let causeId: string;
    beforeAll(async () => {
      causeId = await makeCause(db(), ids.author!, { settings: { support_threshold: 2 } });
      await post(`/causas/${causeId}/seguir`, 'registered', { follow: '1' });
    });

    it('posts author updates to the timeline and notifies followers', async () => {
      expect(reasonOf((await post(`/causas/${causeId}/novedades`, 'citizen', { body: 'Una novedad que no es mía' })).body)).toBe('not_author');
      expect((await post(`/causas/${causeId}/novedades`, 'author', { body: 'corta' })).statusCode).toBe(422);
      expect((await post(`/causas/${causeId}/novedades`, 'author', { body: 'Nos reunimos con la alcaldía local el martes.' })).statusCode).toBe(303);
      expect((await get(`/causas/${causeId}`)).body).toContain('Nos reunimos con la alcaldía local el martes.');
      const keys = (await db().selectFrom('core_notifications').select('message_key').where('user_id', '=', ids.registered!).where('url', '=', `/causas/${causeId}`).execute()).map((r) => r.message_key);
      expect(keys).toContain('causes.notifications.update');
    });

    it('lets only officials of the entity respond, once the threshold is reached', async () => {
      const early = await post(`/causas/${causeId}/acusar-recibo`, 'official');
      expect([early.statusCode, reasonOf(early.body)]).toEqual([403, 'phase_closed']);
      expect((await get(`/causas/${causeId}/respuesta`, 'official')).statusCode).toBe(403);
      await post(`/causas/${causeId}/apoyar`, 'citizen');
      const reaching = await post(`/causas/${causeId}/apoyar`, 'other');
      expect(reaching.statusCode).toBe(303);
      const cause = await db().selectFrom('causes_causes').select(['state', 'answer_due_on', 'target_entity_code']).where('id', '=', causeId).executeTakeFirstOrThrow();
      expect(cause.state).toBe('threshold_reached');
      expect(cause.target_entity_code).toBe('idu');
      expect(cause.answer_due_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      const wrong = await post(`/causas/${causeId}/acusar-recibo`, 'otherOfficial');
      expect([wrong.statusCode, reasonOf(wrong.body)]).toEqual([403, 'wrong_entity']);
      expect(reasonOf((await post(`/causas/${causeId}/acusar-recibo`, 'citizen')).body)).toBe('missing_role');
      expect((await post(`/causas/${causeId}/acusar-recibo`, 'official')).statusCode).toBe(303);
      expect(reasonOf((await post(`/causas/${causeId}/acusar-recibo`, 'official')).body)).toBe('already_done');

      const badLink = await post(`/causas/${causeId}/enlaces`, 'official', { kind: '', url: 'javascript:alert(1)', title: 'x' });
      expect(badLink.statusCode).toBe(422);
      expect(badLink.body).toContain('Elija el tipo de proceso.');
      expect((await post(`/causas/${causeId}/enlaces`, 'official', { kind: 'consultation', url: '/consultas/movilidad-2026', title: 'Consulta sobre movilidad 2026' })).statusCode).toBe(303);

      const form = await get(`/causas/${causeId}/respuesta`, 'official');
      expect(form.statusCode).toBe(200);
      const short = await postMultipart(t.app, `/causas/${causeId}/respuesta`, cookies.official, { body: 'Muy corta' });
      expect(short.statusCode).toBe(422);
      expect(short.body).toContain('Muy corta');
      const answered = await postMultipart(t.app, `/causas/${causeId}/respuesta`, cookies.official, { body: 'El IDU construirá las rampas en el segundo semestre, con la veeduría de la comunidad.' }, [
        { filename: 'cronograma.pdf', contentType: 'application/pdf', data: SAMPLE_FILES.pdf },
      ]);
      expect(answered.statusCode).toBe(303);
      const page = await get(`/causas/${causeId}`);
      expect(page.body).toContain('Respuesta oficial de Instituto de Desarrollo Urbano');
      expect(page.body).toContain('cronograma.pdf');
      expect(page.body).toContain('Consulta sobre movilidad 2026');
      expect((await get(`/causas/${causeId}/respuesta`, 'official')).statusCode).toBe(409);
      const again = await postMultipart(t.app, `/causas/${causeId}/respuesta`, cookies.official, { body: 'Una segunda respuesta que no debe quedar registrada.' });
      expect(again.statusCode).toBe(409);
      const keys = (await db().selectFrom('core_notifications').select('message_key').where('user_id', '=', ids.registered!).where('url', '=', `/causas/${causeId}`).execute()).map((r) => r.message_key);
      expect(keys).toEqual(expect.arrayContaining(['causes.notifications.threshold_reached', 'causes.notifications.in_response', 'causes.notifications.linked', 'causes.notifications.answered']));
    });
  });

  describe('the JSON API', () => {
    it('lists and shows public causes without personal data', async () => {
      const list = await get('/api/v1/causas?estado=answered');
      expect(list.statusCode).toBe(200);
      const data = list.json().data;
      expect(data.causes.map((c: { id: string }) => c.id)).toContain(DEMO_CAUSES.answered);
      expect(JSON.stringify(data)).not.toContain('Luz Dary');
      const one = await get(`/api/v1/causas/${DEMO_CAUSES.answered}`);
      expect(one.json().data.answer.entity).toBe('sda');
      expect((await get('/api/v1/causas/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    });

    it('supports with the reason code in error.reason', async () => {
      const id = await makeCause(db(), ids.author!, { settings: { support_threshold: 100 } });
      const csrf = await csrfFor(t.app);
      const call = (method: 'POST' | 'DELETE', who?: string) =>
        t.app.inject({ method, url: `/api/v1/causas/${id}/apoyo`, headers: { cookie: [who ? cookies[who] : undefined, csrf.cookie].filter(Boolean).join('; '), 'x-csrf-token': csrf.token } });
      const anonymous = await call('POST');
      expect([anonymous.statusCode, anonymous.json().error.reason]).toEqual([401, 'not_signed_in']);
      const unverified = await call('POST', 'registered');
      expect([unverified.statusCode, unverified.json().error.reason]).toEqual([403, 'not_verified']);
      const ok = await call('POST', 'citizen');
      expect(ok.json().data).toEqual({ supported: true, supports: 1, thresholdReached: false });
      const twice = await call('POST', 'citizen');
      expect([twice.statusCode, twice.json().error.reason]).toEqual([409, 'already_done']);
      expect((await call('DELETE', 'citizen')).json().data.supports).toBe(0);
      expect((await call('DELETE', 'citizen')).json().error.reason).toBe('already_done');
    });
  });

  it('renders every page of the module in Spanish and English', async () => {
    for (const lang of ['es', 'en']) {
      for (const url of ['/causas', ...Object.values(DEMO_CAUSES).map((id) => `/causas/${id}`)]) {
        const response = await t.app.inject({ url, headers: { cookie: `gab_lang=${lang}` } });
        expect(response.statusCode, `${lang} ${url}`).toBe(200);
        expect(response.body, `${lang} ${url}`).not.toMatch(/>causes\.[a-z_.-]+</);
      }
    }
    expect((await get('/causas/no-es-un-id')).statusCode).toBe(404);
  });
});
