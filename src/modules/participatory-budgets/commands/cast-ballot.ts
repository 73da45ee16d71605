import { sql } from 'kysely';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { contextUnchangedSql } from '../../../core/auth/load-actor.ts';
import { withTransaction, type Db, type Tx } from '../../../core/db/database.ts';
import { PREPARED_MARK } from '../../../core/db/prepared.ts';
import { countHitSql, type RateLimitHit } from '../../../core/http/rate-limit.ts';
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
  /** The request's write rate-limit hit (takeRateLimitHit), counted by this statement: past its maximum nothing is written. */
  rateLimit?: RateLimitHit | null;
  /**
   * Set when the actor came from the process's memory (`contextCheck`): the statement first checks
   * that the session and person still read the same, and otherwise writes nothing (`context_changed`).
   */
  context?: { sessionHash: string; fingerprint: string } | null;
  now?: Date;
}

export type CastBallotResult =
  | { ok: true; changed: boolean }
  | { ok: false; reason: 'already_done' }
  | { ok: false; reason: 'rate_limited'; hits: number }
  | { ok: false; reason: 'context_changed' };

const ACTION = 'participatory-budgets.vote';
const RESOURCE = 'participatory-budgets.envelope';

/** What the audit entry says: who, where, how, whether it replaced a ballot. Never the choices. */
function auditDetail(input: CastBallotInput) {
  const channel = input.actor.assistedBy ? 'assisted' : 'online';
  return { edition: input.editionId, envelope: input.envelopeId, channel, ...(input.actor.assistedBy ? { assistedBy: input.actor.assistedBy } : {}) };
}

function choiceArrays(input: CastBallotInput) {
  return {
    ids: input.choices.map((c) => c.proposalId),
    positions: input.choices.map((c) => c.position),
    values: input.choices.map((c) => String(c.value)),
  };
}

// The voter-roll upsert: a paper voter's row is left alone (no row back = already voted on paper).
// Day only, computed by the database in Bogotá's time: an exact time would let someone line
// voters up with ballots. `allowed` gates the whole write (the rate limit, in the fast path).
const upsertVoter = (input: CastBallotInput, now: Date, allowed = sql`true`) => sql`
  INSERT INTO participatory_budgets_voters (edition_id, identity_hash, envelope_id, user_id, channel, voted_on)
  SELECT ${input.editionId}, ${input.identityHash}, ${input.envelopeId}, ${input.actor.userId}::uuid, ${auditDetail(input).channel},
    (${now.toISOString()}::timestamptz AT TIME ZONE 'America/Bogota')::date
  WHERE ${allowed}
  ON CONFLICT (edition_id, identity_hash) DO UPDATE
    SET envelope_id = EXCLUDED.envelope_id, user_id = EXCLUDED.user_id, channel = EXCLUDED.channel, voted_on = EXCLUDED.voted_on
    WHERE participatory_budgets_voters.channel <> 'paper'
  RETURNING (xmax = 0) AS inserted`;

/**
 * Casts or replaces a person's digital ballot: the voter-roll row (its primary key, edition +
 * identity, is what allows one ballot per identity across any number of app processes), the
 * ballot found by its key, replaced with a fresh id and new choices, and the audit entry
 * `participatory-budgets.vote` (actor, envelope, channel, the clerk for assisted votes; never the
 * choices). All or nothing. With `rateLimit`, the request's rate-limit hit is counted in the same
 * statement, and past the limit nothing else is written (`rate_limited`).
 *
 * Fast path: one statement, so one round trip and its own transaction. It is right whenever no
 * other submission of the same person commits while it runs; if one does, the statement cannot
 * silently miss it: the other ballot's choices still point at the id this statement replaces, so
 * the foreign key fails the whole statement (nothing written). That rare loser then takes the
 * locked path (`castBallotLocked`), which waits for the voter row first and so sees everything.
 */
