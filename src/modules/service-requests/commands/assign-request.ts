import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { bogotaDay } from '../../../core/i18n/i18n.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { isOpen } from '../terms.ts';
import { lockRequest, type CommandResult } from './load-request.ts';

/**
 * Assigns the request to an official of its entity (or clears the assignment). Internal: the
 * timeline entry is not shown to the citizen and nobody outside is notified.
 */
export async function assignRequest(
  tx: Tx,
  input: { id: string; assigneeId: string | null; actor: Actor; requestId?: string | null; now?: Date },
): Promise<CommandResult<'not_found' | 'closed' | 'not_official'>> {
  const now = input.now ?? new Date();
  const request = await lockRequest(tx, input.id);
  if (!request) return { ok: false, error: 'not_found' };
  if (!isOpen(request.state) && request.state !== 'awaiting_completion') return { ok: false, error: 'closed' };
  if (input.assigneeId) {
    const role = await tx
      .selectFrom('core_user_roles as r')
      .innerJoin('core_users as u', 'u.id', 'r.user_id')
      .select('r.user_id')
      .where('r.user_id', '=', input.assigneeId)
      .where('r.role', '=', 'entity_official')
      .where((eb) => eb.or([eb('r.entity_code', '=', request.entity_code), eb('r.entity_code', '=', '')]))
      .where('u.disabled_at', 'is', null)
      .where('u.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!role) return { ok: false, error: 'not_official' };
  }
  await tx
    .updateTable('service_requests_requests')
    .set({ assigned_to: input.assigneeId, state: request.state === 'filed' && input.assigneeId ? 'in_progress' : request.state, updated_at: now.toISOString() })
    .where('id', '=', request.id)
    .execute();
  await tx
    .insertInto('service_requests_events')
    .values({ request_id: request.id, kind: 'assigned', occurred_at: now.toISOString(), occurred_on: bogotaDay(now), actor_id: input.actor.userId, public: false })
    .execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-requests.assign',
    resourceType: 'service-request',
    resourceId: request.id,
    before: { assignedTo: request.assigned_to },
    after: { assignedTo: input.assigneeId },
    requestId: input.requestId ?? null,
  });
  return { ok: true };
}
