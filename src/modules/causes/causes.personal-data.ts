import type { Executor } from '../../core/db/database.ts';

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);

/** What the causes module keeps naming a person: causes written, supports, comments, follows, reports. */
export async function causesPersonalData(db: Executor, userId: string): Promise<Record<string, unknown>> {
  const [causes, supports, comments, follows, reports] = await Promise.all([
    db.selectFrom('causes_causes').select(['id', 'title', 'state', 'created_at']).where('author_id', '=', userId).orderBy('created_at').execute(),
    db.selectFrom('causes_supports').innerJoin('causes_causes as c', 'c.id', 'causes_supports.cause_id').select(['c.id', 'c.title', 'causes_supports.created_at']).where('causes_supports.user_id', '=', userId).orderBy('causes_supports.created_at').execute(),
    db.selectFrom('causes_comments').select(['id', 'cause_id', 'body', 'created_at', 'hidden_at', 'hidden_reason']).where('author_id', '=', userId).orderBy('created_at').execute(),
    db.selectFrom('causes_follows').select(['cause_id']).where('user_id', '=', userId).execute(),
    db.selectFrom('causes_comment_reports').select(['comment_id', 'reason', 'created_at']).where('reporter_id', '=', userId).execute(),
  ]);
  return {
    causes: causes.map((c) => ({ id: c.id, url: `/causas/${c.id}`, title: c.title, state: c.state, createdAt: iso(c.created_at) })),
    supports: supports.map((s) => ({ cause: s.id, url: `/causas/${s.id}`, title: s.title, at: iso(s.created_at) })),
    comments: comments.map((c) => ({ id: c.id, cause: c.cause_id, text: c.body, at: iso(c.created_at), hiddenAt: iso(c.hidden_at), hiddenReason: c.hidden_reason })),
    following: follows.map((f) => f.cause_id),
    commentReports: reports.map((r) => ({ comment: r.comment_id, reason: r.reason, at: iso(r.created_at) })),
  };
}
