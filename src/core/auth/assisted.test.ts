import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { actForAssistedCitizen } from './assisted.ts';
import { loadActor } from './load-actor.ts';

describe.each(testEngines())('acting for an assisted citizen (%s)', (engine) => {
  let handle: DatabaseHandle;
  let clerkId: string;
  let otherClerkId: string;
  let citizenId: string;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    const ids = await handle.db
      .insertInto('core_users')
      .values([
        { email: 'clerk@example.org', display_name: 'Clara' },
        { email: 'clerk2@example.org', display_name: 'Carlos' },
        { email: 'citizen@example.org', display_name: 'Ciro' },
      ])
      .returning('id')
      .execute();
    [clerkId, otherClerkId, citizenId] = ids.map((r) => r.id) as [string, string, string];
  });
  afterAll(async () => handle?.close());

  it('is possible only within an open session that this clerk started for this citizen', async () => {
    const clerk = (await loadActor(handle.db, clerkId))!;
    const otherClerk = (await loadActor(handle.db, otherClerkId))!;
    expect(await actForAssistedCitizen(handle.db, clerk, citizenId)).toBeNull();
    const now = new Date();
    const session = await handle.db
      .insertInto('core_assisted_sessions')
      .values({ clerk_id: clerkId, citizen_id: citizenId, reason: 'Persona mayor sin teléfono', expires_at: new Date(now.getTime() + 3600_000).toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const acting = await actForAssistedCitizen(handle.db, clerk, citizenId);
    expect(acting).toMatchObject({ userId: citizenId, assistedBy: { clerkId, sessionId: session.id } });
    expect(await actForAssistedCitizen(handle.db, otherClerk, citizenId)).toBeNull();
    await handle.db.updateTable('core_assisted_sessions').set({ ended_at: new Date().toISOString() }).where('id', '=', session.id).execute();
    expect(await actForAssistedCitizen(handle.db, clerk, citizenId)).toBeNull();
  });

  it('refuses sessions longer than two hours at the database', async () => {
    await expect(
      handle.db
        .insertInto('core_assisted_sessions')
        .values({ clerk_id: clerkId, citizen_id: citizenId, reason: 'Demasiado largo', expires_at: new Date(Date.now() + 3 * 3600_000).toISOString() })
        .execute(),
    ).rejects.toThrow(/check/i);
  });
});
