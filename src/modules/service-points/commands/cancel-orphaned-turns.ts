import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { notify } from '../../../core/notifications/notify.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { bogotaClock, formatTime } from '../bogota-clock.ts';
import { bookingPath } from '../bookings.queries.ts';
import { loadSchedules, type Centre } from '../centres.queries.ts';
import { hoursOn } from '../schedule.ts';
import { releaseSeat } from './seats.ts';

/**
 * After a change of a centre's hours, closures or visits: every active future turn that no longer
 * fits in the opening hours of its day is cancelled (with the cause, and the closure's reason when
 * there is one), its seat given back and its owner notified when they have an account. People who
 * booked without an account are told at the point or when they look up their code; the official
 * sees how many turns were affected. Returns the number of turns cancelled.
 */
export async function cancelOrphanedTurns(
  tx: Tx,
  input: { centre: Pick<Centre, 'id' | 'kind' | 'name'>; now: Date; cause: 'closure' | 'schedule_change'; note: string | null; actor: Actor; requestId?: string | null },
): Promise<number> {
  const { centre, now } = input;
  const turns = await tx
    .selectFrom('service_points_bookings as b')
    .innerJoin('service_points_slots as sl', (join) => join.onRef('sl.centre_id', '=', 'b.centre_id').onRef('sl.service_id', '=', 'b.service_id').onRef('sl.starts_at', '=', 'b.starts_at'))
    .innerJoin('service_points_services as s', 's.id', 'b.service_id')
    .select(['b.id', 'b.code', 'b.day', 'b.starts_at', 'sl.ends_at', 'b.service_id', 'b.user_id', 's.name as service_name'])
    .where('b.centre_id', '=', centre.id)
    .where('b.status', '=', 'active')
    .where('b.starts_at', '>', now)
    .forUpdate('b')
    .execute();
  if (turns.length === 0) return 0;
  const days = turns.map((t) => t.day).sort();
  const schedule = (await loadSchedules(tx, [centre], days[0]!, days[days.length - 1]!)).get(centre.id)!;
  let cancelled = 0;
  for (const turn of turns) {
    const startsAt = new Date(turn.starts_at);
    const start = bogotaClock(startsAt).minute;
    const end = start + Math.round((new Date(turn.ends_at).getTime() - startsAt.getTime()) / 60_000);
    const hours = hoursOn(schedule, turn.day);
    if (hours.open && start >= hours.opens && end <= hours.closes) continue;
    await tx
      .updateTable('service_points_bookings')
      .set({ status: 'cancelled', cancelled_at: now.toISOString(), cancel_cause: input.cause, cancel_note: input.note, updated_at: now.toISOString() })
      .where('id', '=', turn.id)
      .execute();
    await releaseSeat(tx, { centreId: centre.id, serviceId: turn.service_id, startsAt });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'service-points.cancel-by-centre',
      resourceType: 'service_points_booking',
      resourceId: turn.id,
      before: { code: turn.code, day: turn.day, time: formatTime(start) },
      after: { cause: input.cause, note: input.note },
      requestId: input.requestId,
    });
    if (turn.user_id) {
      await notify(tx, {
        userIds: [turn.user_id],
        key: `service-points.notifications.cancelled_${input.cause}`,
        vars: { centre: centre.name, service: turn.service_name, day: turn.day, time: formatTime(start), code: turn.code, reason: input.note ?? '' },
        url: bookingPath(turn.id),
        email: true,
      });
    }
    cancelled++;
  }
  return cancelled;
}
