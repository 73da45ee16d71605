import type { Executor } from '../../core/db/database.ts';

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);

/** The appointments (turnos) a person booked with their account at the service centres. */
export async function servicePointsPersonalData(db: Executor, userId: string): Promise<Record<string, unknown>> {
  const bookings = await db
    .selectFrom('service_points_bookings as b')
    .innerJoin('service_points_centres as c', 'c.id', 'b.centre_id')
    .innerJoin('service_points_services as s', 's.id', 'b.service_id')
    .select(['b.code', 'c.name as centre', 's.name as service', 'b.starts_at', 'b.status', 'b.created_at', 'b.cancelled_at', 'b.cancel_cause', 'b.marked_at'])
    .where('b.user_id', '=', userId)
    .orderBy('b.starts_at')
    .execute();
  return {
    appointments: bookings.map((b) => ({
      code: b.code,
      centre: b.centre,
      service: b.service,
      startsAt: iso(b.starts_at),
      status: b.status,
      bookedAt: iso(b.created_at),
      cancelledAt: iso(b.cancelled_at),
      cancelledBy: b.cancel_cause,
      // When the desk recorded the turn as attended or missed (status says which).
      markedAt: iso(b.marked_at),
    })),
  };
}
