import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../test/database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { identityHash } from './identity.ts';
import { importRegistryCsv, parseRegistryDate, RegistryImportError, type RegistryImportProgress } from './registry-import.ts';

const SECRET = 'registry-test-secret-registry-test-secret';
const HEADER = 'tipo_documento,numero_documento,fecha_nacimiento,localidad';

/** A readable that hands the text over in chunks of `size` bytes (to cut rows and UTF-8 characters in half). */
function chunked(content: string | Buffer, size = 64 * 1024): Readable {
  const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const chunks: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) chunks.push(buffer.subarray(i, i + size));
  return Readable.from(chunks);
}

/** `count` good rows generated lazily, `rowsPerChunk` at a time: the file never exists whole in memory. */
function generated(count: number, options: { delimiter?: string; offset?: number; rowsPerChunk?: number } = {}): Readable {
  const d = options.delimiter ?? ',';
  const offset = options.offset ?? 0;
  const per = options.rowsPerChunk ?? 500;
  return Readable.from(
    (function* () {
      yield `${HEADER.replaceAll(',', d)}\n`;
      for (let start = 0; start < count; start += per) {
        let text = '';
        for (let i = start; i < Math.min(count, start + per); i++) text += generatedRow(offset + i, d);
        yield text;
      }
    })(),
  );
}

function generatedRow(i: number, d = ','): string {
  const year = 1940 + (i % 60);
  const month = String(1 + (i % 12)).padStart(2, '0');
  const day = String(1 + (i % 28)).padStart(2, '0');
  return `CC${d}${30000000 + i}${d}${year}-${month}-${day}${d}${String(1 + (i % 20)).padStart(2, '0')}\n`;
}

const hashOf = (type: 'CC' | 'TI' | 'CE' | 'PPT' | 'PA', number: string) => identityHash(SECRET, type, number);

describe('registry dates', () => {
  it('accept YYYY-MM-DD and DD/MM/YYYY and refuse impossible, ancient or future days', () => {
    expect(parseRegistryDate('1990-07-20')).toBe('1990-07-20');
    expect(parseRegistryDate('20/07/1990')).toBe('1990-07-20');
    expect(parseRegistryDate('5/3/2001')).toBe('2001-03-05');
    expect(parseRegistryDate('29/02/2000')).toBe('2000-02-29');
    expect(parseRegistryDate('29/02/2001')).toBeNull();
    expect(parseRegistryDate('31/04/1990')).toBeNull();
    expect(parseRegistryDate('1899-12-31')).toBeNull();
    expect(parseRegistryDate('3000-01-01')).toBeNull();
    expect(parseRegistryDate('20-07-90')).toBeNull();
    expect(parseRegistryDate('07/20/1990')).toBeNull();
  });
});

