import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import type { Executor } from '../../core/db/database.ts';
import type { FileStore } from '../../core/files/file-store.ts';
import { EVIDENCE_TYPES, FILE_MAX_BYTES, MAX_FILES, type CheckedFile, type UploadedFile } from './cause-form.ts';

/**
 * Multipart forms for this route scope only (other modules register their own). Files are read
 * into memory up to the 5 MB limit, then reported as `truncated` so the form can say which file
 * was too large instead of failing the whole request; fields arrive as plain strings, so the CSRF
 * check (run after parsing) finds its token as in any form.
 */
export async function registerUploads(scope: FastifyInstance): Promise<void> {
  await scope.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: FILE_MAX_BYTES, files: MAX_FILES * 2, fields: 60, fieldSize: 100_000, parts: 100 },
    async onFile(part) {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      const upload: UploadedFile = { filename: part.filename, mimetype: part.mimetype, data: Buffer.concat(chunks), truncated: part.file.truncated };
      part.value = upload;
    },
  });
}

/** Stores checked files in the core file store; returns their `core_files` ids in order. */
export async function storeFiles(executor: Executor, files: FileStore, checked: CheckedFile[], userId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const file of checked) {
    const stored = await files.save(executor, Readable.from([file.data]), {
      originalName: file.filename,
      mediaType: file.mediaType,
      allowedTypes: EVIDENCE_TYPES,
      maxBytes: FILE_MAX_BYTES,
      createdBy: userId,
    });
    ids.push(stored.id);
  }
  return ids;
}

/** How long an uploaded file may wait, attached to a form that came back with errors. */
const KEPT_FILE_HOURS = 24;

/**
 * Files uploaded with a form that came back with errors, sent again as hidden ids: only the
 * person's own recent uploads of an accepted type count (anything else is ignored), so nobody can
 * attach someone else's file by guessing its id.
 */
export async function keptFiles(executor: Executor, userId: string, ids: readonly string[]): Promise<{ id: string; original_name: string; media_type: string; size_bytes: string }[]> {
  const valid = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)).slice(0, MAX_FILES);
  if (valid.length === 0) return [];
  const rows = await executor
    .selectFrom('core_files')
    .select(['id', 'original_name', 'media_type', 'size_bytes'])
    .where('id', 'in', valid)
    .where('created_by', '=', userId)
    .where('media_type', 'in', [...EVIDENCE_TYPES])
    .where('created_at', '>', new Date(Date.now() - KEPT_FILE_HOURS * 3600_000).toISOString() as never)
    .execute();
  return valid.flatMap((id) => rows.filter((r) => r.id === id));
}
