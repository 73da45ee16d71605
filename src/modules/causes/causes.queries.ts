import { sql, type SqlBool, type ExpressionBuilder } from 'kysely';
import { buildThread, type ThreadComment } from '../../core/comments/thread.ts';
import type { Executor } from '../../core/db/database.ts';
import type { Database } from '../../core/db/schema.ts';
import { bogotaDay } from '../../core/i18n/i18n.ts';
import { searchRef } from './commands/index-cause.ts';
import { effectiveState, isOverdue, type CauseState } from './states.ts';

export const PAGE_SIZE = 20;
export const SORTS = ['relevancia', 'apoyos', 'recientes', 'cierre'] as const;
export type Sort = (typeof SORTS)[number];
/** States a visitor can filter on (effective states; hidden and draft never listed). */
export const LIST_STATES = ['published', 'threshold_reached', 'in_response', 'answered', 'expired', 'withdrawn'] as const;
export type ListState = (typeof LIST_STATES)[number];

export interface ListFilters {
  localidad?: string;
  /** 'ciudad': causes about the whole city. */
  topic?: string;
  state?: ListState;
  entity?: string;
  overdue?: boolean;
  q?: string;
  sort?: Sort;
  page?: number;
}

export interface CauseSummary {
  id: string;
  title: string;
  localidad_code: string | null;
  localidad_name: string | null;
  topic_code: string;
  state: CauseState;
  supports_count: number;
  threshold: number;
  published_at: Date;
  deadline_at: Date;
  answer_due_on: string | null;
  answered_at: Date | null;
  target_entity_code: string | null;
  entity_name: string | null;
  overdue: boolean;
}

type Eb = ExpressionBuilder<Database & { c: Database['causes_causes'] }, 'c'>;

/** The effective-state condition in SQL (expiry computed on read, as `effectiveState` does). */
function stateCondition(eb: Eb, state: ListState, now: Date) {
  const at = now.toISOString();
  if (state === 'published') return eb.and([eb('c.state', '=', 'published'), eb('c.deadline_at', '>', at as never)]);
  if (state === 'expired') return eb.or([eb('c.state', '=', 'expired'), eb.and([eb('c.state', '=', 'published'), eb('c.deadline_at', '<=', at as never)])]);
  return eb('c.state', '=', state);
}

const overdueCondition = (eb: Eb, now: Date) => eb.and([eb('c.state', 'in', ['threshold_reached', 'in_response']), eb('c.answer_due_on', '<', bogotaDay(now))]);

/** Public causes with filters, sort and pages; full-text search through the core index. */
export async function listCauses(db: Executor, filters: ListFilters, now: Date = new Date()): Promise<{ total: number; rows: CauseSummary[]; page: number; pageCount: number }> {
  const q = filters.q?.trim().slice(0, 200) ?? '';
  const tsQuery = sql`websearch_to_tsquery('spanish', core_unaccent(${q}))`;
  let base = db
    .selectFrom('causes_causes as c')
    .leftJoin('core_localidades as l', 'l.code', 'c.localidad_code')
    .leftJoin('core_entities as e', 'e.code', 'c.target_entity_code')
    .where('c.published_at', 'is not', null)
    .where('c.state', '!=', 'hidden');
  if (q) {
    base = base
      .innerJoin('core_search_documents as sd', (join) =>
        join
          .on('sd.module', '=', 'causes')
          .on('sd.locale', '=', 'es')
          .on(sql<SqlBool>`sd.ref = 'cause:' || c.id::text`),
      )
      .where(sql<SqlBool>`sd.document @@ ${tsQuery}`);
  }
  if (filters.localidad === 'ciudad') base = base.where('c.localidad_code', 'is', null);
  else if (filters.localidad) base = base.where('c.localidad_code', '=', filters.localidad);
  if (filters.topic) base = base.where('c.topic_code', '=', filters.topic);
  if (filters.entity) base = base.where('c.target_entity_code', '=', filters.entity);
  if (filters.state) base = base.where((eb) => stateCondition(eb as unknown as Eb, filters.state!, now));
  else base = base.where('c.state', '!=', 'withdrawn');
  if (filters.overdue) base = base.where((eb) => overdueCondition(eb as unknown as Eb, now));

  const totalRow = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const total = Number(totalRow.n);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);
  const sort = filters.sort ?? (q ? 'relevancia' : 'recientes');
  let query = base.select([
    'c.id',
    'c.title',
    'c.localidad_code',
    'l.name as localidad_name',
    'c.topic_code',
    'c.state',
    'c.supports_count',
    'c.threshold',
    'c.published_at',
    'c.deadline_at',
    'c.answer_due_on',
    'c.answered_at',
    'c.target_entity_code',
    'e.name as entity_name',
  ]);
  const at = now.toISOString();
  if (sort === 'apoyos') query = query.orderBy('c.supports_count', 'desc');
  else if (sort === 'cierre') {
    // Still collecting first, soonest deadline first; then everything else, newest first.
    query = query.orderBy(sql`CASE WHEN c.state IN ('published', 'threshold_reached') AND c.deadline_at > ${at} THEN 0 ELSE 1 END`).orderBy(sql`CASE WHEN c.state IN ('published', 'threshold_reached') AND c.deadline_at > ${at} THEN c.deadline_at END`);
  } else if (sort === 'relevancia' && q) query = query.orderBy(sql`ts_rank(sd.document, ${tsQuery})`, 'desc');
  query = query.orderBy('c.published_at', 'desc').orderBy('c.id');
  const rows = await query
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return {
    total,
    page,
    pageCount,
    rows: rows.map((r) => {
      const state = effectiveState({ state: r.state, deadline_at: r.deadline_at }, now);
      return { ...r, state, published_at: r.published_at!, deadline_at: r.deadline_at!, overdue: isOverdue({ state, answer_due_on: r.answer_due_on }, now) };
    }),
  };
}

