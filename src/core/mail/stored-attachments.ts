import { existsSync } from 'node:fs';
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

/**
 * The references as attachments nodemailer reads from disk while it writes the message. A file no
 * longer in the store (erased since the mail was queued) is left out rather than failing the job:
 * the notice itself, and its link to the page that lists the files, must still reach the person.
 */
export function storedAttachments(files: Pick<FileStore, 'pathOf'>, refs: readonly StoredAttachment[] | undefined): MailAttachment[] | undefined {
  const present = (refs ?? []).map((ref) => ({ filename: ref.filename, contentType: ref.contentType, path: files.pathOf(ref.sha256) })).filter((a) => existsSync(a.path));
  return present.length > 0 ? present : undefined;
}
