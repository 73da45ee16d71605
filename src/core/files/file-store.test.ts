import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { cleanFileName, createFileStore, type FileStore, FileRejectedError } from './file-store.ts';

const PDF_ONLY = ['application/pdf'] as const;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A stream delivering `data` in `chunkSize` pieces, as a slow upload would. */
function chunked(data: Buffer, chunkSize: number): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= data.length) return void this.push(null);
      this.push(data.subarray(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

/** The FileRejectedError `work` throws; fails the test if it does not throw one. */
async function rejection(work: Promise<unknown>): Promise<FileRejectedError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileRejectedError);
  return error as FileRejectedError;
}

describe('cleanFileName', () => {
  it.each([
    ['../../etc/passwd', '.._.._etc_passwd'],
    ['C:\\Users\\ana\\acta.pdf', 'C:_Users_ana_acta.pdf'],
    ['acta\u0000\n\u007f.pdf', 'acta___.pdf'],
    ['  informe final.pdf  ', 'informe final.pdf'],
    ['Informe de Participacio\u0301n.pdf', 'Informe de Participación.pdf'],
    ['', 'archivo'],
    ['   ', 'archivo'],
  ])('turns %j into %j', (input, expected) => {
    expect(cleanFileName(input)).toBe(expected);
  });

  it('keeps the end of a very long name, extension included', () => {
    const cleaned = cleanFileName(`${'a'.repeat(300)}.pdf`);
    expect(cleaned).toHaveLength(200);
    expect(cleaned.endsWith('a.pdf')).toBe(true);
  });
});

describe.each(testEngines())('file store (%s)', (engine) => {
  let database: DatabaseHandle;
  let root: string;
  let store: FileStore;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    root = mkdtempSync(join(tmpdir(), 'gab-files-'));
    store = createFileStore(root, 1024 * 1024);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const rowsFor = (sha: string) => database.db.selectFrom('core_files').selectAll().where('sha256', '=', sha).orderBy('created_at').execute();
  const tmpFiles = () => (existsSync(join(root, 'tmp')) ? readdirSync(join(root, 'tmp')) : []);

  it('streams an upload to disk under its SHA-256 and records it', async () => {
    const content = Buffer.alloc(300_000);
    for (let i = 0; i < content.length; i++) content[i] = (i * 31) % 251;
    const stored = await store.save(database.db, chunked(content, 16 * 1024), {
      originalName: 'Acta de la sesión.pdf',
      mediaType: 'Application/PDF; name="acta.pdf"',
      allowedTypes: PDF_ONLY,
    });
    expect(stored).toMatchObject({ sha256: sha256(content), sizeBytes: 300_000, mediaType: 'application/pdf', originalName: 'Acta de la sesión.pdf' });
    expect(store.pathOf(stored.sha256)).toBe(join(root, stored.sha256.slice(0, 2), stored.sha256));
    expect(readFileSync(store.pathOf(stored.sha256)).equals(content)).toBe(true);
    expect(await rowsFor(stored.sha256)).toEqual([
      expect.objectContaining({ id: stored.id, size_bytes: '300000', media_type: 'application/pdf', original_name: 'Acta de la sesión.pdf', created_by: null }),
    ]);
    expect(tmpFiles()).toEqual([]);
  });

  it('keeps identical content once on disk while recording each upload', async () => {
    const content = Buffer.from('%PDF-1.7\nContrato 2026-001 — Secretaría de Hacienda\n');
    const options = { mediaType: 'application/pdf', allowedTypes: PDF_ONLY };
    const first = await store.save(database.db, Readable.from([content]), { ...options, originalName: 'contrato.pdf' });
    const second = await store.save(database.db, chunked(content, 7), { ...options, originalName: 'copia/contrato.pdf' });
    expect(second.sha256).toBe(first.sha256);
    expect(second.id).not.toBe(first.id);
    expect(readdirSync(join(root, first.sha256.slice(0, 2)))).toEqual([first.sha256]);
    const rows = await rowsFor(first.sha256);
    expect(rows.map((r) => r.original_name).sort()).toEqual(['contrato.pdf', 'copia_contrato.pdf']);
    expect(await text(store.open(first.sha256))).toBe(content.toString());
    expect(tmpFiles()).toEqual([]);
  });

  it('rejects a type that is not allowed without storing anything', async () => {
    const before = await database.db.selectFrom('core_files').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const error = await rejection(
      store.save(database.db, Readable.from([Buffer.from('MZ\u0090\u0000')]), { originalName: 'virus.exe', mediaType: 'application/x-msdownload', allowedTypes: PDF_ONLY }),
    );
    expect(error.code).toBe('type_not_allowed');
    const after = await database.db.selectFrom('core_files').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(tmpFiles()).toEqual([]);
  });

  it('stops an upload over the size limit with too_large and leaves no file behind', async () => {
    const content = Buffer.alloc(5000, 0x41);
    let pulled = 0;
    const source = new Readable({
      read() {
        if (pulled >= 50) return void this.push(null);
        pulled++;
        this.push(content);
      },
    });
    const error = await rejection(store.save(database.db, source, { originalName: 'grande.pdf', mediaType: 'application/pdf', allowedTypes: PDF_ONLY, maxBytes: 12_000 }));
    expect(error.code).toBe('too_large');
    expect(pulled).toBeLessThan(50);
    expect(tmpFiles()).toEqual([]);
    expect(await rowsFor(sha256(Buffer.concat(Array.from({ length: 50 }, () => content))))).toEqual([]);
    expect(existsSync(join(root, sha256(Buffer.concat([content, content, content])).slice(0, 2)))).toBe(false);
  });

  it('uses the store-wide size limit when the upload names none', async () => {
    const small = createFileStore(root, 1024);
    const error = await rejection(small.save(database.db, Readable.from([Buffer.alloc(1025)]), { originalName: 'x.pdf', mediaType: 'application/pdf', allowedTypes: PDF_ONLY }));
    expect(error.code).toBe('too_large');
    const exact = await small.save(database.db, Readable.from([Buffer.alloc(1024, 1)]), { originalName: 'x.pdf', mediaType: 'application/pdf', allowedTypes: PDF_ONLY });
    expect(exact.sizeBytes).toBe(1024);
    expect(tmpFiles()).toEqual([]);
  });

  it('rejects an empty file', async () => {
    const error = await rejection(store.save(database.db, Readable.from([]), { originalName: 'vacío.pdf', mediaType: 'application/pdf', allowedTypes: PDF_ONLY }));
    expect(error.code).toBe('empty');
    expect(tmpFiles()).toEqual([]);
    expect(await rowsFor(sha256(Buffer.alloc(0)))).toEqual([]);
  });

  it('refuses to build a path from anything but a content hash', () => {
    expect(() => store.pathOf('../../etc/passwd')).toThrow('invalid content hash');
    expect(() => store.pathOf('A'.repeat(64))).toThrow('invalid content hash');
  });
});
