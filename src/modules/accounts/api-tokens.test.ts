import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, csrfFor, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { createApiToken, verifyApiToken } from '../../core/auth/api-tokens.ts';
import { withTransaction } from '../../core/db/database.ts';
import { sha256Hex } from '../../core/security/tokens.ts';
import { createPerson } from '../admin/test-people.ts';

const TOKEN = /gab_pat_[A-Za-z0-9_-]{43}/;

describe.each(testEngines())('personal access tokens (%s)', (engine) => {
  let t: TestApp;
  let owner: { id: string; cookie: string };

  beforeAll(async () => {
    t = await buildTestApp(engine);
    const person = await createPerson(t.database.db, { name: 'Tomás Token', level: 'residence', roles: [{ role: 'moderator', entityCode: 'idpac' }] });
    owner = { id: person.id, cookie: await signInAs(t.database, person.id) };
  });
  afterAll(async () => t?.close());

  async function postForm(url: string, cookie: string, fields: [string, string][]) {
    const csrf = await csrfFor(t.app);
    const body = new URLSearchParams([...fields, ['_csrf', csrf.token]]);
    return t.app.inject({ method: 'POST', url, headers: { cookie: `${cookie}; ${csrf.cookie}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
  }

  /** Creates a token through the page, as its owner would, and returns the secret shown. */
  async function createThroughPage(name: string, scopes: string[], cookie = owner.cookie) {
    const response = await postForm('/mi-cuenta/tokens', cookie, [['name', name], ...scopes.map((s): [string, string] => ['scopes', s])]);
    expect(response.statusCode).toBe(201);
    const token = TOKEN.exec(response.body)?.[0];
    if (!token) throw new Error('no token on the page');
    return { token, response };
  }

  const api = (method: 'GET' | 'DELETE' | 'POST', url: string, token?: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  const tokenRow = (token: string) => t.database.db.selectFrom('core_api_tokens').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirstOrThrow();

  it('shows a new token once, and stores only its SHA-256', async () => {
    const { token, response } = await createThroughPage('Tablero de la JAL', ['read']);
    expect(response.body).toContain('no lo volverá a ver');
    expect(response.headers['cache-control']).toBe('no-store');
    const row = await tokenRow(token);
    expect(row).toMatchObject({ user_id: owner.id, name: 'Tablero de la JAL', scopes: ['read'], revoked_at: null, expires_at: null, last_used_at: null });
    expect(row.token_hash).toBe(sha256Hex(token));
    expect(JSON.stringify(await t.database.db.selectFrom('core_api_tokens').selectAll().execute())).not.toContain(token.slice(8));

    const later = await t.app.inject({ method: 'GET', url: '/mi-cuenta/tokens', headers: { cookie: owner.cookie } });
    expect(later.statusCode).toBe(200);
    expect(later.body).toContain('Tablero de la JAL');
    expect(later.body).not.toContain(token);

    const [audit] = await t.database.db.selectFrom('core_audit_log').selectAll().where('resource_id', '=', row.id).execute();
    expect(audit).toMatchObject({ action: 'accounts.create-api-token', actor_id: owner.id, resource_type: 'api_token', after: { name: 'Tablero de la JAL', scopes: ['read'], expires_at: null, revoked_at: null } });
    expect(JSON.stringify(audit)).not.toContain(row.token_hash);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('authenticates API requests by the token and records its use at most once a minute', async () => {
    const { token } = await createThroughPage('Lector', ['read']);
    const me = await api('GET', '/api/v1/me', token);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ data: { id: owner.id, displayName: 'Tomás Token', level: 'residence', roles: [{ role: 'moderator', entityCode: 'idpac' }] } });
    const firstUse = (await tokenRow(token)).last_used_at;
    expect(firstUse).toBeInstanceOf(Date);
    expect((await api('GET', '/api/v1/localidades', token)).statusCode).toBe(200);
    expect((await tokenRow(token)).last_used_at).toEqual(firstUse);
    // A minute later the use is recorded again.
    const result = await verifyApiToken(t.database.db, token, new Date(firstUse!.getTime() + 61_000));
    expect(result.ok).toBe(true);
    expect((await tokenRow(token)).last_used_at!.getTime()).toBe(firstUse!.getTime() + 61_000);

    const list = await api('GET', '/api/v1/me/tokens', token);
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((d: { name: string }) => d.name)).toContain('Lector');
    expect(list.body).not.toContain('token_hash');
  });

  it('answers 401 to anonymous clients and to unknown, malformed, revoked or expired tokens', async () => {
    const anonymous = await api('GET', '/api/v1/me');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error).toMatchObject({ code: 'unauthenticated', reason: 'not_signed_in' });

    const expired = await withTransaction(t.database.db, (tx) => createApiToken(tx, { userId: owner.id, name: 'Vencido', scopes: ['read'], expiresAt: new Date(Date.now() - 1000) }));
    const revoked = await createThroughPage('Revocado', ['read']);
    const row = await tokenRow(revoked.token);
    expect((await postForm(`/mi-cuenta/tokens/${row.id}/revocar`, owner.cookie, [])).statusCode).toBe(303);

    for (const token of [`gab_pat_${'A'.repeat(43)}`, 'gab_pat_corto', 'otro-token', expired.token, revoked.token]) {
      const response = await api('GET', '/api/v1/me', token);
      expect(response.statusCode, token).toBe(401);
      expect(response.json().error).toMatchObject({ code: 'invalid_token', message: 'El token de acceso no es válido, venció o fue revocado.' });
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    }
    // Public endpoints still refuse a bad token rather than silently ignoring it.
    expect((await api('GET', '/api/v1/localidades', revoked.token)).statusCode).toBe(401);
  });

  it('refuses a read-only token on a state-changing request with 403 insufficient_scope, changing nothing', async () => {
    const reader = await createThroughPage('Solo lectura', ['read']);
    const victim = await createThroughPage('Otro', ['read']);
    const victimRow = await tokenRow(victim.token);
    const response = await api('DELETE', `/api/v1/me/tokens/${victimRow.id}`, reader.token);
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({ code: 'insufficient_scope' });
    expect((await tokenRow(victim.token)).revoked_at).toBeNull();
  });

  it('revokes a token through the API with a write token, without cookies or CSRF, and audits it', async () => {
    const writer = await createThroughPage('Escritor', ['read', 'write']);
    const victim = await createThroughPage('Para revocar', ['read']);
    const victimRow = await tokenRow(victim.token);
    const response = await api('DELETE', `/api/v1/me/tokens/${victimRow.id}`, writer.token);
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toMatchObject({ id: victimRow.id, name: 'Para revocar', revokedAt: expect.any(String) });
    expect((await api('GET', '/api/v1/me', victim.token)).statusCode).toBe(401);
    const audit = await t.database.db.selectFrom('core_audit_log').selectAll().where('resource_id', '=', victimRow.id).where('action', '=', 'accounts.revoke-api-token').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { revoked_at: null }, after: { revoked_at: expect.any(String) } });

    // Someone else's token is not found, whatever its id.
    const stranger = await createPerson(t.database.db, { name: 'Extraña' });
    const theirs = await withTransaction(t.database.db, (tx) => createApiToken(tx, { userId: stranger.id, name: 'Ajeno', scopes: ['read'], expiresAt: null }));
    expect((await api('DELETE', `/api/v1/me/tokens/${theirs.row.id}`, writer.token)).statusCode).toBe(404);
    expect((await tokenRow(theirs.token)).revoked_at).toBeNull();

    // A token can revoke itself; after that it no longer works.
    expect((await api('DELETE', `/api/v1/me/tokens/${(await tokenRow(writer.token)).id}`, writer.token)).statusCode).toBe(200);
    expect((await api('GET', '/api/v1/me', writer.token)).statusCode).toBe(401);
  });

  it('keeps CSRF protection for API writes authenticated by the session cookie', async () => {
    const victim = await createThroughPage('Cookie', ['read']);
    const row = await tokenRow(victim.token);
    const response = await api('DELETE', `/api/v1/me/tokens/${row.id}`, undefined, { cookie: owner.cookie });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_failed');
    expect((await tokenRow(victim.token)).revoked_at).toBeNull();
  });

  it('uses the token alone: the session cookie is ignored on bearer requests, and bearer tokens do not open pages', async () => {
    const other = await createPerson(t.database.db, { name: 'Otra Persona' });
    const otherCookie = await signInAs(t.database, other.id);
    const { token } = await createThroughPage('Solo token', ['read']);
    const me = await api('GET', '/api/v1/me', token, { cookie: otherCookie });
    expect(me.json().data.id).toBe(owner.id);
    const page = await t.app.inject({ method: 'GET', url: '/mi-cuenta/tokens', headers: { authorization: `Bearer ${token}` } });
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/ingresar?next=%2Fmi-cuenta%2Ftokens');
  });

  it("stops a disabled account's tokens", async () => {
    const person = await createPerson(t.database.db, { name: 'Cuenta Suspendida' });
    const { token } = await withTransaction(t.database.db, (tx) => createApiToken(tx, { userId: person.id, name: 'Suspendido', scopes: ['read'], expiresAt: null }));
    expect((await api('GET', '/api/v1/me', token)).statusCode).toBe(200);
    await t.database.db.updateTable('core_users').set({ disabled_at: new Date().toISOString() }).where('id', '=', person.id).execute();
    expect((await api('GET', '/api/v1/me', token)).statusCode).toBe(401);
  });

  it('explains in Spanish what is wrong with the new-token form and creates nothing', async () => {
    const before = await t.database.db.selectFrom('core_api_tokens').select('id').where('user_id', '=', owner.id).execute();
    const response = await postForm('/mi-cuenta/tokens', owner.cookie, [
      ['name', '   '],
      ['scopes', 'admin'],
      ['expires', '2020-01-01'],
    ]);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Escriba un nombre para reconocer el token.');
    expect(response.body).toContain('Elija al menos un permiso: leer o escribir.');
    expect(response.body).toContain('La fecha de vencimiento debe ser posterior a hoy.');
    const badDate = await postForm('/mi-cuenta/tokens', owner.cookie, [
      ['name', 'x'.repeat(81)],
      ['scopes', 'read'],
      ['expires', '31/12/2030'],
    ]);
    expect(badDate.body).toContain('El nombre debe tener como máximo 80 caracteres.');
    expect(badDate.body).toContain('Escriba la fecha en formato AAAA-MM-DD');
    expect(await t.database.db.selectFrom('core_api_tokens').select('id').where('user_id', '=', owner.id).execute()).toEqual(before);
  });

  it('sets an expiry at the end of the chosen Bogotá day', async () => {
    const response = await postForm('/mi-cuenta/tokens', owner.cookie, [
      ['name', 'Con vencimiento'],
      ['scopes', 'read'],
      ['expires', '2099-12-31'],
    ]);
    expect(response.statusCode).toBe(201);
    const row = await tokenRow(TOKEN.exec(response.body)![0]);
    expect(row.expires_at!.toISOString()).toBe('2100-01-01T05:00:00.000Z');
  });

  it('sends visitors to sign in, and refuses to revoke a token that is not theirs', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/mi-cuenta/tokens' });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toBe('/ingresar?next=%2Fmi-cuenta%2Ftokens');
    const stranger = await createPerson(t.database.db, { name: 'Ajena' });
    const theirs = await withTransaction(t.database.db, (tx) => createApiToken(tx, { userId: stranger.id, name: 'De otra', scopes: ['read'], expiresAt: null }));
    expect((await postForm(`/mi-cuenta/tokens/${theirs.row.id}/revocar`, owner.cookie, [])).statusCode).toBe(404);
    expect((await tokenRow(theirs.token)).revoked_at).toBeNull();
  });

  it('documents the authenticated endpoints in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/me', '/api/v1/me/tokens', '/api/v1/me/tokens/{id}']));
    expect(doc.paths['/api/v1/me/tokens/{id}'].delete).toBeDefined();
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/mi-cuenta'))).toBe(false);
  });
});
