import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

/**
 * Approves or hides one free-text answer. Only its text and question are audited: the response id
 * means nothing outside this table, and the text is what was judged.
 */
export async function moderateAnswer(
  tx: Tx,
  actor: Actor,
  input: { consultationId: string; responseId: string; questionId: string; decision: 'approved' | 'hidden' },
  requestId?: string,
): Promise<boolean> {
  const row = await tx
    .updateTable('consultations_answers')
    .set({ moderation: input.decision })
    .where('response_id', '=', input.responseId)
    .where('question_id', '=', input.questionId)
    .where('position', '=', 0)
    .where('value_text', 'is not', null)
    .where('response_id', 'in', (eb) => eb.selectFrom('consultations_responses').select('id').where('consultation_id', '=', input.consultationId))
    .returning('value_text')
    .executeTakeFirst();
  if (row) {
    await recordAudit(tx, {
      actor,
      action: 'consultations.moderate',
      resourceType: 'consultations.consultation',
      resourceId: input.consultationId,
      after: { question: input.questionId, decision: input.decision, text: row.value_text },
      requestId,
    });
  }
  return Boolean(row);
}
