import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { formatTime } from '../bogota-clock.ts';
import type { HoursInput } from '../centre-forms.ts';
import type { Centre } from '../centres.queries.ts';
import { cancelOrphanedTurns } from './cancel-orphaned-turns.ts';

/**
 * Replaces a centre's weekly hours. Turns already given that the new hours leave outside are
 * cancelled (see cancelOrphanedTurns). Audited with the hours before and after.
 */
export async function saveHours(tx: Tx, input: { centre: Centre; hours: HoursInput; actor: Actor; now: Date; requestId?: string | null }): Promise<{ cancelledTurns: number }> {
  const { centre } = input;
  const before = await tx.selectFrom('service_points_hours').select(['weekday', 'opens', 'closes']).where('centre_id', '=', centre.id).orderBy('weekday').execute();
  await tx.deleteFrom('service_points_hours').where('centre_id', '=', centre.id).execute();
  const rows = [...input.hours.days.entries()].map(([weekday, h]) => ({ centre_id: centre.id, weekday, opens: formatTime(h.opens), closes: formatTime(h.closes) }));
  if (rows.length) await tx.insertInto('service_points_hours').values(rows).execute();
  await tx.updateTable('service_points_centres').set({ updated_at: input.now.toISOString() }).where('id', '=', centre.id).execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-points.update-hours',
    resourceType: 'service_points_centre',
    resourceId: centre.id,
    before,
    after: rows.map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
    requestId: input.requestId,
  });
  const cancelledTurns = await cancelOrphanedTurns(tx, { centre, now: input.now, cause: 'schedule_change', note: null, actor: input.actor, requestId: input.requestId });
  return { cancelledTurns };
}
