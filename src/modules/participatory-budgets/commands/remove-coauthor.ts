import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

/** The author removes a co-author (never the author). Audited as `participatory-budgets.remove-coauthor`. */
export async function removeCoauthor(tx: Tx, input: { proposalId: string; userId: string; actor: Actor; requestId?: string | null }): Promise<boolean> {
  const removed = await tx
    .deleteFrom('participatory_budgets_proposal_authors')
    .where('proposal_id', '=', input.proposalId)
    .where('user_id', '=', input.userId)
    .where('role', '=', 'coauthor')
    .returning('user_id')
    .executeTakeFirst();
  if (!removed) return false;
  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.remove-coauthor',
    resourceType: 'participatory_budgets_proposal',
    resourceId: input.proposalId,
    before: { coauthorId: input.userId },
    requestId: input.requestId ?? null,
  });
  return true;
}
