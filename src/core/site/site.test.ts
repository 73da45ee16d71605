import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, csrfFor, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { signInAs } from '../../../test/sign-in.ts';

describe.each(testEngines())('core site pages and API (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine, { GAB_RATE_LIMIT_PER_MINUTE: '5' }, (app) => {
      app.get('/test/explode', async () => {
        throw new Error('secret-internal-detail at /srv/gab/db.ts:42');
      });
      app.get('/api/v1/test/explode', async () => {
        throw new Error('secret-internal-detail');
      });
    });
  });
  afterAll(async () => t?.close());

  it('serves the home page in Spanish by default with the model, the GOV.CO bar, navigation, footer and live counts', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const html = response.body;
    expect(html).toContain('<html lang="es-CO">');
    expect(html).toContain('class="govco-bar"');
    expect(html).toContain('href="https://www.gov.co/"');
    expect(html).toContain('aria-label="Navegación principal"');
    for (const pillar of ['Transparencia', 'Participación', 'Colaboración', 'Servicios']) expect(html).toContain(`<h3>${pillar}</h3>`);
    expect(html).toContain('Lucha frontal contra la corrupción');
    expect(html).toMatch(/<span class="stat-value">20<\/span> <a href="\/localidades">localidades<\/a>/);
    expect(html).toMatch(/<span class="stat-value">15<\/span> <a href="\/entidades">sectores administrativos<\/a>/);
    expect(html).toContain('Carrera 8 No. 10-65');
    for (const link of ['/terminos', '/privacidad', '/accesibilidad', '/mapa-del-sitio']) expect(html).toContain(`href="${link}"`);
  });

  it('renders the home page for each visitor: their own CSRF token and account links next to the shared parts', async () => {
    const visit = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/', headers }).then((r) => r.body);
    const tokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    const first = await visit({});
    const second = await visit({ cookie: `gab_csrf=${'a'.repeat(36)}` });
    const third = await visit({ cookie: `gab_csrf=${'b'.repeat(36)}` });
    expect(new Set([tokenIn(first), tokenIn(second), tokenIn(third)]).size).toBe(3);
    expect(second.replace(/value="[^"]+"/g, '')).toBe(third.replace(/value="[^"]+"/g, ''));
    expect(second).toContain('href="/ingresar"');
    expect(second).toContain('<a href="/" aria-current="page">Inicio</a>');

    const user = await t.database.db.insertInto('core_users').values({ email: 'inicio@example.co', display_name: 'Inicio', password_hash: null }).returning('id').executeTakeFirstOrThrow();
    const signedIn = await visit({ cookie: await signInAs(t.database, user.id) });
    expect(signedIn).toContain('href="/mi-cuenta"');
    expect(signedIn).toContain('action="/salir"');
    expect(signedIn).not.toContain('href="/ingresar"');
    // The same shared parts: the figures, the model and the footer.
    const shared = (html: string) => html.slice(html.indexOf('<main'));
    expect(shared(signedIn)).toBe(shared(second));
    const english = await visit({ 'accept-language': 'en' });
    expect(english).toContain('<a href="/" aria-current="page">Home</a>');
    expect(english).toContain('Postal code');
  });

  it('answers in English when the browser prefers it', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'en-US,en;q=0.9,es;q=0.5' } });
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain('<h3>Participation</h3>');
  });

  it('remembers the language chosen with the switch over Accept-Language', async () => {
    const { cookie, token } = await csrfFor(t.app, '/localidades');
    const response = await t.app.inject({
      method: 'POST',
      url: '/idioma',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, lang: 'en', next: '/localidades' }).toString(),
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/localidades');
    const lang = response.cookies.find((c) => c.name === 'gab_lang');
    expect(lang?.value).toBe('en');
    expect(lang?.httpOnly).toBe(true);
    const session = response.cookies.find((c) => c.name === 'gab_sid');
    const next = await t.app.inject({
      method: 'GET',
      url: '/localidades',
      headers: { cookie: `gab_lang=en; gab_sid=${session?.value}`, 'accept-language': 'es-CO' },
    });
    expect(next.body).toContain('<html lang="en">');
    expect(next.body).toContain('The language is now English.');
  });

  it('refuses a state-changing form without a valid CSRF token and changes nothing', async () => {
    const { cookie } = await csrfFor(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/idioma',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'lang=en&next=/&_csrf=forged',
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('El formulario caducó');
    expect(response.cookies.find((c) => c.name === 'gab_lang')).toBeUndefined();
  });

  it('refuses a cross-origin POST even with a valid token', async () => {
    const { cookie, token } = await csrfFor(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/idioma',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, lang: 'en' }).toString(),
    });
    expect(response.statusCode).toBe(403);
  });

  it('never redirects to another site after switching language', async () => {
    const { cookie, token } = await csrfFor(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/idioma',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, lang: 'es', next: '//evil.example/x' }).toString(),
    });
    expect(response.headers.location).toBe('/');
  });

  it('sends strict security headers on pages and API responses', async () => {
    for (const url of ['/', '/api/v1/localidades', '/no-existe']) {
      const response = await t.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('renders a Spanish 404 page for browsers and a JSON envelope for the API', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/no-existe' });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Página no encontrada');
    expect(page.body).toContain('class="govco-bar"');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/no-existe' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'not_found', message: 'No encontramos la página que busca.' } });
  });

  it('hides internal errors behind a 500 page and envelope without stack traces', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/test/explode' });
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain('Algo salió mal');
    expect(page.body).not.toContain('secret-internal-detail');
    expect(page.body).not.toContain('.ts:');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/test/explode' });
    expect(api.statusCode).toBe(500);
    expect(api.json().error.code).toBe('internal_error');
    expect(api.body).not.toContain('secret-internal-detail');
  });

  it('reports health with the database status', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: { status: 'ok', kind: engine } });
    expect(response.json().database.migrations).toBeGreaterThanOrEqual(2);
  });

  it('publishes an OpenAPI 3.1 document generated from the route schemas, and renders it', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/localidades', '/api/v1/sectors', '/healthz', '/api/v1/localidades/{code}']));
    expect(Object.keys(doc.paths).some((p) => !p.startsWith('/api/v1/') && p !== '/healthz')).toBe(false);
    expect(doc.paths['/api/v1/localidades/ubicar'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['lat', 'lon']);
    const docs = await t.app.inject({ method: 'GET', url: '/api/v1/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('<code>/api/v1/localidades</code>');
  });

  it('lists every page of every module in the site map', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/mapa-del-sitio' });
    for (const path of ['/modelo', '/localidades', '/entidades', '/terminos', '/privacidad', '/accesibilidad']) expect(response.body).toContain(`href="${path}"`);
  });

  it('serves the policies in both languages', async () => {
    const es = await t.app.inject({ method: 'GET', url: '/privacidad' });
    expect(es.body).toContain('Ley 1581 de 2012');
    const en = await t.app.inject({ method: 'GET', url: '/privacidad', headers: { 'accept-language': 'en' } });
    expect(en.body).toContain('Law 1581 of 2012');
  });

  it('finds pages with accent-insensitive Spanish search', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/buscar?q=fontibon' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('href="/localidades/09"');
    const none = await t.app.inject({ method: 'GET', url: '/buscar?q=zzzxqy' });
    expect(none.body).toContain('No encontramos resultados');
  });

  it('rejects bad query parameters with a clear Spanish error naming the field', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/localidades/ubicar?lon=abc&lat=4.6' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.lon).toBe('Tiene un formato incorrecto.');
  });

  it('limits state-changing requests per client, with the counter in the database', async () => {
    const { cookie, token } = await csrfFor(t.app);
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/idioma',
        remoteAddress: '10.9.8.7',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token, lang: 'es' }).toString(),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post()).statusCode);
    expect(statuses.slice(0, 5)).toEqual([303, 303, 303, 303, 303]);
    expect(statuses[5]).toBe(429);
    const rows = await t.database.db.selectFrom('core_rate_limits').select('hits').execute();
    expect(rows.some((r) => r.hits >= 6)).toBe(true);
  });
});
