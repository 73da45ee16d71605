import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { loadActor } from '../../core/auth/load-actor.ts';
import { meetsRequirement } from '../../core/permissions/permissions.ts';
import { identityHash } from '../../core/verification/identity.ts';
import { birthDateForAge, columnsContaining, createPerson, postForm } from './verification.fixtures.ts';

/** The raw numbers used in this file: none may end up in the database. */
const NUMBERS = {
  dora: '39111222',
  teen: '1005006007',
  guardian: '41222333',
  adult: '43000111',
  own: '44000222',
  clash: '45000333',
  assisted: '46000444',
};

describe.each(testEngines())('the service desk at /mostrador (%s)', (engine) => {
  let t: TestApp;
  let secret: string;
  let clerk: { id: string; cookie: string };

  beforeAll(async () => {
    t = await buildTestApp(engine);
    secret = t.config.secret;
    const { id } = await createPerson(t.database.db, secret, { name: 'Marta Funcionaria', email: 'marta.mostrador@example.co' });
    clerk = { id, cookie: await signInAs(t.database, id, ['desk_clerk']) };
  });
  afterAll(async () => t?.close());

  const citizen = async (name: string, birthDate?: string) => createPerson(t.database.db, secret, { name, birthDate });
  const personPath = (id: string) => `/mostrador/personas/${id}`;
  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const act = (id: string, fields: Record<string, string>, cookie = clerk.cookie) => postForm(t.app, personPath(id), cookie, fields);
  const verify = (id: string, fields: Partial<Record<'document_type' | 'document_number' | 'birth_date' | 'localidad' | 'note', string>>) =>
    act(id, { accion: 'verify', document_type: 'CC', localidad: '08', note: 'Cédula original y recibo de la luz de marzo', ...fields } as Record<string, string>);
  const audits = (resourceId: string, action: string) =>
    t.database.db.selectFrom('core_audit_log').selectAll().where('resource_id', '=', resourceId).where('action', '=', action).orderBy('id').execute();

  it('sends a visitor to sign in and refuses their forms', async () => {
    const response = await get('/mostrador');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/ingresar?next=%2Fmostrador');
    const { id } = await citizen('Nadie');
    expect((await get(personPath(id))).statusCode).toBe(303);
    expect((await postForm(t.app, '/mostrador', null, { email: 'x@example.co' })).statusCode).toBe(401);
    expect((await postForm(t.app, personPath(id), null, { accion: 'verify' })).statusCode).toBe(401);
  });

  it('requires the desk_clerk role: a citizen gets 403 with the reason missing_role, and nothing is written', async () => {
    const { id } = await citizen('Curioso Ciudadano');
    const cookie = await signInAs(t.database, id);
    const page = await get('/mostrador', cookie);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Su cuenta no tiene el rol necesario para esta acción.');
    expect(t.app.gab.registry.can('accounts', 'verify-at-desk', await loadActor(t.database.db, id))).toEqual({ allowed: false, reason: 'missing_role' });
    const target = await citizen('Víctima');
    for (const accion of ['verify', 'guardian', 'assist', 'end-assist', 'otra']) {
      const response = await act(target.id, { accion, document_type: 'CC', document_number: NUMBERS.own, birth_date: '1980-01-01', localidad: '01', note: 'Intento sin rol' }, cookie);
      expect(response.statusCode, accion).toBe(403);
    }
    expect(await t.database.db.selectFrom('core_identities').select('user_id').where('user_id', '=', target.id).executeTakeFirst()).toBeUndefined();
  });

  it('finds a person by the e-mail of their account, in any case, without putting it in the URL', async () => {
    const { id, email } = await citizen('Elena Encontrada');
    const page = await get('/mostrador', clerk.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Punto de atención</h1>');
    expect(page.body).toContain('<form method="post" action="/mostrador"');
    const found = await postForm(t.app, '/mostrador', clerk.cookie, { email: `  ${email.toUpperCase()} ` });
    expect(found.statusCode).toBe(303);
    expect(found.headers.location).toBe(personPath(id));
    const person = await get(personPath(id), clerk.cookie);
    expect(person.statusCode).toBe(200);
    expect(person.body).toContain('<h1>Atención a Elena Encontrada</h1>');
    expect(person.body).toContain(email);
    expect(person.body).toContain('Cuenta registrada, sin verificar');
    const missing = await postForm(t.app, '/mostrador', clerk.cookie, { email: 'nadie@example.co' });
    expect(missing.statusCode).toBe(200);
    expect(missing.body).toContain('No hay ninguna cuenta con ese correo.');
    const invalid = await postForm(t.app, '/mostrador', clerk.cookie, { email: 'no-es-correo' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('Escriba un correo válido');
    expect((await get('/mostrador/personas/no-es-un-id', clerk.cookie)).statusCode).toBe(404);
    expect((await get('/mostrador/personas/00000000-0000-4000-8000-000000000000', clerk.cookie)).statusCode).toBe(404);
  });

  it('verifies identity and residence in person, with the clerk and the note in the audit log', async () => {
    const dora = await citizen('Dora Presencial', '1975-05-05');
    const response = await verify(dora.id, { document_number: '39.111.222', birth_date: '05/05/1975' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(personPath(dora.id));
    expect(await loadActor(t.database.db, dora.id)).toMatchObject({ level: 'residence', residenceLocalidad: '08', birthDate: '1975-05-05' });
    const identity = await t.database.db.selectFrom('core_identities').selectAll().where('user_id', '=', dora.id).executeTakeFirstOrThrow();
    expect(identity).toMatchObject({ provider: 'desk', verified_by: clerk.id, identity_hash: identityHash(secret, 'CC', NUMBERS.dora) });
    const residence = await t.database.db.selectFrom('core_residences').selectAll().where('user_id', '=', dora.id).executeTakeFirstOrThrow();
    expect(residence).toMatchObject({ provider: 'desk', verified_by: clerk.id, localidad_code: '08' });
    const [identityAudit] = await audits(dora.id, 'accounts.verify-identity');
    expect(identityAudit).toMatchObject({ actor_id: clerk.id, after: { provider: 'desk', level: 'residence' } });
    const [deskAudit] = await audits(dora.id, 'accounts.verify-at-desk');
    expect(deskAudit).toMatchObject({ actor_id: clerk.id, actor_label: 'Marta Funcionaria', after: { localidad: '08', note: 'Cédula original y recibo de la luz de marzo' } });
    expect(deskAudit!.request_id).toBeTruthy();

    const page = await get(personPath(dora.id), clerk.cookie);
    expect(page.body).toContain('Identidad y residencia de Dora Presencial verificadas en Kennedy.');
    expect(page.body).toContain('Identidad y residencia verificadas');
    expect(page.body).toContain('(en un punto de atención)');
  });

  it('validates the in-person form with clear Spanish errors and refuses a note that contains the document number', async () => {
    const { id } = await citizen('Fabio Formulario');
    const empty = await act(id, { accion: 'verify' });
    expect(empty.statusCode).toBe(422);
    for (const message of ['Elija el tipo de documento.', 'Escriba el número de documento.', 'Escriba la fecha de nacimiento.', 'Elija la localidad.', 'Este campo es obligatorio.']) {
      expect(empty.body).toContain(message);
    }
    const short = await verify(id, { document_number: '47000555', birth_date: '1980-01-01', note: 'ok' });
    expect(short.body).toContain('Escriba al menos 5 caracteres.');
    const badLocalidad = await verify(id, { document_number: '47000555', birth_date: '1980-01-01', localidad: '21' });
    expect(badLocalidad.body).toContain('Elija una localidad de la lista.');
    const leaky = await verify(id, { document_number: '47.000.555', birth_date: '1980-01-01', note: 'Revisé la cédula 47000555 original' });
    expect(leaky.statusCode).toBe(422);
    expect(leaky.body).toContain('La nota no debe incluir el número de documento.');
    const leakyDotted = await verify(id, { document_number: '47000555', birth_date: '1980-01-01', note: 'Cédula 47.000.555 y recibo' });
    expect(leakyDotted.body).toContain('La nota no debe incluir el número de documento.');
    expect((await loadActor(t.database.db, id))?.level).toBe('registered');
    expect(await audits(id, 'accounts.verify-at-desk')).toEqual([]);
  });

  it('does not let a clerk verify their own account, nor a document that already verifies someone else', async () => {
    const own = await verify(clerk.id, { document_number: NUMBERS.own, birth_date: '1980-01-01' });
    expect(own.statusCode).toBe(403);
    expect(own.body).toContain('No puede verificar su propia cuenta.');
    const first = await citizen('Primera Titular');
    expect((await verify(first.id, { document_number: NUMBERS.clash, birth_date: '1981-01-01' })).statusCode).toBe(303);
    const second = await citizen('Segunda Cuenta');
    const clash = await verify(second.id, { document_number: NUMBERS.clash, birth_date: '1981-01-01' });
    expect(clash.statusCode).toBe(409);
    expect(clash.body).toContain('Este documento ya verifica otra cuenta');
    expect((await loadActor(t.database.db, second.id))?.level).toBe('registered');
    expect(await audits(second.id, 'accounts.verify-at-desk')).toEqual([]);
  });

  it('records a guardian’s consent, after which a verified 15-year-old meets a minimum age of 14', async () => {
    const requirement = { minLevel: 'identity' as const, minAge: 14 };
    const teen = await citizen('Sara Quince', birthDateForAge(15));
    const before = await get(personPath(teen.id), clerk.cookie);
    expect(before.body).toContain('Primero verifique la identidad de la persona');
    const unverified = await act(teen.id, { accion: 'guardian', guardian_document_type: 'CC', guardian_document_number: NUMBERS.guardian, relation: 'mother' });
    expect(unverified.statusCode).toBe(409);
    expect(unverified.body).toContain('La identidad de la persona no está verificada o venció');

    expect((await verify(teen.id, { document_type: 'TI', document_number: NUMBERS.teen, birth_date: birthDateForAge(15) })).statusCode).toBe(303);
    expect(meetsRequirement(await loadActor(t.database.db, teen.id), requirement, new Date())).toEqual({ allowed: false, reason: 'guardian_consent_missing' });

    const form = await get(personPath(teen.id), clerk.cookie);
    expect(form.body).toContain('Tipo de documento del acudiente');
    const missing = await act(teen.id, { accion: 'guardian', guardian_document_type: 'CC', guardian_document_number: '', relation: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Escriba el número de documento.');
    expect(missing.body).toContain('Elija la relación con la persona.');
    const same = await act(teen.id, { accion: 'guardian', guardian_document_type: 'TI', guardian_document_number: NUMBERS.teen, relation: 'mother' });
    expect(same.statusCode).toBe(409);
    expect(same.body).toContain('El documento del acudiente es el mismo de la persona.');

    const recorded = await act(teen.id, { accion: 'guardian', guardian_document_type: 'CC', guardian_document_number: NUMBERS.guardian, relation: 'mother' });
    expect(recorded.statusCode).toBe(303);
    const consent = await t.database.db.selectFrom('core_guardian_consents').selectAll().where('user_id', '=', teen.id).executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ relation: 'mother', recorded_by: clerk.id, guardian_document_hash: identityHash(secret, 'CC', NUMBERS.guardian) });
    expect((await audits(teen.id, 'accounts.record-guardian-consent'))[0]).toMatchObject({ actor_id: clerk.id, after: { relation: 'mother', age: 15 } });
    expect(meetsRequirement(await loadActor(t.database.db, teen.id), requirement, new Date())).toEqual({ allowed: true });

    const page = await get(personPath(teen.id), clerk.cookie);
    expect(page.body).toContain('Consentimiento de acudiente registrado para Sara Quince.');
    expect(page.body).toMatch(/Madre, registrado el/);
    const own = await t.app.inject({ method: 'GET', url: '/mi-cuenta/verificacion', headers: { cookie: await signInAs(t.database, teen.id) } });
    expect(own.body).toContain('El consentimiento de su acudiente (Madre) quedó registrado el');
  });

  it('records no guardian consent for an adult or for a child under 14', async () => {
    const adult = await citizen('Adulto Mayor');
    expect((await verify(adult.id, { document_number: NUMBERS.adult, birth_date: '1990-01-01' })).statusCode).toBe(303);
    expect((await get(personPath(adult.id), clerk.cookie)).body).toContain('No hace falta: la persona es mayor de edad.');
    const response = await act(adult.id, { accion: 'guardian', guardian_document_type: 'CC', guardian_document_number: NUMBERS.guardian, relation: 'father' });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('La persona es mayor de edad');
    const child = await citizen('Niño Trece');
    expect((await verify(child.id, { document_type: 'TI', document_number: '1009008007', birth_date: birthDateForAge(13) })).statusCode).toBe(303);
    const young = await act(child.id, { accion: 'guardian', guardian_document_type: 'CC', guardian_document_number: NUMBERS.guardian, relation: 'father' });
    expect(young.body).toContain('La persona tiene menos de 14 años');
    expect(await t.database.db.selectFrom('core_guardian_consents').select('user_id').where('user_id', 'in', [adult.id, child.id]).execute()).toEqual([]);
  });

  it('starts an assisted session of at most two hours for a verified citizen, shows it to them, and ends it', async () => {
    const unverified = await citizen('Sin Verificar');
    const refused = await act(unverified.id, { accion: 'assist', reason: 'Apoyo para votar', duration: '60' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('La identidad de la persona no está verificada o venció');

    const ines = await citizen('Inés Acompañada', '1950-02-02');
    expect((await verify(ines.id, { document_number: NUMBERS.assisted, birth_date: '1950-02-02' })).statusCode).toBe(303);
    const tooLong = await act(ines.id, { accion: 'assist', reason: 'Apoyo para votar', duration: '180' });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('El acompañamiento dura como máximo 2 horas.');
    const noReason = await act(ines.id, { accion: 'assist', reason: '', duration: '60' });
    expect(noReason.body).toContain('Este campo es obligatorio.');
    const self = await act(clerk.id, { accion: 'assist', reason: 'Me acompaño a mí misma', duration: '60' });
    expect(self.statusCode).toBe(403);

    const started = await act(ines.id, { accion: 'assist', reason: 'Apoyo para votar en presupuestos participativos', duration: '120' });
    expect(started.statusCode).toBe(303);
    const session = await t.database.db.selectFrom('core_assisted_sessions').selectAll().where('citizen_id', '=', ines.id).executeTakeFirstOrThrow();
    expect(session).toMatchObject({ clerk_id: clerk.id, reason: 'Apoyo para votar en presupuestos participativos', ended_at: null });
    expect(session.expires_at.getTime() - session.started_at.getTime()).toBe(2 * 3600_000);
    expect((await audits(session.id, 'accounts.assist-citizen'))[0]).toMatchObject({ actor_id: clerk.id, after: { event: 'started', minutes: 120 } });

    const again = await act(ines.id, { accion: 'assist', reason: 'Otro acompañamiento', duration: '30' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('La persona ya tiene un acompañamiento en curso.');

    const deskPage = await get(personPath(ines.id), clerk.cookie);
    expect(deskPage.body).toContain('Acompañamiento en curso hasta el');
    expect(deskPage.body).toContain('Terminar el acompañamiento');
    const inesCookie = await signInAs(t.database, ines.id);
    const own = await t.app.inject({ method: 'GET', url: '/mi-cuenta/verificacion', headers: { cookie: inesCookie } });
    expect(own.body).toContain('Acompañamientos en punto de atención');
    expect(own.body).toContain('Apoyo para votar en presupuestos participativos');
    expect(own.body).toContain('Marta Funcionaria');
    expect(own.body).toContain('En curso hasta el');

    const ended = await act(ines.id, { accion: 'end-assist', session_id: session.id });
    expect(ended.statusCode).toBe(303);
    expect((await t.database.db.selectFrom('core_assisted_sessions').select('ended_at').where('id', '=', session.id).executeTakeFirstOrThrow()).ended_at).not.toBeNull();
    const twice = await act(ines.id, { accion: 'end-assist', session_id: session.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Ese acompañamiento ya había terminado.');
    const elsewhere = await act(unverified.id, { accion: 'end-assist', session_id: session.id });
    expect(elsewhere.statusCode).toBe(404);
    const after = await t.app.inject({ method: 'GET', url: '/mi-cuenta/verificacion', headers: { cookie: inesCookie } });
    expect(after.body).toContain('Terminado el');
  });

  it('has the database refuse an assisted session longer than two hours, whatever the code does', async () => {
    const { id } = await citizen('Límite Duro');
    await expect(
      sql`INSERT INTO core_assisted_sessions (clerk_id, citizen_id, reason, started_at, expires_at)
          VALUES (${clerk.id}, ${id}, 'Demasiado largo', now(), now() + interval '2 hours 1 minute')`.execute(t.database.db),
    ).rejects.toThrow(/check/i);
  });

  it('shows the desk in English too', async () => {
    const { id } = await citizen('Pat English');
    const response = await get(personPath(id), `${clerk.cookie}; gab_lang=en`);
    expect(response.body).toContain('<h1>Serving Pat English</h1>');
    expect(response.body).toContain('Verify identity and residence in person');
    expect(response.body).toContain('Guardian consent');
    expect(response.body).toContain('Assistance to take part');
  });

  it('never stores a raw document number: every text column of every table is free of them', async () => {
    // The scan does find what is stored (a name, a note), so finding no number means something.
    expect(await columnsContaining(t.database.db, ['Inés Acompañada', 'recibo de la luz de marzo'])).toEqual(
      expect.arrayContaining(['core_users.display_name ∋ Inés Acompañada', 'core_audit_log.after ∋ recibo de la luz de marzo']),
    );
    expect(await columnsContaining(t.database.db, [...Object.values(NUMBERS), '39.111.222', '47000555', '1009008007'])).toEqual([]);
  });
});
