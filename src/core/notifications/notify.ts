import type { Executor, Tx } from '../db/database.ts';
import { enqueueJob } from '../jobs/jobs.ts';
import type { StoredAttachment } from '../mail/stored-attachments.ts';

export const NOTIFICATION_MAIL_JOB = 'core.notification-mail';

export interface NotificationInput {
  userIds: readonly string[];
  /** i18n key of the message, rendered in each reader's language. */
  key: string;
  vars?: Record<string, string | number>;
  /** Local path of the thing the notification is about. */
  url: string;
  /** Also e-mail each person (queued in the same transaction: sent only if the change commits). */
  email?: boolean;
  /** What only the e-mail carries: stored files to attach, and an i18n key of a paragraph to add. */
  mail?: NotificationMailExtras;
}

export interface NotificationMailExtras {
  attachments?: StoredAttachment[];
  note?: string;
}

/** The notification-mail job's payload. */
export type NotificationMailPayload = { ids: string[] } & NotificationMailExtras;

/**
 * Notifies people in the caller's transaction: one in-app notification each, plus one queued
 * e-mail each when asked. Vars must never carry other people's personal data.
 */
export async function notify(tx: Tx, input: NotificationInput): Promise<void> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return;
  const rows = await tx
    .insertInto('core_notifications')
    .values(userIds.map((user_id) => ({ user_id, message_key: input.key, vars: JSON.stringify(input.vars ?? {}), url: input.url })))
    .returning('id')
    .execute();
  // One job per message, so a retry after a failure never re-sends the ones that went out.
  if (input.email) for (const r of rows) await enqueueJob(tx, NOTIFICATION_MAIL_JOB, { ids: [String(r.id)], ...input.mail } satisfies NotificationMailPayload, { maxAttempts: 8 });
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('core_notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listNotifications(db: Executor, userId: string, limit: number, offset: number) {
  return db
    .selectFrom('core_notifications')
    .select(['id', 'message_key', 'vars', 'url', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function markAllRead(db: Executor, userId: string): Promise<void> {
  await db.updateTable('core_notifications').set({ read_at: new Date().toISOString() }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
}
