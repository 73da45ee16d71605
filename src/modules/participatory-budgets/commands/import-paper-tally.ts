import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { isUniqueViolation } from '../../../core/db/pg-errors.ts';
import { bogotaDay } from '../../../core/i18n/i18n.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import { reconcileTally, storedReport, type PaperBallot, type TallyInput, type TallyReport } from '../paper-tally.ts';

export type ImportPaperTallyResult = { ok: true; tallyId: string; report: TallyReport } | { ok: false; report: TallyReport };

/** Fisher–Yates with a cryptographic generator: the stored order must say nothing about the typed order. */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const CHUNK = 2000;

/**
 * Imports a polling station's paper tally in the caller's transaction, all or nothing: the tally,
 * one voter-roll row per eligible poll-book entry (channel 'paper') and the valid ballots (source
 * 'paper', no key) with their choices. Reconciles again inside the transaction, so a check made at
 * preview time cannot go stale; refuses (nothing written) when the report has any problem. Voters
 * and ballots are written in random order, so neither table's order follows the typed lists.
 * A person who votes online at the same moment makes the voter insert fail on the primary key:
 * `PaperTallyConflict` is thrown and the caller rolls back and reports again.
 */
export async function importPaperTally(tx: Tx, input: TallyInput & { actor: Actor; requestId?: string | null; now?: Date }): Promise<ImportPaperTallyResult> {
  const { report, voters, ballots } = await reconcileTally(tx, input);
  if (!report.acceptable) return { ok: false, report };
  const now = input.now ?? new Date();
  try {
    return await writeTally(tx, input, report, voters.map((v) => v.identityHash), ballots, now);
  } catch (error) {
    // Another import of this station, or an online vote by someone on the poll book, committed first.
    if (isUniqueViolation(error)) throw new PaperTallyConflict();
    throw error;
  }
}

async function writeTally(
  tx: Tx,
  input: TallyInput & { actor: Actor; requestId?: string | null },
  report: TallyReport,
  voters: string[],
  ballots: PaperBallot[],
  now: Date,
): Promise<ImportPaperTallyResult> {
  const tally = await tx
    .insertInto('participatory_budgets_paper_tallies')
    .values({
      envelope_id: input.envelopeId,
      polling_station: report.pollingStation,
      ballots_count: ballots.length,
      voters_count: voters.length,
      report: JSON.stringify(storedReport(report)),
      imported_by: input.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const hashes = shuffled(voters);
  for (let i = 0; i < hashes.length; i += CHUNK) {
    // The account, when the person has one, so their ballot page can say they voted on paper.
    await sql`
      INSERT INTO participatory_budgets_voters (edition_id, identity_hash, envelope_id, user_id, channel, paper_tally_id, voted_on)
      SELECT ${input.editionId}, h.hash, ${input.envelopeId}, i.user_id, 'paper', ${tally.id}, ${bogotaDay(now)}
      FROM unnest(${hashes.slice(i, i + CHUNK)}::text[]) AS h(hash)
      LEFT JOIN core_identities i ON i.identity_hash = h.hash`.execute(tx);
  }

  const stored = shuffled(ballots).map((b) => ({ id: randomUUID(), choices: b.choices }));
  for (let i = 0; i < stored.length; i += CHUNK) {
    const chunk = stored.slice(i, i + CHUNK);
    await sql`
      INSERT INTO participatory_budgets_ballots (id, envelope_id, source, paper_tally_id)
      SELECT b.id, ${input.envelopeId}, 'paper', ${tally.id} FROM unnest(${chunk.map((b) => b.id)}::uuid[]) AS b(id)`.execute(tx);
    const choices = chunk.flatMap((b) => b.choices.map((c) => ({ ballot: b.id, ...c })));
    await sql`
      INSERT INTO participatory_budgets_ballot_choices (ballot_id, proposal_id, position, value)
      SELECT * FROM unnest(${choices.map((c) => c.ballot)}::uuid[], ${choices.map((c) => c.proposalId)}::uuid[],
        ${choices.map((c) => c.position)}::integer[], ${choices.map((c) => String(c.value))}::numeric[])`.execute(tx);
  }

  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.enter-paper-ballots',
    resourceType: 'participatory-budgets.paper-tally',
    resourceId: tally.id,
    after: {
      edition: input.editionId,
      envelope: input.envelopeId,
      pollingStation: report.pollingStation,
      voters: voters.length,
      ballots: ballots.length,
      blank: report.ballots.blank,
      null: report.ballots.null,
      invalid: report.ballots.invalid.length,
    },
    requestId: input.requestId ?? null,
  });
  return { ok: true, tallyId: tally.id, report };
}

/** Someone on the poll book voted online while the tally was being imported. */
export class PaperTallyConflict extends Error {
  constructor() {
    super('a poll-book entry voted through another channel during the import');
    this.name = 'PaperTallyConflict';
  }
}
