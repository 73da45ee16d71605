import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Executor } from '../db/database.ts';

/** Raised when an upload breaks a limit; `code` maps to a translated message. */
export class FileRejectedError extends Error {
  constructor(readonly code: 'too_large' | 'type_not_allowed' | 'empty', message: string) {
    super(message);
    this.name = 'FileRejectedError';
  }
}

export interface StoredFile {
  id: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  originalName: string;
}

export interface StoreOptions {
  originalName: string;
  mediaType: string;
  allowedTypes: readonly string[];
  maxBytes?: number;
  createdBy?: string | null;
}

/**
 * Stores uploads on disk under their SHA-256 (so identical files are kept once) and records each
 * upload in `core_files`. Streams the content: memory use does not grow with file size.
 */
export interface FileStore {
  save(executor: Executor, content: Readable, options: StoreOptions): Promise<StoredFile>;
  open(sha256: string): ReadStream;
  pathOf(sha256: string): string;
}

/** Keeps a file name printable and free of path separators. */
export function cleanFileName(name: string): string {
  const cleaned = name.normalize('NFC').replace(/[\\/\u0000-\u001f\u007f]/g, '_').trim().slice(-200);
  return cleaned || 'archivo';
}

export function createFileStore(rootDir: string, defaultMaxBytes: number): FileStore {
  const pathOf = (sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid content hash');
    return join(rootDir, sha256.slice(0, 2), sha256);
  };
  return {
    pathOf,
    open: (sha256) => createReadStream(pathOf(sha256)),
    async save(executor, content, options) {
      const mediaType = options.mediaType.split(';')[0]!.trim().toLowerCase();
      if (!options.allowedTypes.includes(mediaType)) {
        content.resume();
        throw new FileRejectedError('type_not_allowed', `type ${mediaType} not allowed`);
      }
      const maxBytes = options.maxBytes ?? defaultMaxBytes;
      await mkdir(join(rootDir, 'tmp'), { recursive: true });
      const tmp = join(rootDir, 'tmp', randomUUID());
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          if (size > maxBytes) return callback(new FileRejectedError('too_large', `file exceeds ${maxBytes} bytes`));
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      try {
        await pipeline(content, meter, createWriteStream(tmp));
        if (size === 0) throw new FileRejectedError('empty', 'empty file');
        const sha256 = hash.digest('hex');
        const finalPath = pathOf(sha256);
        await mkdir(join(rootDir, sha256.slice(0, 2)), { recursive: true });
        const exists = await stat(finalPath).then(() => true, () => false);
        if (exists) await rm(tmp, { force: true });
        else await rename(tmp, finalPath);
        const row = await executor
          .insertInto('core_files')
          .values({ sha256, size_bytes: size, media_type: mediaType, original_name: cleanFileName(options.originalName), created_by: options.createdBy ?? null })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { id: row.id, sha256, sizeBytes: size, mediaType, originalName: cleanFileName(options.originalName) };
      } catch (error) {
        await rm(tmp, { force: true });
        throw error;
      }
    },
  };
}
