import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.ts';

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
}

/** Queues a job in the caller's transaction: it runs only if that transaction commits. */
export async function enqueueJob(executor: Executor, name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
  const row = await executor
    .insertInto('core_jobs')
    .values({
      name,
      payload: JSON.stringify(payload ?? {}),
      status: 'queued',
      run_at: (options.runAt ?? new Date()).toISOString(),
      max_attempts: options.maxAttempts ?? 5,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

export type JobHandler = (payload: any) => Promise<void>;

/**
 * Thrown by a handler when running the job again cannot succeed: its input itself is at fault (a
 * corrupt upload, say), so the runner marks the job failed at once instead of retrying it. Anything
 * else a handler throws may be transient (database or network down) and is retried with back-off.
 * Handlers record what the person needs to know where they will see it; the message goes to
 * `core_jobs.last_error` for operators.
 */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

/** Seconds to wait before attempt n+1: 10 s, 40 s, 90 s, … capped at one hour. */
export const retryDelaySeconds = (attempts: number) => Math.min(3600, 10 * attempts * attempts);

/** Lease length: a job whose worker died becomes claimable again after this. */
const LEASE_SECONDS = 300;

/**
 * Claims one due job. `FOR UPDATE SKIP LOCKED` lets several app processes share the queue
 * without taking the same job twice.
 */
async function claimJob(db: Db) {
  const result = await sql<{ id: string; name: string; payload: unknown; attempts: number; max_attempts: number }>`
    UPDATE core_jobs SET status = 'running', attempts = attempts + 1,
      locked_until = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE id = (
      SELECT id FROM core_jobs
      WHERE (status = 'queued' AND run_at <= now()) OR (status = 'running' AND locked_until < now())
      ORDER BY run_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, name, payload, attempts, max_attempts`.execute(db);
  return result.rows[0] ?? null;
}

/**
 * Runs due jobs until none is left (or `limit` is reached); returns how many ran. A failing job is
 * retried with back-off, then marked failed with its last error; one that throws a
 * `PermanentJobError` is marked failed at once.
 */
export async function runDueJobs(db: Db, handlers: Record<string, JobHandler>, limit = 100): Promise<number> {
  let ran = 0;
  while (ran < limit) {
    const job = await claimJob(db);
    if (!job) break;
    ran++;
    const handler = handlers[job.name];
    try {
      if (!handler) throw new Error(`No handler for job "${job.name}"`);
      await handler(job.payload);
      await db.updateTable('core_jobs').set({ status: 'done', finished_at: new Date().toISOString(), locked_until: null }).where('id', '=', job.id).execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const exhausted = error instanceof PermanentJobError || job.attempts >= job.max_attempts;
      await db
        .updateTable('core_jobs')
        .set({
          status: exhausted ? 'failed' : 'queued',
          last_error: message.slice(0, 2000),
          locked_until: null,
          run_at: new Date(Date.now() + retryDelaySeconds(job.attempts) * 1000).toISOString(),
          finished_at: exhausted ? new Date().toISOString() : null,
        })
        .where('id', '=', job.id)
        .execute();
    }
  }
  return ran;
}

/** Polls the queue every `intervalMs` until stopped. */
export function startJobWorker(db: Db, handlers: Record<string, JobHandler>, onError: (error: unknown) => void, intervalMs = 1000) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    running = runDueJobs(db, handlers).catch(onError);
    await running;
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  let timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
