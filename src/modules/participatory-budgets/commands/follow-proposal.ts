import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

/** Follows or unfollows a proposal (one row per person). Audited as `participatory-budgets.follow` / `.unfollow`. */
export async function setFollow(tx: Tx, input: { proposalId: string; actor: Actor; follow: boolean; requestId?: string | null }): Promise<{ changed: boolean }> {
  const changed = input.follow
    ? await tx
        .insertInto('participatory_budgets_follows')
        .values({ proposal_id: input.proposalId, user_id: input.actor.userId })
        .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
        .returning('user_id')
        .executeTakeFirst()
    : await tx.deleteFrom('participatory_budgets_follows').where('proposal_id', '=', input.proposalId).where('user_id', '=', input.actor.userId).returning('user_id').executeTakeFirst();
  if (changed) {
    await recordAudit(tx, {
      actor: input.actor,
      action: input.follow ? 'participatory-budgets.follow' : 'participatory-budgets.unfollow',
      resourceType: 'participatory_budgets_proposal',
      resourceId: input.proposalId,
      requestId: input.requestId ?? null,
    });
  }
  return { changed: Boolean(changed) };
}
