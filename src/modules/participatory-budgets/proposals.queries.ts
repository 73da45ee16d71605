import { sql, type Selectable } from 'kysely';
import { buildThread, type ThreadComment } from '../../core/comments/thread.ts';
import type { Executor } from '../../core/db/database.ts';
import type { Database } from '../../core/db/schema.ts';
import type { SearchDocumentInput } from '../../core/search/search.ts';
import { editionPath, envelopePath, type EditionRow, type Envelope } from './editions.queries.ts';
import type { ProposalStatus } from './participatory-budgets.schema.ts';

export type ProposalRow = Selectable<Database['participatory_budgets_proposals']>;
export type SubEnvelopeRow = Selectable<Database['participatory_budgets_sub_envelopes']>;

/** Statuses anyone may see; drafts are only for their authors. */
export const PUBLIC_STATUSES = ['submitted', 'viable', 'not_viable', 'merged', 'withdrawn', 'selected', 'not_selected'] as const satisfies readonly ProposalStatus[];
/** What a localidad's list shows unless the visitor filters by status. */
export const LISTED_STATUSES = ['submitted', 'viable', 'not_viable', 'selected', 'not_selected'] as const satisfies readonly ProposalStatus[];
/** Proposals whose text and cost their authors may still change (valuation freezes them). */
export const EDITABLE_STATUSES: readonly ProposalStatus[] = ['draft', 'submitted'];
/** Proposals people may support, follow and comment on. */
export const OPEN_STATUSES: readonly ProposalStatus[] = ['submitted', 'viable', 'not_viable', 'selected', 'not_selected'];

export const PROPOSAL_SORTS = ['apoyos', 'recientes', 'costo'] as const;
export type ProposalSort = (typeof PROPOSAL_SORTS)[number];

export const proposalPath = (edition: Pick<EditionRow, 'slug'>, number: number) => `${editionPath(edition)}/propuestas/${number}`;
/** The execution project of a winning proposal (same number as the proposal). */
export const executionPath = (edition: Pick<EditionRow, 'slug'>, envelope: Parameters<typeof envelopePath>[1], number: number) => `${envelopePath(edition, envelope)}/ejecucion/${number}`;

/** Cost the ballot and the count use: the assessed one once set. */
export const ballotCost = (p: Pick<ProposalRow, 'assessed_cost' | 'estimated_cost'>) => p.assessed_cost ?? p.estimated_cost;

export interface ReferenceOptions {
  topics: { code: string; name: string }[];
  goals: { code: string; name: string; topic_code: string; concept_code: string | null }[];
  concepts: { code: string; name: string; line_code: string }[];
}

export async function referenceOptions(db: Executor): Promise<ReferenceOptions> {
  const [topics, goals, concepts] = await Promise.all([
    db.selectFrom('participatory_budgets_topics').select(['code', 'name']).orderBy('position').orderBy('code').execute(),
    db.selectFrom('participatory_budgets_plan_goals').select(['code', 'name', 'topic_code', 'concept_code']).orderBy('position').orderBy('code').execute(),
    db.selectFrom('participatory_budgets_spending_concepts').select(['code', 'name', 'line_code']).orderBy('position').orderBy('code').execute(),
  ]);
  return { topics, goals, concepts };
}

export async function listSubEnvelopes(db: Executor, envelopeId: string): Promise<SubEnvelopeRow[]> {
  return db.selectFrom('participatory_budgets_sub_envelopes').selectAll().where('envelope_id', '=', envelopeId).orderBy('kind').orderBy('name').execute();
}

/** One proposal with the names of what it refers to, as its page shows it. */
export interface ProposalDetail extends ProposalRow {
  topic_name: string | null;
  goal_name: string | null;
  concept_name: string | null;
  sub_envelope_name: string | null;
  sub_envelope_amount: string | null;
  image_sha256: string | null;
  image_media_type: string | null;
  merged_into_number: number | null;
  merged_into_title: string | null;
  supports: number;
}

