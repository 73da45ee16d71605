import { sql } from 'kysely';
import type { Executor } from '../../core/db/database.ts';
import { resultScopes, type ResultScope } from './pabulib-edition.ts';
import type { CountingRule, ExecutionStatus } from './participatory-budgets.schema.ts';
import type { ProjectResultDetail } from './results-detail.ts';

export interface ProposalInfo {
  id: string;
  number: number;
  title: string;
  topicCode: string | null;
}

export interface ScopeResult extends ResultScope {
  ballots: number;
  spent: string;
  projects: (ProjectResultDetail & { title: string })[];
}

/** The stored results of an envelope, per scope, with each project's title (empty before publication). */
export async function envelopeResults(db: Executor, envelopeId: string): Promise<ScopeResult[]> {
  const scopes = await resultScopes(db, envelopeId);
  if (scopes.length === 0) return [];
  const rows = await db
    .selectFrom('participatory_budgets_results')
    .select(['sub_envelope_id', 'ballots_count', 'spent'])
    .where('envelope_id', '=', envelopeId)
    .execute();
  const titles = new Map(
    (await db.selectFrom('participatory_budgets_proposals').select(['id', 'title']).where('envelope_id', '=', envelopeId).execute()).map((p) => [p.id, p.title]),
  );
  return scopes.map((scope) => {
    const row = rows.find((r) => r.sub_envelope_id === scope.subEnvelopeId)!;
    return {
      ...scope,
      ballots: row.ballots_count,
      spent: String(row.spent),
      projects: scope.detail.projects.map((p) => ({ ...p, title: titles.get(p.proposalId) ?? `#${p.number}` })),
    };
  });
}

export interface EnvelopeResultSummary {
  envelopeId: string;
  ballots: number;
  winners: number;
  budget: string;
  spent: string;
}

/** Per envelope of an edition: ballots counted, winners and the amount used (summing its scopes). */
export async function editionResultSummaries(db: Executor, editionId: string): Promise<Map<string, EnvelopeResultSummary>> {
  const rows = await db
    .selectFrom('participatory_budgets_results as r')
    .innerJoin('participatory_budgets_envelopes as e', 'e.id', 'r.envelope_id')
    .select([
      'r.envelope_id',
      sql<number>`max(r.ballots_count)`.as('ballots'),
      sql<string>`sum(r.budget)`.as('budget'),
      sql<string>`sum(r.spent)`.as('spent'),
      sql<string>`sum((SELECT count(*) FROM jsonb_array_elements(r.detail->'projects') p WHERE (p->>'selected')::boolean))`.as('winners'),
    ])
    .where('e.edition_id', '=', editionId)
    .groupBy('r.envelope_id')
    .execute();
  return new Map(rows.map((r) => [r.envelope_id, { envelopeId: r.envelope_id, ballots: Number(r.ballots), winners: Number(r.winners), budget: String(r.budget), spent: String(r.spent) }]));
}

export interface ExecutionProject {
  proposalId: string;
  editionId: string;
  editionSlug: string;
  editionYear: number;
  envelopeId: string;
  localidadCode: string | null;
  localidadName: string | null;
  number: number;
  title: string;
  cost: string;
  status: ExecutionStatus;
  progress: number;
  responsibleEntityCode: string | null;
  responsibleEntityName: string | null;
  note: string;
  updatedAt: Date;
}

/**
 * Winning projects in execution, newest edition first, then by localidad and number. Meant for
 * the results pages and for a later commitments module (filter by edition or envelope).
 */
export async function listExecutionProjects(db: Executor, filter: { editionId?: string; envelopeId?: string; proposalId?: string } = {}): Promise<ExecutionProject[]> {
  let query = db
    .selectFrom('participatory_budgets_execution as x')
    .innerJoin('participatory_budgets_proposals as p', 'p.id', 'x.proposal_id')
    .innerJoin('participatory_budgets_editions as ed', 'ed.id', 'p.edition_id')
    .innerJoin('participatory_budgets_envelopes as e', 'e.id', 'p.envelope_id')
    .leftJoin('core_localidades as l', 'l.code', 'e.localidad_code')
    .leftJoin('core_entities as en', 'en.code', 'x.responsible_entity_code')
    .select((eb) => [
      'x.proposal_id',
      'p.edition_id',
      'ed.slug',
      'ed.year',
      'p.envelope_id',
      'e.localidad_code',
      'l.name as localidad_name',
      'p.number',
      'p.title',
      eb.fn.coalesce('p.assessed_cost', 'p.estimated_cost').as('cost'),
      'x.status',
      'x.progress',
      'x.responsible_entity_code',
      'en.name as entity_name',
      'x.note',
      'x.updated_at',
    ]);
  if (filter.editionId) query = query.where('p.edition_id', '=', filter.editionId);
  if (filter.envelopeId) query = query.where('p.envelope_id', '=', filter.envelopeId);
  if (filter.proposalId) query = query.where('x.proposal_id', '=', filter.proposalId);
  const rows = await query.orderBy('ed.voting_close_at', 'desc').orderBy('e.localidad_code').orderBy('p.number').execute();
  return rows.map((r) => ({
    proposalId: r.proposal_id,
    editionId: r.edition_id,
    editionSlug: r.slug,
    editionYear: r.year,
    envelopeId: r.envelope_id,
    localidadCode: r.localidad_code,
    localidadName: r.localidad_name,
    number: r.number,
    title: r.title,
    cost: String(r.cost),
    status: r.status,
    progress: r.progress,
    responsibleEntityCode: r.responsible_entity_code,
    responsibleEntityName: r.entity_name,
    note: r.note,
    updatedAt: r.updated_at,
  }));
}

