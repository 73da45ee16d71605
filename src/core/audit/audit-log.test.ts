import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import { type DatabaseHandle, withTransaction } from '../db/database.ts';
import type { Actor } from '../permissions/permissions.ts';
import { recordAudit } from './audit-log.ts';

describe.each(testEngines())('audit log (%s)', (engine) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.close());

  const entriesFor = (resourceId: string) =>
    database.db.selectFrom('core_audit_log').selectAll().where('resource_id', '=', resourceId).orderBy('id').execute();

  it('records who did what, with the state before and after, inside the transaction', async () => {
    const actor: Actor = { userId: randomUUID(), displayName: 'Ana Funcionaria', roles: [{ role: 'entity_official', entityCode: 'sdp' }] };
    const resourceId = randomUUID();
    await withTransaction(database.db, async (tx) => {
      await recordAudit(tx, {
        actor,
        action: 'reference.update-localidad',
        resourceType: 'localidad',
        resourceId,
        before: { name: 'Fontibon', area_m2: '3328.00' },
        after: { name: 'Fontibón', area_m2: '3328.00', tags: ['ñ', null] },
        requestId: 'req-123',
      });
    });
    const [entry, ...rest] = await entriesFor(resourceId);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      actor_id: actor.userId,
      actor_label: 'Ana Funcionaria',
      action: 'reference.update-localidad',
      resource_type: 'localidad',
      resource_id: resourceId,
      before: { name: 'Fontibon', area_m2: '3328.00' },
      after: { name: 'Fontibón', area_m2: '3328.00', tags: ['ñ', null] },
      request_id: 'req-123',
    });
    expect(entry!.occurred_at).toBeInstanceOf(Date);
    expect(Math.abs(entry!.occurred_at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('labels system changes and leaves absent states empty', async () => {
    const resourceId = randomUUID();
    await withTransaction(database.db, (tx) => recordAudit(tx, { actor: null, action: 'core.seed', resourceType: 'seed', resourceId }));
    const [entry] = await entriesFor(resourceId);
    expect(entry).toMatchObject({ actor_id: null, actor_label: 'sistema', before: null, after: null, request_id: null });
  });

  it('keeps no entry when the transaction rolls back', async () => {
    const resourceId = randomUUID();
    await expect(
      withTransaction(database.db, async (tx) => {
        await recordAudit(tx, { actor: null, action: 'core.test-rollback', resourceType: 'test', resourceId, after: { x: 1 } });
        expect(await tx.selectFrom('core_audit_log').select('id').where('resource_id', '=', resourceId).execute()).toHaveLength(1);
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await entriesFor(resourceId)).toEqual([]);
  });

  it('refuses to update or delete entries, at the database level', async () => {
    const resourceId = randomUUID();
    await withTransaction(database.db, (tx) =>
      recordAudit(tx, { actor: null, action: 'core.test-append-only', resourceType: 'test', resourceId, after: { amount: '100' } }),
    );
    await expect(sql`UPDATE core_audit_log SET actor_label = 'alguien' WHERE resource_id = ${resourceId}`.execute(database.db)).rejects.toThrow(
      'core_audit_log is append-only',
    );
    await expect(sql`UPDATE core_audit_log SET after = '{"amount": "1"}'::jsonb`.execute(database.db)).rejects.toThrow('core_audit_log is append-only');
    await expect(database.db.deleteFrom('core_audit_log').where('resource_id', '=', resourceId).execute()).rejects.toThrow(
      'core_audit_log is append-only',
    );
    const [entry, ...rest] = await entriesFor(resourceId);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ actor_label: 'sistema', after: { amount: '100' } });
  });

  it('refuses an action that is not <module>.<verb>', async () => {
    await expect(
      withTransaction(database.db, (tx) => recordAudit(tx, { actor: null, action: 'Borrar todo', resourceType: 'test', resourceId: randomUUID() })),
    ).rejects.toThrow(/core_audit_log_action_check/);
  });

  it('reads a resource’s entries newest first from its index, however many it has (distinct keys, no sort)', async () => {
    const hot = randomUUID();
    // Hundreds of entries about one resource (the ballots of an envelope) among thousands about others.
    await sql`
      INSERT INTO core_audit_log (actor_label, action, resource_type, resource_id)
      SELECT 'Sistema', 'core.test-hot', 'test-hot', CASE WHEN g % 10 = 0 THEN ${hot} ELSE gen_random_uuid()::text END
      FROM generate_series(1, 3000) AS g`.execute(database.db);
    await sql`ANALYZE core_audit_log`.execute(database.db);
    const { rows } = await sql<{ 'QUERY PLAN': unknown }>`
      EXPLAIN (FORMAT JSON) SELECT id FROM core_audit_log WHERE resource_type = 'test-hot' AND resource_id = ${hot} ORDER BY id DESC LIMIT 50`.execute(database.db);
    const plan = JSON.stringify(rows[0]!['QUERY PLAN']);
    expect(plan).toContain('core_audit_log_resource_idx');
    expect(plan).not.toContain('"Sort"');
    const newest = await database.db.selectFrom('core_audit_log').select('id').where('resource_type', '=', 'test-hot').where('resource_id', '=', hot).orderBy('id', 'desc').limit(3).execute();
    expect(newest.map((r) => Number(r.id))).toEqual([...newest.map((r) => Number(r.id))].sort((a, b) => b - a));
  });
});
