import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FileStore } from '../../../core/files/file-store.ts';
import { bogotaDay } from '../../../core/i18n/i18n.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { linkAttachments, storeFiles, type CheckedFile } from '../attachments.ts';
import { notifyRequester, type MailContext } from '../notify-requester.ts';
import { dueDate } from '../terms.ts';
import { lockRequest, type CommandResult } from './load-request.ts';

/**
 * The citizen completes the request (text and files). The term starts again: it counts from the
 * day after completion (Ley 1755 art. 17), so the due date is recomputed from today.
 */
export async function completeRequest(
  tx: Tx,
  services: { files: FileStore; mail: MailContext },
  input: { id: string; text: string; files: CheckedFile[]; actor: Actor | null; requestId?: string | null; now?: Date },
): Promise<CommandResult<'not_found' | 'not_awaiting'> & { dueOn?: string }> {
  const now = input.now ?? new Date();
  const today = bogotaDay(now);
  const request = await lockRequest(tx, input.id);
  if (!request) return { ok: false, error: 'not_found' };
  // Completion after the month is still accepted while no official closed the request as withdrawn.
  if (request.state !== 'awaiting_completion') return { ok: false, error: 'not_awaiting' };
  const fileIds = (await storeFiles(tx, services.files, input.files, input.actor?.userId ?? null)).map((f) => f.id);
  await linkAttachments(tx, request.id, 'completion', fileIds);
  const due = dueDate(today, request.term_days);
  await tx
    .updateTable('service_requests_requests')
    .set({ state: request.assigned_to ? 'in_progress' : 'filed', term_start_on: today, original_due_on: due, due_on: due, completed_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', request.id)
    .execute();
  await tx
    .insertInto('service_requests_events')
    .values({ request_id: request.id, kind: 'completed', occurred_at: now.toISOString(), occurred_on: today, actor_id: input.actor?.userId ?? null, due_before: request.due_on, due_after: due, reason: input.text })
    .execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-requests.complete',
    resourceType: 'service-request',
    resourceId: request.id,
    before: { state: request.state, dueOn: request.due_on },
    after: { dueOn: due, files: fileIds.length },
    requestId: input.requestId ?? null,
  });
  await notifyRequester(tx, services.mail, request, 'service-requests.notifications.completed', { due });
  return { ok: true, dueOn: due };
}
