import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import type { Db, DatabaseHandle } from '../../core/db/database.ts';
import { isUniqueViolation } from '../../core/db/pg-errors.ts';
import { createEdition } from './budgets.test-support.ts';

// Migration 20261128000300: no index on the ballot path keeps one key for thousands of rows, and
// the Pabulib voter ids stay unique per envelope.
describe.each(testEngines())('the indexes of ballots and choices (%s)', (engine) => {
  let database: DatabaseHandle;
  let db: Db;
  let envelopes: string[];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = database.db;
    const edition = await createEdition(db, { phase: 'results', envelopes: { '09': 1_000_000_000, '11': 1_000_000_000 } });
    envelopes = edition.envelopes.map((e) => e.id);
  }, 120_000);
  afterAll(async () => database?.close());

  const imported = (envelopeId: string, voterId: string | null) =>
    db.insertInto('participatory_budgets_ballots').values({ envelope_id: envelopeId, source: 'imported', pabulib_voter_id: voterId }).execute();

  it('refuses a Pabulib voter id twice in one envelope, and allows it in another and any number of ballots without one', async () => {
    await imported(envelopes[0]!, 'v-1');
    const twice = await imported(envelopes[0]!, 'v-1').catch((error: unknown) => error);
    expect(isUniqueViolation(twice)).toBe(true);
    await imported(envelopes[1]!, 'v-1');
    for (let i = 0; i < 3; i++) await imported(envelopes[0]!, null);
    await db.insertInto('participatory_budgets_ballots').values({ envelope_id: envelopes[0]!, source: 'digital', ballot_key: 'a'.repeat(64) }).execute();
    const count = await db.selectFrom('participatory_budgets_ballots').select((eb) => eb.fn.countAll<string>().as('n')).where('envelope_id', '=', envelopes[0]!).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(5);
  });

  it('ends each lookup on the ballot path with a column unique to the row, and keeps digital ballots out of the Pabulib ids', async () => {
    const { rows } = await sql<{ indexname: string; indexdef: string }>`
      SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN
        ('participatory_budgets_ballots_envelope_idx', 'participatory_budgets_choices_proposal_idx', 'participatory_budgets_ballots_pabulib_voter_key')
      ORDER BY indexname`.execute(db);
    expect(rows.map((r) => [r.indexname, r.indexdef.replace(/^.* USING btree /, '')])).toEqual([
      ['participatory_budgets_ballots_envelope_idx', '(envelope_id, id)'],
      ['participatory_budgets_ballots_pabulib_voter_key', '(envelope_id, pabulib_voter_id) WHERE (pabulib_voter_id IS NOT NULL)'],
      ['participatory_budgets_choices_proposal_idx', '(proposal_id, ballot_id)'],
    ]);
  });
});
