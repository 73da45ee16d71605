import type { Executor } from '../../../core/db/database.ts';
import { datasetPath } from '../paths.ts';
import { requestPath, reusePath } from './paths.ts';

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

/** What the Comunidad de datos keeps naming a person ("Mis datos"): requests, votes, reuses, comments, reports. */
export async function communityPersonalData(db: Executor, userId: string): Promise<Record<string, unknown>> {
  const [requests, votes, reuses, comments, reports] = await Promise.all([
    db.selectFrom('open_data_requests').select(['id', 'title', 'status', 'created_at']).where('author_id', '=', userId).orderBy('created_at').execute(),
    db.selectFrom('open_data_request_votes as v').innerJoin('open_data_requests as r', 'r.id', 'v.request_id').select(['r.id', 'r.title', 'v.created_at']).where('v.user_id', '=', userId).orderBy('v.created_at').execute(),
    db.selectFrom('open_data_reuses').select(['id', 'title', 'url', 'created_at', 'hidden_reason']).where('author_id', '=', userId).orderBy('created_at').execute(),
    db
      .selectFrom('open_data_comments as c')
      .innerJoin('open_data_datasets as d', 'd.id', 'c.dataset_id')
      .select(['c.id', 'd.name', 'c.body', 'c.created_at', 'c.hidden_reason'])
      .where('c.author_id', '=', userId)
      .orderBy('c.created_at')
      .execute(),
    db.selectFrom('open_data_comment_reports').select(['comment_id', 'reason', 'created_at']).where('reporter_id', '=', userId).execute(),
  ]);
  return {
    dataRequests: requests.map((r) => ({ id: r.id, url: requestPath(r.id), title: r.title, state: r.status, createdAt: iso(r.created_at) })),
    dataRequestVotes: votes.map((v) => ({ request: v.id, url: requestPath(v.id), title: v.title, at: iso(v.created_at) })),
    reuses: reuses.map((r) => ({ id: r.id, url: reusePath(r.id), title: r.title, link: r.url, createdAt: iso(r.created_at), hiddenReason: r.hidden_reason })),
    datasetComments: comments.map((c) => ({ id: c.id, url: datasetPath(c.name), text: c.body, at: iso(c.created_at), hiddenReason: c.hidden_reason })),
    commentReports: reports.map((r) => ({ comment: r.comment_id, reason: r.reason, at: iso(r.created_at) })),
  };
}
