import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import type { Tx } from '../../core/db/database.ts';
import type { FileStore, StoredFile } from '../../core/files/file-store.ts';
import type { AttachmentKind } from './service-requests.schema.ts';

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

/** An uploaded file as the multipart reader hands it over. */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
  /** Longer than the limit: busboy stopped reading. */
  truncated: boolean;
}

export interface CheckedFile {
  filename: string;
  mediaType: (typeof ATTACHMENT_TYPES)[number];
  data: Buffer;
}

/** The type the content really has (its first bytes), whatever the browser or the name claim. */
function sniff(data: Buffer): CheckedFile['mediaType'] | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** The files of a form field (one, several, or the empty part a browser sends when none was chosen). */
export function uploadsOf(body: unknown, field = 'files'): UploadedFile[] {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((f): f is UploadedFile => typeof f === 'object' && f !== null && Buffer.isBuffer((f as UploadedFile).data) && ((f as UploadedFile).data.length > 0 || Boolean((f as UploadedFile).filename)));
}

/** Checks count, size and type; returns the files to store or the i18n key of the problem. */
export function checkUploads(uploads: UploadedFile[]): { files: CheckedFile[] } | { error: { key: string; vars?: Record<string, string | number> } } {
  if (uploads.length > MAX_ATTACHMENTS) return { error: { key: 'service-requests.errors.too_many_files', vars: { max: MAX_ATTACHMENTS } } };
  const files: CheckedFile[] = [];
  for (const upload of uploads) {
    if (upload.truncated || upload.data.length > ATTACHMENT_MAX_BYTES) return { error: { key: 'service-requests.errors.file_too_large', vars: { name: upload.filename, mb: 5 } } };
    if (upload.data.length === 0) return { error: { key: 'service-requests.errors.file_empty', vars: { name: upload.filename } } };
    const mediaType = sniff(upload.data);
    if (!mediaType) return { error: { key: 'service-requests.errors.file_type', vars: { name: upload.filename } } };
    files.push({ filename: upload.filename || 'archivo', mediaType, data: upload.data });
  }
  return { files };
}

/**
 * Multipart parsing for this module's upload routes only. Files are read into memory up to the
 * 5 MB limit and then marked truncated, so the form can say which file was too large; fields
 * arrive as plain strings, so the CSRF check (run after parsing) finds its token as in any form.
 */
export async function registerUploads(scope: FastifyInstance): Promise<void> {
  await scope.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: ATTACHMENT_MAX_BYTES, files: MAX_ATTACHMENTS + 1, fields: 40, fieldSize: 64 * 1024, parts: 60 },
    async onFile(part) {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      const upload: UploadedFile = { filename: part.filename, mimetype: part.mimetype, data: Buffer.concat(chunks), truncated: part.file.truncated };
      (part as unknown as { value: UploadedFile }).value = upload;
    },
  });
}

/** Stores checked files (content on disk, a core_files row in the caller's transaction); returns them in order. */
export async function storeFiles(tx: Tx, store: FileStore, files: CheckedFile[], createdBy: string | null): Promise<StoredFile[]> {
  const stored: StoredFile[] = [];
  for (const file of files) {
    const saved = await store.save(tx, Readable.from([file.data]), {
      originalName: file.filename,
      mediaType: file.mediaType,
      allowedTypes: ATTACHMENT_TYPES,
      maxBytes: ATTACHMENT_MAX_BYTES,
      createdBy,
    });
    stored.push(saved);
  }
  return stored;
}

/** Links stored files to a request. */
export async function linkAttachments(tx: Tx, requestId: string, kind: AttachmentKind, fileIds: string[]): Promise<void> {
  if (fileIds.length === 0) return;
  await tx
    .insertInto('service_requests_attachments')
    .values(fileIds.map((file_id, position) => ({ request_id: requestId, file_id, kind, position })))
    .execute();
}
