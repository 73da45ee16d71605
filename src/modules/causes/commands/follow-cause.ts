import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

/**
 * Follows or unfollows a cause (one row per person). Returns whether anything changed: following
 * twice is `already_done` for the caller. Audited as `causes.follow` / `causes.unfollow`.
 */
export async function setFollow(tx: Tx, input: { causeId: string; actor: Actor; follow: boolean; requestId?: string | null }): Promise<{ changed: boolean }> {
  const changed = input.follow
    ? await tx
        .insertInto('causes_follows')
        .values({ cause_id: input.causeId, user_id: input.actor.userId })
        .onConflict((oc) => oc.columns(['cause_id', 'user_id']).doNothing())
        .returning('user_id')
        .executeTakeFirst()
    : await tx.deleteFrom('causes_follows').where('cause_id', '=', input.causeId).where('user_id', '=', input.actor.userId).returning('user_id').executeTakeFirst();
  if (changed) {
    await recordAudit(tx, { actor: input.actor, action: input.follow ? 'causes.follow' : 'causes.unfollow', resourceType: 'causes_cause', resourceId: input.causeId, requestId: input.requestId ?? null });
  }
  return { changed: Boolean(changed) };
}
