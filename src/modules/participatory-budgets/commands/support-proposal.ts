import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

/**
 * Supports (or withdraws the support of) a proposal. One support per person and proposal: the
 * primary key decides, so a double click or two tabs never count twice. Audited as
 * `participatory-budgets.support` / `participatory-budgets.unsupport` only when something changed.
 */
export async function setSupport(tx: Tx, input: { proposalId: string; actor: Actor; support: boolean; requestId?: string | null }): Promise<{ changed: boolean }> {
  const changed = input.support
    ? await tx
        .insertInto('participatory_budgets_supports')
        .values({ proposal_id: input.proposalId, user_id: input.actor.userId })
        .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
        .returning('user_id')
        .executeTakeFirst()
    : await tx.deleteFrom('participatory_budgets_supports').where('proposal_id', '=', input.proposalId).where('user_id', '=', input.actor.userId).returning('user_id').executeTakeFirst();
  if (changed) {
    await recordAudit(tx, {
      actor: input.actor,
      action: input.support ? 'participatory-budgets.support' : 'participatory-budgets.unsupport',
      resourceType: 'participatory_budgets_proposal',
      resourceId: input.proposalId,
      requestId: input.requestId ?? null,
    });
  }
  return { changed: Boolean(changed) };
}
