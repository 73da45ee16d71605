import type { Tx } from '../../../core/db/database.ts';
import type { ProposalRow } from '../proposals.queries.ts';

/**
 * The proposal row, locked until the transaction ends: a command re-reads its status under the
 * lock, so two concurrent requests (an edit and a valuation, two merges) cannot both act on a
 * state only one of them saw.
 */
export async function lockProposal(tx: Tx, proposalId: string): Promise<ProposalRow | undefined> {
  return tx.selectFrom('participatory_budgets_proposals').selectAll().where('id', '=', proposalId).forUpdate().executeTakeFirst();
}

/** Authors and co-authors of a proposal (what the `edit-proposal` rule checks). */
export async function authorIdsOf(tx: Tx, proposalId: string, role?: 'author' | 'coauthor'): Promise<string[]> {
  let query = tx.selectFrom('participatory_budgets_proposal_authors').select('user_id').where('proposal_id', '=', proposalId);
  if (role) query = query.where('role', '=', role);
  return (await query.execute()).map((r) => r.user_id);
}
