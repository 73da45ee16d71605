/**
 * Test fixtures for results: ballots and voter-roll rows inserted directly (the voting commands
 * have their own tests), so a test can build a small election it can check by hand.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from '../../core/db/database.ts';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** One ballot of the envelope with these proposals in order (value 1 unless given), and no voter row. */
export async function insertBallot(
  db: Executor,
  options: { envelopeId: string; choices: (string | { proposalId: string; value: number })[]; id?: string },
): Promise<string> {
  const id = options.id ?? randomUUID();
  await db.insertInto('participatory_budgets_ballots').values({ id, envelope_id: options.envelopeId, ballot_key: hex(32), source: 'digital', paper_tally_id: null }).execute();
  if (options.choices.length > 0) {
    await db
      .insertInto('participatory_budgets_ballot_choices')
      .values(
        options.choices.map((c, position) =>
          typeof c === 'string' ? { ballot_id: id, proposal_id: c, position, value: 1 } : { ballot_id: id, proposal_id: c.proposalId, position, value: c.value },
        ),
      )
      .execute();
  }
  return id;
}

/** A voter-roll row (who voted): optionally tied to a person, whose profile gives age and gender. */
export async function insertVoter(
  db: Executor,
  options: { editionId: string; envelopeId: string; userId?: string | null; channel?: 'online' | 'assisted'; votedOn?: string },
): Promise<void> {
  await db
    .insertInto('participatory_budgets_voters')
    .values({
      edition_id: options.editionId,
      identity_hash: hex(32),
      envelope_id: options.envelopeId,
      user_id: options.userId ?? null,
      channel: options.channel ?? 'online',
      paper_tally_id: null,
      voted_on: options.votedOn ?? new Date().toISOString().slice(0, 10),
    })
    .execute();
}

/** `count` identical ballots, each with its voter-roll row. */
export async function castBallots(db: Executor, options: { editionId: string; envelopeId: string; choices: string[]; count?: number }): Promise<void> {
  for (let i = 0; i < (options.count ?? 1); i++) {
    await insertBallot(db, { envelopeId: options.envelopeId, choices: options.choices });
    await insertVoter(db, { editionId: options.editionId, envelopeId: options.envelopeId });
  }
}