export interface CauseDetail {
  id: string;
  title: string;
  problem: string;
  evidence: string;
  author_id: string;
  author_name: string;
  localidad_code: string | null;
  localidad_name: string | null;
  topic_code: string;
  target_entity_code: string | null;
  entity_name: string | null;
  /** Effective state (expiry computed on read). */
  state: CauseState;
  stored_state: CauseState;
  threshold: number;
  support_days: number;
  answer_term_business_days: number;
  supports_count: number;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
  deadline_at: Date | null;
  threshold_reached_at: Date | null;
  answer_due_on: string | null;
  acknowledged_at: Date | null;
  answered_at: Date | null;
  closed_at: Date | null;
  hidden_reason: string | null;
  overdue: boolean;
}

/** One cause with the names of its author, localidad and entity; undefined if it does not exist. */
export async function findCause(db: Executor, id: string, now: Date = new Date()): Promise<CauseDetail | undefined> {
  const row = await db
    .selectFrom('causes_causes as c')
    .innerJoin('core_users as u', 'u.id', 'c.author_id')
    .leftJoin('core_localidades as l', 'l.code', 'c.localidad_code')
    .leftJoin('core_entities as e', 'e.code', 'c.target_entity_code')
    .selectAll('c')
    .select(['u.display_name as author_name', 'u.deleted_at as author_deleted', 'l.name as localidad_name', 'e.name as entity_name'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const state = effectiveState(row, now);
  const { author_deleted, ...rest } = row;
  return { ...rest, author_name: author_deleted ? '' : row.author_name, stored_state: row.state, state, overdue: isOverdue({ state, answer_due_on: row.answer_due_on }, now) };
}

export interface CauseFile {
  file_id: string;
  purpose: 'evidence' | 'answer';
  original_name: string;
  media_type: string;
  size_bytes: string;
}

export const listFiles = (db: Executor, causeId: string): Promise<CauseFile[]> =>
  db
    .selectFrom('causes_files as cf')
    .innerJoin('core_files as f', 'f.id', 'cf.file_id')
    .select(['cf.file_id', 'cf.purpose', 'f.original_name', 'f.media_type', 'f.size_bytes'])
    .where('cf.cause_id', '=', causeId)
    .orderBy('cf.position')
    .execute();

export const listEvidenceLinks = async (db: Executor, causeId: string): Promise<string[]> =>
  (await db.selectFrom('causes_evidence_links').select('url').where('cause_id', '=', causeId).orderBy('position').execute()).map((r) => r.url);

export const findAnswer = (db: Executor, causeId: string) =>
  db
    .selectFrom('causes_answers as a')
    .innerJoin('core_entities as e', 'e.code', 'a.entity_code')
    .select(['a.body', 'a.answered_at', 'a.entity_code', 'e.name as entity_name'])
    .where('a.cause_id', '=', causeId)
    .executeTakeFirst();

export const listLinks = (db: Executor, causeId: string) =>
  db.selectFrom('causes_links').select(['id', 'kind', 'url', 'title', 'created_at']).where('cause_id', '=', causeId).orderBy('created_at').orderBy('id').execute();

export interface TimelineEntry {
  id: string;
  kind: 'created' | 'state' | 'update' | 'link';
  from_state: CauseState | null;
  to_state: CauseState | null;
  body: string;
  occurred_at: Date;
}

/** The public timeline, oldest first. Who did what is not shown: the state and the text say it. */
export async function listTimeline(db: Executor, causeId: string): Promise<TimelineEntry[]> {
  const rows = await db.selectFrom('causes_events').select(['id', 'kind', 'from_state', 'to_state', 'body', 'occurred_at']).where('cause_id', '=', causeId).orderBy('occurred_at').orderBy('id').execute();
  return rows.map((r) => ({ ...r, from_state: r.from_state as CauseState | null, to_state: r.to_state as CauseState | null }));
}

/** A comment of a cause with its replies (the core thread shape). */
export type CauseComment = ThreadComment;

/** Comments with their replies, oldest first; hidden ones keep their place and show the reason only. */
export async function listComments(db: Executor, causeId: string): Promise<CauseComment[]> {
  const rows = await db
    .selectFrom('causes_comments as c')
    .innerJoin('core_users as u', 'u.id', 'c.author_id')
    .select([
      'c.id',
      'c.parent_id',
      'c.body',
      'c.created_at',
      'c.hidden_reason',
      'u.display_name',
      'u.deleted_at',
      (eb) => eb.selectFrom('causes_comment_reports as r').select((e) => e.fn.countAll<string>().as('n')).whereRef('r.comment_id', '=', 'c.id').as('reports'),
    ])
    .where('c.cause_id', '=', causeId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return buildThread(rows);
}

/** Does the person support (through their identity, or this account) and follow the cause? */
export async function viewerStatus(db: Executor, causeId: string, userId: string): Promise<{ supports: boolean; follows: boolean }> {
  const [support, follow] = await Promise.all([
    db
      .selectFrom('causes_supports as s')
      .leftJoin('core_identities as i', 'i.identity_hash', 's.identity_hash')
      .select('s.cause_id')
      .where('s.cause_id', '=', causeId)
      .where((eb) => eb.or([eb('s.user_id', '=', userId), eb('i.user_id', '=', userId)]))
      .executeTakeFirst(),
    db.selectFrom('causes_follows').select('cause_id').where('cause_id', '=', causeId).where('user_id', '=', userId).executeTakeFirst(),
  ]);
  return { supports: Boolean(support), follows: Boolean(follow) };
}

/** Citizens this clerk has an open assisted session with right now (to support for them). */
export async function listAssistedCitizens(db: Executor, clerkId: string, now = new Date()): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .selectFrom('core_assisted_sessions as s')
    .innerJoin('core_users as u', 'u.id', 's.citizen_id')
    .select(['u.id', 'u.display_name'])
    .where('s.clerk_id', '=', clerkId)
    .where('s.ended_at', 'is', null)
    .where('s.expires_at', '>', now.toISOString() as never)
    .orderBy('s.started_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}

/** The person's own causes (drafts included), newest first. */
export const listOwnCauses = (db: Executor, userId: string) =>
  db.selectFrom('causes_causes').select(['id', 'title', 'state', 'deadline_at', 'supports_count', 'threshold']).where('author_id', '=', userId).orderBy('created_at', 'desc').limit(50).execute();

/** What the moderators' queue shows: reported comments and causes not hidden yet, most reported first. */
export async function moderationQueue(db: Executor) {
  const comments = await db
    .selectFrom('causes_comment_reports as r')
    .innerJoin('causes_comments as c', 'c.id', 'r.comment_id')
    .innerJoin('causes_causes as k', 'k.id', 'c.cause_id')
    .select(['c.id', 'c.cause_id', 'c.body', 'k.title as cause_title', (eb) => eb.fn.countAll<string>().as('reports'), sql<string>`string_agg(r.reason, ' · ' ORDER BY r.created_at)`.as('reasons')])
    .where('c.hidden_at', 'is', null)
    .groupBy(['c.id', 'c.cause_id', 'c.body', 'k.title'])
    .orderBy(sql`count(*)`, 'desc')
    .limit(100)
    .execute();
  const causes = await db
    .selectFrom('causes_cause_reports as r')
    .innerJoin('causes_causes as k', 'k.id', 'r.cause_id')
    .select(['k.id', 'k.title', (eb) => eb.fn.countAll<string>().as('reports'), sql<string>`string_agg(r.reason, ' · ' ORDER BY r.created_at)`.as('reasons')])
    .where('k.state', '!=', 'hidden')
    .groupBy(['k.id', 'k.title'])
    .orderBy(sql`count(*)`, 'desc')
    .limit(100)
    .execute();
  return { comments: comments.map((c) => ({ ...c, reports: Number(c.reports) })), causes: causes.map((c) => ({ ...c, reports: Number(c.reports) })) };
}

/** Localidades and entities for the form's selects and the list's filters. */
export async function referenceOptions(db: Executor) {
  const [localidades, entities] = await Promise.all([
    db.selectFrom('core_localidades').select(['code', 'name']).orderBy('number').execute(),
    db.selectFrom('core_entities').select(['code', 'name', 'acronym']).orderBy('name').execute(),
  ]);
  return { localidades, entities };
}
export type ReferenceOptions = Awaited<ReturnType<typeof referenceOptions>>;

export { searchRef };
