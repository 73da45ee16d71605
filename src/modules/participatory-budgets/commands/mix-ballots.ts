import { sql } from 'kysely';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { withTransaction, type Db, type Executor, type Tx } from '../../../core/db/database.ts';
import { enqueueJob } from '../../../core/jobs/jobs.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';

export interface MixBallotsInput {
  editionId: string;
  /**
   * Once the window has closed no ballot can change, so the keys that found them are erased too:
   * from then on not even whoever holds GAB_SECRET can link a ballot to the voter roll.
   */
  eraseKeys: boolean;
  /** null when the system runs it (a job at the close of voting). */
  actor: Actor | null;
  requestId?: string | null;
}

/**
 * Shuffles an edition's stored ballots, like shaking a ballot box: rewrites its digital and paper
 * ballots in random order with fresh ids, and its voter roll in random order, so neither table's
 * physical row order (nor an id) still follows the order people voted in. Imported elections'
 * ballots are public already and left alone. Locks both tables for the edition's rewrite, so a
 * ballot cast meanwhile waits and then lands normally. Run `vacuumVotingTables` after commit so
 * the old row versions do not linger in the data files.
 */
export async function mixBallots(tx: Tx, input: MixBallotsInput): Promise<{ ballots: number; voters: number }> {
  const edition = await tx.selectFrom('participatory_budgets_editions').select('voting_close_at').where('id', '=', input.editionId).executeTakeFirstOrThrow();
  // Erasing keys while ballots can still change would let a changed vote add a second ballot.
  if (input.eraseKeys && edition.voting_close_at.getTime() > Date.now()) throw new Error('ballot keys can only be erased once the voting window has closed');
  await sql`LOCK TABLE participatory_budgets_voters, participatory_budgets_ballots, participatory_budgets_ballot_choices IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
  await sql`
    CREATE TEMPORARY TABLE pb_mix_ballots ON COMMIT DROP AS
    SELECT b.id AS old_id, gen_random_uuid() AS new_id, b.envelope_id, CASE WHEN ${input.eraseKeys} THEN NULL ELSE b.ballot_key END AS ballot_key,
      b.source, b.paper_tally_id
    FROM participatory_budgets_ballots b JOIN participatory_budgets_envelopes e ON e.id = b.envelope_id
    WHERE e.edition_id = ${input.editionId} AND b.source <> 'imported'`.execute(tx);
  await sql`
    CREATE TEMPORARY TABLE pb_mix_choices ON COMMIT DROP AS
    SELECT m.new_id, c.proposal_id, c.position, c.value
    FROM participatory_budgets_ballot_choices c JOIN pb_mix_ballots m ON m.old_id = c.ballot_id`.execute(tx);
  await sql`CREATE TEMPORARY TABLE pb_mix_voters ON COMMIT DROP AS SELECT * FROM participatory_budgets_voters WHERE edition_id = ${input.editionId}`.execute(tx);

  // Choices go with their ballots (ON DELETE CASCADE).
  await sql`DELETE FROM participatory_budgets_ballots WHERE id IN (SELECT old_id FROM pb_mix_ballots)`.execute(tx);
  await sql`DELETE FROM participatory_budgets_voters WHERE edition_id = ${input.editionId}`.execute(tx);
  const ballots = await sql`
    INSERT INTO participatory_budgets_ballots (id, envelope_id, ballot_key, source, paper_tally_id)
    SELECT new_id, envelope_id, ballot_key, source, paper_tally_id FROM pb_mix_ballots ORDER BY random()`.execute(tx);
  await sql`
    INSERT INTO participatory_budgets_ballot_choices (ballot_id, proposal_id, position, value)
    SELECT new_id, proposal_id, position, value FROM pb_mix_choices ORDER BY new_id, position`.execute(tx);
  const voters = await sql`
    INSERT INTO participatory_budgets_voters (edition_id, identity_hash, envelope_id, user_id, channel, paper_tally_id, voted_on)
    SELECT edition_id, identity_hash, envelope_id, user_id, channel, paper_tally_id, voted_on FROM pb_mix_voters ORDER BY random()`.execute(tx);

  const counts = { ballots: Number(ballots.numAffectedRows ?? 0), voters: Number(voters.numAffectedRows ?? 0) };
  await recordAudit(tx, {
    actor: input.actor,
    action: input.eraseKeys ? 'participatory-budgets.seal-ballots' : 'participatory-budgets.mix-ballots',
    resourceType: 'participatory-budgets.edition',
    resourceId: input.editionId,
    after: counts,
    requestId: input.requestId ?? null,
  });
  return counts;
}

/** Reclaims the row versions a mix left behind (VACUUM cannot run inside a transaction). */
export async function vacuumVotingTables(db: Db): Promise<void> {
  await sql`VACUUM participatory_budgets_voters, participatory_budgets_ballots, participatory_budgets_ballot_choices`.execute(db);
}

export const MIX_JOB = 'participatory-budgets.mix-ballots';
/** How often the job looks for editions to mix or seal. */
export const MIX_JOB_EVERY_MS = 3600_000;
/** How often an edition's ballots are mixed while its window is open. */
export const MIX_WHILE_VOTING_EVERY_MS = 6 * 3600_000;

/**
 * Seals every edition whose window has closed and that still has keyed ballots, and mixes every
 * edition in its voting window not mixed in the last MIX_WHILE_VOTING_EVERY_MS (per the audit log).
 * One transaction per edition; then reclaims the old row versions. Returns the edition ids.
 */
export async function mixDueBallots(db: Db, now: Date = new Date()): Promise<{ mixed: string[]; sealed: string[] }> {
  const toSeal = await db
    .selectFrom('participatory_budgets_editions as e')
    .select('e.id')
    .where('e.voting_close_at', '<=', now.toISOString() as never)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('participatory_budgets_ballots as b')
          .innerJoin('participatory_budgets_envelopes as v', 'v.id', 'b.envelope_id')
          .select('b.id')
          .whereRef('v.edition_id', '=', 'e.id')
          .where('b.ballot_key', 'is not', null),
      ),
    )
    .execute();
  const since = new Date(now.getTime() - MIX_WHILE_VOTING_EVERY_MS).toISOString();
  const toMix = await db
    .selectFrom('participatory_budgets_editions as e')
    .select('e.id')
    .where('e.voting_open_at', '<=', now.toISOString() as never)
    .where('e.voting_close_at', '>', now.toISOString() as never)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('core_audit_log as a')
            .select('a.id')
            .where('a.action', '=', 'participatory-budgets.mix-ballots')
            .where('a.resource_type', '=', 'participatory-budgets.edition')
            .whereRef('a.resource_id', '=', sql<string>`e.id::text`)
            .where('a.occurred_at', '>', since as never),
        ),
      ),
    )
    .execute();
  const sealed: string[] = [];
  const mixed: string[] = [];
  for (const { id } of toSeal) {
    await withTransaction(db, (tx) => mixBallots(tx, { editionId: id, eraseKeys: true, actor: null }));
    sealed.push(id);
  }
  for (const { id } of toMix) {
    await withTransaction(db, (tx) => mixBallots(tx, { editionId: id, eraseKeys: false, actor: null }));
    mixed.push(id);
  }
  if (sealed.length + mixed.length > 0) await vacuumVotingTables(db);
  return { mixed, sealed };
}

/** Queues the next run unless one is already waiting (several processes may finish a run). */
export async function scheduleBallotMixing(db: Executor, runAt: Date): Promise<void> {
  const waiting = await db.selectFrom('core_jobs').select('id').where('name', '=', MIX_JOB).where('status', '=', 'queued').executeTakeFirst();
  if (!waiting) await enqueueJob(db, MIX_JOB, {}, { runAt, maxAttempts: 3 });
}

/** The job: mix and seal what is due, then schedule the next run. */
export async function mixBallotsJob(db: Db): Promise<void> {
  await mixDueBallots(db);
  await scheduleBallotMixing(db, new Date(Date.now() + MIX_JOB_EVERY_MS));
}
