import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { loadActor } from '../../core/auth/load-actor.ts';
import { identityHash } from '../../core/verification/identity.ts';
import { birthDateForAge, columnsContaining, countTextColumns, createPerson, importRegistry, postForm } from './verification.fixtures.ts';

const PAGE = '/mi-cuenta/verificacion';
const NEUTRAL = 'No pudimos verificar su identidad con esos datos.';

/** The raw numbers used in this file: none may end up in the database. */
const NUMBERS = {
  ana: '1020304050',
  bea: '52111222',
  race: '79000001',
  renew: '80000001',
  limit: '81000001',
  noLocalidad: '82000001',
  minor: '1001002003',
};

describe.each(testEngines())('verifying one’s identity at /mi-cuenta/verificacion (%s)', (engine) => {
  let t: TestApp;
  let secret: string;
  let address = 0;
  /** Each test posts from its own address so the per-address limit never mixes tests. */
  const nextAddress = () => `10.0.${engine === 'pglite' ? 1 : 2}.${++address}`;

  beforeAll(async () => {
    t = await buildTestApp(engine);
    secret = t.config.secret;
    await importRegistry(t.database.db, secret, [
      { type: 'CC', number: '1.020.304.050', birthDate: '1990-07-20', localidad: 'Fontibón' },
      { type: 'CC', number: NUMBERS.bea, birthDate: '1985-01-01', localidad: '11' },
      { type: 'CC', number: NUMBERS.race, birthDate: '1970-03-03', localidad: 'Kennedy' },
      { type: 'CC', number: NUMBERS.renew, birthDate: '1960-12-24', localidad: '02' },
      { type: 'CC', number: NUMBERS.limit, birthDate: '1979-09-09', localidad: '03' },
      { type: 'CC', number: NUMBERS.noLocalidad, birthDate: '1982-02-02', localidad: '' },
      { type: 'TI', number: NUMBERS.minor, birthDate: birthDateForAge(15), localidad: 'Usme' },
    ]);
  });
  afterAll(async () => t?.close());

  const person = async (name: string, birthDate?: string) => {
    const { id } = await createPerson(t.database.db, secret, { name, birthDate });
    return { id, cookie: await signInAs(t.database, id) };
  };
  const page = (cookie: string, lang: 'es' | 'en' = 'es') => t.app.inject({ method: 'GET', url: PAGE, headers: { cookie: `${cookie}; gab_lang=${lang}` } });
  const match = (cookie: string, fields: Record<string, string>, remoteAddress = nextAddress()) => postForm(t.app, PAGE, cookie, fields, { remoteAddress });

  it('sends a visitor who is not signed in to sign in, and refuses their form', async () => {
    const response = await t.app.inject({ method: 'GET', url: PAGE });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/ingresar?next=${encodeURIComponent(PAGE)}`);
    const post = await postForm(t.app, PAGE, null, { document_type: 'CC', document_number: NUMBERS.ana, birth_date: '1990-07-20' });
    expect(post.statusCode).toBe(401);
  });

  it('shows a registered person their level and the three ways to verify, in Spanish and in English, without scripts', async () => {
    const { cookie } = await person('Carla Registrada', '1991-04-04');
    const es = await page(cookie);
    expect(es.statusCode).toBe(200);
    expect(es.body).toContain('<h1>Verificación de identidad y residencia</h1>');
    expect(es.body).toContain('Cuenta registrada, sin verificar');
    expect(es.body).toContain('1. Con los datos de su documento');
    expect(es.body).toContain('2. Con un proveedor de identidad digital');
    expect(es.body).toContain('todavía no está disponible');
    expect(es.body).toContain('3. En persona, en un punto de atención');
    expect(es.body).toContain('Su documento de identidad original');
    expect(es.body).toContain('<form method="post" action="/mi-cuenta/verificacion"');
    expect(es.body).toContain('Acompañamientos en punto de atención');
    expect(es.body).toContain('No ha tenido acompañamientos');
    expect(es.body).not.toMatch(/<script(?![^>]*src=)/);
    const en = await page(cookie, 'en');
    expect(en.body).toContain('<h1>Identity and residence verification</h1>');
    expect(en.body).toContain('Registered account, not verified');
    expect(en.body).toContain('Assistance at a service desk');
  });

  it('links the configured identity provider and brings the person back to this page', async () => {
    const withOidc = await buildTestApp(engine, { GAB_OIDC_ISSUER: 'https://idp.example.co', GAB_OIDC_CLIENT_ID: 'gab', GAB_OIDC_CLIENT_SECRET: 'secreto', GAB_OIDC_NAME: 'Carpeta Ciudadana' });
    try {
      const { id } = await createPerson(withOidc.database.db, withOidc.config.secret, { name: 'Olga' });
      const response = await withOidc.app.inject({ method: 'GET', url: PAGE, headers: { cookie: await signInAs(withOidc.database, id) } });
      expect(response.body).toContain(`href="/ingresar/oidc?next=${encodeURIComponent(PAGE)}"`);
      expect(response.body).toContain('Verificar con Carpeta Ciudadana');
    } finally {
      await withOidc.close();
    }
  });

  it('verifies identity and residence when the document and birth date match the registry', async () => {
    const ana = await person('Ana Coincide', '1990-07-20');
    const response = await match(ana.cookie, { document_type: 'CC', document_number: '1.020.304.050', birth_date: '20/07/1990' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(PAGE);
    const actor = await loadActor(t.database.db, ana.id);
    expect(actor).toMatchObject({ level: 'residence', residenceLocalidad: '09', birthDate: '1990-07-20' });
    const identity = await t.database.db.selectFrom('core_identities').selectAll().where('user_id', '=', ana.id).executeTakeFirstOrThrow();
    expect(identity).toMatchObject({ provider: 'registry', identity_hash: identityHash(secret, 'CC', NUMBERS.ana), verified_by: null });
    const audit = await t.database.db.selectFrom('core_audit_log').selectAll().where('resource_id', '=', ana.id).where('action', '=', 'accounts.verify-identity').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: ana.id, actor_label: 'titular de la cuenta', after: { provider: 'registry', level: 'residence', localidad: '09' } });

    const after = await page(ana.cookie);
    expect(after.body).toContain('Verificamos su identidad y su residencia en Fontibón.');
    expect(after.body).toContain('Identidad y residencia verificadas');
    expect(after.body).toMatch(/Fontibón: verificada el .* \(cruce con el registro de la Registraduría\)/);
    expect(after.body).toMatch(/Vence el \d+ de [a-z]+ de \d{4}\./);
  });

  it('gives the same neutral message whether the document is unknown or the birth date is wrong', async () => {
    const { id, cookie } = await person('Beto Adivina');
    const unknown = await match(cookie, { document_type: 'CC', document_number: '99999999', birth_date: '1985-01-01' });
    const wrongDate = await match(cookie, { document_type: 'CC', document_number: NUMBERS.bea, birth_date: '1985-01-02' });
    const wrongType = await match(cookie, { document_type: 'CE', document_number: NUMBERS.bea, birth_date: '1985-01-01' });
    for (const response of [unknown, wrongDate, wrongType]) {
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain(NEUTRAL);
      expect(response.body).toContain('role="alert"');
      expect(response.body).not.toContain('ya verifica otra cuenta');
    }
    const problem = (html: string) => /<div class="error-summary" role="alert"><p>([^<]+)<\/p>/.exec(html)?.[1];
    expect(problem(unknown.body)).toBe(problem(wrongDate.body));
    expect((await loadActor(t.database.db, id))?.level).toBe('registered');
  });

  it('explains what is wrong with each field, keeping what was typed', async () => {
    const { cookie } = await person('Cata Apurada');
    const empty = await match(cookie, { document_type: '', document_number: '', birth_date: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Hay un problema con lo que envió');
    expect(empty.body).toContain('Elija el tipo de documento.');
    expect(empty.body).toContain('Escriba el número de documento.');
    expect(empty.body).toContain('Escriba la fecha de nacimiento.');
    const wrong = await match(cookie, { document_type: 'CC', document_number: '12AB34', birth_date: '31/02/1990' });
    expect(wrong.body).toContain('Escriba entre 5 y 12 dígitos, sin letras.');
    expect(wrong.body).toContain('Escriba una fecha real y pasada');
    expect(wrong.body).toContain('aria-invalid="true"');
    expect(wrong.body).toContain('value="12AB34"');
    const forged = await match(cookie, { document_type: 'XX', document_number: '123456', birth_date: '1990-01-01' });
    expect(forged.body).toContain('Elija uno de los tipos de documento de la lista.');
  });

  it('refuses a document that already verifies another account and sends the person to a service desk', async () => {
    const { id, cookie } = await person('Impostora');
    const response = await match(cookie, { document_type: 'CC', document_number: NUMBERS.ana, birth_date: '1990-07-20' });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Este documento ya verifica otra cuenta de GAB');
    expect(response.body).toContain('punto de atención');
    expect((await loadActor(t.database.db, id))?.level).toBe('registered');
  });

  it('lets exactly one of two accounts racing with the same document win', async () => {
    const first = await person('Rápida Uno');
    const second = await person('Rápida Dos');
    const fields = { document_type: 'CC', document_number: NUMBERS.race, birth_date: '1970-03-03' };
    const responses = await Promise.all([match(first.cookie, fields), match(second.cookie, fields)]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([303, 409]);
    const holders = await t.database.db.selectFrom('core_identities').select('user_id').where('identity_hash', '=', identityHash(secret, 'CC', NUMBERS.race)).execute();
    expect(holders).toHaveLength(1);
    const winner = responses[0]!.statusCode === 303 ? first : second;
    const loser = winner === first ? second : first;
    expect(holders[0]!.user_id).toBe(winner.id);
    expect((await loadActor(t.database.db, loser.id))?.level).toBe('registered');
    expect(await t.database.db.selectFrom('core_residences').select('user_id').where('user_id', '=', loser.id).executeTakeFirst()).toBeUndefined();
  });

  it('allows five attempts per hour per account, then asks the person to wait or go to a desk', async () => {
    const { cookie } = await person('Insistente');
    for (let i = 0; i < 5; i++) {
      const response = await match(cookie, { document_type: 'CC', document_number: NUMBERS.limit, birth_date: `1979-09-1${i}` });
      expect(response.statusCode).toBe(422);
    }
    // Even the right answer is refused now, from any address.
    const sixth = await match(cookie, { document_type: 'CC', document_number: NUMBERS.limit, birth_date: '1979-09-09' });
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(sixth.body).toContain('Hizo demasiados intentos de verificación');
    expect(sixth.body).toContain('3. En persona, en un punto de atención');
  });

  it('limits attempts from one address across accounts', async () => {
    const shared = nextAddress();
    let last = 0;
    for (let i = 0; i < 21; i++) {
      const { cookie } = await person(`Biblioteca ${i}`);
      last = (await match(cookie, { document_type: 'CC', document_number: '99999999', birth_date: '1985-01-01' }, shared)).statusCode;
    }
    expect(last).toBe(429);
  });

  it('shows an expired verification and lets the person renew it with the registry', async () => {
    const { id, cookie } = await person('Renata Renueva');
    const fields = { document_type: 'CC', document_number: NUMBERS.renew, birth_date: '1960-12-24' };
    expect((await match(cookie, fields)).statusCode).toBe(303);
    await t.database.db.updateTable('core_identities').set({ verified_at: '2022-01-10T15:00:00Z', expires_at: '2024-01-10T15:00:00Z' }).where('user_id', '=', id).execute();
    await t.database.db.updateTable('core_residences').set({ verified_at: '2022-01-10T15:00:00Z', expires_at: '2023-01-10T15:00:00Z' }).where('user_id', '=', id).execute();
    expect((await loadActor(t.database.db, id))?.level).toBe('registered');

    const expired = await page(cookie);
    expect(expired.body).toContain('Cuenta registrada, sin verificar');
    expect(expired.body).toContain('Venció el 10 de enero de 2024. Renueve su verificación');
    expect(expired.body).toContain('Venció el 10 de enero de 2023.');

    const renewal = await match(cookie, fields);
    expect(renewal.statusCode).toBe(303);
    expect((await loadActor(t.database.db, id))?.level).toBe('residence');
    const renewed = await page(cookie);
    expect(renewed.body).toContain('Renovamos la verificación de su identidad y de su residencia en Chapinero.');
    expect(renewed.body).not.toContain('Venció');
    const identity = await t.database.db.selectFrom('core_identities').select('expires_at').where('user_id', '=', id).executeTakeFirstOrThrow();
    expect(identity.expires_at.getTime()).toBeGreaterThan(Date.now() + 700 * 86400_000);
  });

  it('verifies only the identity when the registry record names no localidad', async () => {
    const { id, cookie } = await person('Sin Localidad');
    const response = await match(cookie, { document_type: 'CC', document_number: NUMBERS.noLocalidad, birth_date: '1982-02-02' });
    expect(response.statusCode).toBe(303);
    expect(await loadActor(t.database.db, id)).toMatchObject({ level: 'identity', residenceLocalidad: null });
    const after = await page(cookie);
    expect(after.body).toContain('Verificamos su identidad. La verificación vence el');
    expect(after.body).toContain('Para participar en las decisiones de una localidad, verifique también su residencia.');
  });

  it('refuses to put a second document on an account that is already verified', async () => {
    const { cookie } = await person('Dos Documentos');
    expect((await match(cookie, { document_type: 'CC', document_number: NUMBERS.bea, birth_date: '1985-01-01' })).statusCode).toBe(303);
    const other = await match(cookie, { document_type: 'TI', document_number: NUMBERS.minor, birth_date: birthDateForAge(15) });
    expect(other.statusCode).toBe(409);
    expect(other.body).toContain('Su cuenta ya está verificada con otro documento.');
  });

  it('tells a 15-year-old that a guardian’s consent is recorded at a desk, and a 12-year-old that participation starts at 14', async () => {
    const teen = await person('Tomás Quince', birthDateForAge(15));
    expect((await match(teen.cookie, { document_type: 'TI', document_number: NUMBERS.minor, birth_date: birthDateForAge(15) })).statusCode).toBe(303);
    const teenPage = await page(teen.cookie);
    expect(teenPage.body).toContain('Como tiene entre 14 y 17 años');
    expect(teenPage.body).toContain('se registra en un punto de atención');
    expect(teenPage.body).toContain('Todavía no tiene un consentimiento de acudiente registrado.');
    expect(teenPage.body).toContain('Usme');
    const child = await person('Lucía Doce', birthDateForAge(12));
    const childPage = await page(child.cookie);
    expect(childPage.body).toContain('La participación en GAB empieza a los 14 años.');
    expect(childPage.body).not.toContain('Como tiene entre 14 y 17 años');
    const adult = await page((await person('Adulta', '1980-01-01')).cookie);
    expect(adult.body).not.toContain('Participación según la edad');
  });

  it('never stores a raw document number: every text column of every table is free of them', async () => {
    expect(await countTextColumns(t.database.db)).toBeGreaterThan(30);
    expect(await columnsContaining(t.database.db, ['Ana Coincide'])).toContain('core_users.display_name ∋ Ana Coincide');
    const dotted = '1.020.304.050';
    expect(await columnsContaining(t.database.db, [...Object.values(NUMBERS), dotted])).toEqual([]);
  });
});
