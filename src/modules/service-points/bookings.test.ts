import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import { databaseUrlFor } from '../../../test/template-names.ts';
import { openDatabase, withTransaction, type DatabaseHandle, type Db } from '../../core/db/database.ts';
import { isCheckViolation } from '../../core/db/pg-errors.ts';
import type { Actor } from '../../core/permissions/permissions.ts';
import { createPerson } from '../admin/test-people.ts';
import { availability, type BookableOffering } from './availability.ts';
import { bogotaInstant, parseTime } from './bogota-clock.ts';
import { findBookingById } from './bookings.queries.ts';
import type { Centre } from './centres.queries.ts';
import { AlreadyBookedError, bookTurn, type BookTurnResult } from './commands/book-turn.ts';
import { cancelTurn, rescheduleTurn } from './commands/change-turn.ts';
import { saveException } from './commands/save-exception.ts';
import { saveHours } from './commands/save-hours.ts';
import { saveOffering, withdrawOffering } from './commands/save-offering.ts';
import { seedServicePointsReference } from './service-points.seeds.ts';
import { at, bookableSetup, personHash, SETTINGS } from './service-points.test-support.ts';

const m = (time: string) => parseTime(time)!;
const SUPERCADE_HOURS: [number, string, string][] = [...[1, 2, 3, 4, 5].map((d) => [d, '07:00', '17:30'] as [number, string, string]), [6, '08:00', '12:00']];
// Friday 19 March 2027, 6:00 in Bogotá; Monday 22 is San José, Thursday 25 and Friday 26 Semana Santa.
const NOW = at('2027-03-19', '06:00');
const OFFICIAL: Actor = { userId: '00000000-0000-4000-8000-000000000001', displayName: 'Funcionaria de prueba', roles: [{ role: 'platform_admin', entityCode: null }] };

