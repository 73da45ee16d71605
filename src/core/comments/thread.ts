/**
 * Comment threads shared by the modules that let people discuss something (causes, open data):
 * one level of replies, hidden comments keep their place and show only the moderator's public
 * reason. Each module keeps its own tables (their foreign keys differ); this is the common shape
 * and the tree building.
 */
export interface ThreadComment {
  id: string;
  /** '' when the account was deleted (the page says so instead of a name). */
  author_name: string;
  /** '' when hidden: the text never leaves the database once a moderator hid it. */
  body: string;
  created_at: Date;
  hidden_reason: string | null;
  /** Readers' reports, shown to moderators only. */
  reports: number;
  replies: ThreadComment[];
}

/** A comment row as read from a module's table (author joined), oldest first. */
export interface ThreadRow {
  id: string;
  parent_id: string | null;
  body: string;
  created_at: Date;
  hidden_reason: string | null;
  display_name: string | null;
  deleted_at: Date | null;
  reports: string | number | null;
}

/** Rows (oldest first) → top-level comments with their replies. */
export function buildThread(rows: readonly ThreadRow[]): ThreadComment[] {
  const byId = new Map<string, ThreadComment>();
  const top: ThreadComment[] = [];
  for (const r of rows) {
    const comment: ThreadComment = {
      id: r.id,
      author_name: r.deleted_at || !r.display_name ? '' : r.display_name,
      body: r.hidden_reason === null ? r.body : '',
      created_at: r.created_at,
      hidden_reason: r.hidden_reason,
      reports: Number(r.reports ?? 0),
      replies: [],
    };
    byId.set(r.id, comment);
    const parent = r.parent_id ? byId.get(r.parent_id) : undefined;
    if (parent) parent.replies.push(comment);
    else top.push(comment);
  }
  return top;
}

/** How many comments a thread holds, replies included. */
export const threadSize = (comments: readonly ThreadComment[]) => comments.reduce((n, c) => n + 1 + c.replies.length, 0);
