import { sql } from 'kysely';
import type { Executor } from '../../../core/db/database.ts';
import { REQUEST_STATUSES, type RequestStatus } from '../open-data.schema.ts';

export const REQUEST_SORTS = ['votos', 'recientes'] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];
export const REQUESTS_PAGE_SIZE = 20;

export interface RequestFilters {
  q?: string;
  status?: RequestStatus;
  entity?: string;
  sort?: RequestSort;
  page?: number;
}

/** Filters from the query string; anything unknown is ignored rather than refused (links get mangled). */
export function parseRequestFilters(query: Record<string, unknown>, entities: ReadonlySet<string>): RequestFilters {
  const text = (k: string) => (typeof query[k] === 'string' ? (query[k] as string) : '');
  const filters: RequestFilters = {};
  const q = text('q').trim();
  if (q) filters.q = q.slice(0, 200);
  if ((REQUEST_STATUSES as readonly string[]).includes(text('estado'))) filters.status = text('estado') as RequestStatus;
  if (entities.has(text('entidad'))) filters.entity = text('entidad');
  if ((REQUEST_SORTS as readonly string[]).includes(text('orden'))) filters.sort = text('orden') as RequestSort;
  const page = Number(text('pagina'));
  if (Number.isInteger(page) && page > 1 && page <= 1000) filters.page = page;
  return filters;
}

export interface RequestSummary {
  id: string;
  title: string;
  status: RequestStatus;
  entity_name: string | null;
  vote_count: number;
  created_at: Date;
}

/** `%`, `_` and `\` typed by a visitor are text, not LIKE patterns. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of requests with the filters, by votes (then newest) or newest first. */
export async function listRequests(db: Executor, filters: RequestFilters): Promise<{ rows: RequestSummary[]; total: number; page: number; pageCount: number }> {
  let query = db.selectFrom('open_data_requests as r').leftJoin('core_entities as e', 'e.code', 'r.entity_code');
  if (filters.status) query = query.where('r.status', '=', filters.status);
  if (filters.entity) query = query.where('r.entity_code', '=', filters.entity);
  // Every word must appear in the title or description; accents and case do not matter
  // ("policia" finds "Policía").
  for (const word of (filters.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
    query = query.where(sql<boolean>`core_unaccent(r.title || ' ' || r.description) ILIKE core_unaccent(${likePattern(word)})`);
  }
  const { n } = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  const pageCount = Math.max(1, Math.ceil(total / REQUESTS_PAGE_SIZE));
  const page = Math.min(filters.page ?? 1, pageCount);
  let ordered = query.select(['r.id', 'r.title', 'r.status', 'e.name as entity_name', 'r.vote_count', 'r.created_at']);
  ordered = filters.sort === 'recientes' ? ordered.orderBy('r.created_at', 'desc') : ordered.orderBy('r.vote_count', 'desc').orderBy('r.created_at', 'desc');
  const rows = await ordered.orderBy('r.id').limit(REQUESTS_PAGE_SIZE).offset((page - 1) * REQUESTS_PAGE_SIZE).execute();
  return { rows, total, page, pageCount };
}

export interface RequestDetail extends RequestSummary {
  description: string;
  purpose: string;
  entity_code: string | null;
  localidad_name: string | null;
  author_name: string | null;
  answer: string | null;
  answered_at: Date | null;
  dataset_name: string | null;
  dataset_title: string | null;
}

export async function findRequest(db: Executor, id: string): Promise<RequestDetail | undefined> {
  return db
    .selectFrom('open_data_requests as r')
    .leftJoin('core_entities as e', 'e.code', 'r.entity_code')
    .leftJoin('core_localidades as l', 'l.code', 'r.localidad_code')
    .leftJoin('core_users as u', 'u.id', 'r.author_id')
    .leftJoin('open_data_datasets as d', (j) => j.onRef('d.id', '=', 'r.dataset_id').on('d.state', '=', 'active').on('d.private', '=', false))
    .select([
      'r.id',
      'r.title',
      'r.status',
      'r.description',
      'r.purpose',
      'r.entity_code',
      'e.name as entity_name',
      'l.name as localidad_name',
      // A deleted account leaves no name behind.
      sql<string | null>`CASE WHEN u.deleted_at IS NULL THEN u.display_name END`.as('author_name'),
      'r.vote_count',
      'r.created_at',
      'r.answer',
      'r.answered_at',
      'd.name as dataset_name',
      'd.title as dataset_title',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export async function hasVoted(db: Executor, requestId: string, userId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('open_data_request_votes').select('user_id').where('request_id', '=', requestId).where('user_id', '=', userId).executeTakeFirst());
}

/** Requests a dataset answered (shown on its page). */
export function requestsAnsweredBy(db: Executor, datasetId: string) {
  return db.selectFrom('open_data_requests').select(['id', 'title', 'vote_count', 'answered_at']).where('dataset_id', '=', datasetId).where('status', '=', 'published').orderBy('answered_at', 'desc').limit(50).execute();
}

/** Entities and localidades for the form and the filters, by name. */
export async function requestOptions(db: Executor) {
  const [entities, localidades] = await Promise.all([
    db.selectFrom('core_entities').select(['code', 'name']).orderBy('name').execute(),
    db.selectFrom('core_localidades').select(['code', 'name']).orderBy('number').execute(),
  ]);
  return { entities, localidades };
}
