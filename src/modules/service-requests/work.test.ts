import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/database.ts';
import { addBusinessDays, isBusinessDay } from '../../core/calendar/business-days.ts';
import { withTransaction } from '../../core/db/database.ts';
import { bogotaDay } from '../../core/i18n/i18n.ts';
import { requestCompletion } from './commands/request-completion.ts';
import { quarterOf } from './report.ts';
import { PDF, businessDaysAgo, sessionCookie, startHarness, text, type Harness, type Person } from './service-requests.test-support.ts';
import { latestExtendedDue } from './terms.ts';

describe.each(testEngines())('officials working requests (%s)', (engine) => {
  let h: Harness;
  let official: Person; // entity_official of SDM
  let otherOfficial: Person; // entity_official of IDU
  let citizen: Person;
  let admin: Person;

  beforeAll(async () => {
    h = await startHarness(engine);
    official = await h.person('Olga Movilidad', [{ role: 'entity_official', entityCode: 'sdm' }]);
    otherOfficial = await h.person('Iván Obras', [{ role: 'entity_official', entityCode: 'idu' }]);
    citizen = await h.person('Carla Ciudadana');
    admin = await h.person('Adela Admin', [{ role: 'platform_admin' }]);
  });
  afterAll(async () => h?.t.close());

  const db = () => h.t.database.db;
  const row = (radicado: string) => db().selectFrom('service_requests_requests').selectAll().where('radicado', '=', radicado).executeTakeFirstOrThrow();
  const reason = 'Motivo explicado con detalle suficiente para el peticionario.';
  /** A browser session that proved the follow code (what an anonymous requester has). */
  async function requesterSession(radicado: string, code: string) {
    const response = await h.post('/pqrs/seguimiento', undefined, { radicado, code });
    expect(response.statusCode).toBe(303);
    return sessionCookie(response)!;
  }

  it('shows the queue only to officials, each with the requests of their entity', async () => {
    const mine = await h.fileDirect({ entityCode: 'sdm', subject: 'Solicitud para Movilidad' });
    const theirs = await h.fileDirect({ entityCode: 'idu', subject: 'Solicitud para Obras' });
    const anonymous = await h.get('/pqrs/gestion');
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toBe('/ingresar?next=%2Fpqrs%2Fgestion');
    const refused = await h.get('/pqrs/gestion', citizen.cookie);
    expect(refused.statusCode).toBe(403);
    expect(text(refused.body)).toContain('Su cuenta no tiene el rol necesario para esta acción.');
    const queue = await h.get('/pqrs/gestion', official.cookie);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(mine.radicado);
    expect(queue.body).not.toContain(theirs.radicado);
    const all = await h.get('/pqrs/gestion?page=1', admin.cookie);
    expect(all.body).toContain('name="entity"');
    expect((await h.get(`/pqrs/gestion?entity=idu`, admin.cookie)).body).toContain(theirs.radicado);

    // Request pages: their entity only (reason wrong_entity), never citizens.
    expect((await h.get(`/pqrs/gestion/${mine.radicado}`, official.cookie)).statusCode).toBe(200);
    const wrong = await h.get(`/pqrs/gestion/${theirs.radicado}`, official.cookie);
    expect(wrong.statusCode).toBe(403);
    expect(text(wrong.body)).toContain('Su rol es de otra entidad.');
    expect((await h.get(`/pqrs/gestion/${mine.radicado}`, citizen.cookie)).statusCode).toBe(403);
    expect((await h.get(`/pqrs/gestion/${mine.radicado}`)).statusCode).toBe(302);
    expect((await h.get(`/pqrs/gestion/2099-000001`, official.cookie)).statusCode).toBe(404);
    expect((await h.get(`/pqrs/gestion/no-es-radicado`, official.cookie)).statusCode).toBe(400);
    // An official opening the citizen's follow page is sent to their own page.
    const follow = await h.get(`/pqrs/seguimiento/${mine.radicado}`, official.cookie);
    expect(follow.headers.location).toBe(`/pqrs/gestion/${mine.radicado}`);
  });

  it('filters the queue by type, state, due date, localidad and assignment', async () => {
    const overdue = await h.fileDirect({ entityCode: 'sdm', typeCode: 'queja', localidadCode: '11', now: businessDaysAgo(20) });
    const fresh = await h.fileDirect({ entityCode: 'sdm', typeCode: 'consulta', localidadCode: '09' });
    const soon = await h.fileDirect({ entityCode: 'sdm', typeCode: 'acceso_informacion', localidadCode: '09', now: businessDaysAgo(9) });
    const list = async (query: string) => (await h.get(`/pqrs/gestion?${query}`, official.cookie)).body;
    expect(await list('due=overdue')).toContain(overdue.radicado);
    expect(await list('due=overdue')).not.toContain(fresh.radicado);
    expect(await list('due=soon')).toContain(soon.radicado);
    expect(await list('due=soon')).not.toContain(fresh.radicado);
    expect(await list('type=consulta')).toContain(fresh.radicado);
    expect(await list('type=consulta')).not.toContain(overdue.radicado);
    expect(await list('localidad=11')).toContain(overdue.radicado);
    expect(await list('localidad=11')).not.toContain(fresh.radicado);
    expect(await list('state=answered')).not.toContain(fresh.radicado);
    expect(await list('state=open&assigned=none')).toContain(fresh.radicado);
    expect(text(await list('due=overdue'))).toMatch(/Vencida hace \d+ días? hábil/);
    expect((await h.get('/pqrs/gestion?state=nonsense', official.cookie)).statusCode).toBe(400);

    const assigned = await h.post(`/pqrs/gestion/${fresh.radicado}/asignar`, official.cookie, { assignee: official.id });
    expect(assigned.statusCode).toBe(303);
    expect((await row(fresh.radicado)).state).toBe('in_progress');
    expect(await list('assigned=me')).toContain(fresh.radicado);
    expect(await list('assigned=none')).not.toContain(fresh.radicado);
    const notOfficial = await h.post(`/pqrs/gestion/${fresh.radicado}/asignar`, official.cookie, { assignee: otherOfficial.id });
    expect(notOfficial.statusCode).toBe(422);
    expect(text(notOfficial.body)).toContain('Elija a un funcionario de la entidad de la solicitud.');
    expect((await h.post(`/pqrs/gestion/${fresh.radicado}/asignar`, official.cookie, { assignee: '' })).statusCode).toBe(303);
    expect((await row(fresh.radicado)).assigned_to).toBeNull();
    expect((await h.post(`/pqrs/gestion/${fresh.radicado}/asignar`, otherOfficial.cookie, { assignee: '' })).statusCode).toBe(403);

    const dashboard = await h.get('/pqrs/gestion/tablero', official.cookie);
    expect(dashboard.statusCode).toBe(200);
    expect(text(dashboard.body)).toContain('vencidas');
    expect((await h.get('/pqrs/gestion/tablero', citizen.cookie)).statusCode).toBe(403);
  });

  it('keeps internal notes away from the citizen', async () => {
    const filed = await h.fileDirect({ entityCode: 'sdm' });
    expect((await h.post(`/pqrs/gestion/${filed.radicado}/nota`, official.cookie, { note: '' })).statusCode).toBe(422);
    const saved = await h.post(`/pqrs/gestion/${filed.radicado}/nota`, official.cookie, { note: 'Llamar a la interventoría antes de responder' });
    expect(saved.statusCode).toBe(303);
    expect((await h.get(`/pqrs/gestion/${filed.radicado}`, official.cookie)).body).toContain('Llamar a la interventoría');
    const requester = await requesterSession(filed.radicado, filed.code);
    expect((await h.get(`/pqrs/seguimiento/${filed.radicado}`, requester)).body).not.toContain('interventoría');
    const audit = await db().selectFrom('core_audit_log').select(['action', 'after']).where('action', '=', 'service-requests.note').execute();
    expect(JSON.stringify(audit)).not.toContain('interventoría');
  });

  it('transfers within 5 business days of filing, notifying the citizen, and refuses later', async () => {
    const filed = await h.fileDirect({ entityCode: 'sdm', requester: { kind: 'contact', name: 'Luis Pérez', email: 'luis@example.co', phone: null, address: null, documentType: null, documentHash: null } });
    expect((await h.post(`/pqrs/gestion/${filed.radicado}/trasladar`, official.cookie, { to_entity: 'idu', transfer_reason: 'corto' })).statusCode).toBe(422);
    const same = await h.post(`/pqrs/gestion/${filed.radicado}/trasladar`, official.cookie, { to_entity: 'sdm', transfer_reason: reason });
    expect(same.statusCode).toBe(409);
    expect(text(same.body)).toContain('Elija una entidad distinta de la actual.');
    expect((await h.post(`/pqrs/gestion/${filed.radicado}/trasladar`, official.cookie, { to_entity: 'nada', transfer_reason: reason })).statusCode).toBe(422);
    expect((await h.post(`/pqrs/gestion/${filed.radicado}/trasladar`, otherOfficial.cookie, { to_entity: 'sdm', transfer_reason: reason })).statusCode).toBe(403);
    const moved = await h.post(`/pqrs/gestion/${filed.radicado}/trasladar`, official.cookie, { to_entity: 'idu', transfer_reason: reason });
    expect(moved.statusCode).toBe(303);
    const after = await row(filed.radicado);
    expect(after.entity_code).toBe('idu');
    expect(after.transfers).toBe(1);
    expect(after.due_on).toBe(filed.dueOn);
    expect((await h.get(`/pqrs/gestion/${filed.radicado}`, official.cookie)).statusCode).toBe(403);
    expect((await h.get(`/pqrs/gestion/${filed.radicado}`, otherOfficial.cookie)).statusCode).toBe(200);
    const mails = await db().selectFrom('core_jobs').select('payload').where('name', '=', 'mail.send').execute();
    expect(mails.map((m) => m.payload as { to: string; subject: string }).some((m) => m.to === 'luis@example.co' && m.subject.includes('trasladada'))).toBe(true);
    const requester = await requesterSession(filed.radicado, filed.code);
    expect(text((await h.get(`/pqrs/seguimiento/${filed.radicado}`, requester)).body)).toContain('Trasladada por competencia de Secretaría Distrital de Movilidad a Instituto de Desarrollo Urbano.');

    const old = await h.fileDirect({ entityCode: 'sdm', now: businessDaysAgo(6) });
    const late = await h.post(`/pqrs/gestion/${old.radicado}/trasladar`, official.cookie, { to_entity: 'idu', transfer_reason: reason });
    expect(late.statusCode).toBe(409);
    expect(text(late.body)).toContain('El plazo para trasladar por competencia venció');
    expect((await row(old.radicado)).entity_code).toBe('sdm');
    const onTime = await h.fileDirect({ entityCode: 'sdm', now: businessDaysAgo(5) });
    expect((await h.post(`/pqrs/gestion/${onTime.radicado}/trasladar`, official.cookie, { to_entity: 'idu', transfer_reason: reason })).statusCode).toBe(303);
  });

  it('extends once, before the due date, never beyond double the term', async () => {
    const filed = await h.fileDirect({ entityCode: 'sdm', now: businessDaysAgo(3) });
    const current = await row(filed.radicado);
    const latest = latestExtendedDue(current);
    expect(latest).toBe(addBusinessDays(current.filed_on, 30));
    const beyond = await h.post(`/pqrs/gestion/${filed.radicado}/prorrogar`, official.cookie, { new_due: addBusinessDays(latest, 1), extension_reason: reason });
    expect(beyond.statusCode).toBe(409);
    expect(text(beyond.body)).toContain('La prórroga no puede superar el máximo legal');
    const earlier = await h.post(`/pqrs/gestion/${filed.radicado}/prorrogar`, official.cookie, { new_due: current.due_on, extension_reason: reason });
    expect(earlier.statusCode).toBe(409);
    expect((await h.post(`/pqrs/gestion/${filed.radicado}/prorrogar`, official.cookie, { new_due: 'mañana', extension_reason: reason })).statusCode).toBe(422);
    expect((await h.post(`/pqrs/gestion/${filed.radicado}/prorrogar`, official.cookie, { new_due: latest, extension_reason: '' })).statusCode).toBe(422);
    const extended = await h.post(`/pqrs/gestion/${filed.radicado}/prorrogar`, official.cookie, { new_due: latest, extension_reason: reason });
    expect(extended.statusCode).toBe(303);
    expect((await row(filed.radicado)).due_on).toBe(latest);
    const twice = await h.post(`/pqrs/gestion/${filed.radicado}/prorrogar`, official.cookie, { new_due: latest, extension_reason: reason });
    expect(twice.statusCode).toBe(409);
    expect(text(twice.body)).toContain('El término ya se prorrogó una vez.');

    const expired = await h.fileDirect({ entityCode: 'sdm', now: businessDaysAgo(16) });
    const late = await h.post(`/pqrs/gestion/${expired.radicado}/prorrogar`, official.cookie, { new_due: addBusinessDays(bogotaDay(), 3), extension_reason: reason });
    expect(late.statusCode).toBe(409);
    expect(text(late.body)).toContain('La prórroga debe comunicarse antes del vencimiento');
    // On the due day itself it is too late too (only checkable when today is a business day).
    if (isBusinessDay(bogotaDay())) {
      const dueToday = await h.fileDirect({ entityCode: 'sdm', now: businessDaysAgo(15) });
      expect((await row(dueToday.radicado)).due_on).toBe(bogotaDay());
      expect((await h.post(`/pqrs/gestion/${dueToday.radicado}/prorrogar`, official.cookie, { new_due: addBusinessDays(bogotaDay(), 3), extension_reason: reason })).statusCode).toBe(409);
    }
  });

  it('asks to complete within 10 business days; completion restarts the term', async () => {
    const filed = await h.fileDirect({ entityCode: 'sdm', now: businessDaysAgo(4) });
    const asked = await h.post(`/pqrs/gestion/${filed.radicado}/solicitar-completar`, official.cookie, { completion_reason: reason });
    expect(asked.statusCode).toBe(303);
    expect((await row(filed.radicado)).state).toBe('awaiting_completion');
    const again = await h.post(`/pqrs/gestion/${filed.radicado}/solicitar-completar`, official.cookie, { completion_reason: reason });
    expect(again.statusCode).toBe(409);
    // The term is suspended: neither overdue nor extendable; an answer waits for the completion.
    expect((await h.post(`/pqrs/gestion/${filed.radicado}/prorrogar`, official.cookie, { new_due: addBusinessDays(filed.dueOn, 1), extension_reason: reason })).statusCode).toBe(409);

    const requester = await requesterSession(filed.radicado, filed.code);
    const page = await h.get(`/pqrs/seguimiento/${filed.radicado}`, requester);
    expect(text(page.body)).toContain('La entidad necesita más información');
    expect(text(page.body)).toContain(reason);
    const short = await h.postMultipart(`/pqrs/seguimiento/${filed.radicado}/completar`, requester, { text: 'poco' });
    expect(short.statusCode).toBe(422);
    expect((await h.postMultipart(`/pqrs/seguimiento/${filed.radicado}/completar`, undefined, { text: 'Adjunto la orden médica número 12345.' })).statusCode).toBe(403);
    const completed = await h.postMultipart(`/pqrs/seguimiento/${filed.radicado}/completar`, requester, { text: 'Adjunto la orden médica número 12345.' }, [{ filename: 'orden.pdf', type: 'application/pdf', data: PDF }]);
    expect(completed.statusCode).toBe(303);
    const after = await row(filed.radicado);
    expect(after.state).toBe('filed');
    expect(after.term_start_on).toBe(bogotaDay());
    expect(after.due_on).toBe(addBusinessDays(bogotaDay(), 15));
    expect((await h.postMultipart(`/pqrs/seguimiento/${filed.radicado}/completar`, requester, { text: 'Otra vez la misma información.' })).statusCode).toBe(409);

    const old = await h.fileDirect({ entityCode: 'sdm', now: businessDaysAgo(11) });
    const late = await h.post(`/pqrs/gestion/${old.radicado}/solicitar-completar`, official.cookie, { completion_reason: reason });
    expect(late.statusCode).toBe(409);
    expect(text(late.body)).toContain('El plazo para pedir que se complete venció');
  });

  it('closes as withdrawn only after the month to complete has passed', async () => {
    const recent = await h.fileDirect({ entityCode: 'sdm', now: businessDaysAgo(3) });
    await withTransaction(db(), (tx) => requestCompletion(tx, h.mail, { id: recent.id, reason, actor: null, now: businessDaysAgo(2) }));
    const early = await h.post(`/pqrs/gestion/${recent.radicado}/desistir`, official.cookie, { withdraw_reason: reason });
    expect(early.statusCode).toBe(409);
    expect(text(early.body)).toContain('El peticionario tiene hasta el');
    const old = await h.fileDirect({ entityCode: 'sdm', now: businessDaysAgo(40) });
    await withTransaction(db(), (tx) => requestCompletion(tx, h.mail, { id: old.id, reason, actor: null, now: businessDaysAgo(38) }));
    const closed = await h.post(`/pqrs/gestion/${old.radicado}/desistir`, official.cookie, { withdraw_reason: reason });
    expect(closed.statusCode).toBe(303);
    expect((await row(old.radicado)).state).toBe('withdrawn');
    expect((await h.post(`/pqrs/gestion/${old.radicado}/desistir`, official.cookie, { withdraw_reason: reason })).statusCode).toBe(409);
  });

  it('answers with text and files; an anonymous request shows its answer on the follow page', async () => {
    const filed = await h.fileDirect({ entityCode: 'sdm', typeCode: 'acceso_informacion' });
    expect((await h.postMultipart(`/pqrs/gestion/${filed.radicado}/responder`, official.cookie, { answer_outcome: '', answer_text: 'corta' })).statusCode).toBe(422);
    const answered = await h.postMultipart(
      `/pqrs/gestion/${filed.radicado}/responder`,
      official.cookie,
      { answer_outcome: 'favorable', answer_text: 'Adjuntamos la información solicitada sobre la semaforización de la ciudad.' },
      [{ filename: 'respuesta.pdf', type: 'application/pdf', data: PDF }],
    );
    expect(answered.statusCode).toBe(303);
    const after = await row(filed.radicado);
    expect(after.state).toBe('answered');
    expect(after.answered_on).toBe(bogotaDay());
    expect((await h.postMultipart(`/pqrs/gestion/${filed.radicado}/responder`, official.cookie, { answer_outcome: 'favorable', answer_text: 'Una segunda respuesta que no debe aceptarse.' })).statusCode).toBe(409);
    const requester = await requesterSession(filed.radicado, filed.code);
    const page = text((await h.get(`/pqrs/seguimiento/${filed.radicado}`, requester)).body);
    expect(page).toContain('Adjuntamos la información solicitada');
    expect(page).toContain('respuesta.pdf');
    expect(page).toContain('su respuesta se publica en esta página');
    // The answer's file: the requester and the entity's officials, nobody else.
    const file = await db().selectFrom('service_requests_attachments').select('id').where('request_id', '=', filed.id).where('kind', '=', 'answer').executeTakeFirstOrThrow();
    expect((await h.get(`/pqrs/adjuntos/${file.id}`, requester)).statusCode).toBe(200);
    expect((await h.get(`/pqrs/adjuntos/${file.id}`, official.cookie)).statusCode).toBe(200);
    expect((await h.get(`/pqrs/adjuntos/${file.id}`, admin.cookie)).statusCode).toBe(200);
    const stranger = await h.get(`/pqrs/adjuntos/${file.id}`, citizen.cookie);
    expect(stranger.statusCode).toBe(403);
    expect(text(stranger.body)).toContain('Solo la persona autora puede hacer esto.');
    expect((await h.get(`/pqrs/adjuntos/${file.id}`, otherOfficial.cookie)).statusCode).toBe(403);
    expect((await h.get('/pqrs/adjuntos/00000000-0000-4000-8000-000000000000', official.cookie)).statusCode).toBe(404);

    const late = await h.fileDirect({ entityCode: 'sdm', now: businessDaysAgo(20) });
    const lateAnswer = await h.postMultipart(`/pqrs/gestion/${late.radicado}/responder`, official.cookie, { answer_outcome: 'denied', answer_text: 'No es posible acceder a lo pedido por las razones expuestas.' });
    expect(lateAnswer.statusCode).toBe(303);
    const flashed = await h.get(`/pqrs/gestion/${late.radicado}`, official.cookie);
    expect(flashed.statusCode).toBe(200);

    // The account holder gets an in-app notification of every step.
    const own = await h.fileDirect({ entityCode: 'sdm', requester: { kind: 'account', userId: citizen.id } });
    await h.postMultipart(`/pqrs/gestion/${own.radicado}/responder`, official.cookie, { answer_outcome: 'informative', answer_text: 'Le informamos el estado del trámite solicitado.' });
    const keys = (await db().selectFrom('core_notifications').select('message_key').where('user_id', '=', citizen.id).execute()).map((n) => n.message_key);
    expect(keys).toEqual(expect.arrayContaining(['service-requests.notifications.filed', 'service-requests.notifications.answered']));
    const audit = (await db().selectFrom('core_audit_log').select('action').where('resource_id', '=', own.id).execute()).map((a) => a.action);
    expect(audit).toEqual(['service-requests.file', 'service-requests.answer']);
  });

  it('manages answer templates per entity and pre-fills an answer from one', async () => {
    const page = await h.get('/pqrs/gestion/plantillas', official.cookie);
    expect(page.statusCode).toBe(200);
    expect((await h.post('/pqrs/gestion/plantillas', official.cookie, { entity: 'idu', title: 'Ajena', body: 'Texto de una plantilla ajena.' })).statusCode).toBe(422);
    expect((await h.post('/pqrs/gestion/plantillas', official.cookie, { entity: 'sdm', title: 'x', body: 'corto' })).statusCode).toBe(422);
    const saved = await h.post('/pqrs/gestion/plantillas', official.cookie, { entity: 'sdm', title: 'Semáforos', body: 'Respetado ciudadano: la semaforización se revisa cada trimestre.' });
    expect(saved.statusCode).toBe(303);
    const duplicate = await h.post('/pqrs/gestion/plantillas', official.cookie, { entity: 'sdm', title: 'Semáforos', body: 'Otro texto con el mismo título de plantilla.' });
    expect(duplicate.statusCode).toBe(409);
    const template = await db().selectFrom('service_requests_templates').select('id').where('title', '=', 'Semáforos').executeTakeFirstOrThrow();
    const filed = await h.fileDirect({ entityCode: 'sdm' });
    const prefilled = await h.get(`/pqrs/gestion/${filed.radicado}?plantilla=${template.id}`, official.cookie);
    expect(text(prefilled.body)).toContain('>Respetado ciudadano: la semaforización se revisa cada trimestre.</textarea>');
    expect((await h.post(`/pqrs/gestion/plantillas/${template.id}/eliminar`, otherOfficial.cookie, {})).statusCode).toBe(403);
    expect((await h.post(`/pqrs/gestion/plantillas/${template.id}/eliminar`, official.cookie, {})).statusCode).toBe(303);
    expect(await db().selectFrom('service_requests_templates').select('id').where('id', '=', template.id).executeTakeFirst()).toBeUndefined();
  });

  it('publishes the quarterly report and its CSV without personal data', async () => {
    const today = bogotaDay();
    const year = Number(today.slice(0, 4));
    const quarter = quarterOf(today);
    const report = await h.get(`/pqrs/informe?anio=${year}&trimestre=${quarter}`);
    expect(report.statusCode).toBe(200);
    expect(text(report.body)).toContain('Respondidas fuera de término');
    const csv = await h.get(`/pqrs/informe.csv?anio=${year}&trimestre=${quarter}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('anio,trimestre,tipologia_codigo,tipologia,entidad_codigo,entidad,recibidas,respondidas_a_tiempo,respondidas_fuera_de_termino,trasladadas,negadas,pendientes');
    const sdm = lines.filter((l) => l.includes(',sdm,'));
    expect(sdm.length).toBeGreaterThan(0);
    const sum = (column: number) => lines.slice(1).reduce((total, l) => total + Number(l.split(',').at(column - 12)), 0);
    expect(sum(9)).toBeGreaterThanOrEqual(2); // transferred (this file transferred two requests this quarter)
    expect(sum(10)).toBeGreaterThanOrEqual(1); // denied
    expect(csv.body).not.toContain('luis@example.co');
    expect(csv.body).not.toContain('Luis Pérez');
    expect((await h.get('/pqrs/informe?anio=1900')).statusCode).toBe(400);
    const exported = await h.t.app.gab.registry.get('service-requests').exports!.requests!.query(db());
    const record = h.t.app.gab.registry.get('service-requests').exports!.requests!.serialize(exported[0]);
    expect(Object.keys(record)).not.toContain('requester_name');
    expect(JSON.stringify(exported.map((r) => h.t.app.gab.registry.get('service-requests').exports!.requests!.serialize(r)))).not.toContain('luis@example.co');
  });
});
