import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import { withTransaction, type DatabaseHandle, type Db } from '../../core/db/database.ts';
import { isCheckViolation, isUniqueViolation } from '../../core/db/pg-errors.ts';
import type { Actor } from '../../core/permissions/permissions.ts';
import type { BookableOffering } from './availability.ts';
import { bogotaInstant, parseTime } from './bogota-clock.ts';
import { findBookingById } from './bookings.queries.ts';
import type { Centre } from './centres.queries.ts';
import { AlreadyBookedError, bookTurn, type BookTurnResult } from './commands/book-turn.ts';
import { cancelTurn, rescheduleTurn } from './commands/change-turn.ts';
import { markTurn } from './commands/mark-turn.ts';
import type { TurnOutcome } from './service-points.schema.ts';
import { at, bookableSetup, personHash, SETTINGS } from './service-points.test-support.ts';

const m = (time: string) => parseTime(time)!;
// Friday 19 March 2027 in Bogotá (a working day); turns are booked at 6:00 and marked later that day.
const BOOKED_AT = at('2027-03-19', '06:00');
const AT_THE_DESK = at('2027-03-19', '09:15');
const OFFICIAL: Actor = { userId: '00000000-0000-4000-8000-0000000000d1', displayName: 'Funcionaria de ventanilla', roles: [{ role: 'entity_official', entityCode: 'sg' }] };

