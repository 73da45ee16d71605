import type { FileStore } from '../files/file-store.ts';
import type { MailAttachment } from './mailer.ts';

/**
 * A file of the file store to attach to a queued e-mail, by reference: the job payload stays a
 * few bytes of JSON in core_jobs (not megabytes of base64), and the content is read from the
 * store when the mail leaves.
 */
export interface StoredAttachment {
  sha256: string;
  filename: string;
  contentType: string;
}

/** The references as attachments nodemailer reads from disk while it writes the message. */
export function storedAttachments(files: Pick<FileStore, 'pathOf'>, refs: readonly StoredAttachment[] | undefined): MailAttachment[] | undefined {
  if (!refs?.length) return undefined;
  return refs.map((ref) => ({ filename: ref.filename, contentType: ref.contentType, path: files.pathOf(ref.sha256) }));
}
