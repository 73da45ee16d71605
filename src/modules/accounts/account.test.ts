import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { linkIn, runJobs, signUp, startSmtp, Visitor, type Smtp } from './account.test-support.ts';

const PASSWORD = 'una frase larga y segura';

describe.each(testEngines())('my account: profile, e-mail, password and sessions (%s)', (engine) => {
  let t: TestApp;
  let smtp: Smtp;
  let ipCounter = 0;
  const visitor = (userAgent = 'Navegador de pruebas') => new Visitor(t.app, `10.1.0.${++ipCounter}`, { 'user-agent': userAgent });
  const db = () => t.database.db;
  const userByEmail = (email: string) => db().selectFrom('core_users').selectAll().where('email', '=', email).executeTakeFirst();

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await buildTestApp(engine, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends visitors who are not signed in to the sign-in page and back', async () => {
    const response = await visitor().get('/mi-cuenta');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/ingresar?next=%2Fmi-cuenta');
    // A form sent after the session ended goes to sign in too, then back to the page it was on.
    const anonymousPost = await t.app.inject({
      method: 'POST',
      url: '/mi-cuenta/clave',
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: 'http://gab.test/mi-cuenta', host: 'gab.test' },
      payload: 'current_password=x&new_password=y',
    });
    expect(anonymousPost.statusCode).toBe(303);
    expect(anonymousPost.headers.location).toBe('/ingresar?next=%2Fmi-cuenta');
  });

  it('shows the profile summary, the verification level and the next step', async () => {
    const person = visitor();
    await signUp(t.app, person, smtp, { email: 'resumen@example.co', display_name: 'Camilo Pérez', document_type: 'CE', document_number: 'AB-123456', birth_day: '1', birth_month: '12', birth_year: '1985', localidad: '19' });
    const page = await person.get('/mi-cuenta');
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('<h1>Mi cuenta</h1>');
    expect(html).toContain('Camilo Pérez');
    expect(html).toContain('resumen@example.co (confirmado)');
    expect(html).toContain('Cédula de extranjería. El número se guarda solo como un resumen cifrado');
    expect(html).not.toContain('AB123456');
    expect(html).toContain('1 de diciembre de 1985');
    expect(html).toContain('Ciudad Bolívar');
    expect(html).toContain('su identidad aún no está verificada');
    expect(html).toContain('<a href="/mi-cuenta/verificacion" class="button">Verificar mi identidad</a>');
    expect(html).toContain('href="/mi-cuenta/datos"');
    expect(html).toContain('aria-current="page">Mi cuenta</a>');
  });

  it('asks people whose e-mail is not confirmed to confirm it, and sends a new link on request', async () => {
    const person = visitor();
    await person.post('/registro', {
      display_name: 'Sin Confirmar', email: 'sinconfirmar@example.co', password: PASSWORD, document_type: 'CC', document_number: '52111222', birth_day: '5', birth_month: '5', birth_year: '1970', localidad: '01', consent: 'yes',
    });
    await person.post('/ingresar', { email: 'sinconfirmar@example.co', password: PASSWORD });
    const page = await person.get('/mi-cuenta');
    expect(page.body).toContain('sinconfirmar@example.co (sin confirmar)');
    expect(page.body).toContain('Aún no ha confirmado su correo.');
    await runJobs(t.app);
    const first = linkIn(smtp.to('sinconfirmar@example.co').at(-1)!.body, '/confirmar-correo/');
    const resent = await person.post('/mi-cuenta/reenviar-confirmacion');
    expect(resent.statusCode).toBe(303);
    await runJobs(t.app);
    const second = linkIn(smtp.to('sinconfirmar@example.co').at(-1)!.body, '/confirmar-correo/');
    expect(second).not.toBe(first);
    // Only the newest link works.
    expect((await person.post(first)).statusCode).toBe(410);
    expect((await person.post(second)).statusCode).toBe(303);
    expect((await person.get('/mi-cuenta')).body).toContain('sinconfirmar@example.co (confirmado)');
  });

  it('changes the e-mail only once the link sent to the new address is opened, and tells the old address', async () => {
    const person = visitor();
    await signUp(t.app, person, smtp, { email: 'antes@example.co' });
    const requested = await person.post('/mi-cuenta/correo', { new_email: 'Despues@Example.co', email_password: PASSWORD });
    expect(requested.statusCode).toBe(303);
    expect((await person.get('/mi-cuenta')).body).toContain('Le enviamos un enlace a la nueva dirección.');
    expect(await userByEmail('antes@example.co')).toBeDefined();

    await runJobs(t.app);
    const mail = smtp.to('despues@example.co').at(-1)!;
    expect(mail.headers.subject).toBe('Confirme su nuevo correo en Gobierno Abierto de Bogotá');
    const link = linkIn(mail.body, '/confirmar-correo/');
    expect((await person.get(link)).body).toContain('confirmar su nueva dirección de correo');
    const confirmed = await person.post(link);
    expect(confirmed.statusCode).toBe(303);
    expect((await person.get('/mi-cuenta')).body).toContain('Su correo cambió.');
    expect(await userByEmail('antes@example.co')).toBeUndefined();
    const moved = (await userByEmail('despues@example.co'))!;
    expect(moved.email_confirmed_at).not.toBeNull();
    const audit = await db().selectFrom('core_audit_log').select('after').where('action', '=', 'accounts.change-email').where('resource_id', '=', moved.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain('@');

    await runJobs(t.app);
    expect(smtp.to('antes@example.co').at(-1)!.headers.subject).toBe('El correo de su cuenta en Gobierno Abierto de Bogotá cambió');
    expect((await visitor().post('/ingresar', { email: 'despues@example.co', password: PASSWORD })).statusCode).toBe(303);
    expect((await visitor().post('/ingresar', { email: 'antes@example.co', password: PASSWORD })).statusCode).toBe(401);
    expect((await person.post(link)).statusCode).toBe(410);
  });

  it('requires the current password to change the e-mail, and does not reveal whether the new address has an account', async () => {
    const person = visitor();
    await signUp(t.app, person, smtp, { email: 'cambio@example.co' });
    await signUp(t.app, visitor(), smtp, { email: 'ocupado@example.co' });
    const wrong = await person.post('/mi-cuenta/correo', { new_email: 'libre@example.co', email_password: 'no es la clave' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('La contraseña no es correcta.');
    expect(wrong.body).toContain('value="libre@example.co"');
    expect(wrong.body).not.toContain('value="no es la clave"');

    const free = await person.post('/mi-cuenta/correo', { new_email: 'libre@example.co', email_password: PASSWORD });
    const taken = await person.post('/mi-cuenta/correo', { new_email: 'ocupado@example.co', email_password: PASSWORD });
    expect(taken.statusCode).toBe(free.statusCode);
    expect(taken.headers.location).toBe(free.headers.location);
    await runJobs(t.app);
    const notice = smtp.to('ocupado@example.co').at(-1)!;
    expect(notice.headers.subject).toBe('Alguien intentó usar su correo en Gobierno Abierto de Bogotá');
    expect(notice.body).not.toContain('/confirmar-correo/');
    expect((await userByEmail('cambio@example.co'))).toBeDefined();
  });

  it('changes the password with the current one, closes the other sessions and keeps this one', async () => {
    const laptop = visitor('Portátil');
    await signUp(t.app, laptop, smtp, { email: 'clave.nueva@example.co' });
    const phone = visitor('Teléfono');
    await phone.post('/ingresar', { email: 'clave.nueva@example.co', password: PASSWORD });
    expect((await phone.get('/mi-cuenta')).statusCode).toBe(200);

    const wrong = await laptop.post('/mi-cuenta/clave', { current_password: 'equivocada', new_password: 'corta' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('La contraseña no es correcta.');
    expect(wrong.body).toContain('La contraseña debe tener al menos 12 caracteres.');
    expect((await phone.get('/mi-cuenta')).statusCode).toBe(200);

    const changed = await laptop.post('/mi-cuenta/clave', { current_password: PASSWORD, new_password: 'mi nueva frase secreta' });
    expect(changed.statusCode).toBe(303);
    expect((await laptop.get('/mi-cuenta')).body).toContain('Su contraseña cambió y cerramos sus demás sesiones.');
    expect((await phone.get('/mi-cuenta')).statusCode).toBe(302);
    expect((await visitor().post('/ingresar', { email: 'clave.nueva@example.co', password: 'mi nueva frase secreta' })).statusCode).toBe(303);
    await runJobs(t.app);
    expect(smtp.to('clave.nueva@example.co').at(-1)!.headers.subject).toBe('Su contraseña de Gobierno Abierto de Bogotá cambió');
  });

  it('lists the open sessions with this one marked, and closes any of them', async () => {
    const laptop = visitor('Mozilla/5.0 (X11; Linux) Portátil');
    await signUp(t.app, laptop, smtp, { email: 'sesiones@example.co' });
    const phone = visitor('Mozilla/5.0 (Android) Teléfono');
    await phone.post('/ingresar', { email: 'sesiones@example.co', password: PASSWORD });

    const page = await laptop.get('/mi-cuenta');
    const html = page.body;
    expect(html).toContain('<caption id="sessions-caption">Sesiones abiertas de su cuenta</caption>');
    expect(html).toMatch(/Portátil <strong class="badge">Esta sesión<\/strong>/);
    expect(html).toContain('Teléfono');
    expect(html).not.toMatch(/Teléfono <strong class="badge">/);
    const refs = [...html.matchAll(/name="session" value="([0-9a-f]{32})"/g)].map((m) => m[1]!);
    expect(refs).toHaveLength(2);
    // The stored session ids (hashes of the cookies) never reach the page.
    const stored = await db().selectFrom('core_sessions').select('id').execute();
    for (const { id } of stored) expect(html).not.toContain(id);

    const phoneRow = html.split('<tr>').find((row) => row.includes('Teléfono'))!;
    const phoneRef = /name="session" value="([0-9a-f]{32})"/.exec(phoneRow)![1]!;
    const closed = await laptop.post('/mi-cuenta/sesiones/cerrar', { session: phoneRef });
    expect(closed.statusCode).toBe(303);
    expect((await laptop.get('/mi-cuenta')).body).toContain('Cerramos esa sesión.');
    expect((await phone.get('/mi-cuenta')).statusCode).toBe(302);

    // Someone else cannot close my sessions with a reference they saw.
    const stranger = visitor();
    await signUp(t.app, stranger, smtp, { email: 'extrano@example.co' });
    const laptopRef = /name="session" value="([0-9a-f]{32})"/.exec((await laptop.get('/mi-cuenta')).body)![1]!;
    await stranger.post('/mi-cuenta/sesiones/cerrar', { session: laptopRef });
    expect((await laptop.get('/mi-cuenta')).statusCode).toBe(200);

    // Closing the session in use signs out.
    const own = await laptop.post('/mi-cuenta/sesiones/cerrar', { session: laptopRef });
    expect(own.headers.location).toBe('/');
    expect((await laptop.get('/mi-cuenta')).statusCode).toBe(302);
  });

  it('is offered in English', async () => {
    const person = new Visitor(t.app, '10.1.9.9', { cookie: '' });
    await signUp(t.app, person, smtp, { email: 'english@example.co' });
    person.cookies.set('gab_lang', 'en');
    const page = await person.get('/mi-cuenta');
    expect(page.body).toContain('<h1>My account</h1>');
    expect(page.body).toContain('Open sessions of your account');
    expect(page.body).toContain('>Sign out</button>');
  });
});
