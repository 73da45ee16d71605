import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { formatTime } from '../bogota-clock.ts';
import type { VisitInput } from '../centre-forms.ts';
import type { Centre } from '../centres.queries.ts';
import { cancelOrphanedTurns } from './cancel-orphaned-turns.ts';

/** Schedules (or replaces) the SuperCADE Móvil's visit of one day. Audited. */
export async function saveVisit(tx: Tx, input: { centre: Centre; visit: VisitInput; actor: Actor; now: Date; requestId?: string | null }): Promise<{ cancelledTurns: number }> {
  const { centre, visit } = input;
  const row = { opens: formatTime(visit.opens), closes: formatTime(visit.closes), place: visit.place, localidad_code: visit.localidadCode, created_by: input.actor.userId };
  const before = await tx.selectFrom('service_points_visits').select(['opens', 'closes', 'place', 'localidad_code']).where('centre_id', '=', centre.id).where('day', '=', visit.day).executeTakeFirst();
  await tx
    .insertInto('service_points_visits')
    .values({ centre_id: centre.id, day: visit.day, ...row })
    .onConflict((oc) => oc.columns(['centre_id', 'day']).doUpdateSet(row))
    .execute();
  await recordAudit(tx, { actor: input.actor, action: 'service-points.save-visit', resourceType: 'service_points_centre', resourceId: centre.id, before: before ? { day: visit.day, ...before } : undefined, after: { day: visit.day, ...row }, requestId: input.requestId });
  // A shorter visit can leave turns of that day outside its new hours.
  const cancelledTurns = await cancelOrphanedTurns(tx, { centre, now: input.now, cause: 'schedule_change', note: null, actor: input.actor, requestId: input.requestId });
  return { cancelledTurns };
}

/** Cancels a scheduled visit; the turns given for it are cancelled too. Audited. */
export async function removeVisit(tx: Tx, input: { centre: Centre; day: string; actor: Actor; now: Date; requestId?: string | null }): Promise<{ removed: boolean; cancelledTurns: number }> {
  const removed = await tx.deleteFrom('service_points_visits').where('centre_id', '=', input.centre.id).where('day', '=', input.day).returning(['day', 'opens', 'closes', 'place', 'localidad_code']).executeTakeFirst();
  if (!removed) return { removed: false, cancelledTurns: 0 };
  await recordAudit(tx, { actor: input.actor, action: 'service-points.remove-visit', resourceType: 'service_points_centre', resourceId: input.centre.id, before: removed, requestId: input.requestId });
  const cancelledTurns = await cancelOrphanedTurns(tx, { centre: input.centre, now: input.now, cause: 'schedule_change', note: null, actor: input.actor, requestId: input.requestId });
  return { removed: true, cancelledTurns };
}
