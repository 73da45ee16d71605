/**
 * End to end against a real OpenID Connect provider (`oidc-provider`, started here on 127.0.0.1):
 * GAB listens on a real port and the whole redirect dance runs through `fetch`, with manual
 * redirects and one cookie jar per side, as a browser without JavaScript would do it.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { loadActor } from '../../core/auth/load-actor.ts';
import { SESSION_COOKIE } from '../../core/http/sessions.ts';
import { sha256Hex } from '../../core/security/tokens.ts';

const CLIENT_ID = 'gab-bogota';
const CLIENT_SECRET = 'secreto-del-cliente-gab-para-pruebas-0001';
const DOCUMENT_NUMBER = '1020304050';

/** People the provider knows; the dev login form accepts any of these ids with any password. */
const PEOPLE: Record<string, Record<string, unknown>> = {
  ana: { email: 'Ana.Torres@Example.co', email_verified: true, name: 'Ana Torres', given_name: 'Ana', family_name: 'Torres', birthdate: '1990-04-02', document_type: 'CC', document_number: DOCUMENT_NUMBER, localidad: '09' },
  // Same document, another e-mail: the identity already verifies Ana's account.
  bea: { email: 'bea@example.co', email_verified: true, name: 'Beatriz Gómez', birthdate: '1990-04-02', document_type: 'CC', document_number: DOCUMENT_NUMBER, localidad: '09' },
  // An account registered (never confirmed) with a password before the person used the provider.
  carla: { email: 'carla@example.co', email_verified: true, name: 'Carla Ruiz' },
  dora: { email: 'dora@example.co', email_verified: false, name: 'Dora Páez' },
};

// oidc-provider ships no type declarations: the little this test uses is typed here.
interface OidcProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
}
type OidcProviderClass = new (issuer: string, configuration: Record<string, unknown>) => OidcProviderInstance;