export async function findProposalByNumber(db: Executor, editionId: string, number: number): Promise<ProposalDetail | null> {
  const row = await db
    .selectFrom('participatory_budgets_proposals as p')
    .leftJoin('participatory_budgets_topics as t', 't.code', 'p.topic_code')
    .leftJoin('participatory_budgets_plan_goals as g', 'g.code', 'p.goal_code')
    .leftJoin('participatory_budgets_spending_concepts as c', 'c.code', 'p.concept_code')
    .leftJoin('participatory_budgets_sub_envelopes as s', 's.id', 'p.sub_envelope_id')
    .leftJoin('core_files as f', 'f.id', 'p.image_file_id')
    .leftJoin('participatory_budgets_proposals as m', 'm.id', 'p.merged_into')
    .selectAll('p')
    .select((eb) => [
      't.name as topic_name',
      'g.name as goal_name',
      'c.name as concept_name',
      's.name as sub_envelope_name',
      's.amount as sub_envelope_amount',
      'f.sha256 as image_sha256',
      'f.media_type as image_media_type',
      'm.number as merged_into_number',
      'm.title as merged_into_title',
      eb.selectFrom('participatory_budgets_supports as su').select(eb.fn.countAll<string>().as('n')).whereRef('su.proposal_id', '=', 'p.id').as('supports'),
    ])
    .where('p.edition_id', '=', editionId)
    .where('p.number', '=', number)
    .executeTakeFirst();
  return row ? { ...row, supports: Number(row.supports ?? 0) } : null;
}

export interface ProposalAuthor {
  user_id: string;
  display_name: string;
  role: 'author' | 'coauthor';
}

export async function listAuthors(db: Executor, proposalId: string): Promise<ProposalAuthor[]> {
  return db
    .selectFrom('participatory_budgets_proposal_authors as a')
    .innerJoin('core_users as u', 'u.id', 'a.user_id')
    .select(['a.user_id', 'u.display_name', 'a.role'])
    .where('a.proposal_id', '=', proposalId)
    .orderBy(sql`a.role = 'author'`, 'desc')
    .orderBy('a.added_at')
    .orderBy('u.display_name')
    .execute();
}

export async function isSupporter(db: Executor, proposalId: string, userId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('participatory_budgets_supports').select('user_id').where('proposal_id', '=', proposalId).where('user_id', '=', userId).executeTakeFirst());
}

export async function isFollower(db: Executor, proposalId: string, userId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('participatory_budgets_follows').select('user_id').where('proposal_id', '=', proposalId).where('user_id', '=', userId).executeTakeFirst());
}

/** A comment of a proposal, as the core thread shows it (proposals have no comment reports). */
export type ProposalComment = ThreadComment;

