import type { Db, Tx } from '../../../core/db/database.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { loadActor } from '../../../core/auth/load-actor.ts';
import { withTransaction } from '../../../core/db/database.ts';
import { enqueueJob } from '../../../core/jobs/jobs.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { CountFailedError } from '../results-count.ts';
import { publishResults } from './publish-results.ts';

export const PUBLISH_RESULTS_JOB = 'participatory-budgets.publish-results';

export type RequestPublicationResult =
  | { ok: true }
  | { ok: false; error: 'not_found' | 'voting_not_closed' | 'already_published' | 'already_requested' };

/**
 * Asks for the results of an edition (authorisation is the caller's `manage-editions`): counting
 * every localidad can take minutes under Equal Shares with Add1, far longer than a request may
 * last, so the count runs as a job (`publishResultsJob`) and the results pages say "calculating"
 * meanwhile. The edition row is locked, so a second press while the job waits or runs queues
 * nothing more; the job itself publishes at most once (publishResults checks under the same lock).
 * The request is audited (`participatory-budgets.request-results`), the publication again by the job.
 */
export async function requestPublication(tx: Tx, input: { actor: Actor; editionId: string; now?: Date; requestId?: string }): Promise<RequestPublicationResult> {
  const now = input.now ?? new Date();
  const edition = await tx
    .selectFrom('participatory_budgets_editions')
    .select(['id', 'voting_close_at', 'results_published_at', 'results_requested_at'])
    .where('id', '=', input.editionId)
    .forUpdate()
    .executeTakeFirst();
  if (!edition) return { ok: false, error: 'not_found' };
  if (edition.results_published_at) return { ok: false, error: 'already_published' };
  if (now.getTime() < edition.voting_close_at.getTime()) return { ok: false, error: 'voting_not_closed' };
  if (edition.results_requested_at) return { ok: false, error: 'already_requested' };
  await tx
    .updateTable('participatory_budgets_editions')
    .set({ results_requested_at: now.toISOString(), results_requested_by: input.actor.userId, results_failure: null })
    .where('id', '=', edition.id)
    .execute();
  await enqueueJob(tx, PUBLISH_RESULTS_JOB, { editionId: edition.id, requestedBy: input.actor.userId, requestId: input.requestId ?? null }, { maxAttempts: 3 });
  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.request-results',
    resourceType: 'participatory-budgets-edition',
    resourceId: edition.id,
    before: { results_requested_at: null },
    after: { results_requested_at: now.toISOString() },
    requestId: input.requestId ?? null,
  });
  return { ok: true };
}

/**
 * The job: counts and publishes in one transaction, audited under the administrator who asked.
 * When a rule cannot count an envelope, nothing is published: the reason is kept on the edition
 * for the administrators' page and the request is cleared so they can change the rule and retry.
 * Other errors (the database going away) are left to the job queue's retries.
 */
export async function publishResultsJob(db: Db, payload: { editionId: string; requestedBy: string | null; requestId: string | null }): Promise<void> {
  const actor = payload.requestedBy ? await loadActor(db, payload.requestedBy) : null;
  try {
    await withTransaction(db, (tx) => publishResults(tx, { actor, editionId: payload.editionId, requestId: payload.requestId ?? undefined }));
  } catch (error) {
    if (!(error instanceof CountFailedError)) throw error;
    await db
      .updateTable('participatory_budgets_editions')
      .set({ results_requested_at: null, results_failure: JSON.stringify({ envelope: error.envelopeName, es: error.es, en: error.en }) })
      .where('id', '=', payload.editionId)
      .execute();
  }
}
