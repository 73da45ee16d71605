import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/database.ts';
import { bogotaDay } from '../../core/i18n/i18n.ts';
import { identityHash } from '../../core/verification/identity.ts';
import { PDF, PNG, filingFields, readReceipt, sessionCookie, startHarness, text, type Harness } from './service-requests.test-support.ts';

describe.each(testEngines())('filing and following a request (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(async () => h?.t.close());

  const requestByRadicado = (radicado: string) => h.t.database.db.selectFrom('service_requests_requests').selectAll().where('radicado', '=', radicado).executeTakeFirstOrThrow();

  it('has demo content of several types and states, notified in the app only', async () => {
    const { db } = h.t.database;
    const demo = await db.selectFrom('service_requests_requests').select(['state', 'type_code', 'transfers', 'extended_at', 'due_on', 'entity_code']).execute();
    const states = new Set(demo.map((r) => r.state));
    for (const state of ['filed', 'answered', 'awaiting_completion']) expect(states.has(state as never), state).toBe(true);
    expect(new Set(demo.map((r) => r.type_code)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(demo.map((r) => r.entity_code)).size).toBeGreaterThanOrEqual(8);
    expect(demo.some((r) => r.transfers > 0)).toBe(true);
    expect(demo.some((r) => r.extended_at !== null)).toBe(true);
    expect(demo.some((r) => r.state === 'filed' && r.due_on < bogotaDay())).toBe(true);
    const people = await db.selectFrom('core_users').select(['id', 'password_hash']).where('email', 'like', '%.demo.pqrs@example.co').execute();
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((p) => p.password_hash === null)).toBe(true);
    const notes = await db.selectFrom('core_notifications').select('id').where('user_id', 'in', people.map((p) => p.id)).execute();
    expect(notes.length).toBeGreaterThan(0);
    const jobs = await db.selectFrom('core_jobs').select('payload').where('name', '=', 'core.notification-mail').execute();
    const noteIds = new Set(notes.map((n) => String(n.id)));
    expect(jobs.filter((j) => (j.payload as { ids: string[] }).ids.some((id) => noteIds.has(String(id))))).toEqual([]);
  });

  it('serves the public pages in both languages', async () => {
    for (const url of ['/pqrs', '/pqrs/radicar', '/pqrs/seguimiento', '/pqrs/informe', '/calendario']) {
      for (const lang of ['es', 'en']) {
        const response = await h.t.app.inject({ method: 'GET', url, headers: { cookie: `gab_lang=${lang}` } });
        expect(response.statusCode, `${lang} ${url}`).toBe(200);
      }
    }
    const home = text((await h.get('/pqrs')).body);
    // The typology of Bogotá te escucha, with the terms as data.
    for (const label of ['Derecho de petición de interés general', 'Derecho de petición de interés particular', 'Queja', 'Reclamo', 'Sugerencia', 'Felicitación', 'Consulta', 'Solicitud de acceso a la información', 'Solicitud de copia', 'Denuncia por posibles actos de corrupción', 'Consulta de datos personales (habeas data)', 'Reclamo sobre datos personales (habeas data)']) {
      expect(home).toContain(label);
    }
    const form = (await h.get('/pqrs/radicar')).body;
    expect(form).toContain('enctype="multipart/form-data"');
    expect(form).toContain('name="consent"');
    expect(form).not.toMatch(/name="consent"[^>]*checked/);
    expect(text(form)).toContain('Queja (15 días hábiles)');
    expect(text(form)).toContain('Consulta (30 días hábiles)');
    expect(text(form)).toContain('Solicitud de acceso a la información (10 días hábiles)');
  });

  it('files anonymously with a PDF, shows the code once, and follows by radicado and code', async () => {
    const filed = await h.postMultipart('/pqrs/radicar', undefined, filingFields(), [{ filename: 'evidencia.pdf', type: 'application/pdf', data: PDF }]);
    expect(filed.statusCode, filed.body).toBe(303);
    expect(filed.headers.location).toBe('/pqrs/radicada');
    const cookie = sessionCookie(filed);
    const receipt = await h.get('/pqrs/radicada', cookie);
    expect(receipt.statusCode).toBe(200);
    const { radicado, code } = readReceipt(receipt.body);
    expect(radicado).toMatch(/^\d{4}-\d{6}$/);
    // Shown once.
    expect((await h.get('/pqrs/radicada', cookie)).statusCode).toBe(302);
    const row = await requestByRadicado(radicado);
    expect(row.requester_kind).toBe('anonymous');
    expect(row.channel).toBe('web');
    expect(row.follow_code_hash).not.toContain(code);
    expect(row.requester_name).toBeNull();
    expect(row.due_on > row.filed_on).toBe(true);

    const page = await h.get(`/pqrs/seguimiento/${radicado}`, cookie);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('Semáforo dañado en la calle 26');
    const attachment = /href="(\/pqrs\/adjuntos\/[0-9a-f-]+)"/.exec(page.body)?.[1];
    expect(attachment).toBeDefined();
    const download = await h.get(attachment!, cookie);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect((await h.get(attachment!)).statusCode).toBe(401);

    // Someone else is sent to the lookup form; a wrong code gets the same answer as an unknown radicado.
    const stranger = await h.get(`/pqrs/seguimiento/${radicado}`);
    expect(stranger.statusCode).toBe(302);
    expect(stranger.headers.location).toBe(`/pqrs/seguimiento?radicado=${radicado}`);
    const wrong = await h.post('/pqrs/seguimiento', undefined, { radicado, code: 'ABCD-EFGH-JKLM' });
    expect(wrong.statusCode).toBe(422);
    expect(text(wrong.body)).toContain('No encontramos una solicitud con ese radicado y ese código');
    const unknown = await h.post('/pqrs/seguimiento', undefined, { radicado: '1999-000001', code: 'ABCD-EFGH-JKLM' });
    expect(text(unknown.body)).toContain('No encontramos una solicitud con ese radicado y ese código');
    const malformed = await h.post('/pqrs/seguimiento', undefined, { radicado: 'abc', code: '12' });
    expect(malformed.statusCode).toBe(422);
    expect(text(malformed.body)).toContain('Escriba el radicado como aparece en su constancia');
    const right = await h.post('/pqrs/seguimiento', undefined, { radicado: radicado.replace(/-0+/, '-'), code: code.toLowerCase().replace(/-/g, ' ') });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe(`/pqrs/seguimiento/${radicado}`);
    expect((await h.get(`/pqrs/seguimiento/${radicado}`, sessionCookie(right))).statusCode).toBe(200);
    expect((await h.get(attachment!, sessionCookie(right))).statusCode).toBe(200);
  });

  it('files with contact data: e-mails the receipt with the code, keeps only a keyed hash of the document', async () => {
    const filed = await h.postMultipart(
      '/pqrs/radicar',
      undefined,
      filingFields({ type: 'habeas_consulta', identification: 'contact', name: 'Marta Gómez', email: 'Marta@Example.co', document_type: 'CC', document_number: '1.020.304.050', entity: '' }),
      [
        { filename: 'cedula.png', type: 'image/png', data: PNG },
        { filename: 'carta.pdf', type: 'application/pdf', data: PDF },
      ],
    );
    expect(filed.statusCode, filed.body).toBe(303);
    const { radicado, code } = readReceipt((await h.get('/pqrs/radicada', sessionCookie(filed))).body);
    const row = await requestByRadicado(radicado);
    expect(row.entity_code).toBe('sg'); // no entity chosen: the Secretaría General routes it
    expect(row.requester_email).toBe('marta@example.co');
    expect(row.document_hash).toBe(identityHash(h.t.config.secret, 'CC', '1020304050'));
    expect(JSON.stringify(row)).not.toContain('1020304050');
    expect(row.term_days).toBe(10);
    expect(row.consent_policy_version).toBeTruthy();
    const jobs = await h.t.database.db.selectFrom('core_jobs').select(['name', 'payload']).where('name', '=', 'mail.send').execute();
    const receipt = jobs.map((j) => j.payload as { to: string; subject: string; text: string }).find((m) => m.subject.includes(radicado));
    expect(receipt?.to).toBe('marta@example.co');
    expect(receipt?.text).toContain(code);
    const files = await h.t.database.db.selectFrom('service_requests_attachments').select('kind').where('request_id', '=', row.id).execute();
    expect(files).toHaveLength(2);
  });

  it('files from an account: in-app notification, "Mis solicitudes", and no one else sees it', async () => {
    const ana = await h.person('Ana Citizen');
    const form = await h.get('/pqrs/radicar', ana.cookie);
    expect(text(form.body)).toContain('Con mi cuenta (Ana Citizen)');
    const filed = await h.postMultipart('/pqrs/radicar', ana.cookie, filingFields({ identification: 'account', type: 'peticion_particular', entity: 'idu' }));
    expect(filed.statusCode, filed.body).toBe(303);
    const { radicado } = readReceipt((await h.get('/pqrs/radicada', ana.cookie)).body);
    const row = await requestByRadicado(radicado);
    expect(row.requester_user_id).toBe(ana.id);
    const notes = await h.t.database.db.selectFrom('core_notifications').select(['message_key', 'vars', 'url']).where('user_id', '=', ana.id).execute();
    expect(notes).toEqual([{ message_key: 'service-requests.notifications.filed', vars: expect.objectContaining({ radicado }), url: `/pqrs/seguimiento/${radicado}` }]);
    const mine = await h.get('/pqrs/mis-solicitudes', ana.cookie);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(radicado);
    expect((await h.get(`/pqrs/seguimiento/${radicado}`, ana.cookie)).statusCode).toBe(200);
    const other = await h.person('Otro Ciudadano');
    expect((await h.get('/pqrs/mis-solicitudes', other.cookie)).body).not.toContain(radicado);
    expect((await h.get(`/pqrs/seguimiento/${radicado}`, other.cookie)).statusCode).toBe(302);
    expect((await h.get('/pqrs/mis-solicitudes')).statusCode).toBe(302);
    const audit = await h.t.database.db.selectFrom('core_audit_log').select(['action', 'actor_id']).where('resource_id', '=', row.id).execute();
    expect(audit).toEqual([{ action: 'service-requests.file', actor_id: ana.id }]);
  });

  it('refuses a filing with problems, says what is wrong next to each field, keeps the values, and changes nothing', async () => {
    const before = await h.t.database.db.selectFrom('service_requests_requests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const cases: [Record<string, string>, string[]][] = [
      [{ type: '', subject: 'x', description: 'corta', identification: '', consent: '' }, ['Elija el tipo de solicitud.', 'Escriba un asunto de entre 3 y 200 caracteres.', 'Describa su solicitud en entre 10 y 10.000 caracteres.', 'Elija cómo quiere recibir la respuesta.', 'Para radicar debe autorizar el tratamiento de sus datos.']],
      [{ type: 'habeas_reclamo' }, ['Las solicitudes de habeas data no pueden ser anónimas']],
      [{ identification: 'contact' }, ['Escriba su nombre completo.', 'Deje un correo electrónico o una dirección']],
      [{ identification: 'contact', name: 'Ana', email: 'no-es-correo', phone: 'abc', document_type: 'CC', document_number: '12' }, ['Escriba un correo electrónico válido', 'Escriba un teléfono válido', 'Escriba un número de documento válido.']],
      [{ identification: 'account' }, ['Para radicar con su cuenta, ingrese primero']],
      [{ entity: 'no-existe', localidad: '99' }, ['Elija una entidad de la lista.', 'Elija una localidad de la lista.']],
    ];
    for (const [overrides, messages] of cases) {
      const response = await h.postMultipart('/pqrs/radicar', undefined, filingFields(overrides));
      expect(response.statusCode, JSON.stringify(overrides)).toBe(422);
      const body = text(response.body);
      for (const message of messages) expect(body, message).toContain(message);
      expect(body).toContain('class="error-summary"');
    }
    const kept = await h.postMultipart('/pqrs/radicar', undefined, filingFields({ consent: '', subject: 'Asunto que se conserva' }));
    expect(text(kept.body)).toContain('value="Asunto que se conserva"');
    const after = await h.t.database.db.selectFrom('service_requests_requests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('limits attachments to five PDF, JPEG or PNG files of up to 5 MB', async () => {
    const pdf = (name: string) => ({ filename: name, type: 'application/pdf', data: PDF });
    const six = await h.postMultipart('/pqrs/radicar', undefined, filingFields(), ['1', '2', '3', '4', '5', '6'].map((n) => pdf(`${n}.pdf`)));
    expect(six.statusCode).toBe(422);
    expect(text(six.body)).toContain('Adjunte como máximo 5 archivos.');
    const fake = await h.postMultipart('/pqrs/radicar', undefined, filingFields(), [{ filename: 'virus.pdf', type: 'application/pdf', data: Buffer.from('MZ not a pdf') }]);
    expect(fake.statusCode).toBe(422);
    expect(text(fake.body)).toContain('El archivo «virus.pdf» no es PDF, JPEG ni PNG.');
    const big = await h.postMultipart('/pqrs/radicar', undefined, filingFields(), [{ filename: 'grande.pdf', type: 'application/pdf', data: Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]) }]);
    expect(big.statusCode).toBe(422);
    expect(text(big.body)).toContain('El archivo «grande.pdf» supera 5 MB.');
    const five = await h.postMultipart('/pqrs/radicar', undefined, filingFields(), ['1', '2', '3', '4', '5'].map((n) => pdf(`${n}.pdf`)));
    expect(five.statusCode).toBe(303);
  });

  it('rate-limits filing and the follow lookup per client (limits are settings)', async () => {
    const { db } = h.t.database;
    await db.insertInto('core_settings').values({ key: 'module.service-requests.follow_per_hour', value: '3' }).execute();
    await db.deleteFrom('core_rate_limits').execute();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await h.post('/pqrs/seguimiento', undefined, { radicado: '2026-000001', code: 'ABCD-EFGH-JKLM' })).statusCode);
    expect(statuses).toEqual([422, 422, 422, 429]);
    await db.insertInto('core_settings').values({ key: 'module.service-requests.filing_per_hour', value: '1' }).execute();
    const first = await h.postMultipart('/pqrs/radicar', undefined, filingFields());
    expect(first.statusCode).toBe(303);
    const second = await h.postMultipart('/pqrs/radicar', undefined, filingFields());
    expect(second.statusCode).toBe(429);
    await db.deleteFrom('core_settings').where('key', 'like', 'module.service-requests.%').execute();
    await db.deleteFrom('core_rate_limits').execute();
  });

  it('lets a desk clerk file on behalf of a person, recording the channel and the clerk', async () => {
    const clerk = await h.person('Clara Ventanilla', [{ role: 'desk_clerk' }]);
    const citizen = await h.person('Pedro Atendido');
    expect((await h.get('/pqrs/ventanilla')).statusCode).toBe(302);
    const refused = await h.get('/pqrs/ventanilla', citizen.cookie);
    expect(refused.statusCode).toBe(403);
    expect(text(refused.body)).toContain('Su cuenta no tiene el rol necesario para esta acción.');
    const page = await h.get('/pqrs/ventanilla', clerk.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="channel"');

    const missing = await h.postMultipart('/pqrs/ventanilla', clerk.cookie, filingFields({ channel: 'web' }));
    expect(missing.statusCode).toBe(422);
    expect(text(missing.body)).toContain('Elija el canal por el que llegó la solicitud.');
    const byPhone = await h.postMultipart('/pqrs/ventanilla', clerk.cookie, filingFields({ channel: 'telefonico', identification: 'contact', name: 'Rosa Pérez', address: 'Calle 1 # 2-3' }));
    expect(byPhone.statusCode, byPhone.body).toBe(303);
    const { radicado } = readReceipt((await h.get('/pqrs/radicada', clerk.cookie)).body);
    const row = await requestByRadicado(radicado);
    expect(row.channel).toBe('telefonico');
    expect(row.filed_by).toBe(clerk.id);

    // For a citizen's account: only during an assisted session the clerk opened.
    const noSession = await h.postMultipart('/pqrs/ventanilla', clerk.cookie, filingFields({ channel: 'presencial', identification: 'account', citizen: citizen.id }));
    expect(noSession.statusCode).toBe(422);
    await h.t.database.db
      .insertInto('core_assisted_sessions')
      .values({ clerk_id: clerk.id, citizen_id: citizen.id, reason: 'Atención presencial', expires_at: new Date(Date.now() + 3600_000).toISOString() })
      .execute();
    const form = await h.get('/pqrs/ventanilla', clerk.cookie);
    expect(text(form.body)).toContain('Pedro Atendido');
    const assisted = await h.postMultipart('/pqrs/ventanilla', clerk.cookie, filingFields({ channel: 'presencial', identification: 'account', citizen: citizen.id }));
    expect(assisted.statusCode, assisted.body).toBe(303);
    const second = readReceipt((await h.get('/pqrs/radicada', clerk.cookie)).body);
    const assistedRow = await requestByRadicado(second.radicado);
    expect(assistedRow.requester_user_id).toBe(citizen.id);
    expect(assistedRow.channel).toBe('presencial');
    const audit = await h.t.database.db.selectFrom('core_audit_log').select(['actor_id', 'actor_label']).where('resource_id', '=', assistedRow.id).executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(citizen.id);
    expect(audit.actor_label).toContain('Clara Ventanilla');
    expect((await h.get('/pqrs/mis-solicitudes', citizen.cookie)).body).toContain(second.radicado);
  });

  it('computes due dates on /calendario without JavaScript and explains bad input', async () => {
    const ok = await h.get('/calendario?anio=2026&fecha=2026-12-18&dias=15');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('<code>2027-01-13</code>');
    expect(text(ok.body)).toContain('Nuestra Señora del Rosario de Chiquinquirá');
    const bad = await h.get('/calendario?fecha=2026-02-30&dias=cero');
    expect(bad.statusCode).toBe(422);
    expect(text(bad.body)).toContain('Escriba una fecha válida (AAAA-MM-DD) desde 1984.');
    expect(text(bad.body)).toContain('Escriba un número entero de días entre 1 y 365.');
    const other = await h.get('/calendario?anio=2027');
    expect(other.body).toContain('2027-07-12');
  });

  // Last in the file: it changes what filing requires for everyone.
  it('explains a requirement an admin added to filing where the button was, and refuses the post with that reason', async () => {
    await h.t.database.db.insertInto('core_action_requirements').values({ module: 'service-requests', action: 'file', min_level: 'identity', min_age: null }).execute();
    // Admin changes reach every process within the requirements cache time (5 s).
    await new Promise((r) => setTimeout(r, 5200));
    const anonymous = await h.get('/pqrs/radicar');
    expect(anonymous.statusCode).toBe(200);
    expect(text(anonymous.body)).toContain('Ingrese con su cuenta para continuar.');
    expect(anonymous.body).toContain('href="/ingresar?next=%2Fpqrs%2Fradicar"');
    expect(anonymous.body).not.toContain('Radicar solicitud</button>');
    expect((await h.postMultipart('/pqrs/radicar', undefined, filingFields())).statusCode).toBe(401);
    const registered = await h.person('Rita Registrada');
    const page = await h.get('/pqrs/radicar', registered.cookie);
    expect(text(page.body)).toContain('Verifique su identidad para continuar.');
    expect(page.body).toContain('href="/mi-cuenta/verificacion"');
    const refused = await h.postMultipart('/pqrs/radicar', registered.cookie, filingFields());
    expect(refused.statusCode).toBe(403);
    expect(text(refused.body)).toContain('Verifique su identidad para continuar.');
  });
});
