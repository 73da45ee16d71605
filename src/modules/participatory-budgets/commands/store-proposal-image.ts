import { Readable } from 'node:stream';
import type { Tx } from '../../../core/db/database.ts';
import type { FileStore } from '../../../core/files/file-store.ts';
import { IMAGE_MAX_BYTES, IMAGE_TYPES } from './proposal-fields.ts';

/** Stores a checked proposal image in the core file store; returns its `core_files` id. */
export async function storeProposalImage(tx: Tx, files: FileStore, image: { data: Buffer; mediaType: string; filename: string }, userId: string): Promise<string> {
  const stored = await files.save(tx, Readable.from([image.data]), {
    originalName: image.filename,
    mediaType: image.mediaType,
    allowedTypes: IMAGE_TYPES,
    maxBytes: IMAGE_MAX_BYTES,
    createdBy: userId,
  });
  return stored.id;
}
