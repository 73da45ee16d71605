import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { isUniqueViolation } from '../../../core/db/pg-errors.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import { notify } from '../../../core/notifications/notify.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { bookingWindow, checkSlot, type BookableOffering } from '../availability.ts';
import { formatTime } from '../bogota-clock.ts';
import { newBookingCode } from '../booking-code.ts';
import { loadSchedule, type Centre } from '../centres.queries.ts';
import type { BookingStatus } from '../service-points.schema.ts';
import type { ServicePointsSettings } from '../service-points.settings.ts';
import { claimSeat, ensureSlot } from './seats.ts';

/** The person already holds an active turn for this service that day (found by the unique index under a race). */
export class AlreadyBookedError extends Error {
  constructor() {
    super('one active turn per person, service and day');
    this.name = 'AlreadyBookedError';
  }
}

export const ALREADY_BOOKED: FieldErrors = { document_number: { key: 'service-points.booking.errors.already_booked' } };

/** The person was already attended for this service that day: there is no active turn to look up or move. */
export const ALREADY_ATTENDED: FieldErrors = { document_number: { key: 'service-points.booking.errors.already_attended' } };

/**
 * The message for the turn that already holds the person's place that day, by what the check read.
 * Only the pre-check knows the other turn's status; a unique violation under a race says nothing
 * about it, so callers catching AlreadyBookedError keep the generic ALREADY_BOOKED.
 */
export function conflictErrors(status: BookingStatus): FieldErrors {
  return status === 'attended' ? ALREADY_ATTENDED : ALREADY_BOOKED;
}

export interface BookTurnInput {
  centre: Centre;
  offering: BookableOffering;
  day: string;
  minute: number;
  /** Keyed hash of the identity document. */
  personHash: string;
  actor: Actor | null;
  now: Date;
  settings: ServicePointsSettings;
  requestId?: string | null;
}

export type BookTurnResult = { ok: true; id: string; code: string; startsAt: Date } | { ok: false; errors: FieldErrors };

/**
 * Gives a turn, in the caller's transaction. The seat is taken by incrementing the slot's `booked`
 * count only while it is below capacity (and the table's CHECK refuses any increment past it), so
 * concurrent requests for the last seat give it to exactly one. The partial unique index on
 * (person, service, day) holds "one turn per person, service and day" (cancelled and missed ones aside) under
 * races too: the loser raises AlreadyBookedError and its whole transaction, seat included, rolls back.
 */
export async function bookTurn(tx: Tx, input: BookTurnInput): Promise<BookTurnResult> {
  const { centre, offering, day, minute, now, settings } = input;
  const schedule = await loadSchedule(tx, centre, bookingWindow(now, settings).from, settings.booking_window_days);
  const slot = checkSlot(schedule, offering, day, minute, now, settings);
  if (!slot.ok) return { ok: false, errors: { time: { key: `service-points.booking.errors.${slot.problem}` } } };

  const existing = await tx
    .selectFrom('service_points_bookings')
    .select('status')
    .where('person_hash', '=', input.personHash)
    .where('service_id', '=', offering.serviceId)
    .where('day', '=', day)
    // Same rule as the unique index: an attended turn still was that day's turn (a missed one not).
    .where('status', 'in', ['active', 'attended'])
    .executeTakeFirst();
  if (existing) return { ok: false, errors: conflictErrors(existing.status) };

  const key = { centreId: centre.id, serviceId: offering.serviceId, startsAt: slot.startsAt };
  await ensureSlot(tx, key, slot.endsAt, offering.capacity);
  if (!(await claimSeat(tx, key))) return { ok: false, errors: { time: { key: 'service-points.booking.errors.slot_full' } } };

  const code = newBookingCode();
  let id: string;
  try {
    ({ id } = await tx
      .insertInto('service_points_bookings')
      .values({
        code,
        centre_id: centre.id,
        service_id: offering.serviceId,
        starts_at: slot.startsAt.toISOString(),
        day,
        person_hash: input.personHash,
        user_id: input.actor?.userId ?? null,
        updated_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  } catch (error) {
    if (isUniqueViolation(error, 'service_points_bookings_one_per_day')) throw new AlreadyBookedError();
    throw error;
  }

  const summary = { code, centre: centre.slug, service: offering.serviceSlug, day, time: formatTime(minute) };
  await recordAudit(tx, { actor: input.actor, action: 'service-points.book', resourceType: 'service_points_booking', resourceId: id, after: summary, requestId: input.requestId });
  if (input.actor) {
    await notify(tx, {
      userIds: [input.actor.userId],
      key: 'service-points.notifications.booked',
      vars: { centre: centre.name, service: offering.serviceName, day, time: formatTime(minute), code },
      url: `/turnos/${id}`,
      email: true,
    });
  }
  return { ok: true, id, code, startsAt: slot.startsAt };
}