/** Comments oldest first, replies under their comment (one level). Hidden bodies are not loaded. */
export async function listComments(db: Executor, proposalId: string): Promise<ProposalComment[]> {
  const rows = await db
    .selectFrom('participatory_budgets_comments as c')
    .innerJoin('core_users as u', 'u.id', 'c.author_id')
    .select(['c.id', 'c.parent_id', sql<string>`CASE WHEN c.hidden_at IS NULL THEN c.body ELSE '' END`.as('body'), 'c.created_at', 'c.hidden_reason', 'u.display_name', 'u.deleted_at'])
    .where('c.proposal_id', '=', proposalId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return buildThread(rows.map((r) => ({ ...r, reports: null })));
}

export interface ProposalListItem {
  id: string;
  number: number;
  title: string;
  status: ProposalStatus;
  topic_name: string | null;
  estimated_cost: string;
  assessed_cost: string | null;
  supports: number;
  created_at: Date;
}

export interface ProposalFilters {
  q?: string;
  topic?: string;
  status?: ProposalStatus;
  sort?: ProposalSort;
  page?: number;
  pageSize?: number;
}

/** `%`, `_` and `\` typed by a person are literal characters, not patterns. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A localidad's public proposals, filtered, sorted and paginated. */
export async function listProposals(db: Executor, envelopeId: string, filters: ProposalFilters): Promise<{ total: number; items: ProposalListItem[] }> {
  let base = db.selectFrom('participatory_budgets_proposals as p').where('p.envelope_id', '=', envelopeId);
  base = filters.status ? base.where('p.status', '=', filters.status) : base.where('p.status', 'in', LISTED_STATUSES);
  if (filters.topic) base = base.where('p.topic_code', '=', filters.topic);
  const q = filters.q?.trim();
  if (q) {
    const pattern = likePattern(q);
    // Accent- and case-insensitive, as people type ("via" finds "Vía").
    base = base.where((eb) =>
      eb.or([sql<boolean>`core_unaccent(p.title) ILIKE core_unaccent(${pattern})`, sql<boolean>`core_unaccent(p.description) ILIKE core_unaccent(${pattern})`]),
    );
  }
  const total = Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const pageSize = filters.pageSize ?? 20;
  const supports = sql<string>`(SELECT count(*) FROM participatory_budgets_supports s WHERE s.proposal_id = p.id)`;
  let query = base
    .leftJoin('participatory_budgets_topics as t', 't.code', 'p.topic_code')
    .select(['p.id', 'p.number', 'p.title', 'p.status', 't.name as topic_name', 'p.estimated_cost', 'p.assessed_cost', 'p.created_at', supports.as('supports')]);
  const sort = filters.sort ?? 'apoyos';
  if (sort === 'apoyos') query = query.orderBy(supports, 'desc').orderBy('p.number');
  else if (sort === 'recientes') query = query.orderBy(sql`COALESCE(p.submitted_at, p.created_at)`, 'desc').orderBy('p.number', 'desc');
  else query = query.orderBy(sql`COALESCE(p.assessed_cost, p.estimated_cost)`).orderBy('p.number');
  const rows = await query
    .limit(pageSize)
    .offset(((filters.page ?? 1) - 1) * pageSize)
    .execute();
  return { total, items: rows.map((r) => ({ ...r, supports: Number(r.supports) })) };
}

/** The drafts (and submitted proposals) this person authors or co-authors in an envelope. */
export async function listOwnProposals(db: Executor, envelopeId: string, userId: string): Promise<{ number: number; title: string; status: ProposalStatus }[]> {
  return db
    .selectFrom('participatory_budgets_proposals as p')
    .innerJoin('participatory_budgets_proposal_authors as a', 'a.proposal_id', 'p.id')
    .select(['p.number', 'p.title', 'p.status'])
    .where('p.envelope_id', '=', envelopeId)
    .where('a.user_id', '=', userId)
    .orderBy('p.number')
    .execute();
}

export interface QueueItem {
  number: number;
  title: string;
  status: ProposalStatus;
  estimated_cost: string;
  assessed_cost: string | null;
  supports: number;
  created_at: Date;
}

/** Proposals a valuator of the envelope works on: waiting ones first, then those already decided. */
export async function valuationQueue(db: Executor, envelopeId: string): Promise<{ pending: QueueItem[]; decided: QueueItem[] }> {
  const rows = await db
    .selectFrom('participatory_budgets_proposals as p')
    .select([
      'p.number',
      'p.title',
      'p.status',
      'p.estimated_cost',
      'p.assessed_cost',
      'p.created_at',
      sql<string>`(SELECT count(*) FROM participatory_budgets_supports s WHERE s.proposal_id = p.id)`.as('supports'),
    ])
    .where('p.envelope_id', '=', envelopeId)
    .where('p.status', 'in', ['submitted', 'viable', 'not_viable', 'merged'])
    .orderBy('p.number')
    .execute();
  const items = rows.map((r) => ({ ...r, supports: Number(r.supports) }));
  return { pending: items.filter((i) => i.status === 'submitted'), decided: items.filter((i) => i.status !== 'submitted') };
}

/** The search document of a public proposal (the shared index finds it by title and text). */
export function proposalSearchDocument(
  edition: Pick<EditionRow, 'slug' | 'title'>,
  envelope: Pick<Envelope, 'localidad_code' | 'localidad_name' | 'name'>,
  proposal: Pick<ProposalRow, 'id' | 'number' | 'title' | 'description' | 'activities' | 'keywords' | 'location_label'>,
): SearchDocumentInput {
  return {
    module: 'participatory-budgets',
    ref: `proposal:${proposal.id}`,
    title: `#${proposal.number} ${proposal.title}`,
    body: [proposal.description, proposal.activities, proposal.location_label, proposal.keywords, `${edition.title} — ${envelope.localidad_name ?? envelope.name}`].filter(Boolean).join('\n'),
    url: proposalPath(edition, proposal.number),
    localidadCode: envelope.localidad_code,
  };
}

/** Which proposals are in the search index: every public one except merged and withdrawn. */
export const SEARCHABLE_STATUSES: readonly ProposalStatus[] = ['submitted', 'viable', 'not_viable', 'selected', 'not_selected'];

/** Every proposal search document, for a full reindex (manifest `searchDocuments`). */
export async function proposalSearchDocuments(db: Executor): Promise<SearchDocumentInput[]> {
  const rows = await db
    .selectFrom('participatory_budgets_proposals as p')
    .innerJoin('participatory_budgets_editions as ed', 'ed.id', 'p.edition_id')
    .innerJoin('participatory_budgets_envelopes as e', 'e.id', 'p.envelope_id')
    .leftJoin('core_localidades as l', 'l.code', 'e.localidad_code')
    .select(['p.id', 'p.number', 'p.title', 'p.description', 'p.activities', 'p.keywords', 'p.location_label', 'ed.slug', 'ed.title as edition_title', 'e.localidad_code', 'l.name as localidad_name', 'e.name'])
    .where('p.status', 'in', SEARCHABLE_STATUSES)
    .orderBy('ed.slug')
    .orderBy('p.number')
    .execute();
  return rows.map((r) => proposalSearchDocument({ slug: r.slug, title: r.edition_title }, r, r));
}
