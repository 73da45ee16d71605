import type { Tx } from '../db/database.ts';
import { enqueueJob } from '../jobs/jobs.ts';

/** Which job each event type triggers; modules subscribe through `subscribe` at registry build time. */
const subscriptions = new Map<string, Set<string>>();

/** Makes `jobName` run (through the job queue) every time an event of `type` is emitted. */
export function subscribe(type: string, jobName: string): void {
  const jobs = subscriptions.get(type) ?? new Set<string>();
  jobs.add(jobName);
  subscriptions.set(type, jobs);
}

/**
 * Records a domain event (`<module>.<past-tense>`, e.g. `causes.threshold-reached`) in the caller's
 * transaction and queues its subscribers, so they run if and only if the change commits.
 */
export async function emitEvent(tx: Tx, type: string, payload: Record<string, unknown>): Promise<void> {
  const row = await tx.insertInto('core_events').values({ type, payload: JSON.stringify(payload) }).returning('id').executeTakeFirstOrThrow();
  for (const jobName of subscriptions.get(type) ?? []) {
    await enqueueJob(tx, jobName, { eventId: String(row.id), type, ...payload });
  }
}
