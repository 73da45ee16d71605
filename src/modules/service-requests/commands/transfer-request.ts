import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { bogotaDay } from '../../../core/i18n/i18n.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { notifyRequester, type MailContext } from '../notify-requester.ts';
import { checkTransfer, type TransferError } from '../terms.ts';
import { lockRequest, type CommandResult } from './load-request.ts';

/**
 * Transfers the request to the competent entity (Ley 1755 art. 21): only within 5 business days
 * of filing, with the reason, notifying the citizen. The new entity's officials find it unassigned
 * in their queue; the due date does not move (the citizen's term is not lengthened by the transfer).
 */
export async function transferRequest(
  tx: Tx,
  mail: MailContext,
  input: { id: string; toEntity: string; reason: string; actor: Actor | null; requestId?: string | null; now?: Date },
): Promise<CommandResult<'not_found' | 'unknown_entity' | TransferError>> {
  const now = input.now ?? new Date();
  const today = bogotaDay(now);
  const request = await lockRequest(tx, input.id);
  if (!request) return { ok: false, error: 'not_found' };
  const target = await tx.selectFrom('core_entities').select(['code', 'name']).where('code', '=', input.toEntity).executeTakeFirst();
  if (!target) return { ok: false, error: 'unknown_entity' };
  const error = checkTransfer(request, today, input.toEntity);
  if (error) return { ok: false, error };
  await tx
    .updateTable('service_requests_requests')
    .set({ entity_code: target.code, assigned_to: null, state: 'filed', transfers: request.transfers + 1, updated_at: now.toISOString() })
    .where('id', '=', request.id)
    .execute();
  await tx
    .insertInto('service_requests_events')
    .values({ request_id: request.id, kind: 'transferred', occurred_at: now.toISOString(), occurred_on: today, actor_id: input.actor?.userId ?? null, from_entity: request.entity_code, to_entity: target.code, reason: input.reason })
    .execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-requests.transfer',
    resourceType: 'service-request',
    resourceId: request.id,
    before: { entity: request.entity_code },
    after: { entity: target.code, reason: input.reason },
    requestId: input.requestId ?? null,
  });
  await notifyRequester(tx, mail, request, 'service-requests.notifications.transferred', { entity: target.name });
  return { ok: true };
}