/** A winning project of an envelope by its public number (null if it has no execution row). */
export async function findExecutionProject(db: Executor, envelopeId: string, number: number): Promise<ExecutionProject | null> {
  const proposal = await db.selectFrom('participatory_budgets_proposals').select('id').where('envelope_id', '=', envelopeId).where('number', '=', number).executeTakeFirst();
  if (!proposal) return null;
  return (await listExecutionProjects(db, { proposalId: proposal.id }))[0] ?? null;
}

export interface PublishedProjectResult {
  editionSlug: string;
  editionYear: number;
  localidadCode: string | null;
  envelopeName: string;
  subEnvelope: string | null;
  countingRule: CountingRule;
  detail: ProjectResultDetail;
  title: string;
}

/** Every project of every published result (open data), by edition, envelope and number. */
export async function listPublishedProjectResults(db: Executor, now = new Date()): Promise<PublishedProjectResult[]> {
  const rows = await db
    .selectFrom('participatory_budgets_results as r')
    .innerJoin('participatory_budgets_envelopes as e', 'e.id', 'r.envelope_id')
    .innerJoin('participatory_budgets_editions as ed', 'ed.id', 'e.edition_id')
    .leftJoin('participatory_budgets_sub_envelopes as s', 's.id', 'r.sub_envelope_id')
    .select(['ed.slug', 'ed.year', 'e.localidad_code', 'e.name as envelope_name', 's.name as sub_name', 'r.counting_rule', 'r.detail', 'e.id as envelope_id'])
    .where('ed.results_published_at', 'is not', null)
    .where('ed.results_published_at', '<=', now)
    .orderBy('ed.voting_close_at', 'desc')
    .orderBy('ed.slug')
    .orderBy('e.localidad_code')
    .orderBy('e.name')
    .execute();
  const envelopeIds = [...new Set(rows.map((r) => r.envelope_id))];
  const titles = new Map<string, string>();
  for (let i = 0; i < envelopeIds.length; i += 500) {
    const proposals = await db.selectFrom('participatory_budgets_proposals').select(['id', 'title']).where('envelope_id', 'in', envelopeIds.slice(i, i + 500)).execute();
    for (const p of proposals) titles.set(p.id, p.title);
  }
  const out: PublishedProjectResult[] = [];
  for (const r of rows) {
    for (const p of (r.detail as { projects: ProjectResultDetail[] }).projects) {
      out.push({
        editionSlug: r.slug,
        editionYear: r.year,
        localidadCode: r.localidad_code,
        envelopeName: r.envelope_name,
        subEnvelope: r.sub_name,
        countingRule: r.counting_rule,
        detail: p,
        title: titles.get(p.proposalId) ?? '',
      });
    }
  }
  return out;
}

export interface PublishedEnvelope {
  editionId: string;
  editionSlug: string;
  editionYear: number;
  envelopeId: string;
  localidadCode: string | null;
  envelopeName: string;
  ballots: number;
}

/** Envelopes of published editions with the ballots counted (open data). */
export async function listPublishedEnvelopes(db: Executor, now = new Date()): Promise<PublishedEnvelope[]> {
  const rows = await db
    .selectFrom('participatory_budgets_envelopes as e')
    .innerJoin('participatory_budgets_editions as ed', 'ed.id', 'e.edition_id')
    .select((eb) => [
      'ed.id as edition_id',
      'ed.slug',
      'ed.year',
      'e.id',
      'e.localidad_code',
      'e.name',
      eb.selectFrom('participatory_budgets_ballots as b').select(sql<string>`count(*)`.as('n')).whereRef('b.envelope_id', '=', 'e.id').as('ballots'),
    ])
    .where('ed.results_published_at', 'is not', null)
    .where('ed.results_published_at', '<=', now)
    .orderBy('ed.voting_close_at', 'desc')
    .orderBy('ed.slug')
    .orderBy('e.localidad_code')
    .orderBy('e.name')
    .execute();
  return rows.map((r) => ({
    editionId: r.edition_id,
    editionSlug: r.slug,
    editionYear: r.year,
    envelopeId: r.id,
    localidadCode: r.localidad_code,
    envelopeName: r.name,
    ballots: Number(r.ballots ?? 0),
  }));
}

/**
 * Figures for the home page: Bogotá's editions (imported Pabulib elections are left out), their
 * proposals (submitted or beyond), and ballots cast (online, assisted and paper).
 */
export async function countForStats(db: Executor): Promise<{ editions: number; proposals: number; ballots: number }> {
  const editions = await db
    .selectFrom('participatory_budgets_editions')
    .select(sql<string>`count(*)`.as('n'))
    .where('pabulib_meta', 'is', null)
    .executeTakeFirstOrThrow();
  const proposals = await db
    .selectFrom('participatory_budgets_proposals as p')
    .innerJoin('participatory_budgets_editions as ed', 'ed.id', 'p.edition_id')
    .select(sql<string>`count(*)`.as('n'))
    .where('ed.pabulib_meta', 'is', null)
    .where('p.status', 'not in', ['draft', 'withdrawn', 'merged'])
    .executeTakeFirstOrThrow();
  const ballots = await db.selectFrom('participatory_budgets_ballots').select(sql<string>`count(*)`.as('n')).where('source', '<>', 'imported').executeTakeFirstOrThrow();
  return { editions: Number(editions.n), proposals: Number(proposals.n), ballots: Number(ballots.n) };
}
