import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, csrfFor, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { withTransaction } from '../../core/db/database.ts';
import type { Actor } from '../../core/permissions/permissions.ts';
import { createPerson } from '../admin/test-people.ts';
import { addDays, bogotaClock } from './bogota-clock.ts';
import { findCentreBySlug } from './centres.queries.ts';
import { markTurn } from './commands/mark-turn.ts';
import { at, bookableSetup, createService, offer, workingDayAhead } from './service-points.test-support.ts';

const text = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const UUID_PATH = /^\/turnos\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(testEngines())('service points over HTTP (%s)', (engine) => {
  let t: TestApp;
  const cookies: Record<'citizen' | 'sdh' | 'idpac' | 'admin', string> = { citizen: '', sdh: '', idpac: '', admin: '' };
  let citizenId = '';
  let sdhId = '';

  beforeAll(async () => {
    // Many writes from one test client: lift the general write limit (the lookup keeps its own).
    t = await buildTestApp(engine, { GAB_RATE_LIMIT_PER_MINUTE: '100000' });
    const db = t.database.db;
    const citizen = await createPerson(db, { name: 'Ciudadana Turnos' });
    citizenId = citizen.id;
    cookies.citizen = await signInAs(t.database, citizen.id);
    sdhId = (await createPerson(db, { name: 'Funcionario Hacienda', roles: [{ role: 'entity_official', entityCode: 'sdh' }] })).id;
    cookies.sdh = await signInAs(t.database, sdhId);
    cookies.idpac = await signInAs(t.database, (await createPerson(db, { name: 'Funcionaria IDPAC', roles: [{ role: 'entity_official', entityCode: 'idpac' }] })).id);
    cookies.admin = await signInAs(t.database, (await createPerson(db, { name: 'Admin Plataforma', roles: [{ role: 'platform_admin' }] })).id);
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string, remoteAddress?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {}, remoteAddress });
  async function post(url: string, cookie: string | undefined, fields: Record<string, string | string[]>, remoteAddress?: string, headers: Record<string, string> = {}) {
    const csrf = await csrfFor(t.app);
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    body.append('_csrf', csrf.token);
    return t.app.inject({ method: 'POST', url, remoteAddress, headers: { ...headers, cookie: [cookie, csrf.cookie].filter(Boolean).join('; '), 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
  }
  const bookingsAt = (centreId: string) => t.database.db.selectFrom('service_points_bookings').select(['id', 'code', 'status', 'user_id']).where('centre_id', '=', centreId).execute();

  // ----- the network -----

  it('lists the documented centres with "open now" and the map, and filters by localidad, type, open now and accessibility', async () => {
    const all = await get('/puntos-de-atencion');
    expect(all.statusCode).toBe(200);
    const body = text(all.body);
    for (const name of ['SuperCADE CAD', 'SuperCADE Américas', 'SuperCADE 20 de Julio', 'SuperCADE Manitas', 'CADE Fontibón', 'CADE La Victoria', 'SuperCADE Móvil']) expect(body).toContain(name);
    expect(body).toMatch(/Abierto ahora|Cerrado/);
    expect(all.body).toContain('<svg');
    expect(all.body).toContain('aria-label="SuperCADE Américas"'); // the one point with published coordinates
    expect(body).toContain('aún no tienen coordenadas publicadas');

    const kennedy = text((await get('/puntos-de-atencion?localidad=08')).body);
    expect(kennedy).toContain('SuperCADE Américas');
    expect(kennedy).not.toContain('SuperCADE CAD');
    const cades = text((await get('/puntos-de-atencion?tipo=cade')).body);
    expect(cades).toContain('CADE Fontibón');
    expect(cades).not.toContain('>SuperCADE CAD<');
    const open = (await get('/puntos-de-atencion?abierto=1')).body;
    expect(open).not.toContain('class="sp-closed"');
    const braille = text((await get('/puntos-de-atencion?accesibilidad=braille&accesibilidad=ramp')).body);
    expect(braille).toContain('Ningún punto de atención cumple esos filtros.');
    // Values that are not options are ignored rather than failing the page.
    const odd = await get('/puntos-de-atencion?localidad=99&tipo=castillo&accesibilidad=jacuzzi');
    expect(odd.statusCode).toBe(200);
    expect(text(odd.body)).toContain('SuperCADE CAD');
    const tooMany = await get(`/puntos-de-atencion?${Array.from({ length: 25 }, () => 'accesibilidad=ramp').join('&')}`);
    expect(tooMany.statusCode).toBe(400);
    expect(text(tooMany.body)).toContain('Los datos enviados no son válidos.');
  });

  it('shows a centre: hours this week with its closures, entities, services with turns, accessibility and source; 404 for an unknown one', async () => {
    const page = await get('/puntos-de-atencion/supercade-cad');
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Horario de esta semana');
    expect(body).toContain('7:00 a. m. – 5:30 p. m.');
    expect(body).toContain('8:00 a. m. – 12:00 p. m.');
    expect(body).toContain('Secretaría Distrital de Hacienda (SDH)');
    expect(body).toContain('Orientación y pago del impuesto predial unificado');
    expect(page.body).toContain('href="/puntos-de-atencion/supercade-cad/turnos?servicio=impuesto-predial"');
    expect(body).toContain('Atención preferencial');
    expect(body).toContain('https://www.lafm.com.co/bogota/todo-listo-para-la-licitacion-del-nuevo-cad');
    expect((await get('/puntos-de-atencion/no-existe')).statusCode).toBe(404);

    const movil = text((await get('/puntos-de-atencion/supercade-movil')).body);
    expect(movil).toContain('Calendario de visitas');
    expect(movil).toContain('Sede de la Alcaldía Local de Usme (visita de demostración)');

    // A closure this week shows in the week's table with its reason.
    const { centre } = await bookableSetup(t.database.db);
    const today = bogotaClock(new Date()).day;
    await post(`/admin/puntos-de-atencion/${centre.slug}/excepciones`, cookies.admin, { day: today, mode: 'closed', reason: 'Jornada de fumigación', opens: '', closes: '' });
    const closed = text((await get(`/puntos-de-atencion/${centre.slug}`)).body);
    expect(closed).toContain('Cierre: Jornada de fumigación');
    expect(closed).toContain('Cerrado ahora');
  });

  // ----- turns -----

  it('books a turn without an account: choose service, day and time; the code is shown and the seat taken', async () => {
    const { centre, service } = await bookableSetup(t.database.db, { slotMinutes: 30, capacity: 2 });
    const day = workingDayAhead(2);
    const form = await get(`/puntos-de-atencion/${centre.slug}/turnos`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${service.slug}"`);
    const dayPage = await get(`/puntos-de-atencion/${centre.slug}/turnos?servicio=${service.slug}&dia=${day}`);
    expect(dayPage.body).toContain(`name="day" value="${day}"`);
    expect(dayPage.body).toContain('value="09:00"');
    const done = await post(`/puntos-de-atencion/${centre.slug}/turnos`, undefined, { service: service.slug, day, time: '09:00', document_type: 'CC', document_number: '1.020.304.050' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toMatch(UUID_PATH);
    const [booking] = await bookingsAt(centre.id);
    expect(booking).toMatchObject({ status: 'active', user_id: null });
    const page = await get(done.headers.location as string, done.cookies.map((c) => `${c.name}=${c.value}`).join('; '));
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain(booking!.code);
    expect(body).toContain('Su turno quedó reservado. Su código es');
    expect(body).toContain('Cambiar la hora');
    const after = text((await get(`/puntos-de-atencion/${centre.slug}/turnos?servicio=${service.slug}&dia=${day}`)).body);
    expect(after).toMatch(/9:00 a\. m\. <span class="hint">\(queda 1 cupo\)/);
  });

  it('a signed-in person also gets the turn in their notifications and by e-mail', async () => {
    const { centre, service } = await bookableSetup(t.database.db);
    const done = await post(`/puntos-de-atencion/${centre.slug}/turnos`, cookies.citizen, { service: service.slug, day: workingDayAhead(3), time: '10:00', document_type: 'CC', document_number: '52333444' });
    expect(done.statusCode).toBe(303);
    const [booking] = await bookingsAt(centre.id);
    expect(booking!.user_id).toBe(citizenId);
    const notes = await t.database.db.selectFrom('core_notifications').select(['message_key', 'vars', 'url']).where('user_id', '=', citizenId).execute();
    expect(notes).toContainEqual(expect.objectContaining({ message_key: 'service-points.notifications.booked', url: `/turnos/${booking!.id}`, vars: expect.objectContaining({ code: booking!.code }) }));
    const mails = await t.database.db.selectFrom('core_jobs').select('name').where('name', '=', 'core.notification-mail').execute();
    expect(mails.length).toBeGreaterThan(0);
    const mine = text((await get('/turnos', cookies.citizen)).body);
    expect(mine).toContain('Sus próximos turnos');
    expect(mine).toContain(service.name);
  });

  it('refuses bad bookings with a clear message next to the field, keeps what was typed, and books nothing', async () => {
    const { centre, service } = await bookableSetup(t.database.db, { slotMinutes: 30, capacity: 1 });
    const day = workingDayAhead(2);
    const url = `/puntos-de-atencion/${centre.slug}/turnos`;
    const base = { service: service.slug, day, time: '11:00', document_type: 'CC', document_number: '80111222' };
    const cases: [Record<string, string>, string][] = [
      [{ ...base, service: 'no-existe' }, 'Elija uno de los trámites con turnos de este punto.'],
      [{ ...base, time: '' }, 'Elija una hora para su turno.'],
      [{ ...base, document_type: 'XX' }, 'Elija el tipo de documento.'],
      [{ ...base, document_number: '12AB' }, 'Escriba el número del documento como aparece en él'],
      [{ ...base, time: '11:10' }, 'Ese turno no existe: el punto no atiende a esa hora o ese día'],
      [{ ...base, time: '06:00' }, 'Ese turno no existe'],
      [{ ...base, day: addDays(bogotaClock(new Date()).day, 30) }, 'Solo se pueden pedir turnos para los próximos días que se muestran.'],
      [{ ...base, day: '2026-02-30' }, 'Elija una hora para su turno.'],
    ];
    for (const [fields, message] of cases) {
      const response = await post(url, undefined, fields);
      expect(response.statusCode, message).toBe(422);
      expect(text(response.body), message).toContain(message);
      expect(response.body).toContain('class="error-summary"');
    }
    const kept = await post(url, undefined, { ...base, document_number: '12AB' });
    expect(kept.body).toContain('value="12AB"');
    expect(await bookingsAt(centre.id)).toHaveLength(0);

    // The last seat, and one turn per person, service and day.
    expect((await post(url, undefined, base)).statusCode).toBe(303);
    const full = await post(url, undefined, { ...base, document_number: '80111333' });
    expect(full.statusCode).toBe(422);
    expect(text(full.body)).toContain('Alguien acaba de tomar el último cupo de esa hora.');
    const twice = await post(url, undefined, { ...base, time: '12:00', document_number: '80.111.222' });
    expect(twice.statusCode).toBe(422);
    expect(text(twice.body)).toContain('Ya hay un turno activo con este documento para este trámite ese día.');
    expect(await bookingsAt(centre.id)).toHaveLength(1);
    // A walk-in service gives no turns; unknown centres are 404; a form from elsewhere is refused.
    const walkIn = await createService(t.database.db);
    await offer(t.database.db, centre, walkIn, { slotMinutes: null, capacity: null });
    expect((await post(url, undefined, { ...base, service: walkIn.slug })).statusCode).toBe(422);
    expect((await post('/puntos-de-atencion/no-existe/turnos', undefined, base)).statusCode).toBe(404);
    const forged = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(base).toString() });
    expect(forged.statusCode).toBe(403);
  });

  it('tells a person already attended that day apart from one holding an active turn, in Spanish and English', async () => {
    const { centre, service } = await bookableSetup(t.database.db, { slotMinutes: 30, capacity: 2 });
    // The desk marks only turns of today or before, and the form books only from now on: stand on a
    // past day's morning (a clock moved back, not ahead, lets the app's caches expire as usual afterwards).
    const day = workingDayAhead(-14);
    const url = `/puntos-de-atencion/${centre.slug}/turnos`;
    const fields = { service: service.slug, day, document_type: 'CC', document_number: '51777888' };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(at(day, '07:00'));
      expect((await post(url, undefined, { ...fields, time: '09:00' })).statusCode).toBe(303);
      const active = await post(url, undefined, { ...fields, time: '15:00' });
      expect(active.statusCode).toBe(422);
      expect(text(active.body)).toContain('Ya hay un turno activo con este documento para este trámite ese día. Consúltelo o cámbielo con su código.');

      const [turn] = await bookingsAt(centre.id);
      const official: Actor = { userId: sdhId, displayName: 'Funcionario Hacienda', roles: [{ role: 'entity_official', entityCode: 'sdh' }] };
      expect(await withTransaction(t.database.db, (tx) => markTurn(tx, { centre, bookingId: turn!.id, outcome: 'attended', actor: official, now: at(day, '09:10') }))).toEqual({ ok: true });
      vi.setSystemTime(at(day, '09:20'));
      const attended = await post(url, undefined, { ...fields, time: '15:00' });
      expect(attended.statusCode).toBe(422);
      expect(text(attended.body)).toContain('Ya fue atendido hoy para este trámite con este documento. Elija otro día para su turno.');
      expect(text(attended.body)).not.toContain('Ya hay un turno activo');
      const english = await post(url, undefined, { ...fields, time: '15:00' }, undefined, { 'accept-language': 'en' });
      expect(english.statusCode).toBe(422);
      expect(text(english.body)).toContain('You were already attended today for this procedure with this document. Choose another day for your turn.');
      expect((await bookingsAt(centre.id)).map((b) => b.status)).toEqual(['attended']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('explains, next to the form, what an administrator now requires to book (not_signed_in, not_verified)', async () => {
    const { centre, service } = await bookableSetup(t.database.db);
    const day = workingDayAhead(2);
    await t.database.db.insertInto('core_action_requirements').values({ module: 'service-points', action: 'book', min_level: 'identity', min_age: null, updated_by: null }).execute();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 6000); // past the 5-second requirements cache
      const anonymous = await get(`/puntos-de-atencion/${centre.slug}/turnos?servicio=${service.slug}&dia=${day}`);
      expect(anonymous.body).toContain('data-reason="not_signed_in"');
      expect(anonymous.body).not.toContain('name="document_number"');
      const registered = await get(`/puntos-de-atencion/${centre.slug}/turnos?servicio=${service.slug}&dia=${day}`, cookies.citizen);
      expect(registered.body).toContain('data-reason="not_verified"');
      expect(text(registered.body)).toContain('Verifique su identidad para continuar.');
      const fields = { service: service.slug, day, time: '09:00', document_type: 'CC', document_number: '79888777' };
      expect((await post(`/puntos-de-atencion/${centre.slug}/turnos`, undefined, fields)).statusCode).toBe(401);
      const refused = await post(`/puntos-de-atencion/${centre.slug}/turnos`, cookies.citizen, fields);
      expect(refused.statusCode).toBe(403);
      expect(text(refused.body)).toContain('Verifique su identidad para continuar.');
      expect(await bookingsAt(centre.id)).toHaveLength(0);
    } finally {
      await t.database.db.deleteFrom('core_action_requirements').where('module', '=', 'service-points').execute();
      // Reload the cache while the clock is still ahead, so later tests see no requirement.
      vi.setSystemTime(Date.now() + 6000);
      await t.app.gab.requirements();
      vi.useRealTimers();
    }
  });

  it('finds a turn by its code (however it is typed), and only by a real code', async () => {
    const { centre, service } = await bookableSetup(t.database.db);
    await post(`/puntos-de-atencion/${centre.slug}/turnos`, undefined, { service: service.slug, day: workingDayAhead(2), time: '08:00', document_type: 'CE', document_number: 'AB12345' });
    const [booking] = await bookingsAt(centre.id);
    const ip = '10.0.0.1';
    expect((await get('/turnos')).statusCode).toBe(200);
    const found = await post('/turnos', undefined, { code: booking!.code.toLowerCase().replace(/-/g, ' ') }, ip);
    expect(found.statusCode).toBe(303);
    expect(found.headers.location).toBe(`/turnos/${booking!.id}`);
    const badFormat = await post('/turnos', undefined, { code: 'hola' }, ip);
    expect(badFormat.statusCode).toBe(422);
    expect(text(badFormat.body)).toContain('Ese código no tiene el formato de un turno');
    expect(badFormat.body).toContain('value="hola"');
    const unknown = await post('/turnos', undefined, { code: 'ZZZZ-ZZZZ-ZZZZ' }, ip);
    expect(unknown.statusCode).toBe(422);
    expect(text(unknown.body)).toContain('No hay ningún turno con ese código.');
    // The turn's page lives at its random id; a code in the address is not a way in (it would end up in logs).
    expect((await get(`/turnos/${booking!.id}`)).statusCode).toBe(200);
    expect((await get(`/turnos/${booking!.code}`)).statusCode).toBe(404);
    expect((await get('/turnos/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('limits code lookups per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post('/turnos', undefined, { code: 'ZZZZ-ZZZZ-ZZZ1' }, '10.0.0.2')).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(422));
    expect(statuses[10]).toBe(429);
    const limited = await post('/turnos', undefined, { code: 'ZZZZ-ZZZZ-ZZZ1' }, '10.0.0.2');
    expect(text(limited.body)).toContain('Demasiadas solicitudes seguidas.');
    // Another address is not affected.
    expect((await post('/turnos', undefined, { code: 'ZZZZ-ZZZZ-ZZZ1' }, '10.0.0.3')).statusCode).toBe(422);
  });

  it('moves and cancels a turn with its code page; a cancelled turn cannot be changed', async () => {
    const { centre, service } = await bookableSetup(t.database.db, { slotMinutes: 30, capacity: 1 });
    const day = workingDayAhead(2);
    const done = await post(`/puntos-de-atencion/${centre.slug}/turnos`, undefined, { service: service.slug, day, time: '09:00', document_type: 'CC', document_number: '1010101010' });
    await post(`/puntos-de-atencion/${centre.slug}/turnos`, undefined, { service: service.slug, day, time: '10:00', document_type: 'CC', document_number: '2020202020' });
    const path = done.headers.location as string;
    const withDay = await get(`${path}?dia=${day}`);
    expect(withDay.body).toContain(`action="${path}/cambiar"`);
    const bad = await post(`${path}/cambiar`, undefined, { day, time: '' });
    expect(bad.statusCode).toBe(422);
    expect(text(bad.body)).toContain('Elija una hora para su turno.');
    const full = await post(`${path}/cambiar`, undefined, { day, time: '10:00' });
    expect(full.statusCode).toBe(422);
    expect(text(full.body)).toContain('Alguien acaba de tomar el último cupo');
    const moved = await post(`${path}/cambiar`, undefined, { day, time: '11:30' });
    expect(moved.statusCode).toBe(303);
    expect(text((await get(path, moved.cookies.map((c) => `${c.name}=${c.value}`).join('; '))).body)).toContain('Cambiamos su turno.');
    const cancelled = await post(`${path}/cancelar`, undefined, {});
    expect(cancelled.statusCode).toBe(303);
    const page = text((await get(path)).body);
    expect(page).toContain('Cancelado');
    expect(page).toContain('cancelado con el código del turno');
    const again = await post(`${path}/cancelar`, undefined, {});
    expect(again.statusCode).toBe(409);
    expect(text(again.body)).toContain('Este turno ya estaba cancelado');
    expect((await post(`${path}/cambiar`, undefined, { day, time: '12:00' })).statusCode).toBe(409);
    expect((await post('/turnos/00000000-0000-4000-8000-000000000000/cancelar', undefined, {})).statusCode).toBe(404);
  });

  // ----- catalogue -----

  it('searches the catalogue in Spanish (accents and plurals ignored) and filters by entity, channel, centre and localidad', async () => {
    const predial = text((await get('/tramites?q=predial')).body);
    expect(predial).toContain('Orientación y pago del impuesto predial unificado');
    expect(predial).not.toContain('impuesto sobre vehículos');
    const taxes = text((await get('/tramites?q=impuestos')).body);
    expect(taxes).toContain('impuesto predial');
    expect(taxes).toContain('impuesto sobre vehículos');
    expect(text((await get('/tramites?q=peticion')).body)).toContain('Bogotá te escucha');
    const mobility = text((await get('/tramites?entidad=sdm')).body);
    expect(mobility).toContain('Salida de patios para motocicletas inmovilizadas');
    expect(mobility).not.toContain('impuesto predial');
    const online = text((await get('/tramites?canal=online')).body);
    expect(online).toContain('impuesto predial');
    expect(online).not.toContain('Curso pedagógico');
    const fontibon = text((await get('/tramites?punto=cade-fontibon')).body);
    expect(fontibon).toContain('Curso pedagógico por infracciones de tránsito');
    expect(fontibon).not.toContain('impuesto predial');
    const sanCristobal = text((await get('/tramites?localidad=04')).body);
    expect(sanCristobal).toContain('Orientación de comisaría de familia');
    expect(text((await get('/tramites?q=zzzzqqqq')).body)).toContain('No encontramos trámites con esa búsqueda.');
    expect((await get('/tramites?entidad=inventada&canal=fax')).statusCode).toBe(200);

    const page = await get('/tramites/impuesto-predial');
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Requisitos');
    expect(body).toContain('Gratuito');
    expect(body).toContain('SuperCADE CAD');
    expect(body).toContain('Guía de Trámites y Servicios de Bogotá');
    expect((await get('/tramites/no-existe')).statusCode).toBe(404);
  });

  // ----- the back office -----

  it('lets officials of an entity present at a centre manage it, and nobody else (not_signed_in, missing_role, wrong_entity)', async () => {
    const anonymous = await get('/admin/puntos-de-atencion');
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toContain('/ingresar');
    const citizen = await get('/admin/puntos-de-atencion', cookies.citizen);
    expect(citizen.statusCode).toBe(403);
    expect(text(citizen.body)).toContain('Su cuenta no tiene el rol necesario para esta acción.');
    const list = text((await get('/admin/puntos-de-atencion', cookies.sdh)).body);
    expect(list).toContain('SuperCADE CAD');
    expect(list).not.toContain('CADE Fontibón');
    expect((await get('/admin/puntos-de-atencion/supercade-cad', cookies.sdh)).statusCode).toBe(200);
    const other = await get('/admin/puntos-de-atencion/cade-fontibon', cookies.sdh);
    expect(other.statusCode).toBe(403);
    expect(text(other.body)).toContain('Su rol es de otra entidad.');
    expect((await post('/admin/puntos-de-atencion/cade-fontibon/horario', cookies.sdh, { opens_1: '08:00', closes_1: '12:00' })).statusCode).toBe(403);
    expect((await get('/admin/puntos-de-atencion/cade-fontibon', cookies.admin)).statusCode).toBe(200);
    expect((await get('/admin/puntos-de-atencion/no-existe', cookies.admin)).statusCode).toBe(404);
    expect((await post('/admin/puntos-de-atencion/supercade-cad/horario', undefined, {})).statusCode).toBe(303);
    // The public page links officials to the back office.
    expect((await get('/puntos-de-atencion/supercade-cad', cookies.sdh)).body).toContain('href="/admin/puntos-de-atencion/supercade-cad"');
  });

  it('changes hours, closures, services, capacity, accessibility and visits: validated, audited, nothing changed on errors', async () => {
    const db = t.database.db;
    const { centre, service } = await bookableSetup(db, { slotMinutes: 30, capacity: 2 }, { entities: ['sdh'] });
    const admin = `/admin/puntos-de-atencion/${centre.slug}`;
    const audits = async () => (await db.selectFrom('core_audit_log').select('action').where('resource_id', '=', centre.id).execute()).map((a) => a.action);

    const badHours = await post(`${admin}/horario`, cookies.sdh, { opens_1: '09:00', closes_1: '08:00', opens_2: '7', closes_2: '' });
    expect(badHours.statusCode).toBe(422);
    expect(text(badHours.body)).toContain('La hora de cierre debe ser posterior a la de apertura.');
    expect(text(badHours.body)).toContain('Escriba la hora como HH:MM');
    expect(badHours.body).toContain('value="09:00"');
    expect(await db.selectFrom('service_points_hours').select('weekday').where('centre_id', '=', centre.id).execute()).toHaveLength(7);
    const hours = await post(`${admin}/horario`, cookies.sdh, { opens_1: '08:00', closes_1: '16:00', opens_6: '08:00', closes_6: '12:00' });
    expect(hours.statusCode).toBe(303);
    expect((await db.selectFrom('service_points_hours').select('weekday').where('centre_id', '=', centre.id).orderBy('weekday').execute()).map((h) => h.weekday)).toEqual([1, 6]);

    const yesterday = addDays(bogotaClock(new Date()).day, -1);
    const badClosure = await post(`${admin}/excepciones`, cookies.sdh, { day: yesterday, mode: 'special', opens: '', closes: '', reason: 'x' });
    expect(badClosure.statusCode).toBe(422);
    const badText = text(badClosure.body);
    expect(badText).toContain('La fecha ya pasó');
    expect(badText).toContain('Escriba el motivo');
    expect(badText).toContain('Escriba la hora como HH:MM');
    const future = addDays(bogotaClock(new Date()).day, 5);
    expect((await post(`${admin}/excepciones`, cookies.sdh, { day: future, mode: 'special', opens: '08:00', closes: '10:00', reason: 'Jornada corta por capacitación' })).statusCode).toBe(303);
    expect(text((await get(`/puntos-de-atencion/${centre.slug}`)).body)).toContain('Jornada corta por capacitación');
    expect((await post(`${admin}/excepciones/${future}/eliminar`, cookies.sdh, {})).statusCode).toBe(303);
    expect((await post(`${admin}/excepciones/${future}/eliminar`, cookies.sdh, {})).statusCode).toBe(404);

    const badOffering = await post(`${admin}/servicios`, cookies.sdh, { service: service.slug, mode: 'turns', slot_minutes: '3', capacity: '0' });
    expect(badOffering.statusCode).toBe(422);
    expect(text(badOffering.body)).toContain('Escriba un número entero de minutos entre 5 y 240.');
    expect(text(badOffering.body)).toContain('Escriba un número entero de personas entre 1 y 100.');
    expect((await post(`${admin}/servicios`, cookies.sdh, { service: service.slug, mode: 'turns', slot_minutes: '15', capacity: '4' })).statusCode).toBe(303);
    expect(await db.selectFrom('service_points_offerings').select(['slot_minutes', 'capacity']).where('centre_id', '=', centre.id).executeTakeFirst()).toEqual({ slot_minutes: 15, capacity: 4 });
    expect((await post(`${admin}/servicios`, cookies.sdh, { service: 'impuesto-predial', mode: 'walk_in' })).statusCode).toBe(303);
    expect((await post(`${admin}/servicios/impuesto-predial/retirar`, cookies.sdh, {})).statusCode).toBe(303);

    const outside = await post(`${admin}/datos`, cookies.sdh, { accessibility: ['ramp', 'braille'], latitude: '-74.1', longitude: '4.6' });
    expect(outside.statusCode).toBe(422);
    expect(text(outside.body)).toContain('Ese punto queda fuera de Bogotá.');
    expect(outside.body).toMatch(/value="braille"\s+checked/);
    const elsewhere = await post(`${admin}/datos`, cookies.sdh, { accessibility: ['ramp'], latitude: '4.6294', longitude: '-74.1733' });
    expect(text(elsewhere.body)).toContain('Ese punto queda en la localidad de Kennedy');
    expect((await post(`${admin}/datos`, cookies.sdh, { accessibility: ['ramp', 'braille'], latitude: '', longitude: '' })).statusCode).toBe(303);
    expect(text((await get('/puntos-de-atencion?accesibilidad=braille')).body)).toContain(centre.name);
    expect((await post(`${admin}/visitas`, cookies.sdh, { day: future, opens: '08:00', closes: '12:00', place: 'Parque', localidad: '05' })).statusCode).toBe(404);

    expect(await audits()).toEqual(
      expect.arrayContaining(['service-points.update-hours', 'service-points.save-exception', 'service-points.remove-exception', 'service-points.save-offering', 'service-points.withdraw-offering', 'service-points.update-centre']),
    );
    const turns = await get(`${admin}?dia=${future}`, cookies.sdh);
    expect(text(turns.body)).toContain('No hay turnos ese día.');
  });

  it('schedules and removes the SuperCADE Móvil’s visits', async () => {
    const movil = (await findCentreBySlug(t.database.db, 'supercade-movil'))!;
    const day = addDays(bogotaClock(new Date()).day, 9);
    const admin = `/admin/puntos-de-atencion/${movil.slug}`;
    const bad = await post(`${admin}/visitas`, cookies.admin, { day, opens: '08:00', closes: '07:00', place: 'P', localidad: '99' });
    expect(bad.statusCode).toBe(422);
    expect(text(bad.body)).toContain('Elija la localidad.');
    expect((await post(`${admin}/visitas`, cookies.admin, { day, opens: '08:00', closes: '14:00', place: 'Plaza de mercado de prueba', localidad: '19' })).statusCode).toBe(303);
    expect(text((await get('/puntos-de-atencion/supercade-movil')).body)).toContain('Plaza de mercado de prueba');
    expect(text((await get('/puntos-de-atencion?localidad=19')).body)).toContain('SuperCADE Móvil');
    expect((await post(`${admin}/visitas/${day}/eliminar`, cookies.admin, {})).statusCode).toBe(303);
    expect(text((await get('/puntos-de-atencion/supercade-movil')).body)).not.toContain('Plaza de mercado de prueba');
  });

  it('lets officials edit their own entity’s catalogue entries, and only those', async () => {
    expect((await get('/admin/tramites', cookies.citizen)).statusCode).toBe(403);
    const list = text((await get('/admin/tramites', cookies.sdh)).body);
    expect(list).toContain('impuesto predial');
    expect(list).not.toContain('Curso pedagógico');
    expect((await get('/admin/tramites/curso-pedagogico-transito', cookies.sdh)).statusCode).toBe(403);
    const fields = {
      name: 'Certificado de paz y salvo del impuesto predial',
      slug: 'paz-y-salvo-predial',
      summary: 'Certificado de que un predio no tiene deudas del impuesto predial.',
      entity: 'sdh',
      requirements: 'Documento de identidad\n\nCHIP del predio',
      cost_kind: 'fixed',
      cost_cop: '12.500',
      cost_note: '',
      channel: 'both',
      online_url: 'https://www.haciendabogota.gov.co',
      source_url: '',
    };
    const otherEntity = await post('/admin/tramites/nuevo', cookies.sdh, { ...fields, entity: 'sdp' });
    expect(otherEntity.statusCode).toBe(403);
    expect(text(otherEntity.body)).toContain('Su rol es de otra entidad.');
    const bad = await post('/admin/tramites/nuevo', cookies.sdh, { ...fields, slug: 'Con Espacios', cost_cop: 'doce', online_url: 'http://inseguro.example' });
    expect(bad.statusCode).toBe(422);
    const badText = text(bad.body);
    expect(badText).toContain('Use solo minúsculas sin tildes');
    expect(badText).toContain('Escriba el valor en pesos');
    expect(badText).toContain('https://');
    expect(bad.body).toContain('value="Con Espacios"');
    const created = await post('/admin/tramites/nuevo', cookies.sdh, fields);
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/admin/tramites/paz-y-salvo-predial');
    const page = text((await get('/tramites/paz-y-salvo-predial')).body);
    expect(page).toContain('CHIP del predio');
    expect(page).toMatch(/\$\s?12\.500/);
    expect(text((await get('/tramites?q=paz y salvo')).body)).toContain('Certificado de paz y salvo del impuesto predial');
    const taken = await post('/admin/tramites/paz-y-salvo-predial', cookies.sdh, { ...fields, slug: 'impuesto-predial' });
    expect(taken.statusCode).toBe(422);
    expect(text(taken.body)).toContain('Ya hay otro trámite con esa dirección corta.');
    expect((await post('/admin/tramites/paz-y-salvo-predial', cookies.sdh, { ...fields, summary: 'Nuevo resumen.' })).statusCode).toBe(303);
    expect((await post('/admin/tramites/paz-y-salvo-predial', cookies.idpac, fields)).statusCode).toBe(403);
    const audit = await t.database.db.selectFrom('core_audit_log').select('action').where('resource_type', '=', 'service_points_service').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['service-points.create-service', 'service-points.update-service']));
  });

  // ----- API -----

  it('answers the JSON API: centres with open now, free turns per day, the catalogue; errors in the envelope', async () => {
    const centres = await get('/api/v1/puntos-de-atencion?localidad=08');
    expect(centres.statusCode).toBe(200);
    const data = centres.json().data as { slug: string; openNow: boolean; latitude: number | null }[];
    expect(data.map((c) => c.slug)).toContain('supercade-americas');
    expect(typeof data[0]!.openNow).toBe('boolean');
    const bad = await get('/api/v1/puntos-de-atencion?localidad=99');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_input');
    const turns = await get('/api/v1/puntos-de-atencion/supercade-cad/turnos?servicio=impuesto-predial');
    expect(turns.statusCode).toBe(200);
    expect(turns.json().data).toHaveLength(14);
    const walkIn = await get('/api/v1/puntos-de-atencion/supercade-cad/turnos?servicio=peticion-bogota-te-escucha');
    expect(walkIn.statusCode).toBe(409);
    expect(walkIn.json().error.code).toBe('no_turns');
    expect((await get('/api/v1/puntos-de-atencion/supercade-cad/turnos')).statusCode).toBe(400);
    expect((await get('/api/v1/puntos-de-atencion/no-existe/turnos?servicio=impuesto-predial')).statusCode).toBe(404);
    const services = await get('/api/v1/tramites?q=predial');
    expect(services.json().data.map((s: { slug: string }) => s.slug)).toContain('impuesto-predial');
  });
});
