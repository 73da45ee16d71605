import type { Executor } from '../../../core/db/database.ts';
import { buildThread, type ThreadComment } from '../../../core/comments/thread.ts';

/** A dataset's comments with their replies, oldest first; hidden ones keep their place and show the reason only. */
export async function listDatasetComments(db: Executor, datasetId: string): Promise<ThreadComment[]> {
  const rows = await db
    .selectFrom('open_data_comments as c')
    .leftJoin('core_users as u', 'u.id', 'c.author_id')
    .select([
      'c.id',
      'c.parent_id',
      'c.body',
      'c.created_at',
      'c.hidden_reason',
      'u.display_name',
      'u.deleted_at',
      (eb) => eb.selectFrom('open_data_comment_reports as r').select((e) => e.fn.countAll<string>().as('n')).whereRef('r.comment_id', '=', 'c.id').as('reports'),
    ])
    .where('c.dataset_id', '=', datasetId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return buildThread(rows);
}
