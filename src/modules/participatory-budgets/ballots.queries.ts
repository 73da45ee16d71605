import { sql } from 'kysely';
import { keyedCache } from '../../core/cache/ttl-cache.ts';
import type { Db, Executor } from '../../core/db/database.ts';
import type { Candidate } from './ballot-validation.ts';
import { findEditionBySlug, findEnvelope, type Edition, type Envelope } from './editions.queries.ts';
import { phaseOf } from './phases.ts';

/** The proposals a ballot can choose from: the envelope's viable proposals, by number. */
export async function listCandidates(db: Executor, envelopeId: string): Promise<Candidate[]> {
  const rows = await db
    .selectFrom('participatory_budgets_proposals')
    .select((eb) => ['id', 'number', 'title', eb.fn.coalesce('assessed_cost', 'estimated_cost').as('cost')])
    .where('envelope_id', '=', envelopeId)
    .where('status', '=', 'viable')
    .orderBy('number')
    .execute();
  return rows.map((r) => ({ id: r.id, number: r.number, title: r.title, cost: Number(r.cost) }));
}

/** The keyed hash of the person's current verified identity (what the voter roll is keyed by). */
export async function findIdentityHash(db: Executor, userId: string, now = new Date()): Promise<string | null> {
  const row = await db
    .selectFrom('core_identities')
    .select('identity_hash')
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString() as never)
    .executeTakeFirst();
  return row?.identity_hash ?? null;
}

export interface VoterRecord {
  channel: 'online' | 'assisted' | 'paper';
  envelopeId: string;
  votedOn: string;
  pollingStation: string | null;
}

/** Whether (and how) this identity voted in the edition: the voter roll only, never the ballot. */
export async function findVoter(db: Executor, editionId: string, identityHash: string): Promise<VoterRecord | null> {
  const row = await db
    .selectFrom('participatory_budgets_voters as v')
    .leftJoin('participatory_budgets_paper_tallies as p', 'p.id', 'v.paper_tally_id')
    .select(['v.channel', 'v.envelope_id', 'v.voted_on', 'p.polling_station'])
    .where('v.edition_id', '=', editionId)
    .where('v.identity_hash', '=', identityHash)
    .executeTakeFirst();
  return row ? { channel: row.channel, envelopeId: row.envelope_id, votedOn: row.voted_on, pollingStation: row.polling_station } : null;
}

/**
 * The choices of the digital ballot with this key (only the app can compute it), with proposal
 * numbers, so the person sees the ballot they cast and can change it. Null when there is none.
 */
export async function findBallotChoices(db: Executor, ballotKey: string): Promise<{ envelopeId: string; choices: { number: number; value: number }[] } | null> {
  const ballot = await db.selectFrom('participatory_budgets_ballots').select(['id', 'envelope_id']).where('ballot_key', '=', ballotKey).executeTakeFirst();
  if (!ballot) return null;
  const choices = await db
    .selectFrom('participatory_budgets_ballot_choices as c')
    .innerJoin('participatory_budgets_proposals as p', 'p.id', 'c.proposal_id')
    .select(['p.number', 'c.value'])
    .where('c.ballot_id', '=', ballot.id)
    .orderBy('c.position')
    .execute();
  return { envelopeId: ballot.envelope_id, choices: choices.map((c) => ({ number: c.number, value: Number(c.value) })) };
}

/** Citizens this clerk has an open assisted session with right now (to open their ballot). */
export async function listAssistedCitizens(db: Executor, clerkId: string, now = new Date()): Promise<{ id: string; name: string; expiresAt: Date }[]> {
  const rows = await db
    .selectFrom('core_assisted_sessions as s')
    .innerJoin('core_users as u', 'u.id', 's.citizen_id')
    .select(['u.id', 'u.display_name', 's.expires_at'])
    .where('s.clerk_id', '=', clerkId)
    .where('s.ended_at', 'is', null)
    .where('s.expires_at', '>', now.toISOString() as never)
    .orderBy('s.started_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, expiresAt: r.expires_at }));
}

export interface PaperTallySummary {
  id: string;
  pollingStation: string;
  ballots: number;
  voters: number;
  importedAt: Date;
  importedBy: string | null;
  report: Record<string, unknown>;
}

/** The paper tallies imported for an envelope, newest first. */
export async function listPaperTallies(db: Executor, envelopeId: string): Promise<PaperTallySummary[]> {
  const rows = await db
    .selectFrom('participatory_budgets_paper_tallies as p')
    .leftJoin('core_users as u', 'u.id', 'p.imported_by')
    .select(['p.id', 'p.polling_station', 'p.ballots_count', 'p.voters_count', 'p.imported_at', 'p.report', 'u.display_name'])
    .where('p.envelope_id', '=', envelopeId)
    .orderBy('p.imported_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    pollingStation: r.polling_station,
    ballots: r.ballots_count,
    voters: r.voters_count,
    importedAt: r.imported_at,
    importedBy: r.display_name,
    report: r.report,
  }));
}

/** Counts of the voter roll of an envelope by channel (figures only). */
export async function countVotersByChannel(db: Executor, envelopeId: string): Promise<Record<'online' | 'assisted' | 'paper', number>> {
  const rows = await db
    .selectFrom('participatory_budgets_voters')
    .select(['channel', sql<string>`count(*)`.as('n')])
    .where('envelope_id', '=', envelopeId)
    .groupBy('channel')
    .execute();
  const counts = { online: 0, assisted: 0, paper: 0 };
  for (const r of rows) counts[r.channel] = Number(r.n);
  return counts;
}

/**
 * How long an edition, an envelope and its candidate list may be served from memory. Nothing in
 * them changes while a ballot is open except by an administrator (valuation closes when voting
 * opens), and the phase is recomputed from the dates on every request, so the window still
 * closes to the second; an administrator's edit reaches every process within this time.
 */
export const VOTING_LOOKUP_TTL_MS = 5000;

export interface VotingLookups {
  edition(slug: string, now?: Date): Promise<Edition | null>;
  envelope(editionId: string, key: string): Promise<Envelope | null>;
  candidates(envelopeId: string): Promise<Candidate[]>;
}

/** Per-app cached lookups for the ballot's hot path (one set per app, so per database). */
export function createVotingLookups(db: Db, ttlMs = VOTING_LOOKUP_TTL_MS): VotingLookups {
  const editions = keyedCache(ttlMs, 200, (slug) => findEditionBySlug(db, slug));
  const envelopes = keyedCache(ttlMs, 2000, (key) => {
    const [editionId, envelopeKey] = key.split('|') as [string, string];
    return findEnvelope(db, editionId, envelopeKey);
  });
  const candidates = keyedCache(ttlMs, 2000, (envelopeId) => listCandidates(db, envelopeId));
  return {
    async edition(slug, now = new Date()) {
      const edition = await editions(slug);
      return edition ? { ...edition, phase: phaseOf(edition, now) } : null;
    },
    envelope: (editionId, key) => envelopes(`${editionId}|${key}`),
    candidates,
  };
}
