import type { Executor } from '../../core/db/database.ts';
import type { BookingStatus, CancelCause } from './service-points.schema.ts';

export interface Booking {
  id: string;
  code: string;
  status: BookingStatus;
  startsAt: Date;
  day: string;
  userId: string | null;
  centreId: string;
  centreSlug: string;
  centreName: string;
  centreAddress: string | null;
  serviceId: string;
  serviceSlug: string;
  serviceName: string;
  cancelledAt: Date | null;
  cancelCause: CancelCause | null;
  cancelNote: string | null;
  /** When the desk marked it attended or missed. */
  markedAt: Date | null;
}

export const bookingPath = (id: string) => `/turnos/${id}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function baseQuery(db: Executor) {
  return db
    .selectFrom('service_points_bookings as b')
    .innerJoin('service_points_centres as c', 'c.id', 'b.centre_id')
    .innerJoin('service_points_services as s', 's.id', 'b.service_id')
    .select([
      'b.id',
      'b.code',
      'b.status',
      'b.starts_at',
      'b.day',
      'b.user_id',
      'b.cancelled_at',
      'b.cancel_cause',
      'b.cancel_note',
      'b.marked_at',
      'c.id as centre_id',
      'c.slug as centre_slug',
      'c.name as centre_name',
      'c.address as centre_address',
      's.id as service_id',
      's.slug as service_slug',
      's.name as service_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;
const toBooking = (r: Row): Booking => ({
  id: r.id,
  code: r.code,
  status: r.status,
  startsAt: new Date(r.starts_at),
  day: r.day,
  userId: r.user_id,
  centreId: r.centre_id,
  centreSlug: r.centre_slug,
  centreName: r.centre_name,
  centreAddress: r.centre_address,
  serviceId: r.service_id,
  serviceSlug: r.service_slug,
  serviceName: r.service_name,
  cancelledAt: r.cancelled_at,
  cancelCause: r.cancel_cause,
  cancelNote: r.cancel_note,
  markedAt: r.marked_at,
});

export async function findBookingById(db: Executor, id: string): Promise<Booking | null> {
  if (!UUID.test(id)) return null;
  const row = await baseQuery(db).where('b.id', '=', id).executeTakeFirst();
  return row ? toBooking(row) : null;
}

export async function findBookingByCode(db: Executor, code: string): Promise<Booking | null> {
  const row = await baseQuery(db).where('b.code', '=', code).executeTakeFirst();
  return row ? toBooking(row) : null;
}

/** A centre's turns of one Bogotá day, for the desk (codes and services only: no personal data). */
export async function bookingsOfDay(db: Executor, centreId: string, day: string): Promise<Booking[]> {
  const rows = await baseQuery(db).where('b.centre_id', '=', centreId).where('b.day', '=', day).orderBy('b.starts_at').orderBy('s.name').execute();
  return rows.map(toBooking);
}

/** The signed-in person's upcoming active turns. */
export async function upcomingBookingsOf(db: Executor, userId: string, now: Date): Promise<Booking[]> {
  const rows = await baseQuery(db).where('b.user_id', '=', userId).where('b.status', '=', 'active').where('b.starts_at', '>=', now).orderBy('b.starts_at').limit(20).execute();
  return rows.map(toBooking);
}
