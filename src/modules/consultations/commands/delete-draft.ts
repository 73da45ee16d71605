import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

export type DeleteDraftResult = { ok: true; title: string } | { ok: false; reason: 'phase_closed' | 'not_found' };

/**
 * Deletes a consultation that was never published, with everything hanging from it: localidades,
 * questions, options, conditions and documents go by the migration's ON DELETE CASCADE (a draft
 * has no participants nor responses). Stored files stay, as when one document is removed: the
 * audit log refers to them. Only drafts: once published, people may have seen it, answered it or
 * linked to it, so it is kept.
 */
export async function deleteDraftConsultation(tx: Tx, actor: Actor, consultationId: string, requestId?: string): Promise<DeleteDraftResult> {
  // Locked so a publication running at the same time either finishes first (and we refuse) or
  // waits and finds nothing to publish.
  const row = await tx.selectFrom('consultations_consultations').select(['id', 'title', 'entity_code', 'published_at']).where('id', '=', consultationId).forUpdate().executeTakeFirst();
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.published_at) return { ok: false, reason: 'phase_closed' };
  const questions = await tx.selectFrom('consultations_questions').select('id').where('consultation_id', '=', consultationId).execute();
  const documents = await tx.selectFrom('consultations_documents').select(['id', 'title', 'file_id']).where('consultation_id', '=', consultationId).execute();
  await tx.deleteFrom('consultations_consultations').where('id', '=', consultationId).execute();
  await recordAudit(tx, {
    actor,
    action: 'consultations.delete-draft',
    resourceType: 'consultations.consultation',
    resourceId: consultationId,
    before: { title: row.title, entityCode: row.entity_code, questions: questions.length, documents },
    requestId,
  });
  return { ok: true, title: row.title };
}
