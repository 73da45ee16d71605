import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

export async function addDocument(tx: Tx, actor: Actor, consultationId: string, input: { title: string; fileId: string }, requestId?: string): Promise<string> {
  const row = await tx.insertInto('consultations_documents').values({ consultation_id: consultationId, file_id: input.fileId, title: input.title }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(tx, { actor, action: 'consultations.add-document', resourceType: 'consultations.consultation', resourceId: consultationId, after: { document: row.id, ...input }, requestId });
  return row.id;
}

/** Removes the document from the consultation; the stored file stays (the audit log refers to it). */
export async function removeDocument(tx: Tx, actor: Actor, consultationId: string, documentId: string, requestId?: string): Promise<boolean> {
  const removed = await tx.deleteFrom('consultations_documents').where('id', '=', documentId).where('consultation_id', '=', consultationId).returning(['id', 'title', 'file_id']).executeTakeFirst();
  if (removed) await recordAudit(tx, { actor, action: 'consultations.remove-document', resourceType: 'consultations.consultation', resourceId: consultationId, before: removed, requestId });
  return Boolean(removed);
}
