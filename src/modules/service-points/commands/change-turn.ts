import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { isUniqueViolation } from '../../../core/db/pg-errors.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { notify } from '../../../core/notifications/notify.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { bookingWindow, checkSlot, type BookableOffering } from '../availability.ts';
import { bogotaClock, formatTime } from '../bogota-clock.ts';
import { bookingPath, type Booking } from '../bookings.queries.ts';
import { loadSchedule, type Centre } from '../centres.queries.ts';
import type { ServicePointsSettings } from '../service-points.settings.ts';
import { AlreadyBookedError, conflictErrors } from './book-turn.ts';
import { claimSeat, ensureSlot, lockSlots, releaseSeat, type SlotKey } from './seats.ts';

/** Why a turn can no longer be changed: cancelled, its time passed, or the desk already marked it. */
export type LockedProblem = 'cancelled' | 'past' | 'attended' | 'no_show';

/** Re-reads the booking under a row lock: two tabs changing the same turn take turns. */
async function lockBooking(tx: Tx, bookingId: string, now: Date): Promise<{ ok: true; row: { person_hash: string; starts_at: Date; user_id: string | null } } | { ok: false; problem: LockedProblem }> {
  const row = await tx.selectFrom('service_points_bookings').select(['status', 'starts_at', 'person_hash', 'user_id']).where('id', '=', bookingId).forUpdate().executeTakeFirstOrThrow();
  if (row.status !== 'active') return { ok: false, problem: row.status };
  if (new Date(row.starts_at).getTime() <= now.getTime()) return { ok: false, problem: 'past' };
  return { ok: true, row: { ...row, starts_at: new Date(row.starts_at) } };
}

/** Cancels an active, future turn and gives its seat back. Audited; the owner is notified. */
export async function cancelTurn(tx: Tx, input: { booking: Booking; actor: Actor | null; now: Date; requestId?: string | null }): Promise<{ ok: true } | { ok: false; problem: LockedProblem }> {
  const { booking, now } = input;
  const locked = await lockBooking(tx, booking.id, now);
  if (!locked.ok) return locked;
  await tx.updateTable('service_points_bookings').set({ status: 'cancelled', cancelled_at: now.toISOString(), cancel_cause: 'person', updated_at: now.toISOString() }).where('id', '=', booking.id).execute();
  await releaseSeat(tx, { centreId: booking.centreId, serviceId: booking.serviceId, startsAt: locked.row.starts_at });
  await recordAudit(tx, { actor: input.actor, action: 'service-points.cancel', resourceType: 'service_points_booking', resourceId: booking.id, before: { code: booking.code, starts_at: locked.row.starts_at }, requestId: input.requestId });
  if (locked.row.user_id) {
    await notify(tx, { userIds: [locked.row.user_id], key: 'service-points.notifications.cancelled', vars: { centre: booking.centreName, service: booking.serviceName, code: booking.code }, url: bookingPath(booking.id), email: true });
  }
  return { ok: true };
}

export interface RescheduleInput {
  booking: Booking;
  centre: Centre;
  offering: BookableOffering;
  day: string;
  minute: number;
  actor: Actor | null;
  now: Date;
  settings: ServicePointsSettings;
  requestId?: string | null;
}

/**
 * Moves an active, future turn to another slot of the same centre and service: the new seat is
 * taken under the same capacity guard as a booking, the old one given back, both in one
 * transaction. The code stays the same.
 */
export async function rescheduleTurn(tx: Tx, input: RescheduleInput): Promise<{ ok: true } | { ok: false; problem?: LockedProblem; errors?: FieldErrors }> {
  const { booking, centre, offering, day, minute, now, settings } = input;
  const locked = await lockBooking(tx, booking.id, now);
  if (!locked.ok) return locked;
  const schedule = await loadSchedule(tx, centre, bookingWindow(now, settings).from, settings.booking_window_days);
  const slot = checkSlot(schedule, offering, day, minute, now, settings);
  if (!slot.ok) return { ok: false, errors: { time: { key: `service-points.booking.errors.${slot.problem}` } } };
  if (slot.startsAt.getTime() === locked.row.starts_at.getTime()) return { ok: false, errors: { time: { key: 'service-points.booking.errors.same_slot' } } };
  const other = await tx
    .selectFrom('service_points_bookings')
    .select('status')
    .where('person_hash', '=', locked.row.person_hash)
    .where('service_id', '=', booking.serviceId)
    .where('day', '=', day)
    // Same rule as the unique index: an attended turn still was that day's turn (a missed one not).
    .where('status', 'in', ['active', 'attended'])
    .where('id', '<>', booking.id)
    .executeTakeFirst();
  if (other) return { ok: false, errors: { time: conflictErrors(other.status).document_number! } };

  const oldKey: SlotKey = { centreId: booking.centreId, serviceId: booking.serviceId, startsAt: locked.row.starts_at };
  const newKey: SlotKey = { centreId: booking.centreId, serviceId: booking.serviceId, startsAt: slot.startsAt };
  await ensureSlot(tx, newKey, slot.endsAt, offering.capacity);
  await lockSlots(tx, [oldKey, newKey]);
  if (!(await claimSeat(tx, newKey))) return { ok: false, errors: { time: { key: 'service-points.booking.errors.slot_full' } } };
  await releaseSeat(tx, oldKey);
  try {
    await tx
      .updateTable('service_points_bookings')
      .set({ starts_at: slot.startsAt.toISOString(), day, updated_at: now.toISOString() })
      .where('id', '=', booking.id)
      .execute();
  } catch (error) {
    if (isUniqueViolation(error, 'service_points_bookings_one_per_day')) throw new AlreadyBookedError();
    throw error;
  }
  const before = bogotaClock(locked.row.starts_at);
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-points.reschedule',
    resourceType: 'service_points_booking',
    resourceId: booking.id,
    before: { code: booking.code, day: before.day, time: formatTime(before.minute) },
    after: { code: booking.code, day, time: formatTime(minute) },
    requestId: input.requestId,
  });
  if (locked.row.user_id) {
    await notify(tx, {
      userIds: [locked.row.user_id],
      key: 'service-points.notifications.rescheduled',
      vars: { centre: booking.centreName, service: booking.serviceName, day, time: formatTime(minute), code: booking.code },
      url: bookingPath(booking.id),
      email: true,
    });
  }
  return { ok: true };
}
