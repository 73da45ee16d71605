import type { Updateable } from 'kysely';
import type { Tx } from '../../../core/db/database.ts';
import type { Database } from '../../../core/db/schema.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { canTransition, type CauseState } from '../states.ts';
import { notifyFollowers, recordEvent } from './cause-events.ts';

/** The columns commands need, read under the row lock. */
export interface LockedCause {
  id: string;
  title: string;
  author_id: string;
  state: CauseState;
  threshold: number;
  supports_count: number;
  support_days: number;
  answer_term_business_days: number;
  target_entity_code: string | null;
  published_at: Date | null;
  deadline_at: Date | null;
  answer_due_on: string | null;
  closed_at: Date | null;
  hidden_reason: string | null;
}

/**
 * Reads a cause and locks its row until the transaction ends (FOR UPDATE): supports, answers and
 * state changes of one cause take turns, so counts and transitions never interleave.
 */
export function lockCause(tx: Tx, causeId: string): Promise<LockedCause | undefined> {
  return tx
    .selectFrom('causes_causes')
    .select(['id', 'title', 'author_id', 'state', 'threshold', 'supports_count', 'support_days', 'answer_term_business_days', 'target_entity_code', 'published_at', 'deadline_at', 'answer_due_on', 'closed_at', 'hidden_reason'])
    .where('id', '=', causeId)
    .forUpdate()
    .executeTakeFirst();
}

export class InvalidTransitionError extends Error {
  constructor(from: CauseState, to: CauseState) {
    super(`cause cannot go from ${from} to ${to}`);
    this.name = 'InvalidTransitionError';
  }
}

/**
 * Moves a locked cause to `to`: updates the row (plus `set`), adds the timeline entry and, when
 * `notifyKey` is given, tells the followers (and `alsoNotify`). Callers decide whether the move is
 * allowed for the person; this refuses only moves the state machine does not have.
 */
export async function changeState(
  tx: Tx,
  cause: LockedCause,
  to: CauseState,
  input: {
    actor: Actor | null;
    set?: Updateable<Database['causes_causes']>;
    body?: string;
    at?: Date;
    notifyKey?: string;
    vars?: Record<string, string | number>;
    alsoNotify?: readonly string[];
  },
): Promise<void> {
  if (!canTransition(cause.state, to)) throw new InvalidTransitionError(cause.state, to);
  const at = input.at ?? new Date();
  await tx
    .updateTable('causes_causes')
    .set({ ...input.set, state: to, updated_at: new Date().toISOString() })
    .where('id', '=', cause.id)
    .execute();
  await recordEvent(tx, { causeId: cause.id, kind: 'state', actorId: input.actor?.userId ?? null, fromState: cause.state, toState: to, body: input.body, at });
  if (input.notifyKey) {
    await notifyFollowers(tx, { causeId: cause.id, key: input.notifyKey, vars: { title: cause.title, ...input.vars }, exceptUserId: input.actor?.userId ?? null, alsoUserIds: input.alsoNotify });
  }
  cause.state = to;
}