export async function castBallot(db: Db, input: CastBallotInput): Promise<CastBallotResult> {
  const now = input.now ?? new Date();
  const { ids, positions, values } = choiceArrays(input);
  const detail = auditDetail(input);
  const hit = input.rateLimit ?? null;
  try {
    const result = await sql<{ inserted: boolean | null; hits: number | null; unchanged: boolean }>`${sql.raw(PREPARED_MARK)}
      WITH context AS (SELECT ${contextGuard(input, now)} AS unchanged),
      hit AS (${hit ? countHitSql(hit, sql`(SELECT unchanged FROM context)`) : sql`SELECT NULL::integer AS hits`}),
      voter AS (${upsertVoter(input, now, sql`(SELECT unchanged FROM context) AND coalesce((SELECT hits FROM hit), 0) <= ${hit?.rule.max ?? 0}`)}),
      previous AS (SELECT id FROM participatory_budgets_ballots WHERE ballot_key = ${input.ballotKey}),
      cleared AS (DELETE FROM participatory_budgets_ballot_choices WHERE ballot_id IN (SELECT id FROM previous) AND EXISTS (SELECT 1 FROM voter)),
      ballot AS (
        INSERT INTO participatory_budgets_ballots (envelope_id, ballot_key, source) SELECT ${input.envelopeId}, ${input.ballotKey}, 'digital' FROM voter
        ON CONFLICT (ballot_key) DO UPDATE SET id = gen_random_uuid(), envelope_id = EXCLUDED.envelope_id
        RETURNING id),
      chosen AS (
        INSERT INTO participatory_budgets_ballot_choices (ballot_id, proposal_id, position, value)
        SELECT ballot.id, c.proposal_id, c.position, c.value
        FROM ballot, unnest(${ids}::uuid[], ${positions}::integer[], ${values}::numeric[]) AS c(proposal_id, position, value)),
      -- The same entry recordAudit writes (src/core/audit/audit-log.ts), inside this statement.
      audit AS (
        INSERT INTO core_audit_log (actor_id, actor_label, action, resource_type, resource_id, after, request_id)
        SELECT ${input.actor.userId}, ${input.actor.displayName}, ${ACTION}, ${RESOURCE}, ${input.envelopeId},
          ${JSON.stringify(detail)}::jsonb || jsonb_build_object('changed', NOT voter.inserted), ${input.requestId ?? null}
        FROM voter)
      SELECT (SELECT inserted FROM voter) AS inserted, (SELECT hits FROM hit) AS hits, (SELECT unchanged FROM context) AS unchanged`.execute(db);
    const row = result.rows[0]!;
    if (!row.unchanged) return { ok: false, reason: 'context_changed' };
    if (hit && row.hits !== null && row.hits > hit.rule.max) return { ok: false, reason: 'rate_limited', hits: row.hits };
    return row.inserted === null ? { ok: false, reason: 'already_done' } : { ok: true, changed: !row.inserted };
  } catch (error) {
    if (!lostRace(error)) throw error;
    return withTransaction(db, (tx) => castBallotLocked(tx, input));
  }
}

/** The remembered-context check (`input.context`), or plain true when the context was read for this request. */
const contextGuard = (input: CastBallotInput, now: Date) => (input.context ? contextUnchangedSql(input.context.sessionHash, input.context.fingerprint, now) : sql<boolean>`true`);

/** A concurrent submission of the same person committed during the one-statement path. */
const lostRace = (error: unknown) => ['23503', '23505', '40P01', '40001'].includes(String((error as { code?: unknown } | null)?.code));

/**
 * The same, in the caller's transaction, one statement at a time: the voter-roll upsert first
 * locks the person's row until commit, so submissions of the same person queue there and each
 * statement after it sees the one before it committed.
 */
export async function castBallotLocked(tx: Tx, input: CastBallotInput): Promise<CastBallotResult> {
  const now = input.now ?? new Date();
  if (input.context && !(await sql<{ unchanged: boolean }>`SELECT ${contextGuard(input, now)} AS unchanged`.execute(tx)).rows[0]!.unchanged) {
    return { ok: false, reason: 'context_changed' };
  }
  if (input.rateLimit) {
    const hits = Number((await countHitSql(input.rateLimit).execute(tx)).rows[0]!.hits);
    if (hits > input.rateLimit.rule.max) return { ok: false, reason: 'rate_limited', hits };
  }
  const row = (await upsertVoter(input, now).execute(tx)).rows[0] as { inserted: boolean } | undefined;
  if (!row) return { ok: false, reason: 'already_done' };
  const { ids, positions, values } = choiceArrays(input);
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
  await recordAudit(tx, { actor: input.actor, action: ACTION, resourceType: RESOURCE, resourceId: input.envelopeId, after: { ...auditDetail(input), changed }, requestId: input.requestId ?? null });
  return { ok: true, changed };
}
