import type { Executor } from '../db/database.ts';
import type { FileStore } from '../files/file-store.ts';
import { enqueueJob } from '../jobs/jobs.ts';
import type { Mailer, MailText } from './mailer.ts';
import { storedAttachments, type StoredAttachment } from './stored-attachments.ts';

export const SEND_MAIL_JOB = 'mail.send';

/** A message as queued: attachments are stored files, by reference (see StoredAttachment). */
export interface QueuedMail extends MailText {
  attachments?: StoredAttachment[];
}

/**
 * Queues an e-mail in the caller's transaction: it is sent only if the change that caused it
 * commits, and retried if the SMTP server is briefly down.
 */
export const queueMail = (executor: Executor, message: QueuedMail) => enqueueJob(executor, SEND_MAIL_JOB, message, { maxAttempts: 8 });

export const mailJobHandler = (mailer: Mailer, files: Pick<FileStore, 'pathOf'>) => async (payload: QueuedMail) => {
  const { attachments, ...message } = payload;
  const opened = storedAttachments(files, attachments);
  await mailer.send(opened ? { ...message, attachments: opened } : message);
};
