import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { bogotaDay } from '../../../core/i18n/i18n.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { notifyRequester, type MailContext } from '../notify-requester.ts';
import { checkCompletionRequest, oneMonthAfter, type CompletionRequestError } from '../terms.ts';
import { lockRequest, type CommandResult } from './load-request.ts';

/**
 * Asks the citizen to complete the request (Ley 1755 art. 17): within 10 business days of filing,
 * saying what is missing. The term stops; the citizen has one month to complete, and the term
 * starts again the day after they do.
 */
export async function requestCompletion(
  tx: Tx,
  mail: MailContext,
  input: { id: string; reason: string; actor: Actor | null; requestId?: string | null; now?: Date },
): Promise<CommandResult<'not_found' | CompletionRequestError>> {
  const now = input.now ?? new Date();
  const today = bogotaDay(now);
  const request = await lockRequest(tx, input.id);
  if (!request) return { ok: false, error: 'not_found' };
  const error = checkCompletionRequest(request, today);
  if (error) return { ok: false, error };
  const deadline = oneMonthAfter(today);
  await tx
    .updateTable('service_requests_requests')
    .set({ state: 'awaiting_completion', completion_requested_on: today, completion_deadline_on: deadline, updated_at: now.toISOString() })
    .where('id', '=', request.id)
    .execute();
  await tx
    .insertInto('service_requests_events')
    .values({ request_id: request.id, kind: 'completion_requested', occurred_at: now.toISOString(), occurred_on: today, actor_id: input.actor?.userId ?? null, due_before: request.due_on, due_after: deadline, reason: input.reason })
    .execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-requests.request-completion',
    resourceType: 'service-request',
    resourceId: request.id,
    before: { state: request.state, dueOn: request.due_on },
    after: { state: 'awaiting_completion', deadline, reason: input.reason },
    requestId: input.requestId ?? null,
  });
  await notifyRequester(tx, mail, request, 'service-requests.notifications.completion_requested', { deadline });
  return { ok: true };
}
