import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { postForm } from '../../../test/post-form.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { createPerson } from '../../modules/admin/test-people.ts';
import { sha256Hex } from '../security/tokens.ts';
import { confirmContext, contextCheck, takeRateLimitHit } from './request-context.ts';

const REMEMBERING = '/prueba/contexto-recordado';
const READING = '/prueba/contexto-leido';

/** Test routes: what the request context was taken from, and who it names; `confirmar=1` confirms it first. */
function addRoutes(app: FastifyInstance) {
  const handler = async (request: import('fastify').FastifyRequest) => {
    const remembered = contextCheck(request) !== null;
    const confirmed = (request.body as Record<string, unknown>).confirmar === '1' ? await confirmContext(request) : false;
    // Hand the deferred hit back untaken: the response counts it (as on a route that wrote nothing).
    return { remembered, confirmed, after: contextCheck(request) !== null, user: request.actor?.userId ?? null, name: request.actor?.displayName ?? null };
  };
  app.post(REMEMBERING, { config: { deferRateLimit: true, rememberedContext: true } }, handler);
  app.post(READING, { config: { deferRateLimit: true } }, handler);
  app.post(`${REMEMBERING}/toma`, { config: { deferRateLimit: true, rememberedContext: true } }, async (request) => ({ taken: takeRateLimitHit(request) !== null }));
}

describe.each(testEngines())('requests that may start from a remembered context (%s)', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp(engine, { GAB_RATE_LIMIT_PER_MINUTE: '100000' }, addRoutes);
  }, 120_000);
  afterAll(async () => t?.close());

  async function signedIn(name = 'Persona Recordada') {
    const { id } = await createPerson(t.database.db, { name, level: 'residence' });
    const cookie = await signInAs(t.database.db, id);
    return { id, cookie, sessionHash: sha256Hex(cookie.split('=')[1]!) };
  }
  const post = async (url: string, cookie: string, fields: Record<string, string> = {}) => {
    const response = await postForm(t.app, url, cookie, fields);
    expect(response.statusCode).toBe(200);
    return response.json() as { remembered: boolean; confirmed: boolean; after: boolean; user: string | null; name: string | null };
  };

  it('reads the context on a session’s first request, then starts from memory on routes that allow it', async () => {
    const person = await signedIn();
    expect(await post(REMEMBERING, person.cookie)).toMatchObject({ remembered: false, user: person.id });
    expect(await post(REMEMBERING, person.cookie)).toMatchObject({ remembered: true, user: person.id, name: 'Persona Recordada' });
    // Other routes always read it.
    expect(await post(READING, person.cookie)).toMatchObject({ remembered: false, user: person.id });
  });

  it('a page loaded by the session is enough to remember it', async () => {
    const person = await signedIn();
    expect((await t.app.inject({ method: 'GET', url: '/', headers: { cookie: person.cookie } })).statusCode).toBe(200);
    expect(await post(REMEMBERING, person.cookie)).toMatchObject({ remembered: true, user: person.id });
  });

  it('confirming reads the context again and replaces what memory said', async () => {
    const person = await signedIn();
    await post(REMEMBERING, person.cookie);
    await t.database.db.updateTable('core_users').set({ display_name: 'Nombre Nuevo' }).where('id', '=', person.id).execute();
    expect(await post(REMEMBERING, person.cookie)).toMatchObject({ remembered: true, name: 'Persona Recordada' });
    expect(await post(REMEMBERING, person.cookie, { confirmar: '1' })).toMatchObject({ remembered: true, confirmed: true, after: false, name: 'Nombre Nuevo' });
    // Memory now holds the new context.
    expect(await post(REMEMBERING, person.cookie)).toMatchObject({ remembered: true, name: 'Nombre Nuevo' });
    // A signed-out session confirms to nobody, and is forgotten.
    await t.database.db.deleteFrom('core_sessions').where('id', '=', person.sessionHash).execute();
    expect(await post(REMEMBERING, person.cookie, { confirmar: '1' })).toMatchObject({ confirmed: true, user: null });
    expect(await post(REMEMBERING, person.cookie)).toMatchObject({ remembered: false, user: null });
  });

  it('never starts from memory while a flash message waits in the session', async () => {
    const person = await signedIn();
    await t.database.db.updateTable('core_sessions').set({ data: JSON.stringify({ flash: [{ kind: 'info', key: 'common.saved' }] }) }).where('id', '=', person.sessionHash).execute();
    expect(await post(REMEMBERING, person.cookie)).toMatchObject({ remembered: false });
    expect(await post(REMEMBERING, person.cookie)).toMatchObject({ remembered: false });
  });

  it('still counts the rate-limit hit of a request that started from memory', async () => {
    const person = await signedIn();
    const hits = async () => (await t.database.db.selectFrom('core_rate_limits').select('hits').where('bucket', 'like', 'writes:%').execute()).reduce((n, r) => n + r.hits, 0);
    await post(REMEMBERING, person.cookie);
    const before = await hits();
    // Untaken (the route wrote nothing): counted as the response is sent.
    expect(await post(REMEMBERING, person.cookie)).toMatchObject({ remembered: true });
    expect(await hits()).toBe(before + 1);
    // Taken by the route for its own write, which this test route does not make: not counted twice.
    expect((await postForm(t.app, `${REMEMBERING}/toma`, person.cookie, {})).json()).toEqual({ taken: true });
    expect(await hits()).toBe(before + 1);
  });
});
