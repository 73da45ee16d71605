import { Readable } from 'node:stream';
import type { Executor } from '../../core/db/database.ts';
import { FileRejectedError, type FileStore, type StoredFile } from '../../core/files/file-store.ts';

/** An uploaded file as the multipart reader hands it over (see the `onFile` of admin.routes.tsx). */
export interface Upload {
  filename: string;
  mimetype: string;
  buffer: Buffer;
  /** Cut at the size limit: the file was too large. */
  truncated: boolean;
}

export const isUpload = (value: unknown): value is Upload => typeof value === 'object' && value !== null && Buffer.isBuffer((value as Upload).buffer);

/** A file input left empty still sends a part with no name and no bytes. */
export const hasFile = (value: unknown): value is Upload => isUpload(value) && (value.filename !== '' || value.buffer.length > 0);

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

// What the bytes say, not what the browser claimed: a renamed file is refused.
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** The file's real type among `allowed`, judged by its first bytes; null when none matches. */
export function sniffType(buffer: Buffer, allowed: readonly string[]): string | null {
  return allowed.find((type) => SIGNATURES[type]?.(buffer)) ?? null;
}

export type UploadProblem = 'too_large' | 'type_not_allowed' | 'empty';

/** Checks and stores an upload in the file store, or says what is wrong with it. */
export async function storeUpload(
  executor: Executor,
  files: FileStore,
  upload: Upload,
  options: { allowed: readonly string[]; maxBytes: number; createdBy: string | null },
): Promise<{ ok: true; file: StoredFile } | { ok: false; problem: UploadProblem }> {
  if (upload.truncated || upload.buffer.length > options.maxBytes) return { ok: false, problem: 'too_large' };
  if (upload.buffer.length === 0) return { ok: false, problem: 'empty' };
  const type = sniffType(upload.buffer, options.allowed);
  if (!type) return { ok: false, problem: 'type_not_allowed' };
  try {
    const file = await files.save(executor, Readable.from([upload.buffer]), {
      originalName: upload.filename || 'archivo',
      mediaType: type,
      allowedTypes: options.allowed,
      maxBytes: options.maxBytes,
      createdBy: options.createdBy,
    });
    return { ok: true, file };
  } catch (error) {
    if (error instanceof FileRejectedError) return { ok: false, problem: error.code };
    throw error;
  }
}