describe.each(testEngines())('the desk marks turns attended or missed (%s)', (engine) => {
  let handle: DatabaseHandle;
  let db: Db;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    db = handle.db;
    // marked_by references core_users.
    await db.insertInto('core_users').values({ id: OFFICIAL.userId, email: 'ventanilla.prueba@example.co', display_name: OFFICIAL.displayName, password_hash: null }).onConflict((oc) => oc.doNothing()).execute();
  }, 120_000);
  afterAll(async () => handle?.close());

  async function book(centre: Centre, offering: BookableOffering, day: string, time: string, person: string): Promise<BookTurnResult> {
    try {
      return await withTransaction(db, (tx) => bookTurn(tx, { centre, offering, day, minute: m(time), personHash: personHash(person), actor: null, now: BOOKED_AT, settings: SETTINGS }));
    } catch (error) {
      if (error instanceof AlreadyBookedError) return { ok: false, errors: { document_number: { key: 'service-points.booking.errors.already_booked' } } };
      throw error;
    }
  }
  async function booked(centre: Centre, offering: BookableOffering, day: string, time: string, person: string): Promise<string> {
    const result = await book(centre, offering, day, time, person);
    if (!result.ok) throw new Error(`booking failed: ${JSON.stringify(result.errors)}`);
    return result.id;
  }
  const mark = (centre: Centre, bookingId: string, outcome: TurnOutcome, now = AT_THE_DESK) => withTransaction(db, (tx) => markTurn(tx, { centre, bookingId, outcome, actor: OFFICIAL, now }));
  const seats = (centre: Centre, offering: BookableOffering, day: string, time: string) =>
    db.selectFrom('service_points_slots').select('booked').where('centre_id', '=', centre.id).where('service_id', '=', offering.serviceId).where('starts_at', '=', bogotaInstant(day, m(time))).executeTakeFirstOrThrow();
  const errorKey = (result: BookTurnResult) => (result.ok ? 'ok' : Object.values(result.errors)[0]!.key.split('.').pop());

  it('marks a turn attended: status, when and who, audited; the seat stays taken; it cannot be marked again, moved or cancelled', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 1 });
    const id = await booked(centre, offering, '2027-03-19', '09:00', 'ana');
    expect(await mark(centre, id, 'attended')).toEqual({ ok: true });
    const row = await db.selectFrom('service_points_bookings').select(['status', 'marked_at', 'marked_by']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'attended', marked_by: OFFICIAL.userId });
    expect(new Date(row.marked_at!).getTime()).toBe(AT_THE_DESK.getTime());
    expect((await findBookingById(db, id))!.markedAt?.getTime()).toBe(AT_THE_DESK.getTime());
    const audit = await db.selectFrom('core_audit_log').select(['action', 'actor_id', 'after']).where('resource_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['service-points.book', 'service-points.mark-turn']);
    expect(audit[1]).toMatchObject({ actor_id: OFFICIAL.userId });
    expect(JSON.stringify(audit[1]!.after)).toContain('attended');
    // The seat was used: it is not given back, so the slot is still full.
    expect(await seats(centre, offering, '2027-03-19', '09:00')).toEqual({ booked: 1 });
    expect(errorKey(await book(centre, offering, '2027-03-19', '09:00', 'otra'))).toBe('slot_full');
    expect(await mark(centre, id, 'no_show')).toEqual({ ok: false, problem: 'already_marked' });
    expect(await mark(centre, id, 'attended')).toEqual({ ok: false, problem: 'already_marked' });
    const booking = (await findBookingById(db, id))!;
    expect(await withTransaction(db, (tx) => cancelTurn(tx, { booking, actor: null, now: BOOKED_AT }))).toEqual({ ok: false, problem: 'attended' });
    expect((await findBookingById(db, id))!.status).toBe('attended');
  });

  it('marks a missed turn, also of an earlier day, and a turn later today (people come early)', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 2 });
    const morning = await booked(centre, offering, '2027-03-19', '08:00', 'beto');
    const afternoon = await booked(centre, offering, '2027-03-19', '16:00', 'caro');
    expect(await mark(centre, morning, 'no_show', at('2027-03-22', '10:00'))).toEqual({ ok: true });
    expect(await mark(centre, afternoon, 'attended')).toEqual({ ok: true });
    expect((await findBookingById(db, morning))!.status).toBe('no_show');
    const booking = (await findBookingById(db, morning))!;
    expect(await withTransaction(db, (tx) => cancelTurn(tx, { booking, actor: null, now: BOOKED_AT }))).toEqual({ ok: false, problem: 'no_show' });
  });

  it('refuses a turn of a later day, a cancelled turn and another centre’s turn, and changes nothing', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 2 });
    const tomorrow = await booked(centre, offering, '2027-03-20', '09:00', 'dani');
    expect(await mark(centre, tomorrow, 'attended')).toEqual({ ok: false, problem: 'future_day' });
    const cancelled = await booked(centre, offering, '2027-03-19', '10:00', 'eli');
    const booking = (await findBookingById(db, cancelled))!;
    expect(await withTransaction(db, (tx) => cancelTurn(tx, { booking, actor: null, now: BOOKED_AT }))).toEqual({ ok: true });
    expect(await mark(centre, cancelled, 'no_show')).toEqual({ ok: false, problem: 'cancelled' });
    const other = await bookableSetup(db, { slotMinutes: 30, capacity: 2 });
    const elsewhere = await booked(other.centre, other.offering, '2027-03-19', '09:00', 'fede');
    expect(await mark(centre, elsewhere, 'attended')).toEqual({ ok: false, problem: 'not_found' });
    const statuses = await db.selectFrom('service_points_bookings').select(['status', 'marked_at']).where('id', 'in', [tomorrow, cancelled, elsewhere]).execute();
    expect(statuses.filter((s) => s.marked_at !== null)).toEqual([]);
    expect(statuses.map((s) => s.status).sort()).toEqual(['active', 'active', 'cancelled']);
    const audited = await db.selectFrom('core_audit_log').select('id').where('action', '=', 'service-points.mark-turn').where('resource_id', 'in', [tomorrow, cancelled, elsewhere]).execute();
    expect(audited).toEqual([]);
  });

  it('an attended turn still is the person’s turn of that day; a missed or cancelled one is not', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 5 });
    const attended = await booked(centre, offering, '2027-03-19', '09:00', 'gabo');
    expect(await mark(centre, attended, 'attended')).toEqual({ ok: true });
    // Said as such: there is no active turn left to look up or move.
    expect(errorKey(await book(centre, offering, '2027-03-19', '15:00', 'gabo'))).toBe('already_attended');
    const missed = await booked(centre, offering, '2027-03-19', '09:00', 'hilda');
    expect(await mark(centre, missed, 'no_show')).toEqual({ ok: true });
    // Who came late takes a new turn.
    expect((await book(centre, offering, '2027-03-19', '15:00', 'hilda')).ok).toBe(true);
    // Another day, or after a cancellation, the person may book again.
    expect((await book(centre, offering, '2027-03-20', '09:00', 'gabo')).ok).toBe(true);
    const dropped = await booked(centre, offering, '2027-03-19', '09:30', 'ines');
    const booking = (await findBookingById(db, dropped))!;
    await withTransaction(db, (tx) => cancelTurn(tx, { booking, actor: null, now: BOOKED_AT }));
    expect((await book(centre, offering, '2027-03-19', '15:00', 'ines')).ok).toBe(true);
    // The database itself holds the rule, whatever the application checked.
    const copy = await db.selectFrom('service_points_bookings').select(['centre_id', 'service_id', 'starts_at', 'day', 'person_hash']).where('id', '=', attended).executeTakeFirstOrThrow();
    const duplicate = db
      .insertInto('service_points_bookings')
      .values({ ...copy, starts_at: new Date(copy.starts_at).toISOString(), code: 'ZZZZ-ZZZZ-ZZZ1', updated_at: new Date().toISOString() })
      .execute();
    await expect(duplicate).rejects.toSatisfy((error: unknown) => isUniqueViolation(error, 'service_points_bookings_one_per_day'));
  });

  it('moving another turn onto a day the person was already attended says so, not that a turn is active', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 5 });
    const attended = await booked(centre, offering, '2027-03-19', '09:00', 'kiko');
    const tomorrow = await booked(centre, offering, '2027-03-20', '09:00', 'kiko');
    const booking = (await findBookingById(db, tomorrow))!;
    const move = () => withTransaction(db, (tx) => rescheduleTurn(tx, { booking, centre, offering, day: '2027-03-19', minute: m('16:00'), actor: null, now: AT_THE_DESK, settings: SETTINGS }));
    expect(await move()).toEqual({ ok: false, errors: { time: { key: 'service-points.booking.errors.already_booked' } } });
    expect(await mark(centre, attended, 'attended')).toEqual({ ok: true });
    expect(await move()).toEqual({ ok: false, errors: { time: { key: 'service-points.booking.errors.already_attended' } } });
    expect((await findBookingById(db, tomorrow))!.day).toBe('2027-03-20');
  });

  it('the database keeps the outcome and its time together', async () => {
    const { centre, offering } = await bookableSetup(db, { slotMinutes: 30, capacity: 2 });
    const id = await booked(centre, offering, '2027-03-19', '11:00', 'juan');
    const unmarked = db.updateTable('service_points_bookings').set({ status: 'attended' }).where('id', '=', id).execute();
    await expect(unmarked).rejects.toSatisfy(isCheckViolation);
    const stray = db.updateTable('service_points_bookings').set({ marked_at: new Date().toISOString() }).where('id', '=', id).execute();
    await expect(stray).rejects.toSatisfy(isCheckViolation);
    const unknown = db.updateTable('service_points_bookings').set({ status: 'lost' as 'attended', marked_at: new Date().toISOString() }).where('id', '=', id).execute();
    await expect(unknown).rejects.toSatisfy(isCheckViolation);
  });
});
