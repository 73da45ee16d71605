import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { enqueueJob } from '../../../core/jobs/jobs.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { loadQuestionnaire } from '../consultations.queries.ts';
import { questionnaireProblems } from '../questionnaire.ts';

import { notify } from '../../../core/notifications/notify.ts';
import { CLOSE_JOB, participantAccounts } from './close-consultation.ts';

export type PublishResult = { ok: true } | { ok: false; problems: ReturnType<typeof questionnaireProblems> } | { ok: false; reason: 'not_found' };

/**
 * Publishes a draft: it appears in the list (upcoming, or open if its opening time has passed).
 * The questionnaire must be complete, and the closing time still ahead. A job at closing seals a
 * secret consultation's responses (see SECRECY.md) and tells participants the results are out.
 */
export async function publishConsultation(tx: Tx, actor: Actor, consultationId: string, now = new Date(), requestId?: string): Promise<PublishResult> {
  const consultation = await tx.selectFrom('consultations_consultations').select(['id', 'closes_at', 'published_at', 'secret']).where('id', '=', consultationId).forUpdate().executeTakeFirst();
  // The draft was deleted since the page was loaded.
  if (!consultation) return { ok: false, reason: 'not_found' };
  if (consultation.published_at) return { ok: true };
  const problems = questionnaireProblems(await loadQuestionnaire(tx, consultationId));
  if (consultation.closes_at <= now) problems.push({ questionId: null, key: 'consultations.builder.problems.closed' });
  if (problems.length) return { ok: false, problems };
  await tx.updateTable('consultations_consultations').set({ published_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', consultationId).execute();
  await enqueueJob(tx, CLOSE_JOB, { consultationId }, { runAt: consultation.closes_at });
  await recordAudit(tx, { actor, action: 'consultations.publish', resourceType: 'consultations.consultation', resourceId: consultationId, requestId });
  return { ok: true };
}

/**
 * Shows a public consultation's results before closing (secret ones publish only at closing), and
 * tells those who took part so far that the partial results are out (the closing job tells them
 * again when the results are final).
 */
export async function publishResultsEarly(tx: Tx, actor: Actor, consultationId: string, now = new Date(), requestId?: string): Promise<boolean> {
  const row = await tx
    .updateTable('consultations_consultations')
    .set({ results_published_at: now.toISOString() })
    .where('id', '=', consultationId)
    .where('secret', '=', false)
    .where('results_published_at', 'is', null)
    .returning(['id', 'title'])
    .executeTakeFirst();
  if (!row) return false;
  await recordAudit(tx, { actor, action: 'consultations.publish-results', resourceType: 'consultations.consultation', resourceId: consultationId, requestId });
  await notify(tx, { userIds: await participantAccounts(tx, consultationId), key: 'consultations.notifications.results_early', vars: { title: row.title }, url: `/consultas/${consultationId}#resultados`, email: true });
  return true;
}
