import type { Tx } from '../../../core/db/database.ts';
import { notify } from '../../../core/notifications/notify.ts';
import type { EventKind } from '../causes.schema.ts';
import type { CauseState } from '../states.ts';

/** Adds one entry to the public timeline of a cause. */
export async function recordEvent(
  tx: Tx,
  input: { causeId: string; kind: EventKind; actorId: string | null; fromState?: CauseState | null; toState?: CauseState | null; body?: string; at?: Date },
): Promise<void> {
  await tx
    .insertInto('causes_events')
    .values({
      cause_id: input.causeId,
      kind: input.kind,
      from_state: input.fromState ?? null,
      to_state: input.toState ?? null,
      body: input.body ?? '',
      actor_id: input.actorId,
      occurred_at: (input.at ?? new Date()).toISOString(),
    })
    .execute();
}

/**
 * Tells the followers of a cause (in the app and by e-mail), except the person who caused the
 * change. Runs in the caller's transaction: nobody hears of a change that did not commit.
 */
export async function notifyFollowers(
  tx: Tx,
  input: { causeId: string; key: string; vars: Record<string, string | number>; exceptUserId?: string | null; alsoUserIds?: readonly string[] },
): Promise<void> {
  const followers = await tx.selectFrom('causes_follows').select('user_id').where('cause_id', '=', input.causeId).execute();
  const userIds = [...followers.map((f) => f.user_id), ...(input.alsoUserIds ?? [])].filter((id) => id !== input.exceptUserId);
  await notify(tx, { userIds, key: input.key, vars: input.vars, url: `/causas/${input.causeId}`, email: true });
}

/** Officials who answer for an entity (role entity_official of that entity), to tell them an answer is owed. */
export async function entityOfficials(tx: Tx, entityCode: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('core_user_roles as r')
    .innerJoin('core_users as u', 'u.id', 'r.user_id')
    .select('r.user_id')
    .where('r.role', '=', 'entity_official')
    .where('r.entity_code', '=', entityCode)
    .where('u.disabled_at', 'is', null)
    .where('u.deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.user_id);
}
