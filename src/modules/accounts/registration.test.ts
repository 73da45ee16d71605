import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { sha256Hex } from '../../core/security/tokens.ts';
import { ENTITY_CONTACT } from '../../core/site/entity-contact.ts';
import { identityHash } from '../../core/verification/identity.ts';
import { captureLogs, linkIn, registrationFields, runJobs, signUp, startSmtp, Visitor, type Smtp } from './account.test-support.ts';
import { withTransaction } from '../../core/db/database.ts';
import { issueUserToken } from './account-tokens.ts';

const form = (body: string) => body.replace(/\s+/g, ' ');

describe.each(testEngines())('registration, sign-in and password recovery (%s)', (engine) => {
  let t: TestApp;
  let smtp: Smtp;
  let logs: string[];
  let ipCounter = 0;
  /** A visitor from its own address, so the per-client rate limits of one test do not touch another. */
  const visitor = (headers: Record<string, string> = {}) => new Visitor(t.app, `10.0.0.${++ipCounter}`, headers);
  const db = () => t.database.db;
  const count = async (table: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db())).rows[0]!.n);
  const userByEmail = (email: string) => db().selectFrom('core_users').selectAll().where('email', '=', email).executeTakeFirst();

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await buildTestApp(engine, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, GAB_BASE_URL: 'https://gab.example.co', GAB_LOG_LEVEL: 'trace' }, (app) => {
      logs = captureLogs(app);
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('shows the registration form with the personal-data notice and an unticked consent box', async () => {
    const response = await visitor().get('/registro');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<h1>Crear una cuenta</h1>');
    for (const name of ['display_name', 'email', 'password', 'document_type', 'document_number', 'birth_day', 'birth_month', 'birth_year', 'localidad', 'gender', 'ethnic_group', 'disability', 'conflict_victim']) {
      expect(html).toContain(`name="${name}"`);
    }
    expect(html).toMatch(/<input type="checkbox" id="consent" name="consent" value="yes" required/);
    expect(html).not.toMatch(/name="consent"[^>]*checked/);
    expect(html).toContain(ENTITY_CONTACT.name);
    expect(html).toContain('href="/privacidad"');
    expect(html).toContain('versión 1.0');
    expect(html).toContain('<option value="PA">Pasaporte</option>');
    expect(html).toContain('<option value="09">9. Fontibón</option>');
    expect(html).toContain('Género<span class="optional"> (opcional)</span>');
    expect(html).toContain('solo en estadísticas anónimas');
  });

  it('is also offered in English', async () => {
    const english = await t.app.inject({ method: 'GET', url: '/registro', headers: { cookie: 'gab_lang=en' } });
    expect(english.body).toContain('<h1>Create an account</h1>');
    expect(english.body).toContain('I consent to the processing of my personal data');
  });

  it('lists every problem in Spanish when the form is sent empty, field by field, and creates nothing', async () => {
    const users = await count('core_users');
    const response = await visitor().post('/registro', {});
    expect(response.statusCode).toBe(422);
    const html = form(response.body);
    expect(html).toContain('Hay un problema con lo que envió');
    const expected: Record<string, string> = {
      display_name: 'Escriba su nombre.',
      email: 'Escriba un correo electrónico válido, por ejemplo nombre@ejemplo.com.',
      password: 'Escriba una contraseña de al menos 12 caracteres.',
      document_type: 'Elija el tipo de documento.',
      document_number: 'Escriba el número de documento.',
      birth_date: 'Escriba una fecha de nacimiento que exista: día, mes y año de 4 cifras, por ejemplo 20 7 1990.',
      localidad: 'Elija la localidad donde vive.',
      consent: 'Para crear la cuenta debe autorizar el tratamiento de sus datos personales.',
    };
    for (const [field, message] of Object.entries(expected)) {
      expect(html, field).toContain(`<a href="#${field}">`);
      expect(html, field).toContain(`<p class="error-message" id="${field}-error"><span class="visually-hidden">Error: </span>${message}</p>`);
      expect(html, field).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
    }
    for (const optional of ['gender', 'ethnic_group', 'disability', 'conflict_victim']) expect(html).not.toContain(`id="${optional}-error"`);
    expect(await count('core_users')).toBe(users);
  });

  it('explains short passwords, bad document numbers, future birth dates and unknown options', async () => {
    const response = await visitor().post(
      '/registro',
      registrationFields({ password: 'corta', document_number: '12-AB', birth_year: '2999', gender: 'robot', email: 'sin-arroba' }),
    );
    expect(response.statusCode).toBe(422);
    const html = response.body;
    expect(html).toContain('La contraseña debe tener al menos 12 caracteres.');
    expect(html).toContain('Escriba solo los números del documento: entre 5 y 12 dígitos.');
    expect(html).toContain('La fecha de nacimiento no puede ser posterior a hoy.');
    expect(html).toContain('Elija una de las opciones de la lista o deje la pregunta sin responder.');
    expect(html).toContain('Escriba un correo electrónico válido');
  });

  it('keeps what was typed when something is wrong, but never the password', async () => {
    const response = await visitor().post('/registro', registrationFields({ document_number: 'x', password: 'mi clave secreta de prueba' }));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('value="María Fernanda Rojas"');
    expect(response.body).toContain('value="maria.rojas@example.co"');
    expect(response.body).toContain('name="birth_year" type="text" inputmode="numeric" value="1991"');
    expect(response.body).toMatch(/<option value="09" selected>/);
    expect(response.body).toMatch(/<input type="checkbox" id="consent" name="consent" value="yes" checked/);
    expect(response.body).not.toContain('mi clave secreta de prueba');
    expect(response.body).toMatch(/<input id="password" name="password" type="password" value required/);
  });

  it('refuses to register when the consent box is not ticked, and writes nothing at all', async () => {
    const tables = ['core_users', 'core_profiles', 'core_consents', 'core_user_tokens', 'core_jobs', 'core_audit_log', 'core_events'];
    const before = await Promise.all(tables.map(count));
    const { consent: _consent, ...withoutConsent } = registrationFields({ email: 'sin.consentimiento@example.co' });
    const response = await visitor().post('/registro', withoutConsent);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Para crear la cuenta debe autorizar el tratamiento de sus datos personales.');
    expect(await Promise.all(tables.map(count))).toEqual(before);
    expect(await userByEmail('sin.consentimiento@example.co')).toBeUndefined();
  });

  it('registers, confirms the e-mail with the link received over SMTP, signs out and signs in again', async () => {
    const ana = visitor({ 'user-agent': 'Mozilla/5.0 (Android 14) Firefox/131.0' });
    const registered = await ana.post('/registro', registrationFields({ email: 'Ana.Suarez@Example.co', display_name: 'Ana Suárez', localidad: '11' }));
    expect(registered.statusCode).toBe(303);
    expect(registered.headers.location).toBe('/registro/correo-enviado');
    expect((await ana.get('/registro/correo-enviado')).body).toContain('<h1>Revise su correo</h1>');

    const user = (await userByEmail('ana.suarez@example.co'))!;
    expect(user).toMatchObject({ display_name: 'Ana Suárez', locale: 'es', email_confirmed_at: null, deleted_at: null });
    expect(user.password_hash).toMatch(/^scrypt\$/);
    const profile = await db().selectFrom('core_profiles').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(profile).toMatchObject({ document_type: 'CC', birth_date: '1991-03-15', localidad_code: '11', gender: 'female', ethnic_group: null, disability: 'none', conflict_victim: 'prefer_not_to_say' });
    expect(profile.document_hash).toBe(identityHash(t.config.secret, 'CC', '73190468'));
    const consents = await db().selectFrom('core_consents').selectAll().where('user_id', '=', user.id).execute();
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ policy: 'privacy', policy_version: '1.0', revoked_at: null });
    expect(Math.abs(consents[0]!.granted_at.getTime() - Date.now())).toBeLessThan(60_000);
    const audit = await db().selectFrom('core_audit_log').selectAll().where('action', '=', 'accounts.register').where('resource_id', '=', user.id).executeTakeFirstOrThrow();
    expect(audit.after).toEqual({ userId: user.id, localidad: '11' });
    expect(audit.actor_label).not.toContain('Ana');

    // The mail is queued in the same transaction and only leaves when the job queue runs.
    expect(smtp.to('ana.suarez@example.co')).toHaveLength(0);
    expect(await runJobs(t.app)).toBeGreaterThanOrEqual(1);
    const mail = smtp.to('ana.suarez@example.co').at(-1)!;
    expect(mail.headers.subject).toBe('Confirme su correo en Gobierno Abierto de Bogotá');
    expect(mail.body).toContain('Hola, Ana Suárez:');
    expect(mail.body).toContain('https://gab.example.co/confirmar-correo/');
    const link = linkIn(mail.body, '/confirmar-correo/');
    const token = link.split('/').at(-1)!;
    const stored = await db().selectFrom('core_user_tokens').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256Hex(token));
    expect(stored.purpose).toBe('confirm_email');
    expect(Math.round((stored.expires_at.getTime() - stored.created_at.getTime()) / 3600_000)).toBe(48);

    // Opening the link only shows a button: mail scanners that follow links do not confirm anything.
    const page = await ana.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Confirmar mi correo');
    expect((await userByEmail('ana.suarez@example.co'))!.email_confirmed_at).toBeNull();
    const confirmed = await ana.post(link);
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe('/mi-cuenta');
    expect((await userByEmail('ana.suarez@example.co'))!.email_confirmed_at).not.toBeNull();
    const account = await ana.get('/mi-cuenta');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Su correo quedó confirmado.');
    expect(account.body).toContain('Ana Suárez');
    expect(account.body).toContain('>Salir</button>');

    // The link worked once.
    expect((await ana.get(link)).statusCode).toBe(410);
    expect((await ana.post(link)).statusCode).toBe(410);

    const signedOut = await ana.post('/salir');
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe('/');
    const home = await ana.get('/');
    expect(home.body).toContain('Salió de su cuenta.');
    expect(home.body).toContain('href="/ingresar"');
    expect((await ana.get('/mi-cuenta')).statusCode).toBe(302);

    const signedIn = await ana.post('/ingresar', { email: ' ANA.suarez@example.co ', password: 'una frase larga y segura' });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/mi-cuenta');
    const again = await ana.get('/mi-cuenta');
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Hola, Ana Suárez. Ingresó a su cuenta.');
  });

  it('answers a registration with an address that already has an account exactly like a new one, and tells its owner by e-mail', async () => {
    await visitor().post('/registro', registrationFields({ email: 'existente@example.co' }));
    await runJobs(t.app);
    const usersBefore = await count('core_users');

    const fresh = await visitor().post('/registro', registrationFields({ email: 'nueva.persona@example.co' }));
    const repeated = await visitor().post('/registro', registrationFields({ email: 'Existente@example.co', display_name: 'Otra persona', document_number: '99887766' }));
    expect(repeated.statusCode).toBe(fresh.statusCode);
    expect(repeated.headers.location).toBe(fresh.headers.location);
    expect(repeated.body).toBe(fresh.body);
    expect(repeated.cookies.map((c) => c.name).sort()).toEqual(fresh.cookies.map((c) => c.name).sort());
    expect(await count('core_users')).toBe(usersBefore + 1);
    expect((await userByEmail('existente@example.co'))!.display_name).toBe('María Fernanda Rojas');

    await runJobs(t.app);
    const notices = smtp.to('existente@example.co');
    expect(notices).toHaveLength(2);
    expect(notices[1]!.headers.subject).toBe('Alguien intentó crear una cuenta con su correo en Gobierno Abierto de Bogotá');
    expect(notices[1]!.body).toContain('https://gab.example.co/recuperar-clave');
    expect(notices[1]!.body).not.toContain('/confirmar-correo/');
  });

  it('lets people under 14 register, and tells them that taking part needs 14 years', async () => {
    const child = visitor();
    const year = new Date().getFullYear() - 10;
    await signUp(t.app, child, smtp, { email: 'nino@example.co', document_type: 'TI', document_number: '1.099.887.766', birth_day: '1', birth_month: '1', birth_year: String(year) });
    const page = await child.get('/mi-cuenta');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('necesita tener 14 años o más');
  });

  it('never stores the raw document number: no text column of any table holds it, nor does any log line', async () => {
    const typed = '1.073.190.468';
    const number = '1073190468';
    const person = visitor();
    await signUp(t.app, person, smtp, { email: 'documento@example.co', document_number: typed });
    await person.post('/registro', registrationFields({ email: 'documento@example.co', document_number: typed }));
    await person.post('/registro', registrationFields({ email: 'otro.documento@example.co', document_number: typed, consent: '' }));
    await runJobs(t.app);
    const user = (await userByEmail('documento@example.co'))!;
    const profile = await db().selectFrom('core_profiles').select('document_hash').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(profile.document_hash).toBe(identityHash(t.config.secret, 'CC', number));

    const columns = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')`.execute(db());
    expect(columns.rows.length).toBeGreaterThan(40);
    const hits: string[] = [];
    for (const { table_name, column_name } of columns.rows) {
      const found = await sql<{ n: string }>`
        SELECT count(*) AS n FROM ${sql.table(table_name)}
        WHERE ${sql.ref(column_name)}::text LIKE ${`%${number}%`} OR ${sql.ref(column_name)}::text LIKE ${`%${typed}%`}`.execute(db());
      if (Number(found.rows[0]!.n) > 0) hits.push(`${table_name}.${column_name}`);
    }
    expect(hits).toEqual([]);

    expect(logs.length).toBeGreaterThan(10);
    expect(logs.filter((line) => line.includes(number) || line.includes(typed))).toEqual([]);
    expect(logs.filter((line) => line.includes('una frase larga y segura'))).toEqual([]);
  });

  it('gives a new session id on sign-in, so a session id planted before it is worthless', async () => {
    await signUp(t.app, visitor(), smtp, { email: 'rotacion@example.co' });
    const person = visitor();
    await person.post('/idioma', { lang: 'es', next: '/' });
    const before = person.cookies.get('gab_sid');
    expect(before).toBeTruthy();
    const signedIn = await person.post('/ingresar', { email: 'rotacion@example.co', password: 'una frase larga y segura' });
    expect(signedIn.statusCode).toBe(303);
    const after = person.cookies.get('gab_sid');
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    expect(await db().selectFrom('core_sessions').select('id').where('id', '=', sha256Hex(before!)).executeTakeFirst()).toBeUndefined();
    const planted = await t.app.inject({ method: 'GET', url: '/mi-cuenta', headers: { cookie: `gab_sid=${before}` } });
    expect(planted.statusCode).toBe(302);
    expect(planted.headers.location).toBe('/ingresar?next=%2Fmi-cuenta');
    expect((await person.get('/mi-cuenta')).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown address with the same single message', async () => {
    await signUp(t.app, visitor(), smtp, { email: 'clave@example.co' });
    const wrong = await visitor().post('/ingresar', { email: 'clave@example.co', password: 'no es la clave correcta' });
    const unknown = await visitor().post('/ingresar', { email: 'nadie.existe@example.co', password: 'no es la clave correcta' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    for (const response of [wrong, unknown]) {
      expect(response.body).toContain('El correo o la contraseña no son correctos.');
      expect(response.cookies.find((c) => c.name === 'gab_sid')).toBeUndefined();
    }
    const comparable = (body: string, email: string) => body.replaceAll(email, 'X').replace(/name="_csrf" value="[^"]+"/g, '');
    expect(comparable(wrong.body, 'clave@example.co')).toBe(comparable(unknown.body, 'nadie.existe@example.co'));
  });

  it('does not let disabled or deleted accounts sign in', async () => {
    await signUp(t.app, visitor(), smtp, { email: 'desactivada@example.co' });
    await db().updateTable('core_users').set({ disabled_at: new Date().toISOString() }).where('email', '=', 'desactivada@example.co').execute();
    const disabled = await visitor().post('/ingresar', { email: 'desactivada@example.co', password: 'una frase larga y segura' });
    expect(disabled.statusCode).toBe(401);
    expect(disabled.body).toContain('Su cuenta está desactivada');

    await signUp(t.app, visitor(), smtp, { email: 'borrada@example.co' });
    await db().updateTable('core_users').set({ deleted_at: new Date().toISOString() }).where('email', '=', 'borrada@example.co').execute();
    const deleted = await visitor().post('/ingresar', { email: 'borrada@example.co', password: 'una frase larga y segura' });
    expect(deleted.statusCode).toBe(401);
    expect(deleted.body).toContain('El correo o la contraseña no son correctos.');
  });

  it('follows "next" after sign-in only to a path of this site', async () => {
    await signUp(t.app, visitor(), smtp, { email: 'siguiente@example.co' });
    const local = await visitor().post('/ingresar', { email: 'siguiente@example.co', password: 'una frase larga y segura', next: '/localidades/09' });
    expect(local.headers.location).toBe('/localidades/09');
    for (const next of ['https://phishing.example/', '//phishing.example/', '/\\phishing.example']) {
      const foreign = await visitor().post('/ingresar', { email: 'siguiente@example.co', password: 'una frase larga y segura', next });
      expect(foreign.headers.location).toBe('/mi-cuenta');
    }
    const page = await visitor().get('/ingresar?next=%2Flocalidades');
    expect(page.body).toContain('<input type="hidden" name="next" value="/localidades"/>');
  });

  it('refuses sign-in, registration and sign-out forms without a CSRF token', async () => {
    const person = visitor();
    await person.get('/ingresar');
    for (const url of ['/ingresar', '/registro', '/salir', '/recuperar-clave']) {
      const response = await person.post(url, { email: 'alguien@example.co', password: 'una frase larga y segura' }, { csrf: false });
      expect(response.statusCode, url).toBe(403);
      expect(response.body).toContain('El formulario caducó');
    }
  });

  it('stops sign-in attempts after 10 in 15 minutes and tells the person, in Spanish, to wait', async () => {
    const attacker = visitor();
    for (let i = 0; i < 10; i++) {
      expect((await attacker.post('/ingresar', { email: 'victima@example.co', password: `intento numero ${i}` })).statusCode).toBe(401);
    }
    const blocked = await attacker.post('/ingresar', { email: 'victima@example.co', password: 'otro intento más' });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(blocked.body).toMatch(/Demasiadas solicitudes seguidas\. Espere [\d.]+ segundos e intente de nuevo\./);
    // Someone else, from another address, can still sign in.
    expect((await visitor().post('/ingresar', { email: 'victima@example.co', password: 'x' })).statusCode).toBe(401);
  });

  it('gives the same answer to a password-reset request for an unknown address as for a known one', async () => {
    await signUp(t.app, visitor(), smtp, { email: 'conocida@example.co' });
    const jobs = await count('core_jobs');
    const known = await visitor().post('/recuperar-clave', { email: 'conocida@example.co' });
    const unknown = await visitor().post('/recuperar-clave', { email: 'desconocida@example.co' });
    expect(known.statusCode).toBe(303);
    expect(unknown.statusCode).toBe(303);
    expect(unknown.headers.location).toBe(known.headers.location);
    expect(unknown.body).toBe(known.body);
    expect(await count('core_jobs')).toBe(jobs + 1);
    const page = await visitor().get(known.headers.location as string);
    expect(page.body).toContain('Si hay una cuenta con ese correo, le enviamos un enlace');
    await runJobs(t.app);
    expect(smtp.to('desconocida@example.co')).toHaveLength(0);
    expect(smtp.to('conocida@example.co').at(-1)!.headers.subject).toBe('Cree una contraseña nueva en Gobierno Abierto de Bogotá');
  });

  it('resets the password with a single-use link, closes every session of the account and signs this browser in', async () => {
    const phone = visitor({ 'user-agent': 'Teléfono' });
    await signUp(t.app, phone, smtp, { email: 'olvido@example.co' });
    expect((await phone.get('/mi-cuenta')).statusCode).toBe(200);

    const laptop = visitor();
    await laptop.post('/recuperar-clave', { email: 'olvido@example.co' });
    await runJobs(t.app);
    const mail = smtp.to('olvido@example.co').at(-1)!;
    expect(mail.body).toContain('vence en 1 hora');
    const link = linkIn(mail.body, '/restablecer-clave/');
    const stored = await db().selectFrom('core_user_tokens').selectAll().where('token_hash', '=', sha256Hex(link.split('/').at(-1)!)).executeTakeFirstOrThrow();
    expect(stored.purpose).toBe('reset_password');
    expect(stored.expires_at.getTime() - stored.created_at.getTime()).toBe(3600_000);

    expect((await laptop.get(link)).body).toContain('Crear una contraseña nueva');
    const short = await laptop.post(link, { password: 'corta' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('La contraseña debe tener al menos 12 caracteres.');
    const reset = await laptop.post(link, { password: 'otra frase aún más segura' });
    expect(reset.statusCode).toBe(303);
    expect(reset.headers.location).toBe('/mi-cuenta');
    expect((await laptop.get('/mi-cuenta')).body).toContain('Su contraseña cambió');
    expect((await phone.get('/mi-cuenta')).statusCode).toBe(302);

    const reused = await visitor().post(link, { password: 'una tercera frase segura' });
    expect(reused.statusCode).toBe(410);
    expect(reused.body).toContain('Este enlace no funciona');
    expect((await visitor().post('/ingresar', { email: 'olvido@example.co', password: 'una frase larga y segura' })).statusCode).toBe(401);
    expect((await visitor().post('/ingresar', { email: 'olvido@example.co', password: 'otra frase aún más segura' })).statusCode).toBe(303);
    await runJobs(t.app);
    expect(smtp.to('olvido@example.co').at(-1)!.headers.subject).toBe('Su contraseña de Gobierno Abierto de Bogotá cambió');
  });

  it('refuses an expired reset link and a made-up one', async () => {
    await signUp(t.app, visitor(), smtp, { email: 'vencido@example.co' });
    const user = (await userByEmail('vencido@example.co'))!;
    const token = await withTransaction(db(), (tx) => issueUserToken(tx, { userId: user.id, purpose: 'reset_password', now: new Date(Date.now() - 2 * 3600_000) }));
    const expired = await visitor().get(`/restablecer-clave/${token}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('El enlace ya se usó, venció o está incompleto.');
    const posted = await visitor().post(`/restablecer-clave/${token}`, { password: 'una clave nueva y larga' });
    expect(posted.statusCode).toBe(410);
    expect((await userByEmail('vencido@example.co'))!.password_hash).toBe(user.password_hash);
    expect((await visitor().get('/restablecer-clave/inventado')).statusCode).toBe(410);
    expect((await visitor().post('/confirmar-correo/inventado-inventado-inventado-inventado-xx')).statusCode).toBe(410);
  });

  it('shows "Ingresar" and "Crear cuenta" to visitors, and "Mi cuenta" with a sign-out button to people signed in', async () => {
    const anonymous = await visitor().get('/localidades');
    expect(anonymous.body).toContain('<a href="/ingresar?next=%2Flocalidades" class="button button-secondary">Ingresar</a>');
    expect(anonymous.body).toContain('<a href="/registro" class="button">Crear cuenta</a>');
    expect(anonymous.body).not.toContain('action="/salir"');
    const person = visitor();
    await signUp(t.app, person, smtp, { email: 'cabecera@example.co' });
    const signedIn = await person.get('/localidades');
    expect(signedIn.body).toContain('<a href="/mi-cuenta" class="button button-secondary">Mi cuenta</a>');
    expect(signedIn.body).toMatch(/<form method="post" action="\/salir" class="sign-out"><input type="hidden" name="_csrf" value="[^"]+"\/><button type="submit" class="button button-secondary">Salir<\/button><\/form>/);
    expect(signedIn.body).not.toContain('href="/registro"');
  });
});
