import { createHash, createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.ts';
import { testEngines } from '../../../test/database.ts';
import { withTransaction } from '../../core/db/database.ts';
import { startAssistedSession } from '../accounts/commands/start-assisted-session.ts';
import { createPerson } from '../admin/test-people.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { ballotLimits } from './ballot-config.ts';
import { ballotKey } from './ballot-secrecy.ts';
import { listCandidates } from './ballots.queries.ts';
import { importPaperTally } from './commands/import-paper-tally.ts';
import { MIX_JOB, mixBallots, mixBallotsJob, mixDueBallots, vacuumVotingTables } from './commands/mix-ballots.ts';
import { createEdition, createProposalRow, type EditionFixture } from './budgets.test-support.ts';
import { ballotsOf, ballotUrl, castVote, createVoter, tick, votersOf, votingTestApp, type TestVoter } from './voting.test-support.ts';

/** Text values of every column of a table, each as `column → values`. */
async function columnValues(t: TestApp, table: string): Promise<Map<string, string[]>> {
  const columns = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} ORDER BY ordinal_position`.execute(t.database.db);
  const values = new Map<string, string[]>();
  for (const { column_name } of columns.rows) {
    const rows = await sql<{ v: string | null }>`SELECT ${sql.ref(column_name)}::text AS v FROM ${sql.table(table)}`.execute(t.database.db);
    values.set(column_name, rows.rows.map((r) => r.v).filter((v): v is string => v !== null));
  }
  return values;
}

describe.each(testEngines())('ballot secrecy (%s)', (engine) => {
  let t: TestApp;
  let edition: EditionFixture;
  let envelopeId: string;
  let numbers: number[];
  const online: TestVoter[] = [];

  beforeAll(async () => {
    t = await votingTestApp(engine);
    const db = t.database.db;
    edition = await createEdition(db, { phase: 'voting', ballotRule: 'approval', ballotConfig: { maxChoices: 3 }, envelopes: { '09': 1_000_000_000 } });
    envelopeId = edition.envelopes[0]!.id;
    numbers = [];
    for (let i = 0; i < 5; i++) numbers.push((await createProposalRow(db, { editionId: edition.id, envelopeId, cost: 100_000_000 })).number);
    // Online votes (some changed), an assisted vote and a paper station.
    for (let i = 0; i < 6; i++) {
      const voter = await createVoter(db);
      online.push(voter);
      expect((await castVote(t.app, ballotUrl(edition.slug), voter.cookie, tick(numbers[i % 5]!, numbers[(i + 2) % 5]!))).statusCode).toBe(303);
      if (i % 2 === 0) expect((await castVote(t.app, ballotUrl(edition.slug), voter.cookie, tick(numbers[(i + 1) % 5]!))).statusCode).toBe(303);
    }
    const { id: clerkId } = await createPerson(db, { name: 'Clerk', roles: [{ role: 'desk_clerk' }] });
    const clerk = { userId: clerkId, displayName: 'Clerk', roles: [{ role: 'desk_clerk' as const, entityCode: null }] };
    const assisted = await createVoter(db, { name: 'Asistida' });
    await withTransaction(db, (tx) => startAssistedSession(tx, { citizenId: assisted.id, clerk, reason: 'Apoyo para votar', minutes: 30 }));
    expect((await castVote(t.app, ballotUrl(edition.slug, '09', assisted.id), await signInAs(db, clerkId), tick(numbers[4]!))).statusCode).toBe(303);
    online.push(assisted);
    const official = { userId: clerkId, displayName: 'Funcionaria', roles: [{ role: 'entity_official' as const, entityCode: 'alcaldia-local-09' }] };
    const result = await withTransaction(db, (tx) =>
      importPaperTally(tx, {
        editionId: edition.id,
        envelopeId,
        rule: 'approval',
        limits: ballotLimits('approval', { maxChoices: 3 }),
        budget: 1_000_000_000,
        candidates: [],
        pollingStation: 'Mesa 1',
        pollBook: 'CC,51000001\nCC,51000002\nCC,51000003\nCC,51000004\nCC,51000005',
        ballots: 'blanco\nblanco',
        secret: t.config.secret,
        actor: official,
      }),
    );
    expect(result.ok).toBe(true);
    const candidates = await listCandidates(db, envelopeId);
    const withBallots = await withTransaction(db, (tx) =>
      importPaperTally(tx, {
        editionId: edition.id,
        envelopeId,
        rule: 'approval',
        limits: ballotLimits('approval', { maxChoices: 3 }),
        budget: 1_000_000_000,
        candidates,
        pollingStation: 'Mesa 2',
        pollBook: 'CC,52000001\nCC,52000002\nCC,52000003\nCC,52000004\nCC,52000005\nCC,52000006',
        ballots: `${numbers[0]} ${numbers[1]}\n${numbers[2]}\n${numbers[3]} ${numbers[4]}\n${numbers[0]}\n${numbers[1]}`,
        secret: t.config.secret,
        actor: official,
      }),
    );
    expect(withBallots.ok).toBe(true);
  }, 180_000);
  afterAll(async () => t?.close());

  it('no column of the ballots or their choices equals, contains or references a value of the voter roll, users or identities', async () => {
    const links = await sql<{ tbl: string; ref: string }>`
      SELECT conrelid::regclass::text AS tbl, confrelid::regclass::text AS ref FROM pg_constraint
      WHERE contype = 'f' AND conrelid::regclass::text IN ('participatory_budgets_ballots', 'participatory_budgets_ballot_choices')`.execute(t.database.db);
    expect(new Set(links.rows.map((r) => r.ref))).toEqual(
      new Set(['participatory_budgets_envelopes', 'participatory_budgets_proposals', 'participatory_budgets_paper_tallies', 'participatory_budgets_ballots']),
    );

    // What identifies a person. Left out by design: the edition, envelope and station a voter
    // voted in (a ballot carries its envelope and, for paper, its station), channel and day.
    const shared = new Set(['edition_id', 'envelope_id', 'paper_tally_id', 'channel', 'voted_on']);
    const personal = new Set<string>();
    for (const table of ['participatory_budgets_voters', 'core_users', 'core_identities']) {
      for (const [column, values] of await columnValues(t, table)) {
        if (table === 'participatory_budgets_voters' && shared.has(column)) continue;
        for (const value of values) if (value.length >= 8) personal.add(value);
      }
    }
    expect(personal.size).toBeGreaterThan(30);
    const long = [...personal].filter((p) => p.length >= 16);
    const found: string[] = [];
    let scanned = 0;
    for (const table of ['participatory_budgets_ballots', 'participatory_budgets_ballot_choices']) {
      const columns = await columnValues(t, table);
      expect(columns.size).toBeGreaterThanOrEqual(table.endsWith('choices') ? 4 : 7);
      for (const [column, values] of columns) {
        for (const value of values) {
          scanned++;
          if (personal.has(value)) found.push(`${table}.${column} = ${value}`);
          for (const p of long) if (value.includes(p)) found.push(`${table}.${column} contains ${p}`);
        }
      }
    }
    expect(found).toEqual([]);
    expect(scanned).toBeGreaterThan(50);
  });

  it('finds a ballot only with the secret: the key is a keyed hash nobody can recompute from the database', async () => {
    const keys = new Set((await ballotsOf(t.database.db, envelopeId)).map((b) => b.ballot_key).filter(Boolean));
    expect(keys.size).toBe(online.length);
    for (const voter of online) {
      expect(keys.has(ballotKey(t.config.secret, edition.id, voter.identityHash))).toBe(true);
      expect(keys.has(ballotKey('otro-secreto-otro-secreto-otro-secreto-1', edition.id, voter.identityHash))).toBe(false);
      for (const guess of [`${edition.id}${voter.identityHash}`, `${edition.id}:${voter.identityHash}`, `pb-ballot\u0000${edition.id}:${voter.identityHash}`, voter.identityHash]) {
        expect(keys.has(createHash('sha256').update(guess).digest('hex'))).toBe(false);
        expect(keys.has(createHmac('sha256', voter.identityHash).update(edition.id).digest('hex'))).toBe(false);
      }
    }
    // Paper ballots have no key at all.
    const paper = (await ballotsOf(t.database.db, envelopeId)).filter((b) => b.source === 'paper');
    expect(paper).toHaveLength(5);
    expect(paper.every((b) => b.ballot_key === null)).toBe(true);
  });

  it('writes no proposal of any ballot into the audit log or the domain events', async () => {
    const db = t.database.db;
    // The proposals on this edition's ballots (the template may hold other, published, elections).
    const proposalIds = (
      await db
        .selectFrom('participatory_budgets_ballot_choices as c')
        .innerJoin('participatory_budgets_ballots as b', 'b.id', 'c.ballot_id')
        .select('c.proposal_id')
        .distinct()
        .where('b.envelope_id', '=', envelopeId)
        .execute()
    ).map((r) => r.proposal_id);
    expect(proposalIds.length).toBe(5);
    const audit = await sql<{ row: string }>`SELECT row_to_json(a)::text AS row FROM core_audit_log a`.execute(db);
    const events = await sql<{ row: string }>`SELECT row_to_json(e)::text AS row FROM core_events e`.execute(db);
    const votes = await db
      .selectFrom('core_audit_log')
      .select('after')
      .where('action', 'in', ['participatory-budgets.vote', 'participatory-budgets.enter-paper-ballots'])
      .where(sql`after->>'edition'`, '=', edition.id)
      .execute();
    expect(votes.length).toBe(6 + 3 + 1 + 2);
    for (const { row } of [...audit.rows, ...events.rows]) for (const id of proposalIds) expect(row.includes(id), row).toBe(false);
    for (const { after } of votes) expect(JSON.stringify(after)).not.toMatch(/proyecto|choice|propuesta|proposal/i);
  });

  it('mixing during the vote gives every ballot a new id, keeps the keys, contents and voter roll, and votes still replace', async () => {
    const db = t.database.db;
    const contents = (ballots: Awaited<ReturnType<typeof ballotsOf>>) => ballots.map((b) => `${b.source}|${b.ballot_key}|${b.choices.map((c) => `${c.number}:${c.value}`).join(',')}`).sort();
    const before = await ballotsOf(db, envelopeId);
    const votersBefore = await votersOf(db, edition.id);
    const counts = await withTransaction(db, (tx) => mixBallots(tx, { editionId: edition.id, eraseKeys: false, actor: null }));
    await vacuumVotingTables(db);
    expect(counts).toEqual({ ballots: before.length, voters: votersBefore.length });
    const after = await ballotsOf(db, envelopeId);
    expect(contents(after)).toEqual(contents(before));
    const oldIds = new Set(before.map((b) => b.id));
    expect(after.some((b) => oldIds.has(b.id))).toBe(false);
    expect(new Set((await votersOf(db, edition.id)).map((v) => JSON.stringify(v)))).toEqual(new Set(votersBefore.map((v) => JSON.stringify(v))));
    // Still one ballot per person: a changed vote finds its ballot by key.
    expect((await castVote(t.app, ballotUrl(edition.slug), online[1]!.cookie, tick(numbers[3]!))).statusCode).toBe(303);
    expect(await ballotsOf(db, envelopeId)).toHaveLength(before.length);
    await expect(withTransaction(db, (tx) => mixBallots(tx, { editionId: edition.id, eraseKeys: true, actor: null }))).rejects.toThrow(/closed/);
  });

  it('sealing after the window closes erases every key, so not even the secret links a ballot to the roll', async () => {
    const db = t.database.db;
    const closed = await createEdition(db, { phase: 'voting', envelopes: { '09': 1_000_000_000 } });
    const envelope = closed.envelopes[0]!.id;
    const proposal = (await createProposalRow(db, { editionId: closed.id, envelopeId: envelope, cost: 100_000_000 })).number;
    const voters = [await createVoter(db), await createVoter(db)];
    for (const v of voters) expect((await castVote(t.app, ballotUrl(closed.slug), v.cookie, tick(proposal))).statusCode).toBe(303);
    await db.updateTable('participatory_budgets_editions').set({ voting_close_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', closed.id).execute();
    const counts = await withTransaction(db, (tx) => mixBallots(tx, { editionId: closed.id, eraseKeys: true, actor: null }));
    expect(counts).toEqual({ ballots: 2, voters: 2 });
    const ballots = await ballotsOf(db, envelope);
    expect(ballots.map((b) => [b.source, b.ballot_key, b.choices.length])).toEqual([
      ['digital', null, 1],
      ['digital', null, 1],
    ]);
    expect(await db.selectFrom('core_audit_log').select('action').where('resource_id', '=', closed.id).where('action', '=', 'participatory-budgets.seal-ballots').execute()).toHaveLength(1);
  });

  it('the periodic job seals editions whose window closed and mixes open ones at most every six hours, then queues itself', async () => {
    const db = t.database.db;
    const open = await createEdition(db, { phase: 'voting', envelopes: { '09': 1_000_000_000 } });
    const closing = await createEdition(db, { phase: 'voting', envelopes: { '09': 1_000_000_000 } });
    for (const e of [open, closing]) {
      const proposal = (await createProposalRow(db, { editionId: e.id, envelopeId: e.envelopes[0]!.id, cost: 100_000_000 })).number;
      expect((await castVote(t.app, ballotUrl(e.slug), (await createVoter(db)).cookie, tick(proposal))).statusCode).toBe(303);
    }
    await db.updateTable('participatory_budgets_editions').set({ voting_close_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', closing.id).execute();
    const first = await mixDueBallots(db);
    expect(first.sealed).toContain(closing.id);
    expect(first.mixed).toContain(open.id);
    expect(first.mixed).not.toContain(edition.id);
    expect((await ballotsOf(db, closing.envelopes[0]!.id)).map((b) => b.ballot_key)).toEqual([null]);
    const second = await mixDueBallots(db);
    expect(second.sealed).not.toContain(closing.id);
    expect(second.mixed).not.toContain(open.id);
    await db.deleteFrom('core_jobs').where('name', '=', MIX_JOB).execute();
    await mixBallotsJob(db);
    const queued = await db.selectFrom('core_jobs').select(['run_at', 'status']).where('name', '=', MIX_JOB).execute();
    expect(queued).toHaveLength(1);
    expect(queued[0]!.run_at.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
  });
});
