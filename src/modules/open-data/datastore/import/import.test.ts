import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../../../../test/database.ts';
import type { DatabaseHandle } from '../../../../core/db/database.ts';
import { createDataset } from '../../open-data.test-support.ts';
import { qualifiedTable, stagingNameOf, tableNameOf } from '../table-names.ts';
import { DatastoreImportError, importResource } from './import.ts';
import { csvSource, xlsxSource } from './sources.ts';

/** Hands the bytes over in small chunks, to cut rows and multi-byte characters in half. */
function chunked(content: Buffer, size = 7): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < content.length; i += size) chunks.push(content.subarray(i, i + size));
  return Readable.from(chunks);
}

describe.each(testEngines())('datastore import (%s)', (engine) => {
  let handle: DatabaseHandle;
  let resourceId = '';
  let n = 0;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  });
  afterAll(async () => handle?.close());

  /** A fresh resource for each test. */
  async function newResource(): Promise<string> {
    const dataset = await createDataset(handle.db, { name: `importacion-${++n}` }, [{ format: 'CSV' }]);
    return (await handle.db.selectFrom('open_data_resources').select('id').where('dataset_id', '=', dataset.id).executeTakeFirstOrThrow()).id;
  }
  const rowsOf = async (id: string) => (await sql.raw<Record<string, unknown>>(`SELECT * FROM ${qualifiedTable(tableNameOf(id))} ORDER BY _id`).execute(handle.db)).rows;
  const meta = (id: string) => handle.db.selectFrom('open_data_datastore_tables').selectAll().where('resource_id', '=', id).executeTakeFirstOrThrow();
  const importCsv = (id: string, content: Buffer, size = 7) => importResource(handle.db, id, csvSource(chunked(content, size)), { dbKind: handle.kind, bytesTotal: content.length });

  it('reads a Latin-1 file with `;`, decimal commas and day-first dates, and types its columns', async () => {
    resourceId = await newResource();
    const text = 'Localidad;Código;Población;Área km²;Fecha;Activa\r\nUsaquén;01;"580.000";65,31;31/12/2023;sí\r\nChapinero;02;170.000;38,15;01/02/2024;no\r\nSanta Fe;03;1.234;4,5;15/06/2024;sí\r\n';
    const report = await importCsv(resourceId, Buffer.from(text, 'latin1'));
    expect(report.encoding).toBe('windows-1252');
    expect(report.delimiter).toBe(';');
    expect(report.fields).toEqual([
      { id: 'Localidad', type: 'text' },
      { id: 'Código', type: 'text' },
      { id: 'Población', type: 'int' },
      { id: 'Área km²', type: 'numeric' },
      { id: 'Fecha', type: 'date' },
      { id: 'Activa', type: 'bool' },
    ]);
    expect(report).toMatchObject({ rows: 3, imported: 3, rejectedCount: 0 });
    const rows = await rowsOf(resourceId);
    expect(rows[0]).toEqual({ _id: 1, Localidad: 'Usaquén', Código: '01', Población: 580000, 'Área km²': '65.31', Fecha: '2023-12-31', Activa: true });
    expect(rows[2]).toMatchObject({ Población: 1234, 'Área km²': '4.5', Fecha: '2024-06-15', Activa: true });
    const m = await meta(resourceId);
    expect(m).toMatchObject({ import_status: 'done', row_count: '3', import_rows: '3', import_rejected: '0' });
    expect(m.fields.map((f) => f.type)).toEqual(['text', 'text', 'int', 'numeric', 'date', 'bool']);
    const resource = await handle.db.selectFrom('open_data_resources').select('datastore_active').where('id', '=', resourceId).executeTakeFirstOrThrow();
    expect(resource.datastore_active).toBe(true);
  });

  it('reads UTF-8 with a BOM, tabs and timestamps; multi-byte characters cut between chunks survive', async () => {
    const id = await newResource();
    const text = '\uFEFFnombre\tvalor\tmomento\nÁlvaro Ñuñez\t1.5\t2024-03-01 08:30:00\nJosé\t-2\t2024-03-01T09:00\n';
    const report = await importCsv(id, Buffer.from(text, 'utf8'), 3);
    expect(report.encoding).toBe('utf-8');
    expect(report.delimiter).toBe('\t');
    expect(report.fields.map((f) => [f.id, f.type])).toEqual([['nombre', 'text'], ['valor', 'numeric'], ['momento', 'timestamp']]);
    const rows = await rowsOf(id);
    expect(rows.map((r) => r.nombre)).toEqual(['Álvaro Ñuñez', 'José']);
    expect(rows.map((r) => r.valor)).toEqual(['1.5', '-2']);
  });

  it('reports ragged rows and values that do not fit the inferred types, row by row, and loads the rest', async () => {
    const id = await newResource();
    const good = Array.from({ length: 20 }, (_, i) => `${i},${i}.5,2024-01-${String(1 + i).padStart(2, '0')}`);
    const text = ['id,monto,fecha', ...good, '21,1.5', '22,abc,2024-02-01', '23,2.5,31/02/2024', '24,3.5,2024-02-02,extra', '25,4.5,2024-02-03'].join('\n');
    const report = await importResource(handle.db, id, csvSource(chunked(Buffer.from(text))), { dbKind: handle.kind, sampleSize: 10 });
    expect(report.fields.map((f) => f.type)).toEqual(['int', 'numeric', 'date']);
    expect(report).toMatchObject({ rows: 25, imported: 21, rejectedCount: 4 });
    expect(report.rejected).toEqual([
      { row: 22, column: null, value: null, reason: 'columns' },
      { row: 23, column: 'monto', value: 'abc', reason: 'numeric' },
      { row: 24, column: 'fecha', value: '31/02/2024', reason: 'date' },
      { row: 25, column: null, value: null, reason: 'columns' },
    ]);
    expect((await meta(id)).import_errors).toEqual(report.rejected);
    expect((await rowsOf(id)).length).toBe(21);
  });

  it('imports a header-only file as an empty table, and refuses an empty file without touching anything', async () => {
    const id = await newResource();
    const report = await importCsv(id, Buffer.from('a,b,c\n'));
    expect(report).toMatchObject({ rows: 0, imported: 0 });
    expect(report.fields.map((f) => f.type)).toEqual(['text', 'text', 'text']);
    expect(await rowsOf(id)).toEqual([]);
    await expect(importCsv(id, Buffer.alloc(0))).rejects.toBeInstanceOf(DatastoreImportError);
    expect((await meta(id)).import_status).toBe('failed');
    // The earlier table is still the live one.
    expect(await rowsOf(id)).toEqual([]);
  });

  it('leaves the live table as it was when an import fails halfway, and drops the half-loaded staging table', async () => {
    const before = await rowsOf(resourceId);
    async function* broken() {
      yield Buffer.from('Localidad;Código\nBosa;07\n');
      for (let i = 0; i < 3000; i++) yield Buffer.from(`Kennedy;${i}\n`);
      throw new Error('disco desconectado');
    }
    await expect(importResource(handle.db, resourceId, csvSource(broken()), { dbKind: handle.kind, sampleSize: 5 })).rejects.toThrow('disco desconectado');
    expect(await rowsOf(resourceId)).toEqual(before);
    const m = await meta(resourceId);
    expect(m).toMatchObject({ import_status: 'failed', import_message: 'disco desconectado', row_count: '3' });
    expect(m.fields.map((f) => f.id)).toContain('Área km²');
    const staging = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'datastore' AND tablename = ${stagingNameOf(tableNameOf(resourceId))}`.execute(handle.db);
    expect(staging.rows[0]!.n).toBe(0);
  });

  it('reads the first worksheet of an XLSX (numbers, dates, booleans, short rows padded)', async () => {
    const id = await newResource();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Datos');
    sheet.addRow(['localidad', 'personas', 'fecha', 'abierta', 'nota']);
    sheet.addRow(['Suba', 1200, new Date(Date.UTC(2024, 4, 31)), true, 'ok']);
    sheet.addRow(['Bosa', 800.5, new Date(Date.UTC(2024, 5, 1)), false]);
    workbook.addWorksheet('Otra').addRow(['x', 'y']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await importResource(handle.db, id, xlsxSource(chunked(buffer, 1024)), { dbKind: handle.kind });
    expect(report.fields.map((f) => [f.id, f.type])).toEqual([['localidad', 'text'], ['personas', 'numeric'], ['fecha', 'date'], ['abierta', 'bool'], ['nota', 'text']]);
    expect(report).toMatchObject({ rows: 2, imported: 2, rejectedCount: 0 });
    expect((await rowsOf(id))[1]).toMatchObject({ localidad: 'Bosa', personas: '800.5', fecha: '2024-06-01', abierta: false, nota: null });
  });

  it.runIf(engine === 'postgres')('loads through COPY exactly what row-by-row parsing loads, whatever the delimiter and the values', async () => {
    // Lines COPY can take whole go in as written; the others (doubled quotes, quoted empties, values
    // over lines, other notations, wrong values) are parsed value by value. Both must give the same table.
    const tokens = ['Bosa', 'sí', '', ' ', '\\', '\\N', '\\.', '\t', ';', ',', '"', 'ñ', '\uFFFD', '\u0000', '12', '-0', '007', '2147483648', '1.5', '1,5', '2024-02-29', '2023-02-29', '31/12/2024', '2024-03-01 08:30:00', '2024-03-01T08:30', 'true', 'TRUE', 'no', 'dos\nlíneas', '\r', 'x"y'];
    let seed = 5;
    // The high bits: an LCG's low bits repeat with a short period.
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), (seed >>> 16) % n);
    const good = ['Bosa', '12', '1.5', '2024-02-29', '2024-03-01 08:30:00', 'true'];
    // Quoted when needed, and now and then when not (as some exports quote every text).
    const quote = (f: string, d: string) => (f.includes(d) || /["\r\n]/.test(f) || next(5) === 0 ? `"${f.replace(/"/g, '""')}"` : f);
    for (const delimiter of [',', ';', '\t']) {
      const rows = [good, good, ...Array.from({ length: 400 }, () => good.map((g) => (next(8) ? g : Array.from({ length: 1 + next(2) }, () => tokens[next(tokens.length)]).join(''))))];
      // A few ragged lines too.
      rows.push([...good, 'extra'], good.slice(0, 3));
      const text = ['texto,entero,numero,fecha,momento,activo'.replaceAll(',', delimiter), ...rows.map((r) => r.map((f) => quote(f, delimiter)).join(delimiter))].join('\n');
      const results = [];
      for (const method of ['copy', 'insert'] as const) {
        const id = await newResource();
        const report = await importResource(handle.db, id, csvSource(chunked(Buffer.from(text), 101)), { dbKind: handle.kind, method, sampleSize: 2 });
        results.push({ report: { ...report, rejected: report.rejected }, rows: await rowsOf(id) });
      }
      const [copied, inserted] = results;
      expect(copied!.report.fields.map((f) => f.type)).toEqual(delimiter === ';' ? ['text', 'int', 'text', 'date', 'timestamp', 'bool'] : ['text', 'int', 'numeric', 'date', 'timestamp', 'bool']);
      expect(copied!.report, delimiter).toEqual(inserted!.report);
      expect(copied!.rows, delimiter).toEqual(inserted!.rows);
      expect(copied!.report.imported, JSON.stringify(copied!.report.rejected.slice(0, 5))).toBeGreaterThan(100);
      expect(copied!.report.rejectedCount).toBeGreaterThan(10);
    }
  });

  it('imports with multi-row INSERTs on every engine (the PGlite path), the same rows as COPY', async () => {
    const id = await newResource();
    const lines = ['n,t', ...Array.from({ length: 12_345 }, (_, i) => `${i},"texto ${i}, con coma"`)];
    const report = await importResource(handle.db, id, csvSource(Readable.from([Buffer.from(lines.join('\n'))])), { dbKind: handle.kind, method: 'insert' });
    expect(report.imported).toBe(12_345);
    const count = await sql<{ n: number; s: string }>`SELECT count(*)::int AS n, sum(n)::text AS s FROM ${sql.raw(qualifiedTable(tableNameOf(id)))}`.execute(handle.db);
    expect(count.rows[0]).toEqual({ n: 12_345, s: String((12_344 * 12_345) / 2) });
  });
});
