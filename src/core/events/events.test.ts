import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import { withTransaction, type DatabaseHandle } from '../db/database.ts';
import { runDueJobs } from '../jobs/jobs.ts';
import { emitEvent, subscribe } from './events.ts';

describe.each(testEngines())('domain events (%s)', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    subscribe('testing.thing-happened', 'testing.react');
  });
  afterAll(async () => handle?.close());

  it('records the event and runs each subscriber through the job queue after commit', async () => {
    await withTransaction(handle.db, (tx) => emitEvent(tx, 'testing.thing-happened', { thingId: 7 }));
    const seen: unknown[] = [];
    await runDueJobs(handle.db, { 'testing.react': async (payload) => void seen.push(payload) });
    expect(seen).toEqual([expect.objectContaining({ type: 'testing.thing-happened', thingId: 7 })]);
    const events = await handle.db.selectFrom('core_events').select(['type', 'payload']).where('type', '=', 'testing.thing-happened').execute();
    expect(events).toEqual([{ type: 'testing.thing-happened', payload: { thingId: 7 } }]);
  });

  it('leaves neither event nor job behind when the transaction rolls back', async () => {
    await expect(
      withTransaction(handle.db, async (tx) => {
        await emitEvent(tx, 'testing.thing-happened', { thingId: 8 });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const jobs = await handle.db.selectFrom('core_jobs').select('id').where('name', '=', 'testing.react').where('status', '=', 'queued').execute();
    expect(jobs).toHaveLength(0);
    const events = await handle.db.selectFrom('core_events').select('id').where('type', '=', 'testing.thing-happened').execute();
    expect(events).toHaveLength(1);
  });

  it('refuses event names that do not follow <module>.<verb>', async () => {
    await expect(withTransaction(handle.db, (tx) => emitEvent(tx, 'NoModule', {}))).rejects.toThrow();
  });
});
