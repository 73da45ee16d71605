import { sql } from 'kysely';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import type { Tx } from '../../../core/db/database.ts';
import { bogotaDay } from '../../../core/i18n/i18n.ts';
import type { Actor } from '../../../core/permissions/permissions.ts';
import type { BallotChoice } from '../ballot-validation.ts';

export interface CastBallotInput {
  editionId: string;
  envelopeId: string;
  /** The voter: the signed-in citizen, or the citizen a clerk acts for (`assistedBy` set). */
  actor: Actor;
  identityHash: string;
  /** ballotKey(secret, edition, identity): computed by the caller, which holds the secret. */
  ballotKey: string;
  /** Already validated against the edition's rule (validateBallot). */
  choices: readonly BallotChoice[];
  requestId?: string | null;
  now?: Date;
}

export type CastBallotResult = { ok: true; changed: boolean } | { ok: false; reason: 'already_done' };

/**
 * Casts or replaces a person's digital ballot, in the caller's transaction:
 *
 * 1. Upserts the voter roll row (the primary key edition + identity is what allows one ballot per
 *    identity, whatever the number of app processes). A paper voter's row is left alone and the
 *    vote refused (`already_done`). The row stays locked until commit, so submissions of the same
 *    person queue here and each one below sees the one before it committed.
 * 2. One statement replaces the ballot found by its key with a fresh id (old choices deleted) and
 *    writes the new choices. A fresh id per version means the old and new choices never share a
 *    key inside the statement, and nothing stable identifies a ballot across changes.
 * 3. Audits `participatory-budgets.vote` with the actor, the envelope and the channel (and the
 *    clerk for assisted votes), never the choices.
 */
export async function castBallot(tx: Tx, input: CastBallotInput): Promise<CastBallotResult> {
  const now = input.now ?? new Date();
  const channel = input.actor.assistedBy ? 'assisted' : 'online';
  // Day only: an exact time here would let someone line voters up with ballots.
  const voter = await sql<{ inserted: boolean }>`
    INSERT INTO participatory_budgets_voters (edition_id, identity_hash, envelope_id, user_id, channel, voted_on)
    VALUES (${input.editionId}, ${input.identityHash}, ${input.envelopeId}, ${input.actor.userId}, ${channel}, ${bogotaDay(now)})
    ON CONFLICT (edition_id, identity_hash) DO UPDATE
      SET envelope_id = EXCLUDED.envelope_id, user_id = EXCLUDED.user_id, channel = EXCLUDED.channel, voted_on = EXCLUDED.voted_on
      WHERE participatory_budgets_voters.channel <> 'paper'
    RETURNING (xmax = 0) AS inserted`.execute(tx);
  const row = voter.rows[0];
  if (!row) return { ok: false, reason: 'already_done' };

  const ids = input.choices.map((c) => c.proposalId);
  const positions = input.choices.map((c) => c.position);
  const values = input.choices.map((c) => String(c.value));
  await sql`
    WITH previous AS (SELECT id FROM participatory_budgets_ballots WHERE ballot_key = ${input.ballotKey}),
    cleared AS (DELETE FROM participatory_budgets_ballot_choices WHERE ballot_id IN (SELECT id FROM previous)),
    ballot AS (
      INSERT INTO participatory_budgets_ballots (envelope_id, ballot_key, source) VALUES (${input.envelopeId}, ${input.ballotKey}, 'digital')
      ON CONFLICT (ballot_key) DO UPDATE SET id = gen_random_uuid(), envelope_id = EXCLUDED.envelope_id
      RETURNING id)
    INSERT INTO participatory_budgets_ballot_choices (ballot_id, proposal_id, position, value)
    SELECT ballot.id, c.proposal_id, c.position, c.value
    FROM ballot, unnest(${ids}::uuid[], ${positions}::integer[], ${values}::numeric[]) AS c(proposal_id, position, value)`.execute(tx);

  const changed = !row.inserted;
  await recordAudit(tx, {
    actor: input.actor,
    action: 'participatory-budgets.vote',
    resourceType: 'participatory-budgets.envelope',
    resourceId: input.envelopeId,
    after: {
      edition: input.editionId,
      envelope: input.envelopeId,
      channel,
      changed,
      ...(input.actor.assistedBy ? { assistedBy: input.actor.assistedBy } : {}),
    },
    requestId: input.requestId ?? null,
  });
  return { ok: true, changed };
}
