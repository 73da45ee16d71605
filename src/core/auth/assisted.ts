import type { Db } from '../db/database.ts';
import type { Actor } from '../permissions/permissions.ts';
import { loadActor } from './load-actor.ts';

/**
 * The citizen a desk clerk may act for right now: only during an assisted session that this clerk
 * opened for this citizen, not ended and not expired. Participation modules call it when a clerk
 * submits on a present citizen's behalf (a ballot, a response); the returned actor carries
 * `assistedBy`, so every permission check and audit entry sees both people. Returns null otherwise.
 */
export async function actForAssistedCitizen(db: Db, clerk: Actor, citizenId: string, now = new Date()): Promise<Actor | null> {
  const session = await db
    .selectFrom('core_assisted_sessions')
    .select('id')
    .where('clerk_id', '=', clerk.userId)
    .where('citizen_id', '=', citizenId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now.toISOString() as never)
    .executeTakeFirst();
  if (!session) return null;
  const citizen = await loadActor(db, citizenId, now);
  if (!citizen) return null;
  return { ...citizen, displayName: `${citizen.displayName} (acompañado por ${clerk.displayName})`, assistedBy: { clerkId: clerk.userId, sessionId: session.id } };
}
