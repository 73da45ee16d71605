import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { bogotaClock } from '../bogota-clock.ts';
import type { Centre } from '../centres.queries.ts';
import type { TurnOutcome } from '../service-points.schema.ts';

/**
 * Why the desk cannot mark a turn: it is not a turn of this centre, it is for a later day (nobody
 * can have come yet), it was cancelled, or it was already marked.
 */
export type MarkTurnProblem = 'not_found' | 'future_day' | 'cancelled' | 'already_marked';

export interface MarkTurnInput {
  centre: Pick<Centre, 'id'>;
  bookingId: string;
  outcome: TurnOutcome;
  actor: Actor;
  now: Date;
  requestId?: string | null;
}

/**
 * Records at the desk that the holder of an active turn of today or an earlier day was attended or
 * did not come. The row is locked first, so two officials clicking at once (or a person cancelling
 * as the official marks) take turns and the second one is told why. The seat is kept: the turn
 * was used (or wasted), and the slot's count stays what it was. Audited with the official.
 */
export async function markTurn(tx: Tx, input: MarkTurnInput): Promise<{ ok: true } | { ok: false; problem: MarkTurnProblem }> {
  const { now } = input;
  const row = await tx
    .selectFrom('service_points_bookings')
    .select(['code', 'status', 'day'])
    .where('id', '=', input.bookingId)
    // The centre is part of the lookup: an official of one centre cannot reach another's turns by id.
    .where('centre_id', '=', input.centre.id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return { ok: false, problem: 'not_found' };
  if (row.status === 'cancelled') return { ok: false, problem: 'cancelled' };
  if (row.status !== 'active') return { ok: false, problem: 'already_marked' };
  // Days are 'YYYY-MM-DD', so text order is calendar order. A turn later today may be marked: people come early.
  if (row.day > bogotaClock(now).day) return { ok: false, problem: 'future_day' };
  await tx
    .updateTable('service_points_bookings')
    .set({ status: input.outcome, marked_at: now.toISOString(), marked_by: input.actor.userId, updated_at: now.toISOString() })
    .where('id', '=', input.bookingId)
    .execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-points.mark-turn',
    resourceType: 'service_points_booking',
    resourceId: input.bookingId,
    before: { code: row.code, day: row.day, status: row.status },
    after: { status: input.outcome },
    requestId: input.requestId,
  });
  return { ok: true };
}