async function loadProviderClass(): Promise<OidcProviderClass> {
  const specifier = 'oidc-provider';
  return ((await import(specifier)) as { default: OidcProviderClass }).default;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** A minimal cookie jar: name + path, honouring deletions and the path on sending. */
class CookieJar {
  private cookies = new Map<string, { name: string; value: string; path: string }>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', val = ''] = attribute.split('=');
        if (key.toLowerCase() === 'path') path = val || '/';
        if (key.toLowerCase() === 'max-age' && Number(val) <= 0) expired = true;
        if (key.toLowerCase() === 'expires' && Date.parse(val) < Date.now()) expired = true;
      }
      const key = `${name}\u0000${path}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies.values()]
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  get(name: string): string | undefined {
    return [...this.cookies.values()].find((c) => c.name === name)?.value;
  }
}

describe.each(testEngines())('sign-in with OpenID Connect against a real provider (%s)', (engine) => {
  let gab: TestApp;
  let gabOrigin: string;
  let providerServer: Server;
  let issuer: string;

  beforeAll(async () => {
    // The provider's address must be known to configure GAB, and GAB's to register the client:
    // the provider's socket opens first and its handler is attached once GAB listens.
    let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
    providerServer = createServer((req, res) => (handler ? handler(req, res) : res.writeHead(503).end()));
    issuer = `http://127.0.0.1:${await listen(providerServer)}`;

    gab = await buildTestApp(engine, { GAB_OIDC_ISSUER: issuer, GAB_OIDC_CLIENT_ID: CLIENT_ID, GAB_OIDC_CLIENT_SECRET: CLIENT_SECRET, GAB_OIDC_NAME: 'Carpeta Ciudadana' });
    await gab.app.listen({ port: 0, host: '127.0.0.1' });
    gabOrigin = `http://127.0.0.1:${(gab.app.server.address() as AddressInfo).port}`;
    // The public URL is only known once listening (as a proxy's address would be in production).
    gab.config.baseUrl = gabOrigin;

    const Provider = await loadProviderClass();
    const signingKey = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${gabOrigin}/ingresar/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [signingKey] },
      cookies: { keys: [randomUUID()] },
      // Standard scopes plus the identity claims, released when asked for by name (claims parameter).
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name', 'given_name', 'family_name', 'birthdate'],
        document_type: null,
        document_number: null,
        localidad: null,
      },
      features: { devInteractions: { enabled: true }, claimsParameter: { enabled: true } },
      pkce: { required: () => true },
      findAccount: async (_ctx: unknown, id: string) => {
        const person = PEOPLE[id];
        return person ? { accountId: id, claims: async () => ({ sub: id, ...person }) } : undefined;
      },
    });
    handler = provider.callback();
  });

  afterAll(async () => {
    await gab?.close();
    await new Promise((resolve) => providerServer?.close(resolve));
  });

  /** One browser: a jar per site, manual redirects. */
  function browser() {
    const jars = new Map<string, CookieJar>();
    const jarFor = (url: URL) => {
      let jar = jars.get(url.origin);
      if (!jar) jars.set(url.origin, (jar = new CookieJar()));
      return jar;
    };
    async function request(target: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
      const url = new URL(target);
      const jar = jarFor(url);
      const headers: Record<string, string> = { 'accept-language': 'es-CO,es;q=0.9' };
      const cookie = jar.header(url);
      if (cookie) headers.cookie = cookie;
      let body: string | undefined;
      if (init.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(init.form).toString();
      }
      const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
      jar.store(response);
      return response;
    }
    return { request, gabJar: () => jarFor(new URL(gabOrigin)) };
  }

  /**
   * Starts at GAB, follows redirects, logs in and consents at the provider as `login` (or cancels),
   * and stops just before the provider sends the browser back to GAB's callback.
   */
  async function untilCallback(b: ReturnType<typeof browser>, login: string, options: { next?: string; cancel?: boolean } = {}): Promise<URL> {
    let response = await b.request(`${gabOrigin}/ingresar/oidc${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`);
    expect(response.status).toBe(303);
    let location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('scope')).toBe('openid email profile');
    expect(location.searchParams.get('state')).toBeTruthy();
    expect(location.searchParams.get('nonce')).toBeTruthy();
    for (let step = 0; step < 12; step++) {
      if (location.href.startsWith(`${gabOrigin}/ingresar/oidc/callback`)) return location;
      response = await b.request(location);
      if (response.status >= 300 && response.status < 400) {
        location = new URL(response.headers.get('location')!, location);
        continue;
      }
      expect(response.status, await response.clone().text()).toBe(200);
      const html = await response.text();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (options.cancel) {
        response = await b.request(new URL(`${location.pathname}/abort`, location));
      } else if (prompt === 'login') {
        response = await b.request(location, { form: { prompt: 'login', login, password: 'cualquiera' } });
      } else if (prompt === 'consent') {
        response = await b.request(location, { form: { prompt: 'consent' } });
      } else {
        throw new Error(`unexpected provider page at ${location.href}: ${html.slice(0, 300)}`);
      }
      expect(response.status).toBeGreaterThanOrEqual(300);
      location = new URL(response.headers.get('location')!, location);
    }
    throw new Error('too many redirects');
  }

  const db = () => gab.database.db;
  const sessionUser = async (cookie: string | undefined) =>
    cookie ? ((await db().selectFrom('core_sessions').select('user_id').where('id', '=', sha256Hex(cookie)).executeTakeFirst())?.user_id ?? null) : null;
  const counts = async () => ({
    users: Number((await db().selectFrom('core_users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
    identities: Number((await db().selectFrom('core_identities').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
    audit: Number((await db().selectFrom('core_audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
  });

  it('signs a new person in, creates the account and verifies identity and residence in Fontibón (09)', async () => {
    const b = browser();
    const callback = await untilCallback(b, 'ana');
    const anonymousSession = b.gabJar().get(SESSION_COOKIE);
    expect(anonymousSession).toBeTruthy();
    expect(callback.searchParams.get('code')).toBeTruthy();
    // A HEAD (link checker, prefetch) neither completes nor uses up the sign-in.
    expect((await b.request(callback, { method: 'HEAD' })).status).toBe(404);

    const response = await b.request(callback);
    expect(response.status, await response.clone().text()).toBe(303);
    expect(response.headers.get('location')).toBe('/mi-cuenta');

    const user = await db().selectFrom('core_users').selectAll().where('email', '=', 'ana.torres@example.co').executeTakeFirstOrThrow();
    expect(user.display_name).toBe('Ana Torres');
    expect(user.password_hash).toBeNull();
    expect(user.email_confirmed_at).toBeInstanceOf(Date);
    expect(user.locale).toBe('es');

    // Signed in on a new session id; the anonymous one that carried state/nonce is gone.
    const signedIn = b.gabJar().get(SESSION_COOKIE);
    expect(signedIn).toBeTruthy();
    expect(signedIn).not.toBe(anonymousSession);
    expect(await sessionUser(signedIn)).toBe(user.id);
    expect(await db().selectFrom('core_sessions').select('id').where('id', '=', sha256Hex(anonymousSession!)).executeTakeFirst()).toBeUndefined();
    const session = await db().selectFrom('core_sessions').select('data').where('id', '=', sha256Hex(signedIn!)).executeTakeFirstOrThrow();
    expect(JSON.stringify(session.data)).not.toContain('codeVerifier');

    const actor = await loadActor(db(), user.id);
    expect(actor).toMatchObject({ userId: user.id, level: 'residence', residenceLocalidad: '09', birthDate: '1990-04-02' });
    const identity = await db().selectFrom('core_identities').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(identity.provider).toBe('oidc');
    const residence = await db().selectFrom('core_residences').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(residence).toMatchObject({ localidad_code: '09', provider: 'oidc' });

    const audit = await db().selectFrom('core_audit_log').select(['action', 'actor_id', 'after']).where('resource_id', '=', user.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['accounts.verify-identity', 'accounts.sign-in-oidc']);
    expect(audit[1]).toMatchObject({ actor_id: user.id, after: { issuer, created: true, verification: 'residence' } });
    expect(JSON.stringify(audit[1]!.after)).not.toContain('"ana"');

    // The next page greets the person and says what was verified (no JavaScript needed).
    const page = await b.request(`${gabOrigin}/`);
    const html = await page.text();
    expect(html).toContain('Creamos su cuenta con los datos de Carpeta Ciudadana. Bienvenido(a), Ana Torres.');
    expect(html).toContain('Su identidad y su residencia en la localidad Fontibón quedaron verificadas.');
  });

  it('signs a second person with the same document in, without verifying them, and says to visit a service desk', async () => {
    const before = await counts();
    const b = browser();
    const callback = await untilCallback(b, 'bea', { next: '/' });
    const response = await b.request(callback);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');

    const user = await db().selectFrom('core_users').select(['id', 'display_name']).where('email', '=', 'bea@example.co').executeTakeFirstOrThrow();
    expect(await sessionUser(b.gabJar().get(SESSION_COOKIE))).toBe(user.id);
    expect((await loadActor(db(), user.id))?.level).toBe('registered');
    expect(await db().selectFrom('core_residences').select('user_id').where('user_id', '=', user.id).executeTakeFirst()).toBeUndefined();
    const after = await counts();
    expect(after.users).toBe(before.users + 1);
    expect(after.identities).toBe(before.identities);
    const audit = await db().selectFrom('core_audit_log').select(['action', 'after']).where('resource_id', '=', user.id).execute();
    expect(audit).toEqual([{ action: 'accounts.sign-in-oidc', after: expect.objectContaining({ verification: 'identity_taken' }) }]);

    const html = await (await b.request(`${gabOrigin}/`)).text();
    expect(html).toContain('ese documento ya verifica otra cuenta de GAB');
    expect(html).toContain('punto de atención a la ciudadanía');
  });

  it('signs an existing person in again: same account, identity renewed, no new account', async () => {
    const ana = await db().selectFrom('core_users').select('id').where('email', '=', 'ana.torres@example.co').executeTakeFirstOrThrow();
    const before = await counts();
    const b = browser();
    const response = await b.request(await untilCallback(b, 'ana'));
    expect(response.status).toBe(303);
    expect(await sessionUser(b.gabJar().get(SESSION_COOKIE))).toBe(ana.id);
    const after = await counts();
    expect(after.users).toBe(before.users);
    expect(after.identities).toBe(before.identities);
    expect((await loadActor(db(), ana.id))?.level).toBe('residence');
  });

  it('links by verified e-mail to an account registered before, dropping its unproven password', async () => {
    const inserted = await db()
      .insertInto('core_users')
      .values({ email: 'carla@example.co', display_name: 'Carla', password_hash: 'scrypt$not-a-real-hash', email_confirmed_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const b = browser();
    const response = await b.request(await untilCallback(b, 'carla'));
    expect(response.status).toBe(303);
    expect(await sessionUser(b.gabJar().get(SESSION_COOKIE))).toBe(inserted.id);
    const user = await db().selectFrom('core_users').selectAll().where('id', '=', inserted.id).executeTakeFirstOrThrow();
    expect(user.password_hash).toBeNull();
    expect(user.email_confirmed_at).toBeInstanceOf(Date);
    expect(user.display_name).toBe('Carla');
    expect((await loadActor(db(), inserted.id))?.level).toBe('registered');
  });

  it('rejects a tampered state: nothing is written, nobody is signed in, and the real answer cannot be replayed', async () => {
    const before = await counts();
    const b = browser();
    const callback = await untilCallback(b, 'ana');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const response = await b.request(tampered);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('El intento de ingreso no es válido');
    expect(html).toContain('no guardamos nada');
    expect(await sessionUser(b.gabJar().get(SESSION_COOKIE))).toBeNull();
    // The pending sign-in was used up by the failed attempt.
    const replay = await b.request(callback);
    expect(replay.status).toBe(400);
    expect(await sessionUser(b.gabJar().get(SESSION_COOKIE))).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('rejects a callback in a browser that never started the sign-in', async () => {
    const callback = await untilCallback(browser(), 'ana');
    const stranger = browser();
    const response = await stranger.request(callback);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('no empezó en este navegador');
    expect(stranger.gabJar().get(SESSION_COOKIE)).toBeUndefined();
  });

  it('explains a cancelled sign-in (access_denied) in Spanish and writes nothing', async () => {
    const before = await counts();
    const b = browser();
    const callback = await untilCallback(b, 'ana', { cancel: true });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const response = await b.request(callback);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('No se completó el ingreso');
    expect(html).toContain('Usted canceló el ingreso o Carpeta Ciudadana no autorizó compartir sus datos con GAB.');
    expect(await sessionUser(b.gabJar().get(SESSION_COOKIE))).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('refuses a provider account whose e-mail is not verified', async () => {
    const before = await counts();
    const b = browser();
    const response = await b.request(await untilCallback(b, 'dora'));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Falta un correo electrónico verificado');
    expect(await counts()).toEqual(before);
  });

  it('keeps the document number out of every table', async () => {
    const tables = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db());
    expect(tables.rows.length).toBeGreaterThan(10);
    for (const { name } of tables.rows) {
      const rows = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(name)} t`.execute(db());
      for (const { row } of rows.rows) expect(row, name).not.toContain(DOCUMENT_NUMBER);
    }
  });
});

describe('sign-in with OpenID Connect when no provider is configured', () => {
  let gab: TestApp;
  beforeAll(async () => {
    gab = await buildTestApp('pglite');
  });
  afterAll(async () => gab?.close());

  it('answers with a friendly 404 page in Spanish and English', async () => {
    const es = await gab.app.inject({ method: 'GET', url: '/ingresar/oidc' });
    expect(es.statusCode).toBe(404);
    expect(es.body).toContain('no tiene configurado el ingreso con un proveedor de identidad externo');
    const en = await gab.app.inject({ method: 'GET', url: '/ingresar/oidc/callback?code=x&state=y', headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(404);
    expect(en.body).toContain('This GAB installation has no external identity provider configured.');
    expect(en.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  });
});

describe('sign-in with OpenID Connect when the provider does not answer', () => {
  let gab: TestApp;
  let closedPort: number;
  beforeAll(async () => {
    const server = createServer();
    closedPort = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    gab = await buildTestApp('pglite', { GAB_OIDC_ISSUER: `http://127.0.0.1:${closedPort}`, GAB_OIDC_CLIENT_ID: CLIENT_ID, GAB_OIDC_CLIENT_SECRET: CLIENT_SECRET });
  });
  afterAll(async () => gab?.close());

  it('says so instead of failing, and starts no session', async () => {
    const response = await gab.app.inject({ method: 'GET', url: '/ingresar/oidc' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('Registraduría / Carpeta Ciudadana no responde');
    expect(response.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  });
});
