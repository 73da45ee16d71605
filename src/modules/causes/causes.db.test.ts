import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { databaseUrlFor } from '../../../test/template-names.ts';
import { openDatabase, withTransaction, type DatabaseHandle, type Db } from '../../core/db/database.ts';
import { isCheckViolation, isUniqueViolation } from '../../core/db/pg-errors.ts';
import { createPerson } from '../admin/test-people.ts';
import { buildCausesTestApp, actorFor, makeCause } from './causes.test-support.ts';
import { supportCause, withdrawSupport, type SupportOutcome } from './commands/support-cause.ts';

const ATTEMPTS = 50;
const RACE_APP = `gab-causes-race-${process.pid}`;

/**
 * The invariants the database itself keeps: one support per identity and cause (primary key),
 * counts exact under concurrent supports (row lock + counter in the same transaction), and the
 * CHECK-constrained state column.
 */
describe.each(testEngines())('causes database invariants (%s)', (engine) => {
  let t: TestApp;
  /** Where concurrent transactions run: on PostgreSQL a second pool with many connections, so they really overlap. */
  let concurrent: DatabaseHandle | null = null;
  const db = () => t.database.db;
  // The main pool stays (nearly) idle: its connections must be closed before the test database is
  // dropped, and a busy pool may still be closing them then.
  const racer = (): Db => concurrent?.db ?? db();

  beforeAll(async () => {
    t = await buildCausesTestApp(engine);
    if (engine === 'postgres') {
      const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(db());
      const url = new URL(databaseUrlFor(process.env.TEST_DATABASE_URL!, rows[0]!.name));
      url.searchParams.set('application_name', RACE_APP);
      concurrent = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused', poolSize: 25 });
    }
  });
  afterAll(async () => {
    if (concurrent) {
      await concurrent.close();
      // The pool resolves before its backends are gone; dropping the database under them would
      // make their sockets report an error after the test.
      for (let i = 0; i < 100; i++) {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${RACE_APP}`.execute(db());
        if (rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await t?.close();
  });

  const counts = async (causeId: string) => {
    const cause = await db().selectFrom('causes_causes').select(['supports_count', 'state']).where('id', '=', causeId).executeTakeFirstOrThrow();
    const rows = await db().selectFrom('causes_supports').select((eb) => eb.fn.countAll<string>().as('n')).where('cause_id', '=', causeId).executeTakeFirstOrThrow();
    return { counter: cause.supports_count, rows: Number(rows.n), state: cause.state };
  };

  const race = (work: () => Promise<SupportOutcome>) => Promise.all(Array.from({ length: ATTEMPTS }, work));

  it(`keeps one support per identity under ${ATTEMPTS} concurrent attempts`, async () => {
    const author = await createPerson(db(), { name: 'Autor Concurrencia', level: 'identity' });
    const person = await createPerson(db(), { name: 'Persona Insistente', level: 'identity' });
    const causeId = await makeCause(db(), author.id, { settings: { support_threshold: 1000 } });
    if (concurrent) {
      // Make sure the attempts really overlap: all connections open before the race starts.
      await Promise.all(Array.from({ length: 20 }, () => sql`SELECT pg_sleep(0.01)`.execute(racer())));
    }
    const results = await race(() => withTransaction(racer(), (tx) => supportCause(tx, { causeId, actor: actorFor(person.id), defaultEntity: 'idpac' })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'already_done')).toHaveLength(ATTEMPTS - 1);
    expect(await counts(causeId)).toEqual({ counter: 1, rows: 1, state: 'published' });
  });

  it(`counts exactly under ${ATTEMPTS} concurrent supports of different people, and crosses the threshold once`, async () => {
    const author = await createPerson(db(), { name: 'Autora Umbral', level: 'identity' });
    const people = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => createPerson(racer(), { name: `Apoyo ${i}`, level: 'identity' })));
    const causeId = await makeCause(db(), author.id, { settings: { support_threshold: 25 } });
    let next = 0;
    const results = await race(() => {
      const person = people[next++]!;
      return withTransaction(racer(), (tx) => supportCause(tx, { causeId, actor: actorFor(person.id), defaultEntity: 'idpac' }));
    });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.map((r) => (r.ok ? r.supports : 0)).sort((a, b) => a - b)).toEqual(Array.from({ length: ATTEMPTS }, (_, i) => i + 1));
    expect(results.filter((r) => r.ok && r.thresholdReached)).toHaveLength(1);
    expect(await counts(causeId)).toEqual({ counter: ATTEMPTS, rows: ATTEMPTS, state: 'threshold_reached' });
    const events = await db().selectFrom('causes_events').select('to_state').where('cause_id', '=', causeId).where('to_state', '=', 'threshold_reached').execute();
    expect(events).toHaveLength(1);
  });

  it('keeps the counter exact when supports and withdrawals interleave', async () => {
    const author = await createPerson(db(), { name: 'Autor Mezcla', level: 'identity' });
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => createPerson(racer(), { name: `Mezcla ${i}`, level: 'identity' })));
    const causeId = await makeCause(db(), author.id, { settings: { support_threshold: 1000 } });
    for (const p of people.slice(0, 10)) await withTransaction(db(), (tx) => supportCause(tx, { causeId, actor: actorFor(p.id), defaultEntity: 'idpac' }));
    // The first ten withdraw (twice each) while the last ten support (twice each).
    await Promise.all(
      [...people, ...people].map((p, i) =>
        withTransaction(racer(), (tx) =>
          people.indexOf(p) < 10 ? withdrawSupport(tx, { causeId, actor: actorFor(p.id) }) : supportCause(tx, { causeId, actor: actorFor(p.id), defaultEntity: 'idpac' }),
        ).then((r) => ({ i, r })),
      ),
    );
    expect(await counts(causeId)).toEqual({ counter: 10, rows: 10, state: 'published' });
  });

  it('refuses a second support row for the same identity at the table itself', async () => {
    const author = await createPerson(db(), { name: 'Autor Clave', level: 'identity' });
    const causeId = await makeCause(db(), author.id);
    const hash = 'x'.repeat(43);
    await db().insertInto('causes_supports').values({ cause_id: causeId, identity_hash: hash, user_id: null, assisted_by: null }).execute();
    const error = await db()
      .insertInto('causes_supports')
      .values({ cause_id: causeId, identity_hash: hash, user_id: author.id, assisted_by: null })
      .execute()
      .then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('refuses states and state data the machine does not have', async () => {
    const author = await createPerson(db(), { name: 'Autor Estados', level: 'identity' });
    const causeId = await makeCause(db(), author.id);
    const attempt = (values: Record<string, unknown>) =>
      db()
        .updateTable('causes_causes')
        .set(values as never)
        .where('id', '=', causeId)
        .execute()
        .then(() => null, (e: unknown) => e);
    expect(isCheckViolation(await attempt({ state: 'approved' }))).toBe(true);
    expect(isCheckViolation(await attempt({ state: 'threshold_reached' }))).toBe(true);
    expect(isCheckViolation(await attempt({ state: 'hidden' }))).toBe(true);
    expect(isCheckViolation(await attempt({ state: 'answered', threshold_reached_at: new Date().toISOString(), answer_due_on: '2026-01-20', target_entity_code: 'idu' }))).toBe(true);
    expect(isCheckViolation(await attempt({ state: 'draft' }))).toBe(true);
    expect(isCheckViolation(await attempt({ supports_count: -1 }))).toBe(true);
    expect(isCheckViolation(await attempt({ hidden_reason: 'x' }))).toBe(true);
    expect((await db().selectFrom('causes_causes').select('state').where('id', '=', causeId).executeTakeFirstOrThrow()).state).toBe('published');
  });
});
