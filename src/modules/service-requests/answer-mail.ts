import type { StoredFile } from '../../core/files/file-store.ts';
import type { StoredAttachment } from '../../core/mail/stored-attachments.ts';

/**
 * Above this, the answer's files travel by link only. Base64 makes a message about a third larger
 * than its files, and many mail servers refuse messages of 15–25 MB: 10 MB of files stays under.
 */
export const ANSWER_MAIL_MAX_BYTES = 10 * 1024 * 1024;

/** What the answer e-mail carries besides the link: the answer's files, or a note that they did not fit. */
export function answerMailExtras(files: readonly StoredFile[]): { attachments?: StoredAttachment[]; note?: string } {
  if (files.length === 0) return {};
  const total = files.reduce((sum, f) => sum + f.sizeBytes, 0);
  if (total > ANSWER_MAIL_MAX_BYTES) return { note: 'service-requests.mail.answer_files_not_attached' };
  return { attachments: files.map((f) => ({ sha256: f.sha256, filename: f.originalName, contentType: f.mediaType })) };
}
