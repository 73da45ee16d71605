import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { runJobs, signUp, startSmtp, Visitor, type Smtp } from './account.test-support.ts';
import type { MyDataExport } from './commands/export-my-data.ts';

const PASSWORD = 'una frase larga y segura';

describe.each(testEngines())('my data: download, consent and deleting the account (%s)', (engine) => {
  let t: TestApp;
  let smtp: Smtp;
  let ipCounter = 0;
  const visitor = () => new Visitor(t.app, `10.2.0.${++ipCounter}`, { 'user-agent': 'Navegador de pruebas' });
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

  it('shows the download, the consent with its consequences, and the deletion form', async () => {
    const person = visitor();
    await signUp(t.app, person, smtp, { email: 'misdatos@example.co' });
    const page = await person.get('/mi-cuenta/datos');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Mis datos</h1>');
    expect(page.body).toContain('href="/mi-cuenta/datos/descarga"');
    expect(page.body).toContain('(política versión 1.0)');
    expect(page.body).toContain('no podrá votar, apoyar ni responder consultas hasta que autorice de nuevo');
    expect(page.body).toContain('action="/mi-cuenta/datos/eliminar"');
    expect((await visitor().get('/mi-cuenta/datos')).headers.location).toBe('/ingresar?next=%2Fmi-cuenta%2Fdatos');
    expect((await visitor().get('/mi-cuenta/datos/descarga')).statusCode).toBe(302);
  });

  it('downloads all my data as JSON: account, profile, consents, sessions, verification and audit, without the document', async () => {
    const person = visitor();
    await signUp(t.app, person, smtp, { email: 'descarga@example.co', display_name: 'Lucía Gómez', document_number: '41.222.333', localidad: '04', gender: 'female' });
    const response = await person.get('/mi-cuenta/datos/descarga');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['content-disposition']).toContain('attachment');
    expect(response.headers['cache-control']).toBe('no-store');
    const data = JSON.parse(response.body) as MyDataExport;
    const user = (await userByEmail('descarga@example.co'))!;
    expect(data.account).toMatchObject({ id: user.id, email: 'descarga@example.co', displayName: 'Lucía Gómez', language: 'es' });
    expect(data.account.emailConfirmedAt).not.toBeNull();
    expect(data.profile).toMatchObject({ documentType: 'CC', birthDate: '1991-03-15', localidad: { code: '04', name: 'San Cristóbal' }, gender: 'female' });
    expect(data.profile!.documentNumber).toContain('hash');
    expect(data.consents).toEqual([expect.objectContaining({ policy: 'privacy', policyVersion: '1.0', revokedAt: null })]);
    expect(data.verification.level).toBe('registered');
    expect(data.sessions).toEqual([expect.objectContaining({ current: true, userAgent: 'Navegador de pruebas' })]);
    expect(data.audit.aboutMyAccount.map((a) => a.action)).toEqual(['accounts.register', 'accounts.confirm-email']);
    const profile = await db().selectFrom('core_profiles').select('document_hash').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(response.body).not.toContain(profile.document_hash);
    expect(response.body).not.toContain('41222333');
    expect(response.body).not.toContain('password');
  });

  it('revokes the consent, keeping the record with the time of revocation, and lets the person consent again', async () => {
    const person = visitor();
    await signUp(t.app, person, smtp, { email: 'revoca@example.co' });
    const user = (await userByEmail('revoca@example.co'))!;
    const revoked = await person.post('/mi-cuenta/datos/revocar');
    expect(revoked.statusCode).toBe(303);
    const page = await person.get('/mi-cuenta/datos');
    expect(page.body).toContain('Revocamos su autorización.');
    expect(page.body).toContain('Usted no tiene una autorización vigente');
    const rows = await db().selectFrom('core_consents').selectAll().where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.revoked_at).not.toBeNull();
    expect(await db().selectFrom('core_audit_log').select('id').where('action', '=', 'accounts.revoke-consent').where('resource_id', '=', user.id).executeTakeFirst()).toBeDefined();

    expect((await person.post('/mi-cuenta/datos/autorizar')).statusCode).toBe(303);
    const again = await db().selectFrom('core_consents').selectAll().where('user_id', '=', user.id).orderBy('id').execute();
    expect(again).toHaveLength(2);
    expect(again[1]).toMatchObject({ policy_version: '1.0', revoked_at: null });
    expect((await person.get('/mi-cuenta/datos')).body).toContain('Usted autorizó el tratamiento de sus datos personales');
  });

  it('refuses to delete the account without the password and the confirmation box', async () => {
    const person = visitor();
    await signUp(t.app, person, smtp, { email: 'noborrar@example.co' });
    const response = await person.post('/mi-cuenta/datos/eliminar', { delete_password: 'equivocada' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('La contraseña no es correcta.');
    expect(response.body).toContain('Marque la casilla para confirmar que quiere eliminar su cuenta.');
    expect((await userByEmail('noborrar@example.co'))!.deleted_at).toBeNull();
  });

  it('deletes the account by anonymising it: personal data erased, the user row and what refers to it kept', async () => {
    const person = visitor();
    await signUp(t.app, person, smtp, { email: 'adios@example.co', display_name: 'Pedro Adiós' });
    const user = (await userByEmail('adios@example.co'))!;
    const other = visitor();
    await other.post('/ingresar', { email: 'adios@example.co', password: PASSWORD });
    await person.post('/recuperar-clave', { email: 'adios@example.co' });
    // What another module would have: a row pointing at the person (a file they uploaded).
    const file = await db()
      .insertInto('core_files')
      .values({ sha256: 'a'.repeat(64), size_bytes: 10, media_type: 'text/plain', original_name: 'propuesta.txt', created_by: user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db().insertInto('core_user_roles').values({ user_id: user.id, role: 'moderator', entity_code: '' }).execute();

    const deleted = await person.post('/mi-cuenta/datos/eliminar', { delete_password: PASSWORD, delete_confirm: 'yes' });
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe('/');
    const home = await person.get('/');
    expect(home.body).toContain('Eliminamos su cuenta y sus datos personales.');
    expect(home.body).toContain('href="/ingresar"');

    const row = await db().selectFrom('core_users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: `deleted-${user.id}@invalid`, display_name: 'Persona anónima', password_hash: null, email_confirmed_at: null });
    expect(row.deleted_at).not.toBeNull();
    for (const table of ['core_profiles', 'core_sessions', 'core_user_tokens', 'core_identities', 'core_residences', 'core_user_roles'] as const) {
      const left = await db().selectFrom(table).select('user_id').where('user_id', '=', user.id).execute();
      expect(left, table).toEqual([]);
    }
    const consents = await db().selectFrom('core_consents').selectAll().where('user_id', '=', user.id).execute();
    expect(consents.every((c) => c.revoked_at !== null)).toBe(true);
    expect((await db().selectFrom('core_files').select('created_by').where('id', '=', file.id).executeTakeFirstOrThrow()).created_by).toBe(user.id);
    const mails = await db().selectFrom('core_jobs').select('payload').where('name', '=', 'mail.send').execute();
    expect(JSON.stringify(mails)).not.toContain('adios@example.co');
    const audit = await db().selectFrom('core_audit_log').selectAll().where('action', '=', 'accounts.delete-account').where('resource_id', '=', user.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit)).not.toContain('Pedro');
    expect(await db().selectFrom('core_events').select('id').where('type', '=', 'accounts.account-deleted').executeTakeFirst()).toBeDefined();

    expect((await other.get('/mi-cuenta')).statusCode).toBe(302);
    expect((await visitor().post('/ingresar', { email: 'adios@example.co', password: PASSWORD })).statusCode).toBe(401);
    // The address is free again: the person may come back with a new account.
    await signUp(t.app, visitor(), smtp, { email: 'adios@example.co' });
    await runJobs(t.app);
  });

  it('is offered in English', async () => {
    const person = visitor();
    await signUp(t.app, person, smtp, { email: 'mydata@example.co' });
    person.cookies.set('gab_lang', 'en');
    const page = await person.get('/mi-cuenta/datos');
    expect(page.body).toContain('<h1>My data</h1>');
    expect(page.body).toContain('Withdraw my consent');
  });
});
