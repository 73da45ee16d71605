import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { reindexProposal } from './index-proposal.ts';
import { lockProposal } from './lock-proposal.ts';
import { missingForSubmission } from './proposal-fields.ts';

export type SubmitProposalResult =
  | { ok: true }
  | { ok: false; reason: 'not_found' | 'not_draft' }
  | { ok: false; reason: 'incomplete'; missing: { step: 1 | 2 | 3; field: string }[] };

/**
 * Step 4 of "Registra tu propuesta": a complete draft becomes a submitted proposal, public, in the
 * localidad's list and the search index, and in the valuation queue. Audited as
 * `participatory-budgets.submit-proposal`.
 */
export async function submitProposal(tx: Tx, input: { proposalId: string; actor: Actor; requestId?: string | null }): Promise<SubmitProposalResult> {
  const proposal = await lockProposal(tx, input.proposalId);
  if (!proposal) return { ok: false, reason: 'not_found' };
  if (proposal.status !== 'draft') return { ok: false, reason: 'not_draft' };
  const subEnvelopes = await tx.selectFrom('participatory_budgets_sub_envelopes').select('id').where('envelope_id', '=', proposal.envelope_id).execute();
  const missing = missingForSubmission(proposal, subEnvelopes.length > 0);
  if (missing.length > 0) return { ok: false, reason: 'incomplete', missing };
  const now = new Date().toISOString();
  await tx.updateTable('participatory_budgets_proposals').set({ status: 'submitted', submitted_at: now, updated_at: now }).where('id', '=', input.proposalId).execute();
  await reindexProposal(tx, input.proposalId);
  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.submit-proposal',
    resourceType: 'participatory_budgets_proposal',
    resourceId: input.proposalId,
    before: { status: 'draft' },
    after: { status: 'submitted', number: proposal.number, estimatedCost: proposal.estimated_cost },
    requestId: input.requestId ?? null,
  });
  return { ok: true };
}
