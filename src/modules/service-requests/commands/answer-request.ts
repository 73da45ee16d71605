import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FileStore } from '../../../core/files/file-store.ts';
import { bogotaDay } from '../../../core/i18n/i18n.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { answerMailExtras } from '../answer-mail.ts';
import { linkAttachments, storeFiles, type CheckedFile } from '../attachments.ts';
import { notifyRequester, type MailContext } from '../notify-requester.ts';
import type { AnswerOutcome } from '../service-requests.schema.ts';
import { isOpen } from '../terms.ts';
import { lockRequest, type CommandResult } from './load-request.ts';

/**
 * Closes the request with the answer (text and files). On time when answered on or before the
 * due day. The citizen is notified; an anonymous request's answer is published on its follow page.
 */
export async function answerRequest(
  tx: Tx,
  services: { files: FileStore; mail: MailContext },
  input: { id: string; text: string; outcome: AnswerOutcome; files: CheckedFile[]; actor: Actor | null; requestId?: string | null; now?: Date },
): Promise<CommandResult<'not_found' | 'not_open'> & { onTime?: boolean }> {
  const now = input.now ?? new Date();
  const today = bogotaDay(now);
  const request = await lockRequest(tx, input.id);
  if (!request) return { ok: false, error: 'not_found' };
  if (!isOpen(request.state)) return { ok: false, error: 'not_open' };
  const stored = await storeFiles(tx, services.files, input.files, input.actor?.userId ?? null);
  const fileIds = stored.map((f) => f.id);
  await linkAttachments(tx, request.id, 'answer', fileIds);
  await tx
    .updateTable('service_requests_requests')
    .set({ state: 'answered', answered_at: now.toISOString(), answered_on: today, answered_by: input.actor?.userId ?? null, answer_text: input.text, answer_outcome: input.outcome, updated_at: now.toISOString() })
    .where('id', '=', request.id)
    .execute();
  await tx
    .insertInto('service_requests_events')
    .values({ request_id: request.id, kind: 'answered', occurred_at: now.toISOString(), occurred_on: today, actor_id: input.actor?.userId ?? null, due_before: request.due_on })
    .execute();
  const onTime = today <= request.due_on;
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-requests.answer',
    resourceType: 'service-request',
    resourceId: request.id,
    before: { state: request.state },
    after: { state: 'answered', outcome: input.outcome, onTime, files: fileIds.length },
    requestId: input.requestId ?? null,
  });
  // The e-mail carries the answer's files (the follow page keeps them too), unless they are too large.
  await notifyRequester(tx, services.mail, request, 'service-requests.notifications.answered', {}, { mail: answerMailExtras(stored) });
  return { ok: true, onTime };
}
