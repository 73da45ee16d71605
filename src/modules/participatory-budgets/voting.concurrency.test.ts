import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { databaseUrlFor } from '../../../test/template-names.ts';
import { buildApp } from '../../app.ts';
import { openDatabase, type DatabaseHandle } from '../../core/db/database.ts';
import { createRegistry } from '../../core/modules/registry.ts';
import { MODULES } from '../index.ts';
import { createEdition, createProposalRow } from './budgets.test-support.ts';
import { ballotsOf, ballotUrl, castVote, createVoter, tick, votersOf, votingTestApp } from './voting.test-support.ts';

const SUBMISSIONS = 100;

/**
 * One ballot per identity, held by the database: a person submitting 100 ballots at once, half
 * through each of two app instances with their own connection pools (PostgreSQL: two processes'
 * worth of connections to one database; PGlite: one process), ends with exactly one voter-roll
 * row and one ballot, whose choices are one of the submitted ballots, and every request answered.
 */
describe.each(testEngines())('one ballot per identity under concurrent submissions (%s)', (engine) => {
  let t: TestApp;
  let second: { app: FastifyInstance; database: DatabaseHandle } | null = null;

  beforeAll(async () => {
    t = await votingTestApp(engine);
    if (engine === 'postgres') {
      const name = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(t.database.db)).rows[0]!.name;
      const database = await openDatabase({ databaseUrl: databaseUrlFor(process.env.TEST_DATABASE_URL!, name), dataDir: 'unused', poolSize: 5 });
      const app = await buildApp({ config: t.config, database, registry: createRegistry(MODULES) });
      await app.ready();
      second = { app, database };
    }
  }, 120_000);
  afterAll(async () => {
    await second?.app.close();
    await second?.database.close();
    await t?.close();
  });

  it(`${SUBMISSIONS} simultaneous submissions by one person leave one voter row and one ballot`, async () => {
    const db = t.database.db;
    const edition = await createEdition(db, { phase: 'voting', ballotRule: 'approval', ballotConfig: { maxChoices: 2 }, envelopes: { '09': 1_000_000_000 } });
    const envelopeId = edition.envelopes[0]!.id;
    const numbers: number[] = [];
    for (let i = 0; i < 4; i++) numbers.push((await createProposalRow(db, { editionId: edition.id, envelopeId, cost: 100_000_000 })).number);
    const voter = await createVoter(db);
    const apps = second ? [t.app, second.app] : [t.app];
    const choices = (i: number) => [numbers[i % 4]!, numbers[(i + 1) % 4]!];

    const responses = await Promise.all(
      Array.from({ length: SUBMISSIONS }, (_, i) => castVote(apps[i % apps.length]!, ballotUrl(edition.slug), voter.cookie, tick(...choices(i)))),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(SUBMISSIONS).fill(303));

    expect(await votersOf(db, edition.id)).toHaveLength(1);
    const ballots = await ballotsOf(db, envelopeId);
    expect(ballots).toHaveLength(1);
    const stored = ballots[0]!.choices.map((c) => c.number);
    const submitted = Array.from({ length: SUBMISSIONS }, (_, i) => [...choices(i)].sort((a, b) => a - b).join(','));
    expect(submitted).toContain(stored.join(','));
    const audits = await db.selectFrom('core_audit_log').select('after').where('action', '=', 'participatory-budgets.vote').where('actor_id', '=', voter.id).execute();
    expect(audits).toHaveLength(SUBMISSIONS);
    expect(audits.filter((a) => (a.after as { changed: boolean }).changed === false)).toHaveLength(1);
  });

  it('many people voting at once each get their own ballot', async () => {
    const db = t.database.db;
    const edition = await createEdition(db, { phase: 'voting', envelopes: { '09': 1_000_000_000 } });
    const envelopeId = edition.envelopes[0]!.id;
    const proposal = (await createProposalRow(db, { editionId: edition.id, envelopeId, cost: 100_000_000 })).number;
    const voters = await Promise.all(Array.from({ length: 30 }, () => createVoter(db)));
    const apps = second ? [t.app, second.app] : [t.app];
    const responses = await Promise.all(voters.flatMap((v, i) => [0, 1].map((k) => castVote(apps[(i + k) % apps.length]!, ballotUrl(edition.slug), v.cookie, tick(proposal)))));
    expect(responses.every((r) => r.statusCode === 303)).toBe(true);
    expect(await votersOf(db, edition.id)).toHaveLength(30);
    expect(await ballotsOf(db, envelopeId)).toHaveLength(30);
  });
});
