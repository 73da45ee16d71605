import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { reindexProposal } from './index-proposal.ts';
import { lockProposal } from './lock-proposal.ts';

/**
 * The author withdraws a draft or a submitted proposal (before valuation): it leaves the list,
 * the search index and the valuation queue, but its page and number stay, so links keep working.
 * Audited as `participatory-budgets.withdraw-proposal`.
 */
export async function withdrawProposal(tx: Tx, input: { proposalId: string; actor: Actor; requestId?: string | null }): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'not_withdrawable' }> {
  const proposal = await lockProposal(tx, input.proposalId);
  if (!proposal) return { ok: false, reason: 'not_found' };
  if (proposal.status !== 'draft' && proposal.status !== 'submitted') return { ok: false, reason: 'not_withdrawable' };
  await tx.updateTable('participatory_budgets_proposals').set({ status: 'withdrawn', updated_at: new Date().toISOString() }).where('id', '=', input.proposalId).execute();
  await reindexProposal(tx, input.proposalId);
  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.withdraw-proposal',
    resourceType: 'participatory_budgets_proposal',
    resourceId: input.proposalId,
    before: { status: proposal.status },
    after: { status: 'withdrawn' },
    requestId: input.requestId ?? null,
  });
  return { ok: true };
}
