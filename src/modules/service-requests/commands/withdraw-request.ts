import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { bogotaDay } from '../../../core/i18n/i18n.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { notifyRequester, type MailContext } from '../notify-requester.ts';
import { checkWithdrawal } from '../terms.ts';
import { lockRequest, type CommandResult } from './load-request.ts';

/**
 * Closes as withdrawn (desistimiento tácito, Ley 1755 art. 17) a request the citizen did not
 * complete within the month, by a reasoned decision that is notified.
 */
export async function withdrawRequest(
  tx: Tx,
  mail: MailContext,
  input: { id: string; reason: string; actor: Actor | null; requestId?: string | null; now?: Date },
): Promise<CommandResult<'not_found' | 'not_awaiting' | 'too_early'>> {
  const now = input.now ?? new Date();
  const today = bogotaDay(now);
  const request = await lockRequest(tx, input.id);
  if (!request) return { ok: false, error: 'not_found' };
  const error = checkWithdrawal(request, today);
  if (error) return { ok: false, error };
  await tx.updateTable('service_requests_requests').set({ state: 'withdrawn', closed_reason: input.reason, updated_at: now.toISOString() }).where('id', '=', request.id).execute();
  await tx
    .insertInto('service_requests_events')
    .values({ request_id: request.id, kind: 'withdrawn', occurred_at: now.toISOString(), occurred_on: today, actor_id: input.actor?.userId ?? null, reason: input.reason })
    .execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-requests.withdraw',
    resourceType: 'service-request',
    resourceId: request.id,
    before: { state: request.state },
    after: { state: 'withdrawn', reason: input.reason },
    requestId: input.requestId ?? null,
  });
  await notifyRequester(tx, mail, request, 'service-requests.notifications.withdrawn');
  return { ok: true };
}
