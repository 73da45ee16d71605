import { sql } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import { type DatabaseHandle, withTransaction } from '../db/database.ts';
import { enqueueJob, type JobHandler, PermanentJobError, retryDelaySeconds, runDueJobs, startJobWorker } from './jobs.ts';

describe('retryDelaySeconds', () => {
  it('backs off quadratically and caps at one hour', () => {
    expect([1, 2, 3, 10, 19, 20, 50].map(retryDelaySeconds)).toEqual([10, 40, 90, 1000, 3600, 3600, 3600]);
  });
});

describe.each(testEngines())('job queue (%s)', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.close());

  const jobById = (id: string) => database.db.selectFrom('core_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** Makes a queued job due now, as if its back-off had elapsed. */
  const forceDue = (id: string) => sql`UPDATE core_jobs SET run_at = now() - interval '1 second' WHERE id = ${id}`.execute(database.db);

  // Each test starts with no due job left by another one.
  beforeEach(async () => {
    await database.db.updateTable('core_jobs').set({ status: 'done' }).where('status', 'in', ['queued', 'running']).execute();
  });

  it('enqueues nothing when the transaction rolls back', async () => {
    await expect(
      withTransaction(database.db, async (tx) => {
        await enqueueJob(tx, 'test.rolled-back', { n: 1 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await database.db.selectFrom('core_jobs').select('id').where('name', '=', 'test.rolled-back').execute()).toEqual([]);
    const handler = vi.fn<JobHandler>(async () => undefined);
    expect(await runDueJobs(database.db, { 'test.rolled-back': handler })).toBe(0);
    expect(handler).not.toHaveBeenCalled();
  });

  it('runs a committed job once with its payload and marks it done', async () => {
    const id = await withTransaction(database.db, (tx) => enqueueJob(tx, 'test.once', { greeting: '¡Hola, Bogotá!', n: 7 }));
    expect((await jobById(id)).status).toBe('queued');
    const handler = vi.fn<JobHandler>(async () => undefined);
    expect(await runDueJobs(database.db, { 'test.once': handler })).toBe(1);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledWith({ greeting: '¡Hola, Bogotá!', n: 7 });
    const job = await jobById(id);
    expect(job).toMatchObject({ status: 'done', attempts: 1, locked_until: null, last_error: null });
    expect(job.finished_at).toBeInstanceOf(Date);
    expect(await runDueJobs(database.db, { 'test.once': handler })).toBe(0);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('waits until a job scheduled for later is due', async () => {
    const id = await enqueueJob(database.db, 'test.later', {}, { runAt: new Date(Date.now() + 3600_000) });
    const handler = vi.fn<JobHandler>(async () => undefined);
    expect(await runDueJobs(database.db, { 'test.later': handler })).toBe(0);
    await forceDue(id);
    expect(await runDueJobs(database.db, { 'test.later': handler })).toBe(1);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('retries a failing job with back-off, then marks it failed with the last error', async () => {
    const id = await enqueueJob(database.db, 'test.flaky', { to: 'x' }, { maxAttempts: 3 });
    let calls = 0;
    const handlers = {
      'test.flaky': async () => {
        calls++;
        throw new Error(`SMTP caído (intento ${calls})`);
      },
    };

    const before = Date.now();
    expect(await runDueJobs(database.db, handlers)).toBe(1);
    let job = await jobById(id);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, last_error: 'SMTP caído (intento 1)', locked_until: null, finished_at: null });
    expect(job.run_at.getTime()).toBeGreaterThanOrEqual(before + 9_000);
    expect(job.run_at.getTime()).toBeLessThan(Date.now() + 11_000);
    expect(await runDueJobs(database.db, handlers)).toBe(0);

    await forceDue(id);
    expect(await runDueJobs(database.db, handlers)).toBe(1);
    job = await jobById(id);
    expect(job).toMatchObject({ status: 'queued', attempts: 2, last_error: 'SMTP caído (intento 2)' });
    expect(job.run_at.getTime()).toBeGreaterThan(Date.now() + 30_000);

    await forceDue(id);
    expect(await runDueJobs(database.db, handlers)).toBe(1);
    job = await jobById(id);
    expect(job).toMatchObject({ status: 'failed', attempts: 3, last_error: 'SMTP caído (intento 3)', locked_until: null });
    expect(job.finished_at).toBeInstanceOf(Date);

    await forceDue(id);
    expect(await runDueJobs(database.db, handlers)).toBe(0);
    expect(calls).toBe(3);
  });

  it('fails a job at once, without retrying, when its handler throws a PermanentJobError', async () => {
    const id = await enqueueJob(database.db, 'test.bad-input', { file: 'roto.xlsx' }, { maxAttempts: 5 });
    const transient = await enqueueJob(database.db, 'test.transient', {}, { maxAttempts: 5 });
    let calls = 0;
    const handlers = {
      'test.bad-input': async () => {
        calls++;
        throw new PermanentJobError('El archivo no se puede leer / the file cannot be read', { cause: new Error('FILE_ENDED') });
      },
      'test.transient': async () => {
        throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
      },
    };
    expect(await runDueJobs(database.db, handlers)).toBe(2);
    const job = await jobById(id);
    expect(job).toMatchObject({ status: 'failed', attempts: 1, last_error: 'El archivo no se puede leer / the file cannot be read', locked_until: null });
    expect(job.finished_at).toBeInstanceOf(Date);
    // Any other error is still retried.
    expect(await jobById(transient)).toMatchObject({ status: 'queued', attempts: 1, finished_at: null });
    await forceDue(id);
    expect(await runDueJobs(database.db, { 'test.bad-input': handlers['test.bad-input'] })).toBe(0);
    expect(calls).toBe(1);
  });

  it('fails a job nobody handles cleanly, without stopping the other jobs', async () => {
    const orphan = await enqueueJob(database.db, 'test.nobody-handles-this', { x: 1 }, { maxAttempts: 1 });
    const retried = await enqueueJob(database.db, 'test.nobody-handles-this', { x: 2 });
    const ok = await enqueueJob(database.db, 'test.after-orphans', {});
    const handler = vi.fn<JobHandler>(async () => undefined);
    expect(await runDueJobs(database.db, { 'test.after-orphans': handler })).toBe(3);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(await jobById(orphan)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'No handler for job "test.nobody-handles-this"' });
    expect(await jobById(retried)).toMatchObject({ status: 'queued', attempts: 1, last_error: 'No handler for job "test.nobody-handles-this"' });
    expect(await jobById(ok)).toMatchObject({ status: 'done' });
  });

  it('keeps only the first 2000 characters of a long error', async () => {
    const id = await enqueueJob(database.db, 'test.verbose-failure', {}, { maxAttempts: 1 });
    await runDueJobs(database.db, {
      'test.verbose-failure': async () => {
        throw new Error('x'.repeat(5000));
      },
    });
    expect((await jobById(id)).last_error).toBe('x'.repeat(2000));
  });

  it('takes back a job whose worker died once its lease has expired', async () => {
    const id = await enqueueJob(database.db, 'test.abandoned', {});
    await sql`UPDATE core_jobs SET status = 'running', attempts = 1, locked_until = now() + interval '5 minutes' WHERE id = ${id}`.execute(database.db);
    const handler = vi.fn<JobHandler>(async () => undefined);
    expect(await runDueJobs(database.db, { 'test.abandoned': handler })).toBe(0);
    await sql`UPDATE core_jobs SET locked_until = now() - interval '1 second' WHERE id = ${id}`.execute(database.db);
    expect(await runDueJobs(database.db, { 'test.abandoned': handler })).toBe(1);
    expect(await jobById(id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('stops after the given limit and leaves the rest for the next run', async () => {
    const ids = await Promise.all([1, 2, 3].map((n) => enqueueJob(database.db, 'test.limited', { n })));
    const handler = vi.fn<JobHandler>(async () => undefined);
    expect(await runDueJobs(database.db, { 'test.limited': handler }, 2)).toBe(2);
    expect(await runDueJobs(database.db, { 'test.limited': handler }, 2)).toBe(1);
    expect(handler).toHaveBeenCalledTimes(3);
    for (const id of ids) expect((await jobById(id)).status).toBe('done');
  });

  it('has two workers draining 50 jobs concurrently run each job exactly once', async () => {
    const ids = new Set<string>();
    for (let n = 0; n < 50; n++) ids.add(await enqueueJob(database.db, 'test.shared', { n }));
    const runs = new Map<number, number>();
    const handler: JobHandler = async (payload: { n: number }) => {
      runs.set(payload.n, (runs.get(payload.n) ?? 0) + 1);
      await sleep(2);
    };
    const [a, b] = await Promise.all([runDueJobs(database.db, { 'test.shared': handler }), runDueJobs(database.db, { 'test.shared': handler })]);
    expect(a + b).toBe(50);
    expect([...runs.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    const rows = await database.db.selectFrom('core_jobs').select(['id', 'status', 'attempts']).where('name', '=', 'test.shared').execute();
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => ids.has(String(r.id)) && r.status === 'done' && r.attempts === 1)).toBe(true);
    if (engine === 'postgres') {
      // With SKIP LOCKED on separate connections both workers get a share.
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
    }
  });

  it('runs queued jobs in the background worker until stopped', async () => {
    const id = await enqueueJob(database.db, 'test.background', {});
    let ran!: () => void;
    let failed!: (error: unknown) => void;
    const done = new Promise<void>((resolve, reject) => ((ran = resolve), (failed = reject)));
    const worker = startJobWorker(database.db, { 'test.background': async () => ran() }, (error) => failed(error), 10);
    await done;
    await worker.stop();
    await vi.waitFor(async () => expect((await jobById(id)).status).toBe('done'));
  });
});