describe.each(testEngines())('importing a registry extract (%s)', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  });
  afterAll(async () => handle?.close());

  const record = (hash: string) => handle.db.selectFrom('core_registry_records').selectAll().where('identity_hash', '=', hash).executeTakeFirst();

  it('imports comma-separated rows with both date formats and localidades by code or by name, storing only keyed hashes', async () => {
    const csv = [
      HEADER,
      'CC,1.020.304.050,1990-07-20,09',
      'cc,52 123 456,20/07/1985,9',
      'TI,1001234567,2010-03-05,Fontibón',
      'CE,e-12345,05/03/2001,LOS MARTIRES',
      'PPT,ab99887,1999-12-31,Localidad de Suba',
      'PA,AX123456,1975-01-15,ciudad bolivar',
      'C.C.,80111222,1960-02-29,Antonio Nariño',
      'CC,80111223,1961-06-30,usaquen',
      'CC,80111224,1962-06-30,',
    ].join('\n');
    const report = await importRegistryCsv(handle.db, chunked(csv), { secret: SECRET, batchId: 'coma' });
    expect(report).toMatchObject({ imported: 9, updated: 0, rejected: [], rejectedCount: 0, rows: 9 });
    expect(await record(hashOf('CC', '1020304050'))).toMatchObject({ birth_date: '1990-07-20', localidad_code: '09', batch_id: 'coma' });
    expect(await record(hashOf('CC', '52123456'))).toMatchObject({ birth_date: '1985-07-20', localidad_code: '09' });
    expect(await record(hashOf('TI', '1001234567'))).toMatchObject({ localidad_code: '09' });
    expect(await record(hashOf('CE', 'E12345'))).toMatchObject({ birth_date: '2001-03-05', localidad_code: '14' });
    expect(await record(hashOf('PPT', 'AB99887'))).toMatchObject({ localidad_code: '11' });
    expect(await record(hashOf('PA', 'AX123456'))).toMatchObject({ localidad_code: '19' });
    expect(await record(hashOf('CC', '80111222'))).toMatchObject({ birth_date: '1960-02-29', localidad_code: '15' });
    expect(await record(hashOf('CC', '80111223'))).toMatchObject({ localidad_code: '01' });
    expect(await record(hashOf('CC', '80111224'))).toMatchObject({ localidad_code: null });
    const audit = await handle.db.selectFrom('core_audit_log').select(['action', 'resource_id', 'after']).where('action', '=', 'accounts.import-registry').where('resource_id', '=', 'coma').executeTakeFirst();
    expect(audit?.after).toMatchObject({ imported: 9, updated: 0, rejected: 0 });
  });

  it('imports a semicolon-separated UTF-8 file with a BOM, CRLF line ends, quoted fields and Latin names cut across chunks', async () => {
    const csv = [
      'TIPO_DOCUMENTO;Número_Documento;fecha_nacimiento;localidad',
      'CC;"71.234.567";"12/10/1970";"Engativá"',
      'CC;71234568;1971-01-01;"San Cristóbal"',
      'CC;71234569;1972-01-01;"La Candelaria"',
      'CC;71234570;1973-01-01;Rafael Uribe Uribe',
      '',
    ].join('\r\n');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]);
    // Chunks of 7 bytes split the BOM, the delimiters and the two-byte "á" and "ó".
    const report = await importRegistryCsv(handle.db, chunked(bytes, 7), { secret: SECRET, batchId: 'punto-y-coma' });
    expect(report).toMatchObject({ imported: 4, updated: 0, rejectedCount: 0, rows: 4 });
    expect(await record(hashOf('CC', '71234567'))).toMatchObject({ birth_date: '1970-10-12', localidad_code: '10' });
    expect(await record(hashOf('CC', '71234568'))).toMatchObject({ localidad_code: '04' });
    expect(await record(hashOf('CC', '71234569'))).toMatchObject({ localidad_code: '17' });
    expect(await record(hashOf('CC', '71234570'))).toMatchObject({ localidad_code: '18' });
  });

  it('reports every kind of bad row by line, imports the good ones around them and never stores a bad one', async () => {
    const latin1 = Buffer.from('CC,40000009,1990-01-01,Fontib\xf3n\n', 'latin1');
    const csv = Buffer.concat([
      Buffer.from(
        [
          HEADER, // line 1
          'CC,40000001,1990-01-01,01', // 2 good
          'CC,40000002,1990-01-01', // 3 too few columns
          'CC,40000003,1990-01-01,01,extra', // 4 too many columns
          'XX,40000004,1990-01-01,01', // 5 unknown document type
          ',40000004,1990-01-01,01', // 6 empty document type
          'CC,12AB,1990-01-01,01', // 7 letters in a cédula
          'CC,123,1990-01-01,01', // 8 too short
          'PA,AB,1990-01-01,01', // 9 passport too short
          'CC,40000005,31/02/1990,01', // 10 no such day
          'CC,40000006,2990-01-01,01', // 11 future
          'CC,40000007,hoy,01', // 12 not a date
          'CC,40000008,1990-01-01,Bogotá', // 13 not a localidad
          'CC,40000010,1990-01-01,21', // 14 no localidad 21
          '', // 15 blank: skipped, not an error
          'CC,40000011,1990-01-01,02', // 16 good
        ].join('\n') + '\n',
      ),
      latin1, // 17 Latin-1 instead of UTF-8
      Buffer.from('CC,40000012,1990-01-01,03\n'), // 18 good
      Buffer.from('CC,"40000013,1990-01-01,04\nCC,40000014,1990-01-01,05\n'), // 19 quote never closed (swallows the rest)
    ]);
    const report = await importRegistryCsv(handle.db, chunked(csv, 11), { secret: SECRET, batchId: 'malas' });
    expect(report.imported).toBe(3);
    expect(report.rejected).toEqual([
      { line: 3, reason: 'columns' },
      { line: 4, reason: 'columns' },
      { line: 5, reason: 'document_type' },
      { line: 6, reason: 'document_type' },
      { line: 7, reason: 'document_number' },
      { line: 8, reason: 'document_number' },
      { line: 9, reason: 'document_number' },
      { line: 10, reason: 'birth_date' },
      { line: 11, reason: 'birth_date' },
      { line: 12, reason: 'birth_date' },
      { line: 13, reason: 'localidad' },
      { line: 14, reason: 'localidad' },
      { line: 17, reason: 'encoding' },
      { line: 19, reason: 'unterminated_quote' },
    ]);
    expect(report.rejectedCount).toBe(14);
    for (const n of ['40000002', '40000003', '40000005', '40000006', '40000007', '40000008', '40000009', '40000010', '40000013', '40000014']) {
      expect(await record(hashOf('CC', n)), n).toBeUndefined();
    }
    for (const n of ['40000001', '40000011', '40000012']) expect(await record(hashOf('CC', n)), n).toBeDefined();
  });

  it('refuses a file without the expected header and imports nothing from it', async () => {
    const before = await countRecords();
    await expect(importRegistryCsv(handle.db, chunked('documento,fecha\nCC,50000001\n'), { secret: SECRET, batchId: 'x' })).rejects.toBeInstanceOf(RegistryImportError);
    await expect(importRegistryCsv(handle.db, chunked('CC,50000002,1990-01-01,01\n'), { secret: SECRET, batchId: 'x' })).rejects.toThrow(/encabezado/);
    await expect(importRegistryCsv(handle.db, chunked(''), { secret: SECRET, batchId: 'x' })).rejects.toThrow(/vacío/);
    expect(await countRecords()).toBe(before);
  });

  it('updates records imported before, and lets a later line of the same file replace an earlier one', async () => {
    const first = await importRegistryCsv(handle.db, chunked(`${HEADER}\nCC,60000001,1980-01-01,01\nCC,60000002,1980-01-01,02\n`), { secret: SECRET, batchId: 'uno' });
    expect(first).toMatchObject({ imported: 2, updated: 0 });
    const second = await importRegistryCsv(
      handle.db,
      chunked(`${HEADER}\nCC,60000001,1980-01-01,03\nCC,60.000.002,1980-01-01,04\nCC,60000002,1980-01-01,05\nCC,60000003,1980-01-01,06\n`),
      { secret: SECRET, batchId: 'dos' },
    );
    expect(second).toMatchObject({ imported: 1, updated: 3, rejectedCount: 0 });
    expect(await record(hashOf('CC', '60000001'))).toMatchObject({ localidad_code: '03', batch_id: 'dos' });
    expect(await record(hashOf('CC', '60000002'))).toMatchObject({ localidad_code: '05', batch_id: 'dos' });
  });

  it('lists at most 1000 bad rows but counts them all', async () => {
    const bad = Array.from({ length: 1500 }, (_, i) => `CC,${70000000 + i},no-es-fecha,01`);
    const report = await importRegistryCsv(handle.db, chunked([HEADER, ...bad, 'CC,71000000,1990-01-01,01'].join('\n')), { secret: SECRET, batchId: 'muchas-malas' });
    expect(report.rejected).toHaveLength(1000);
    expect(report.rejected[999]).toEqual({ line: 1001, reason: 'birth_date' });
    expect(report.rejectedCount).toBe(1500);
    expect(report.imported).toBe(1);
  });

  it('streams a 20 000-row extract in batches, reporting progress in rows and bytes', async () => {
    const progress: RegistryImportProgress[] = [];
    const report = await importRegistryCsv(handle.db, generated(20_000, { delimiter: ';' }), { secret: SECRET, batchId: 'grande', onProgress: (p) => progress.push(p) });
    expect(report).toMatchObject({ imported: 20_000, updated: 0, rejectedCount: 0, rows: 20_000 });
    expect(progress.length).toBeGreaterThan(20);
    expect(progress.at(-1)).toMatchObject({ rows: 20_000, imported: 20_000, bytesRead: report.bytesRead });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytesRead).toBeGreaterThanOrEqual(progress[i - 1]!.bytesRead);
    expect(await record(hashOf('CC', String(30000000 + 12345)))).toMatchObject({ birth_date: generatedRow(12345).split(',')[2], batch_id: 'grande' });
    expect(await countRecords('grande')).toBe(20_000);
  }, 120_000);

  it('keeps memory flat whatever the size of the extract: reading waits for the database', async () => {
    // The source counts how far ahead of the database writes it has been read.
    let produced = 0;
    let maxAhead = 0;
    const rows = 30_000;
    const source = Readable.from(
      (function* () {
        yield `${HEADER}\n`;
        for (let start = 0; start < rows; start += 200) {
          let text = '';
          for (let i = start; i < start + 200; i++) text += generatedRow(500_000 + i);
          produced += 200;
          yield text;
        }
      })(),
    );
    const report = await importRegistryCsv(handle.db, source, {
      secret: SECRET,
      batchId: 'flujo',
      onProgress: (p) => (maxAhead = Math.max(maxAhead, produced - (p.imported + p.updated))),
    });
    expect(report.imported).toBe(rows);
    // Never more than one batch (1000 rows) plus one chunk (200 rows) and the stream's small buffer ahead.
    expect(maxAhead).toBeLessThan(1000 + 200 * 20);
  }, 120_000);

  async function countRecords(batch?: string) {
    let query = handle.db.selectFrom('core_registry_records').select((eb) => eb.fn.countAll<string>().as('n'));
    if (batch) query = query.where('batch_id', '=', batch);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }
});
