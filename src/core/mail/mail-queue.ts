import type { Executor } from '../db/database.ts';
import { enqueueJob } from '../jobs/jobs.ts';
import type { Mailer, MailMessage } from './mailer.ts';

export const SEND_MAIL_JOB = 'mail.send';

/**
 * Queues an e-mail in the caller's transaction: it is sent only if the change that caused it
 * commits, and retried if the SMTP server is briefly down.
 */
export const queueMail = (executor: Executor, message: MailMessage) => enqueueJob(executor, SEND_MAIL_JOB, message, { maxAttempts: 8 });

export const mailJobHandler = (mailer: Mailer) => async (payload: MailMessage) => {
  await mailer.send(payload);
};
