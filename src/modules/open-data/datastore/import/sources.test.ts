import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DatastoreImportError } from './import-error.ts';
import { csvSource, type RecordSource, xlsxSource } from './sources.ts';

async function workbook(rows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Datos');
  sheet.addRow(['localidad', 'personas']);
  for (let i = 0; i < rows; i++) sheet.addRow([`Localidad ${i}`, i]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The bytes, then after a pause the end (or an error): as a slow disk or network delivers them. */
function slowly(bytes: Buffer, then: Error | 'end' = 'end'): PassThrough {
  const stream = new PassThrough();
  stream.write(bytes);
  setTimeout(() => (then === 'end' ? stream.end() : stream.destroy(then)), 50);
  return stream;
}

/** Reads every batch; resolves to the row count or rejects with what the source threw. */
async function readAll(source: RecordSource): Promise<number> {
  let rows = 0;
  for await (const batch of source.batches) rows += batch.length;
  return rows;
}

describe('xlsxSource on files that are no workbook', () => {
  it('reads a good workbook', async () => {
    expect(await readAll(xlsxSource(slowly(await workbook(300))))).toBe(301);
  });

  it('refuses a truncated workbook whose end arrives late, instead of waiting for ever inside the sheet', async () => {
    const whole = await workbook(300);
    const attempt = readAll(xlsxSource(slowly(whole.subarray(0, Math.floor(whole.length / 2)))));
    await expect(attempt).rejects.toBeInstanceOf(DatastoreImportError);
    await expect(attempt).rejects.toMatchObject({ code: 'unreadable', message: expect.stringMatching(/^El archivo no se puede leer como libro de Excel \(XLSX\)/) });
  });

  it('refuses a workbook damaged in the middle (its zip directory intact)', async () => {
    const damaged = await workbook(300);
    for (let i = Math.floor(damaged.length * 0.4); i < Math.floor(damaged.length * 0.4) + 200; i++) damaged[i] = (damaged[i]! * 7 + 13) & 0xff;
    await expect(readAll(xlsxSource(slowly(damaged)))).rejects.toMatchObject({ code: 'unreadable' });
  });

  it('refuses a text file and a zip without worksheets, each with its own message', async () => {
    await expect(readAll(xlsxSource(Readable.from([Buffer.from('localidad;personas\nSuba;1\n')])))).rejects.toMatchObject({ code: 'unreadable' });
    // The smallest zip there is: an empty archive (its end-of-directory record alone).
    const emptyZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
    await expect(readAll(xlsxSource(Readable.from([emptyZip])))).rejects.toThrow(/es un ZIP pero no un libro de Excel/);
  });

  it('passes on a failure of the input itself (it may pass), without an uncaught exception', async () => {
    const whole = await workbook(300);
    const lost = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const attempt = readAll(xlsxSource(slowly(whole.subarray(0, Math.floor(whole.length / 2)), lost)));
    await expect(attempt).rejects.toBe(lost);
  });
});

describe('csvSource', () => {
  it('passes on a failure of the input itself rather than calling the file unreadable', async () => {
    const lost = new Error('disco desconectado');
    async function* broken() {
      yield Buffer.from('a,b\n1,2\n');
      throw lost;
    }
    await expect(readAll(csvSource(broken()))).rejects.toBe(lost);
  });
});
