import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { FieldErrors } from '../../../core/http/errors.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { ProposalStatus } from '../participatory-budgets.schema.ts';
import { reindexProposal } from './index-proposal.ts';
import { lockProposal } from './lock-proposal.ts';
import { notifyProposalFollowers } from './notify-followers.ts';
import { parsePesos } from './proposal-fields.ts';

const E = (key: string, vars?: Record<string, string | number>) => ({ key: `participatory-budgets.proposals.errors.${key}`, ...(vars ? { vars } : {}) });

/** Proposals a valuator may decide on (again, while valuation is open). */
export const ASSESSABLE_STATUSES: readonly ProposalStatus[] = ['submitted', 'viable', 'not_viable'];

export interface AssessmentForm {
  decision: string;
  reason: string;
  assessed_cost: string;
}

export type AssessProposalResult = { ok: true; status: 'viable' | 'not_viable' } | { ok: false; errors: FieldErrors } | { ok: false; reason: 'not_found' | 'not_assessable' };

/**
 * A valuator of the localidad's alcaldía decides whether a proposal is viable. Not viable needs
 * a public reason; an adjusted cost (whole pesos, within the envelope or its sub-envelope) replaces
 * the estimate on the ballot and in the count. Only viable proposals reach the ballot. Audited as
 * `participatory-budgets.assess-proposal`.
 */
export async function assessProposal(
  tx: Tx,
  input: { proposalId: string; form: AssessmentForm; actor: Actor; formatAmount: (amount: string) => string; requestId?: string | null },
): Promise<AssessProposalResult> {
  const errors: FieldErrors = {};
  const decision = input.form.decision.trim();
  if (decision !== 'viable' && decision !== 'not_viable') errors.decision = E('choose_decision');
  const reason = input.form.reason.replace(/\r\n?/g, '\n').trim();
  if (decision === 'not_viable' && !reason) errors.reason = E('reason_required');
  else if (reason.length > 5000) errors.reason = E('too_long', { max: 5000 });
  const proposal = await lockProposal(tx, input.proposalId);
  if (!proposal) return { ok: false, reason: 'not_found' };
  if (!ASSESSABLE_STATUSES.includes(proposal.status)) return { ok: false, reason: 'not_assessable' };
  let assessedCost: string | null = null;
  const rawCost = input.form.assessed_cost.trim();
  if (rawCost) {
    const limit = proposal.sub_envelope_id
      ? (await tx.selectFrom('participatory_budgets_sub_envelopes').select('amount').where('id', '=', proposal.sub_envelope_id).executeTakeFirstOrThrow()).amount
      : (await tx.selectFrom('participatory_budgets_envelopes').select('amount').where('id', '=', proposal.envelope_id).executeTakeFirstOrThrow()).amount;
    const cost = parsePesos(rawCost);
    if (cost === null) errors.assessed_cost = E('cost_format');
    else if (cost < 1n) errors.assessed_cost = E('cost_minimum');
    else if (cost > BigInt(limit.split('.')[0]!)) errors.assessed_cost = E(proposal.sub_envelope_id ? 'cost_above_sub_envelope' : 'cost_above_envelope', { amount: input.formatAmount(limit) });
    else assessedCost = cost.toString();
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const status = decision as 'viable' | 'not_viable';
  const now = new Date().toISOString();
  await tx
    .updateTable('participatory_budgets_proposals')
    .set({ status, valuation_reason: reason, assessed_cost: assessedCost, valuated_by: input.actor.userId, valuated_at: now, updated_at: now })
    .where('id', '=', input.proposalId)
    .execute();
  await reindexProposal(tx, input.proposalId);
  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.assess-proposal',
    resourceType: 'participatory_budgets_proposal',
    resourceId: input.proposalId,
    before: { status: proposal.status, assessedCost: proposal.assessed_cost, reason: proposal.valuation_reason },
    after: { status, assessedCost, reason },
    requestId: input.requestId ?? null,
  });
  // Followers hear the valuation when it decides (or reverses) viability, not for a cost adjustment.
  if (status !== proposal.status) await notifyProposalFollowers(tx, { proposalIds: [input.proposalId], news: status, exceptUserId: input.actor.userId });
  return { ok: true, status };
}
