/**
 * From the database to the approval elections the counting rules take: an envelope's candidates
 * and ballots, split into the scopes that are counted separately (sub-envelopes, and the rest).
 *
 * Choices made here (shown on the results page):
 *  - Candidates are the envelope's proposals that passed valuation ('viable', or already
 *    'selected'/'not_selected' once counted); cost = COALESCE(assessed_cost, estimated_cost).
 *  - Every ballot counts, whatever its source (digital, paper, imported). Cumulative, ranking and
 *    wallet ballots count as approval of every project they list: the rules are defined on
 *    approval ballots.
 *  - A sub-envelope is counted with its own amount over all the envelope's ballots, each reduced
 *    to the sub-envelope's projects. Ballots left empty still count as voters, because Equal
 *    Shares divides the amount among everyone who voted in the localidad.
 *  - Proposals without a sub-envelope are counted together with what the sub-envelopes leave of
 *    the envelope's amount (never below zero).
 *  - A project's id in the count (and in the published .pb file) is the proposal's public number,
 *    or the Pabulib id it was imported with. The tie-breaking order compares these ids.
 */
import type { Selectable } from 'kysely';
import type { Executor } from '../../core/db/database.ts';
import type { Database } from '../../core/db/schema.ts';
import type { ProposalStatus } from './participatory-budgets.schema.ts';
import type { ApprovalElection } from './tally/election.ts';
import { Rational } from './tally/rational.ts';

export type SubEnvelopeRow = Selectable<Database['participatory_budgets_sub_envelopes']>;

export interface Candidate {
  proposalId: string;
  number: number;
  pabulibId: string | null;
  title: string;
  /** Exact decimal text (COALESCE(assessed_cost, estimated_cost)). */
  cost: string;
  subEnvelopeId: string | null;
  topicCode: string | null;
  status: ProposalStatus;
  pabulibExtra: Record<string, string> | null;
}

export interface BallotChoice {
  proposalId: string;
  /** Amount (wallet), points (cumulative), rank (ranking), 1 otherwise; exact decimal text. */
  value: string;
}

export interface StoredBallot {
  id: string;
  pabulibVoterId: string | null;
  pabulibExtra: Record<string, string> | null;
  /** In ballot order (position). */
  choices: BallotChoice[];
}

/** A part of an envelope counted on its own: a sub-envelope, or the rest (subEnvelope null). */
export interface CountScope {
  subEnvelope: SubEnvelopeRow | null;
  budget: Rational;
  candidates: Candidate[];
}

export const COUNTED_STATUSES: ProposalStatus[] = ['viable', 'selected', 'not_selected'];

/** The id of a proposal in counts and .pb files. */
export const projectIdOf = (c: Pick<Candidate, 'pabulibId' | 'number'>): string => c.pabulibId ?? String(c.number);

/** The envelope's proposals in the given statuses, by public number. */
export async function loadCandidates(db: Executor, envelopeId: string, statuses: ProposalStatus[] = COUNTED_STATUSES): Promise<Candidate[]> {
  const rows = await db
    .selectFrom('participatory_budgets_proposals')
    .select((eb) => [
      'id',
      'number',
      'pabulib_id',
      'title',
      eb.fn.coalesce('assessed_cost', 'estimated_cost').as('cost'),
      'sub_envelope_id',
      'topic_code',
      'status',
      'pabulib_extra',
    ])
    .where('envelope_id', '=', envelopeId)
    .where('status', 'in', statuses)
    .orderBy('number')
    .execute();
  return rows.map((r) => ({
    proposalId: r.id,
    number: r.number,
    pabulibId: r.pabulib_id,
    title: r.title,
    cost: String(r.cost),
    subEnvelopeId: r.sub_envelope_id,
    topicCode: r.topic_code,
    status: r.status,
    pabulibExtra: r.pabulib_extra,
  }));
}

export async function loadSubEnvelopes(db: Executor, envelopeId: string): Promise<SubEnvelopeRow[]> {
  return db.selectFrom('participatory_budgets_sub_envelopes').selectAll().where('envelope_id', '=', envelopeId).orderBy('kind').orderBy('code').execute();
}

/**
 * Every ballot of the envelope with its choices, ordered by ballot id (a random uuid, so the order
 * says nothing about when a ballot was cast).
 */
export async function loadBallots(db: Executor, envelopeId: string): Promise<StoredBallot[]> {
  const ballots = await db
    .selectFrom('participatory_budgets_ballots')
    .select(['id', 'pabulib_voter_id', 'pabulib_extra'])
    .where('envelope_id', '=', envelopeId)
    .orderBy('id')
    .execute();
  const choices = await db
    .selectFrom('participatory_budgets_ballot_choices as c')
    .innerJoin('participatory_budgets_ballots as b', 'b.id', 'c.ballot_id')
    .select(['c.ballot_id', 'c.proposal_id', 'c.value'])
    .where('b.envelope_id', '=', envelopeId)
    .orderBy('c.ballot_id')
    .orderBy('c.position')
    .execute();
  const byBallot = new Map<string, BallotChoice[]>();
  for (const c of choices) {
    let list = byBallot.get(c.ballot_id);
    if (!list) byBallot.set(c.ballot_id, (list = []));
    list.push({ proposalId: c.proposal_id, value: String(c.value) });
  }
  return ballots.map((b) => ({ id: b.id, pabulibVoterId: b.pabulib_voter_id, pabulibExtra: b.pabulib_extra, choices: byBallot.get(b.id) ?? [] }));
}

/** The scopes of an envelope (see the file comment). */
export function scopesOf(amount: string, subEnvelopes: SubEnvelopeRow[], candidates: Candidate[]): CountScope[] {
  if (subEnvelopes.length === 0) return [{ subEnvelope: null, budget: Rational.parse(amount), candidates }];
  const scopes: CountScope[] = subEnvelopes.map((sub) => ({ subEnvelope: sub, budget: Rational.parse(sub.amount), candidates: candidates.filter((c) => c.subEnvelopeId === sub.id) }));
  const rest = candidates.filter((c) => c.subEnvelopeId === null || !subEnvelopes.some((s) => s.id === c.subEnvelopeId));
  if (rest.length > 0) {
    const left = subEnvelopes.reduce((sum, s) => sum.sub(Rational.parse(s.amount)), Rational.parse(amount));
    scopes.push({ subEnvelope: null, budget: left.sign() < 0 ? Rational.ZERO : left, candidates: rest });
  }
  return scopes;
}

/** The approval election of one scope: its candidates, and every ballot reduced to them. */
export function approvalElectionOf(scope: Pick<CountScope, 'budget' | 'candidates'>, ballots: StoredBallot[]): ApprovalElection {
  const ids = new Map(scope.candidates.map((c) => [c.proposalId, projectIdOf(c)]));
  return {
    budget: scope.budget,
    projects: scope.candidates.map((c) => ({ id: projectIdOf(c), cost: Rational.parse(c.cost) })),
    ballots: ballots.map((b) => b.choices.flatMap((choice) => ids.get(choice.proposalId) ?? [])),
  };
}
