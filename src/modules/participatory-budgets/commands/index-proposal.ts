import type { Executor } from '../../../core/db/database.ts';
import { indexDocument, removeDocument } from '../../../core/search/search.ts';
import { proposalSearchDocument, SEARCHABLE_STATUSES } from '../proposals.queries.ts';

/**
 * Brings a proposal's entry in the shared search index in line with the proposal: public and
 * open ones are indexed with their current text, drafts, merged and withdrawn ones are removed.
 * Runs in the caller's transaction so the index never shows a change that did not happen.
 */
export async function reindexProposal(executor: Executor, proposalId: string): Promise<void> {
  const row = await executor
    .selectFrom('participatory_budgets_proposals as p')
    .innerJoin('participatory_budgets_editions as ed', 'ed.id', 'p.edition_id')
    .innerJoin('participatory_budgets_envelopes as e', 'e.id', 'p.envelope_id')
    .leftJoin('core_localidades as l', 'l.code', 'e.localidad_code')
    .select(['p.id', 'p.number', 'p.title', 'p.description', 'p.activities', 'p.keywords', 'p.location_label', 'p.status', 'ed.slug', 'ed.title as edition_title', 'e.localidad_code', 'l.name as localidad_name', 'e.name'])
    .where('p.id', '=', proposalId)
    .executeTakeFirst();
  if (row && SEARCHABLE_STATUSES.includes(row.status)) {
    await indexDocument(executor, proposalSearchDocument({ slug: row.slug, title: row.edition_title }, row, row));
  } else {
    await removeDocument(executor, 'participatory-budgets', `proposal:${proposalId}`);
  }
}
