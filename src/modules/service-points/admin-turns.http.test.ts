import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, csrfFor, type TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { createPerson } from '../admin/test-people.ts';
import { addDays, bogotaClock, bogotaInstant, parseTime } from './bogota-clock.ts';
import type { Centre } from './centres.queries.ts';
import { bookableSetup } from './service-points.test-support.ts';

const text = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe.each(testEngines())('the desk marks turns over HTTP (%s)', (engine) => {
  let t: TestApp;
  const cookies: Record<'citizen' | 'sdh' | 'idpac', string> = { citizen: '', sdh: '', idpac: '' };
  let sdhId = '';

  beforeAll(async () => {
    t = await buildTestApp(engine, { GAB_RATE_LIMIT_PER_MINUTE: '100000' });
    const db = t.database.db;
    cookies.citizen = await signInAs(t.database, (await createPerson(db, { name: 'Ciudadano Ventanilla' })).id);
    sdhId = (await createPerson(db, { name: 'Funcionaria Ventanilla Hacienda', roles: [{ role: 'entity_official', entityCode: 'sdh' }] })).id;
    cookies.sdh = await signInAs(t.database, sdhId);
    cookies.idpac = await signInAs(t.database, (await createPerson(db, { name: 'Funcionario Ventanilla IDPAC', roles: [{ role: 'entity_official', entityCode: 'idpac' }] })).id);
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  async function post(url: string, cookie: string | undefined, fields: Record<string, string>) {
    const csrf = await csrfFor(t.app);
    const body = new URLSearchParams({ ...fields, _csrf: csrf.token });
    return t.app.inject({ method: 'POST', url, headers: { cookie: [cookie, csrf.cookie].filter(Boolean).join('; '), 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
  }

  /**
   * A turn written straight to the tables, so today's turns exist whatever the real clock says
   * (booking through the form refuses turns that start too soon, or on a holiday).
   */
  async function turn(centre: Centre, serviceId: string, day: string, time: string, status: 'active' | 'cancelled' = 'active') {
    const db = t.database.db;
    const startsAt = bogotaInstant(day, parseTime(time)!);
    await db
      .insertInto('service_points_slots')
      .values({ centre_id: centre.id, service_id: serviceId, starts_at: startsAt.toISOString(), ends_at: new Date(startsAt.getTime() + 30 * 60_000).toISOString(), capacity: 2, booked: 0 })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const code = `${randomUUID().replace(/[^0-9]/g, '').padEnd(12, '7').slice(0, 12)}`.replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3');
    const cancelled = status === 'cancelled' ? { cancelled_at: new Date().toISOString(), cancel_cause: 'person' as const } : {};
    const { id } = await db
      .insertInto('service_points_bookings')
      .values({ code, centre_id: centre.id, service_id: serviceId, starts_at: startsAt.toISOString(), day, person_hash: `persona-${randomUUID()}`, user_id: null, status, updated_at: new Date().toISOString(), ...cancelled })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, code };
  }
  const statusOf = async (id: string) => (await t.database.db.selectFrom('service_points_bookings').select(['status', 'marked_by']).where('id', '=', id).executeTakeFirstOrThrow());

  it('only officials of an entity at the centre see its desk and mark its turns', async () => {
    const { centre, service } = await bookableSetup(t.database.db, { slotMinutes: 30, capacity: 2 }, { entities: ['sdh'] });
    const today = bogotaClock(new Date()).day;
    const { id } = await turn(centre, service.id, today, '09:00');
    const desk = `/admin/puntos-de-atencion/${centre.slug}/turnos`;
    const anonymous = await get(desk);
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toContain('/ingresar');
    expect((await get(desk, cookies.citizen)).statusCode).toBe(403);
    const other = await get(desk, cookies.idpac);
    expect(other.statusCode).toBe(403);
    expect(text(other.body)).toContain('Su rol es de otra entidad.');
    expect((await post(`${desk}/${id}/marcar`, cookies.idpac, { outcome: 'attended' })).statusCode).toBe(403);
    expect((await post(`${desk}/${id}/marcar`, cookies.citizen, { outcome: 'attended' })).statusCode).toBe(403);
    expect((await post(`${desk}/${id}/marcar`, undefined, { outcome: 'attended' })).statusCode).toBe(303);
    expect(await statusOf(id)).toEqual({ status: 'active', marked_by: null });
    const audited = await t.database.db.selectFrom('core_audit_log').select('id').where('resource_id', '=', id).execute();
    expect(audited).toEqual([]);
  });

  it('lists the day’s turns (time, code, service, status) and marks them attended or missed, audited', async () => {
    const db = t.database.db;
    const { centre, service } = await bookableSetup(db, { slotMinutes: 30, capacity: 2 }, { entities: ['sdh'] });
    const today = bogotaClock(new Date()).day;
    const first = await turn(centre, service.id, today, '09:00');
    const second = await turn(centre, service.id, today, '09:30');
    const desk = `/admin/puntos-de-atencion/${centre.slug}/turnos`;
    // The centre's back office links to the desk.
    expect((await get(`/admin/puntos-de-atencion/${centre.slug}`, cookies.sdh)).body).toContain(`href="${desk}?dia=${today}"`);
    const page = await get(desk, cookies.sdh);
    expect(page.statusCode).toBe(200);
    const html = text(page.body);
    expect(html).toContain(first.code);
    expect(html).toContain(second.code);
    expect(html).toContain(service.name);
    expect(html).toContain('<th scope="col">Hora</th>');
    expect(html).toContain(`action="${desk}/${first.id}/marcar"`);
    expect(html).toContain('No se presentó');
    // Nothing about the person: not even the keyed hash of their document.
    expect(html).not.toContain('persona-');

    const attended = await post(`${desk}/${first.id}/marcar`, cookies.sdh, { outcome: 'attended', dia: today });
    expect(attended.statusCode).toBe(303);
    expect(attended.headers.location).toBe(`${desk}?dia=${today}`);
    expect(await statusOf(first.id)).toEqual({ status: 'attended', marked_by: sdhId });
    expect((await post(`${desk}/${second.id}/marcar`, cookies.sdh, { outcome: 'no_show', dia: today })).statusCode).toBe(303);
    expect((await statusOf(second.id)).status).toBe('no_show');
    const audit = await db.selectFrom('core_audit_log').select(['action', 'actor_id']).where('resource_id', 'in', [first.id, second.id]).execute();
    expect(audit).toEqual([
      { action: 'service-points.mark-turn', actor_id: sdhId },
      { action: 'service-points.mark-turn', actor_id: sdhId },
    ]);
    const after = text((await get(`${desk}?dia=${today}`, cookies.sdh)).body);
    expect(after).toContain('Atendido el');
    expect(after).toContain('No se presentó (registrado el');
    expect(after).not.toContain(`action="${desk}/${first.id}/marcar"`);

    // Twice is refused with the reason, and the first mark stands.
    const twice = await post(`${desk}/${first.id}/marcar`, cookies.sdh, { outcome: 'no_show', dia: today });
    expect(twice.statusCode).toBe(409);
    expect(text(twice.body)).toContain('Ese turno ya estaba marcado');
    expect((await statusOf(first.id)).status).toBe('attended');
    expect((await post(`${desk}/${first.id}/marcar`, cookies.sdh, { outcome: 'maybe' })).statusCode).toBe(400);
  });

  it('refuses turns of a later day and cancelled ones with the reason; another centre’s turn is not found here', async () => {
    const db = t.database.db;
    const { centre, service } = await bookableSetup(db, { slotMinutes: 30, capacity: 2 }, { entities: ['sdh'] });
    const today = bogotaClock(new Date()).day;
    const tomorrow = addDays(today, 1);
    const later = await turn(centre, service.id, tomorrow, '09:00');
    const desk = `/admin/puntos-de-atencion/${centre.slug}/turnos`;
    const listed = text((await get(`${desk}?dia=${tomorrow}`, cookies.sdh)).body);
    expect(listed).toContain(later.code);
    expect(listed).toContain('Ese día aún no llega');
    expect(listed).not.toContain(`action="${desk}/${later.id}/marcar"`);
    const future = await post(`${desk}/${later.id}/marcar`, cookies.sdh, { outcome: 'attended', dia: tomorrow });
    expect(future.statusCode).toBe(409);
    expect(text(future.body)).toContain('aún no llega: no se puede marcar todavía');
    const cancelled = await turn(centre, service.id, today, '10:00', 'cancelled');
    const refused = await post(`${desk}/${cancelled.id}/marcar`, cookies.sdh, { outcome: 'no_show', dia: today });
    expect(refused.statusCode).toBe(409);
    expect(text(refused.body)).toContain('Ese turno fue cancelado');
    const elsewhere = await bookableSetup(db, { slotMinutes: 30, capacity: 2 }, { entities: ['idpac'] });
    const foreign = await turn(elsewhere.centre, elsewhere.service.id, today, '09:00');
    expect((await post(`${desk}/${foreign.id}/marcar`, cookies.sdh, { outcome: 'attended' })).statusCode).toBe(404);
    expect((await statusOf(later.id)).status).toBe('active');
    expect((await statusOf(cancelled.id)).status).toBe('cancelled');
    expect((await statusOf(foreign.id)).status).toBe('active');
  });

  it('shows the holder an attended turn as such, and refuses to change or cancel it', async () => {
    const { centre, service } = await bookableSetup(t.database.db, { slotMinutes: 30, capacity: 2 }, { entities: ['sdh'] });
    // A turn of tomorrow would still be changeable by its holder: mark one of today and look at it.
    const today = bogotaClock(new Date()).day;
    const { id } = await turn(centre, service.id, today, '16:59');
    expect((await post(`/admin/puntos-de-atencion/${centre.slug}/turnos/${id}/marcar`, cookies.sdh, { outcome: 'attended', dia: today })).statusCode).toBe(303);
    const page = text((await get(`/turnos/${id}`)).body);
    expect(page).toContain('Atendido el');
    expect(page).not.toContain(`action="/turnos/${id}/cancelar"`);
    const cancel = await post(`/turnos/${id}/cancelar`, undefined, {});
    expect(cancel.statusCode).toBe(409);
    expect(text(cancel.body)).toContain('Este turno ya fue atendido');
    expect((await post(`/turnos/${id}/cambiar`, undefined, { day: addDays(today, 2), time: '09:00' })).statusCode).toBe(409);
    expect((await statusOf(id)).status).toBe('attended');
  });
});
