import { sql } from 'kysely';
import type { Executor } from '../../../core/db/database.ts';
import type { ReuseKind } from '../open-data.schema.ts';

export const REUSES_PAGE_SIZE = 20;

export interface ReuseSummary {
  id: string;
  title: string;
  kind: ReuseKind;
  url: string;
  created_at: Date;
  has_image: boolean;
}

const summary = ['r.id', 'r.title', 'r.kind', 'r.url', 'r.created_at', sql<boolean>`r.image_file_id IS NOT NULL`.as('has_image')] as const;

/** Visible reuses, newest first, optionally of one kind. Hidden ones never appear. */
export async function listReuses(db: Executor, filters: { kind?: ReuseKind; page?: number }) {
  let query = db.selectFrom('open_data_reuses as r').where('r.hidden', '=', false);
  if (filters.kind) query = query.where('r.kind', '=', filters.kind);
  const { n } = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  const pageCount = Math.max(1, Math.ceil(total / REUSES_PAGE_SIZE));
  const page = Math.min(filters.page ?? 1, pageCount);
  const rows: ReuseSummary[] = await query.select([...summary]).orderBy('r.created_at', 'desc').orderBy('r.id').limit(REUSES_PAGE_SIZE).offset((page - 1) * REUSES_PAGE_SIZE).execute();
  return { rows, total, page, pageCount };
}

/** Visible reuses of a dataset (shown on its page). */
export function reusesOf(db: Executor, datasetId: string): Promise<ReuseSummary[]> {
  return db
    .selectFrom('open_data_reuses as r')
    .innerJoin('open_data_reuse_datasets as rd', 'rd.reuse_id', 'r.id')
    .select([...summary])
    .where('rd.dataset_id', '=', datasetId)
    .where('r.hidden', '=', false)
    .orderBy('r.created_at', 'desc')
    .limit(50)
    .execute();
}

export interface ReuseDetail extends ReuseSummary {
  description: string;
  author_name: string | null;
  hidden_reason: string | null;
  image_file_id: string | null;
  datasets: { name: string; title: string }[];
}

export async function findReuse(db: Executor, id: string): Promise<ReuseDetail | undefined> {
  const reuse = await db
    .selectFrom('open_data_reuses as r')
    .leftJoin('core_users as u', 'u.id', 'r.author_id')
    .select([...summary, 'r.description', 'r.hidden_reason', 'r.image_file_id', sql<string | null>`CASE WHEN u.deleted_at IS NULL THEN u.display_name END`.as('author_name')])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!reuse) return undefined;
  // Only public datasets are named: a private one stays private even when a reuse links to it.
  const datasets = await db
    .selectFrom('open_data_reuse_datasets as rd')
    .innerJoin('open_data_datasets as d', 'd.id', 'rd.dataset_id')
    .select(['d.name', 'd.title'])
    .where('rd.reuse_id', '=', id)
    .where('d.state', '=', 'active')
    .where('d.private', '=', false)
    .orderBy('d.title')
    .execute();
  return { ...reuse, datasets };
}
