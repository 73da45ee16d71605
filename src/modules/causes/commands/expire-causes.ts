import { recordAudit } from '../../../core/audit/audit-log.ts';
import { withTransaction, type Db, type Executor } from '../../../core/db/database.ts';
import { enqueueJob } from '../../../core/jobs/jobs.ts';
import { changeState, lockCause } from './transition.ts';

export const EXPIRE_JOB = 'causes.expire';
/** How often the job runs. Pages already show expiry on read; the job makes it durable and tells followers. */
export const EXPIRE_EVERY_MS = 3600_000;

/**
 * Persists the expiry of every published cause past its deadline (below the threshold: one that
 * reached it left "published" then). One transaction per cause, each re-checked under its row
 * lock, so a support arriving at the last second and this job never both win. Followers are told.
 * Returns the ids expired.
 */
export async function expireDueCauses(db: Db, now: Date = new Date()): Promise<string[]> {
  const due = await db
    .selectFrom('causes_causes')
    .select('id')
    .where('state', '=', 'published')
    .where('deadline_at', '<=', now.toISOString() as never)
    .orderBy('deadline_at')
    .limit(1000)
    .execute();
  const expired: string[] = [];
  for (const { id } of due) {
    const done = await withTransaction(db, async (tx) => {
      const cause = await lockCause(tx, id);
      if (!cause || cause.state !== 'published' || !cause.deadline_at || cause.deadline_at > now) return false;
      await changeState(tx, cause, 'expired', { actor: null, at: cause.deadline_at, set: { closed_at: cause.deadline_at.toISOString() }, notifyKey: 'causes.notifications.expired' });
      await recordAudit(tx, { actor: null, action: 'causes.expire', resourceType: 'causes_cause', resourceId: id, after: { supports: cause.supports_count, threshold: cause.threshold } });
      return true;
    });
    if (done) expired.push(id);
  }
  return expired;
}

/** Queues the next run unless one is already waiting (several processes may finish a run). */
export async function scheduleExpiry(db: Executor, runAt: Date): Promise<void> {
  const waiting = await db.selectFrom('core_jobs').select('id').where('name', '=', EXPIRE_JOB).where('status', '=', 'queued').executeTakeFirst();
  if (!waiting) await enqueueJob(db, EXPIRE_JOB, {}, { runAt, maxAttempts: 3 });
}

/** The job: expire what is due, then schedule the next run. */
export async function expireJob(db: Db): Promise<void> {
  await expireDueCauses(db);
  await scheduleExpiry(db, new Date(Date.now() + EXPIRE_EVERY_MS));
}