describe.each(testEngines())('turns at a centre (%s)', (engine) => {
  let handle: DatabaseHandle;
  /** A second pool with more connections (PostgreSQL), so concurrent requests really run at once. */
  let wide: DatabaseHandle | null = null;
  let db: Db;
  let pool: Db;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    db = handle.db;
    pool = db;
    if (engine === 'postgres') {
      const name = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(db)).rows[0]!.name;
      wide = await openDatabase({ databaseUrl: databaseUrlFor(process.env.TEST_DATABASE_URL!, name), dataDir: 'unused', poolSize: 20 });
      pool = wide.db;
    }
    // The official of the audit entries must exist (core_audit_log has no FK, notifications do).
    await db.insertInto('core_users').values({ id: OFFICIAL.userId, email: 'funcionaria.prueba@example.co', display_name: OFFICIAL.displayName, password_hash: null }).onConflict((oc) => oc.doNothing()).execute();
  }, 120_000);
  afterAll(async () => {
    await wide?.close();
    await handle?.close();
  });

  const book = (centre: Centre, offering: BookableOffering, day: string, time: string, person: number | string, options: { now?: Date; executor?: Db; actor?: Actor | null } = {}): Promise<BookTurnResult> =>
    withTransaction(options.executor ?? db, (tx) =>
      bookTurn(tx, { centre, offering, day, minute: m(time), personHash: personHash(person), actor: options.actor ?? null, now: options.now ?? NOW, settings: SETTINGS }),
    );
  const slotRow = (centre: Centre, offering: BookableOffering, day: string, time: string) =>
    db.selectFrom('service_points_slots').select(['capacity', 'booked']).where('centre_id', '=', centre.id).where('service_id', '=', offering.serviceId).where('starts_at', '=', bogotaInstant(day, m(time))).executeTakeFirst();
  const errorKey = (result: BookTurnResult) => (result.ok ? 'ok' : Object.values(result.errors)[0]!.key.split('.').pop());

  it('generates turns from the opening hours, skipping Sundays and holidays, with the seats left', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 2 }, { hours: SUPERCADE_HOURS });
    const days = await availability(db, centre, offering, NOW, SETTINGS);
    expect(days.map((d) => d.day)).toHaveLength(14);
    const withTurns = days.filter((d) => d.slots.length > 0).map((d) => d.day);
    expect(withTurns).toEqual(['2027-03-19', '2027-03-20', '2027-03-23', '2027-03-24', '2027-03-27', '2027-03-29', '2027-03-30', '2027-03-31', '2027-04-01']);
    expect(days.find((d) => d.day === '2027-03-22')!.hours).toMatchObject({ open: false, source: 'holiday', holiday: 'Día de San José' });
    expect(days.find((d) => d.day === '2027-03-26')!.hours).toMatchObject({ open: false, source: 'holiday', holiday: 'Viernes Santo' });
    const friday = days.find((d) => d.day === '2027-03-19')!;
    expect(friday.slots[0]).toMatchObject({ start: m('07:00'), capacity: 2, remaining: 2 });
    expect(friday.slots.at(-1)!.start).toBe(m('17:00'));
    // Turns starting before now plus the minimum notice are not offered.
    const later = await availability(db, centre, offering, at('2027-03-19', '09:10'), SETTINGS);
    expect(later[0]!.slots[0]!.start).toBe(m('10:00'));
    expect((await book(centre, offering, '2027-03-23', '09:00', 'grid-1')).ok).toBe(true);
    const after = await availability(db, centre, offering, NOW, SETTINGS);
    expect(after.find((d) => d.day === '2027-03-23')!.slots.find((s) => s.start === m('09:00'))!.remaining).toBe(1);
  });

  it('books a turn: a code, one seat taken, audited; refuses holidays, off-grid times, short notice and days beyond the window', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 2 }, { hours: SUPERCADE_HOURS });
    const result = await book(centre, offering, '2027-03-19', '09:00', 'ana');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(await slotRow(centre, offering, '2027-03-19', '09:00')).toEqual({ capacity: 2, booked: 1 });
    const audit = await db.selectFrom('core_audit_log').select(['action', 'after']).where('resource_id', '=', result.id).execute();
    expect(audit).toMatchObject([{ action: 'service-points.book', after: { code: result.code, day: '2027-03-19', time: '09:00' } }]);

    expect(errorKey(await book(centre, offering, '2027-03-22', '09:00', 'b'))).toBe('unavailable'); // San José
    expect(errorKey(await book(centre, offering, '2027-03-21', '09:00', 'b'))).toBe('unavailable'); // Sunday
    expect(errorKey(await book(centre, offering, '2027-03-20', '12:00', 'b'))).toBe('unavailable'); // Saturday after 12:00
    expect(errorKey(await book(centre, offering, '2027-03-19', '09:10', 'b'))).toBe('unavailable'); // off the grid
    expect(errorKey(await book(centre, offering, '2027-03-19', '06:00', 'b'))).toBe('unavailable'); // before opening
    expect(errorKey(await book(centre, offering, '2027-03-19', '07:00', 'b', { now: at('2027-03-19', '06:45') }))).toBe('too_soon');
    expect(errorKey(await book(centre, offering, '2027-04-02', '09:00', 'b'))).toBe('outside_window');
    expect(await db.selectFrom('service_points_bookings').select('id').where('centre_id', '=', centre.id).execute()).toHaveLength(1);
  });

  it('keeps one active turn per person, service and day', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 5 });
    expect((await book(centre, offering, '2027-03-23', '09:00', 'carla')).ok).toBe(true);
    expect(errorKey(await book(centre, offering, '2027-03-23', '10:00', 'carla'))).toBe('already_booked');
    expect((await book(centre, offering, '2027-03-24', '10:00', 'carla')).ok).toBe(true);
    const other = await bookableSetup(db, { slotMinutes: 30, capacity: 5 });
    expect((await book(other.centre, other.offering, '2027-03-23', '10:00', 'carla')).ok).toBe(true);
  });

  it('gives the last seat to exactly one of 50 simultaneous requests', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 3 });
    expect((await book(centre, offering, '2027-03-23', '11:00', 'first')).ok).toBe(true);
    expect((await book(centre, offering, '2027-03-23', '11:00', 'second')).ok).toBe(true);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => book(centre, offering, '2027-03-23', '11:00', `racer-${i}`, { executor: pool })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map(errorKey)).toEqual(Array(49).fill('slot_full'));
    expect(await slotRow(centre, offering, '2027-03-23', '11:00')).toEqual({ capacity: 3, booked: 3 });
    const active = await db.selectFrom('service_points_bookings').select('id').where('centre_id', '=', centre.id).where('status', '=', 'active').execute();
    expect(active).toHaveLength(3);
  });

  it('holds the capacity in the database itself: 50 concurrent unguarded increments stop at the CHECK', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 5 });
    const startsAt = bogotaInstant('2027-03-24', m('08:00'));
    await db.insertInto('service_points_slots').values({ centre_id: centre.id, service_id: offering.serviceId, starts_at: startsAt.toISOString(), ends_at: new Date(startsAt.getTime() + 1_800_000).toISOString(), capacity: 5, booked: 0 }).execute();
    // No `booked < capacity` condition here: only the table's CHECK stands between these and overbooking.
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        sql`UPDATE service_points_slots SET booked = booked + 1 WHERE centre_id = ${centre.id} AND service_id = ${offering.serviceId} AND starts_at = ${startsAt.toISOString()}`
          .execute(pool)
          .then(() => 'updated', (error: unknown) => (isCheckViolation(error) ? 'refused' : `unexpected: ${String(error)}`)),
      ),
    );
    expect(outcomes.filter((o) => o === 'updated')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(45);
    expect(await slotRow(centre, offering, '2027-03-24', '08:00')).toEqual({ capacity: 5, booked: 5 });
  });

  it('gives one person racing for several times of one day exactly one turn, and no seat to the others', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 2 });
    const times = ['07:00', '07:30', '08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];
    const results = await Promise.all(
      times.map((time) =>
        book(centre, offering, '2027-03-30', time, 'impaciente', { executor: pool }).catch((error: unknown) => {
          if (error instanceof AlreadyBookedError) return { ok: false as const, errors: { document_number: { key: 'service-points.booking.errors.already_booked' } } };
          throw error;
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map(errorKey)).toEqual(Array(9).fill('already_booked'));
    const seats = await db.selectFrom('service_points_slots').select(sql<string>`coalesce(sum(booked), 0)`.as('n')).where('centre_id', '=', centre.id).executeTakeFirstOrThrow();
    expect(Number(seats.n)).toBe(1);
  });

  it('cancels a turn and frees its seat; a cancelled or past turn cannot be changed', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 1 });
    const first = await book(centre, offering, '2027-03-23', '09:00', 'dora');
    if (!first.ok) throw new Error('booking failed');
    expect(errorKey(await book(centre, offering, '2027-03-23', '09:00', 'eva'))).toBe('slot_full');
    const booking = (await findBookingById(db, first.id))!;
    expect(await withTransaction(db, (tx) => cancelTurn(tx, { booking, actor: null, now: NOW }))).toEqual({ ok: true });
    expect(await slotRow(centre, offering, '2027-03-23', '09:00')).toEqual({ capacity: 1, booked: 0 });
    expect((await findBookingById(db, first.id))!).toMatchObject({ status: 'cancelled', cancelCause: 'person' });
    expect(await withTransaction(db, (tx) => cancelTurn(tx, { booking, actor: null, now: NOW }))).toEqual({ ok: false, problem: 'cancelled' });
    // The seat went back: someone else gets it.
    const second = await book(centre, offering, '2027-03-23', '09:00', 'eva');
    if (!second.ok) throw new Error('booking failed');
    const late = (await findBookingById(db, second.id))!;
    expect(await withTransaction(db, (tx) => cancelTurn(tx, { booking: late, actor: null, now: at('2027-03-23', '09:00') }))).toEqual({ ok: false, problem: 'past' });
    const actions = await db.selectFrom('core_audit_log').select('action').where('resource_id', '=', first.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['service-points.book', 'service-points.cancel']);
  });

  it('moves a turn: the new seat is taken, the old one freed, the code kept; full, same or double-booked slots are refused', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 1 });
    const moving = await book(centre, offering, '2027-03-23', '09:00', 'fabio');
    const blocker = await book(centre, offering, '2027-03-23', '10:00', 'gina');
    const sameDay = await book(centre, offering, '2027-03-24', '08:00', 'fabio');
    if (!moving.ok || !blocker.ok || !sameDay.ok) throw new Error('booking failed');
    const booking = (await findBookingById(db, moving.id))!;
    const move = (day: string, time: string) => withTransaction(db, (tx) => rescheduleTurn(tx, { booking, centre, offering, day, minute: m(time), actor: null, now: NOW, settings: SETTINGS }));
    const problem = (result: Awaited<ReturnType<typeof move>>) => (result.ok ? 'ok' : (result.problem ?? result.errors!.time!.key.split('.').pop()));
    expect(problem(await move('2027-03-23', '10:00'))).toBe('slot_full');
    expect(problem(await move('2027-03-23', '09:00'))).toBe('same_slot');
    expect(problem(await move('2027-03-24', '09:00'))).toBe('already_booked');
    expect(problem(await move('2027-03-22', '09:00'))).toBe('unavailable');
    expect(await move('2027-03-23', '11:30')).toEqual({ ok: true });
    const moved = (await findBookingById(db, moving.id))!;
    expect(moved).toMatchObject({ code: moving.code, status: 'active', day: '2027-03-23' });
    expect(moved.startsAt.getTime()).toBe(bogotaInstant('2027-03-23', m('11:30')).getTime());
    expect(await slotRow(centre, offering, '2027-03-23', '09:00')).toEqual({ capacity: 1, booked: 0 });
    expect(await slotRow(centre, offering, '2027-03-23', '11:30')).toEqual({ capacity: 1, booked: 1 });
    // Moving to another day is fine when the person has no other turn for the service there.
    expect(await withTransaction(db, (tx) => rescheduleTurn(tx, { booking: moved, centre, offering, day: '2027-03-29', minute: m('07:00'), actor: null, now: NOW, settings: SETTINGS }))).toEqual({ ok: true });
  });

  it('a dated closure cancels that day’s turns with its reason and tells account holders', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 3 });
    const person = await createPerson(db, { name: 'Helena Turnos' });
    const actor: Actor = { userId: person.id, displayName: 'Helena Turnos', roles: [] };
    const kept = await book(centre, offering, '2027-03-24', '09:00', 'helena', { actor });
    const lost = await book(centre, offering, '2027-03-23', '15:00', 'helena', { actor });
    const anonymous = await book(centre, offering, '2027-03-23', '08:00', 'ivan');
    if (!kept.ok || !lost.ok || !anonymous.ok) throw new Error('booking failed');
    const result = await withTransaction(db, (tx) =>
      saveException(tx, { centre, exception: { day: '2027-03-23', closed: false, opens: m('07:00'), closes: m('13:00'), reason: 'Simulacro de evacuación' }, actor: OFFICIAL, now: NOW }),
    );
    expect(result).toEqual({ cancelledTurns: 1 });
    expect((await findBookingById(db, lost.id))!).toMatchObject({ status: 'cancelled', cancelCause: 'closure', cancelNote: 'Simulacro de evacuación' });
    expect((await findBookingById(db, anonymous.id))!.status).toBe('active');
    expect((await findBookingById(db, kept.id))!.status).toBe('active');
    const notes = await db.selectFrom('core_notifications').select(['message_key', 'vars']).where('user_id', '=', person.id).orderBy('created_at').execute();
    expect(notes.map((n) => n.message_key)).toEqual(['service-points.notifications.booked', 'service-points.notifications.booked', 'service-points.notifications.cancelled_closure']);
    expect(notes[2]!.vars).toMatchObject({ reason: 'Simulacro de evacuación', day: '2027-03-23', time: '15:00' });
    // New weekly hours that leave Wednesday out cancel Wednesday's turn as a schedule change.
    const closedWednesdays = { days: new Map([1, 2, 4, 5].map((d) => [d, { opens: m('07:00'), closes: m('17:00') }])) };
    expect(await withTransaction(db, (tx) => saveHours(tx, { centre, hours: closedWednesdays, actor: OFFICIAL, now: NOW }))).toEqual({ cancelledTurns: 1 });
    expect((await findBookingById(db, kept.id))!).toMatchObject({ status: 'cancelled', cancelCause: 'schedule_change' });
    const hours = await db.selectFrom('service_points_hours').select('weekday').where('centre_id', '=', centre.id).orderBy('weekday').execute();
    expect(hours.map((h) => h.weekday)).toEqual([1, 2, 4, 5]);
  });

  it('a lower capacity never takes seats already given; a service with coming turns cannot be withdrawn', async () => {
    const { centre, offering, service } = await bookableSetup(db, { slotMinutes: 30, capacity: 3 });
    for (const person of ['j1', 'j2']) expect((await book(centre, offering, '2027-03-23', '09:00', person)).ok).toBe(true);
    await withTransaction(db, (tx) => saveOffering(tx, { centre, offering: { serviceSlug: service.slug, slotMinutes: 30, capacity: 1 }, actor: OFFICIAL, now: NOW }));
    expect(await slotRow(centre, offering, '2027-03-23', '09:00')).toEqual({ capacity: 2, booked: 2 });
    const refused = await withTransaction(db, (tx) => withdrawOffering(tx, { centre, serviceSlug: service.slug, actor: OFFICIAL, now: NOW }));
    expect(refused).toEqual({ ok: false, errors: { service: { key: 'service-points.admin.errors.has_turns', vars: { count: 2 } } } });
    // Once the turns are in the past, it can be withdrawn; the row stays for their history.
    expect(await withTransaction(db, (tx) => withdrawOffering(tx, { centre, serviceSlug: service.slug, actor: OFFICIAL, now: at('2027-03-24', '08:00') }))).toEqual({ ok: true });
    const row = await db.selectFrom('service_points_offerings').select('active').where('centre_id', '=', centre.id).where('service_id', '=', service.id).executeTakeFirstOrThrow();
    expect(row.active).toBe(false);
  });

  it('re-seeding the reference data on a restart keeps what officials changed', async () => {
    const cad = await db.selectFrom('service_points_centres').select('id').where('slug', '=', 'supercade-cad').executeTakeFirstOrThrow();
    await db.deleteFrom('service_points_hours').where('centre_id', '=', cad.id).where('weekday', '=', 6).execute();
    await db.updateTable('service_points_centres').set({ accessibility: ['ramp'], name: 'Nombre viejo' }).where('id', '=', cad.id).execute();
    await db.updateTable('service_points_offerings').set({ capacity: 9 }).where('centre_id', '=', cad.id).where('slot_minutes', 'is not', null).execute();
    await withTransaction(db, (tx) => seedServicePointsReference(tx));
    const after = await db.selectFrom('service_points_centres').select(['name', 'accessibility']).where('id', '=', cad.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ name: 'SuperCADE CAD', accessibility: ['ramp'] }); // the name follows the seed, accessibility the officials
    expect((await db.selectFrom('service_points_hours').select('weekday').where('centre_id', '=', cad.id).execute()).map((h) => h.weekday).sort()).toEqual([1, 2, 3, 4, 5]);
    const capacities = await db.selectFrom('service_points_offerings').select('capacity').where('centre_id', '=', cad.id).where('slot_minutes', 'is not', null).execute();
    expect(capacities.every((c) => c.capacity === 9)).toBe(true);
  });
});
