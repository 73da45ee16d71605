import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { countEdition, type ScopeCount } from '../results-count.ts';

export type PublishResult =
  | { ok: true; counts: ScopeCount[]; publishedAt: Date }
  | { ok: false; error: 'not_found' | 'voting_not_closed' | 'already_published' };

/**
 * Counts every envelope of the edition under its counting rule and publishes the results
 * (authorisation is the caller's `manage-editions`). Only once voting has closed, and only once:
 * the edition row is locked first, so two admins pressing the button at the same moment publish
 * one result. Everything (results, proposal statuses, execution rows, the publication date and the
 * audit entry) commits together or not at all. The audit entry holds counts, never ballots.
 * Throws CountFailedError (results-count.ts) when the rule cannot count an envelope.
 */
export async function publishResults(tx: Tx, input: { actor: Actor | null; editionId: string; now?: Date; requestId?: string }): Promise<PublishResult> {
  const now = input.now ?? new Date();
  const edition = await tx
    .selectFrom('participatory_budgets_editions')
    .select(['id', 'slug', 'counting_rule', 'add1_step', 'voting_close_at', 'results_published_at'])
    .where('id', '=', input.editionId)
    .forUpdate()
    .executeTakeFirst();
  if (!edition) return { ok: false, error: 'not_found' };
  if (edition.results_published_at) return { ok: false, error: 'already_published' };
  if (now.getTime() < edition.voting_close_at.getTime()) return { ok: false, error: 'voting_not_closed' };
  // A CountFailedError is thrown, not returned, so the transaction rolls back what was stored.
  const counts = await countEdition(tx, edition, { createExecution: true });
  await tx.updateTable('participatory_budgets_editions').set({ results_published_at: now.toISOString(), results_failure: null }).where('id', '=', edition.id).execute();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.publish-results',
    resourceType: 'participatory-budgets-edition',
    resourceId: edition.id,
    before: { results_published_at: null },
    after: { slug: edition.slug, counting_rule: edition.counting_rule, results_published_at: now.toISOString(), scopes: counts },
    requestId: input.requestId,
  });
  return { ok: true, counts, publishedAt: now };
}
