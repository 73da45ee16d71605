import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { formatTime } from '../bogota-clock.ts';
import type { ExceptionInput } from '../centre-forms.ts';
import type { Centre } from '../centres.queries.ts';
import { cancelOrphanedTurns } from './cancel-orphaned-turns.ts';

/**
 * Records a dated closure or special hours (replacing any earlier one for that date). Turns of that
 * day outside the new hours are cancelled and their owners told the reason. Audited.
 */
export async function saveException(tx: Tx, input: { centre: Centre; exception: ExceptionInput; actor: Actor; now: Date; requestId?: string | null }): Promise<{ cancelledTurns: number }> {
  const { centre, exception } = input;
  const before = await tx.selectFrom('service_points_exceptions').select(['closed', 'opens', 'closes', 'reason']).where('centre_id', '=', centre.id).where('day', '=', exception.day).executeTakeFirst();
  const row = {
    closed: exception.closed,
    opens: exception.opens === null ? null : formatTime(exception.opens),
    closes: exception.closes === null ? null : formatTime(exception.closes),
    reason: exception.reason,
    created_by: input.actor.userId,
  };
  await tx
    .insertInto('service_points_exceptions')
    .values({ centre_id: centre.id, day: exception.day, ...row })
    .onConflict((oc) => oc.columns(['centre_id', 'day']).doUpdateSet(row))
    .execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-points.save-exception',
    resourceType: 'service_points_centre',
    resourceId: centre.id,
    before: before ? { day: exception.day, ...before } : undefined,
    after: { day: exception.day, ...row },
    requestId: input.requestId,
  });
  const cancelledTurns = await cancelOrphanedTurns(tx, { centre, now: input.now, cause: 'closure', note: exception.reason, actor: input.actor, requestId: input.requestId });
  return { cancelledTurns };
}

/** Removes a dated exception: the day goes back to its weekly hours (or its holiday closure). */
export async function removeException(tx: Tx, input: { centre: Centre; day: string; actor: Actor; requestId?: string | null }): Promise<boolean> {
  const removed = await tx
    .deleteFrom('service_points_exceptions')
    .where('centre_id', '=', input.centre.id)
    .where('day', '=', input.day)
    .returning(['day', 'closed', 'opens', 'closes', 'reason'])
    .executeTakeFirst();
  if (!removed) return false;
  await recordAudit(tx, { actor: input.actor, action: 'service-points.remove-exception', resourceType: 'service_points_centre', resourceId: input.centre.id, before: removed, requestId: input.requestId });
  return true;
}
