import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

/** An internal note of the officials: never shown to the citizen. The audit keeps its length, not its text. */
export async function addNote(tx: Tx, input: { id: string; body: string; actor: Actor; requestId?: string | null }): Promise<void> {
  const note = await tx.insertInto('service_requests_notes').values({ request_id: input.id, author_id: input.actor.userId, body: input.body }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'service-requests.note',
    resourceType: 'service-request',
    resourceId: input.id,
    after: { noteId: note.id, length: input.body.length },
    requestId: input.requestId ?? null,
  });
}
