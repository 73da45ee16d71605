import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { bogotaDay } from '../../../core/i18n/i18n.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { notifyRequester, type MailContext } from '../notify-requester.ts';
import { checkExtension, type ExtensionError } from '../terms.ts';
import { lockRequest, type CommandResult } from './load-request.ts';

/**
 * Extends the term once (Ley 1755 art. 14 parágrafo; Ley 1581 arts. 14–15): before the due date,
 * with the reason and the new date told to the citizen, never beyond the legal maximum.
 */
export async function extendRequest(
  tx: Tx,
  mail: MailContext,
  input: { id: string; newDue: string; reason: string; actor: Actor | null; requestId?: string | null; now?: Date },
): Promise<CommandResult<'not_found' | ExtensionError>> {
  const now = input.now ?? new Date();
  const today = bogotaDay(now);
  const request = await lockRequest(tx, input.id);
  if (!request) return { ok: false, error: 'not_found' };
  const error = checkExtension(request, today, input.newDue);
  if (error) return { ok: false, error };
  await tx
    .updateTable('service_requests_requests')
    .set({ due_on: input.newDue, extended_at: now.toISOString(), extension_reason: input.reason, updated_at: now.toISOString() })
    .where('id', '=', request.id)
    .execute();
  await tx
    .insertInto('service_requests_events')
    .values({ request_id: request.id, kind: 'extended', occurred_at: now.toISOString(), occurred_on: today, actor_id: input.actor?.userId ?? null, due_before: request.due_on, due_after: input.newDue, reason: input.reason })
    .execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-requests.extend',
    resourceType: 'service-request',
    resourceId: request.id,
    before: { dueOn: request.due_on },
    after: { dueOn: input.newDue, reason: input.reason },
    requestId: input.requestId ?? null,
  });
  await notifyRequester(tx, mail, request, 'service-requests.notifications.extended', { due: input.newDue });
  return { ok: true };
}
