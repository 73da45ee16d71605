import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { CsvReader, type CsvRecord } from '../../../../core/csv/csv-reader.ts';
import { AutoDecoder, detectDelimiter } from './decode.ts';

/** A record read from a file; `problem` marks one that could not be read whole. */
export interface SourceRecord extends CsvRecord {
  problem?: 'unterminated_quote';
}

/** The rows of an uploaded file, header first, in batches as they are read (never the whole file). */
export interface RecordSource {
  batches: AsyncIterable<SourceRecord[]>;
  /** Bytes of the file read so far. */
  bytesRead(): number;
  /** What was detected (for the report): encoding and delimiter of a CSV. */
  detected(): { encoding: string | null; delimiter: string | null };
}

export type SourceFormat = 'csv' | 'xlsx';

/** Longest header line looked at to choose the delimiter. */
const HEADER_LOOKAHEAD = 1 << 20;

/** A CSV: encoding and delimiter detected, BOM dropped, RFC 4180 quoting (shared core tokenizer). */
export function csvSource(input: AsyncIterable<Buffer | string>): RecordSource {
  let bytes = 0;
  const decoder = new AutoDecoder();
  let reader: CsvReader | null = null;
  async function* batches(): AsyncGenerator<SourceRecord[]> {
    let pending = '';
    for await (const chunk of input) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      bytes += buffer.length;
      let text = decoder.decode(buffer);
      if (!reader) {
        pending += text;
        const newline = pending.search(/[\r\n]/);
        if (newline < 0 && pending.length < HEADER_LOOKAHEAD) continue;
        reader = new CsvReader({ delimiter: detectDelimiter(newline < 0 ? pending : pending.slice(0, newline)) });
        text = pending;
        pending = '';
      }
      const out: SourceRecord[] = [];
      reader.push(text, out);
      if (out.length) yield out;
    }
    const tail = pending + decoder.end();
    reader ??= new CsvReader({ delimiter: detectDelimiter(tail.split(/[\r\n]/)[0] ?? '') });
    const out: SourceRecord[] = [];
    reader.push(tail, out);
    if (!reader.end(out) && out.length) out[out.length - 1]!.problem = 'unterminated_quote';
    if (out.length) yield out;
  }
  return { batches: batches(), bytesRead: () => bytes, detected: () => ({ encoding: decoder.encoding ?? 'utf-8', delimiter: reader?.delimiter ?? null }) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A spreadsheet cell as the text a CSV would have held. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    // Spreadsheet dates carry no zone: exceljs hands them over as UTC.
    const day = `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const time = value.getUTCHours() * 3600 + value.getUTCMinutes() * 60 + value.getUTCSeconds();
    return time === 0 ? day : `${day} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
  }
  return '';
}

/**
 * The first worksheet of an XLSX, read with exceljs's streaming reader (rows arrive as the zip is
 * inflated; only shared strings are kept in memory). Trailing empty cells are not stored in XLSX,
 * so a short row is padded rather than called ragged.
 */
export function xlsxSource(input: AsyncIterable<Buffer | string> | Readable): RecordSource {
  let bytes = 0;
  const counted = new PassThrough();
  const readable = input instanceof Readable ? input : Readable.from(input);
  readable.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  readable.on('error', (error) => counted.destroy(error));
  readable.pipe(counted);
  async function* batches(): AsyncGenerator<SourceRecord[]> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(counted, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    let width = 0;
    let first = true;
    for await (const worksheet of workbook) {
      // Only the first worksheet is data; the others are read through so the zip stream goes on.
      if (!first) {
        for await (const _ of worksheet) void _;
        continue;
      }
      first = false;
      let batch: SourceRecord[] = [];
      for await (const row of worksheet) {
        const values = (row.values as unknown[]).slice(1);
        const fields = values.map(cellText);
        while (fields.length > 0 && fields[fields.length - 1] === '' && fields.length > width) fields.pop();
        if (width === 0) width = fields.length;
        while (fields.length < width) fields.push('');
        if (fields.every((f) => f.trim() === '')) continue;
        batch.push({ line: row.number, fields });
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    }
  }
  return { batches: batches(), bytesRead: () => bytes, detected: () => ({ encoding: null, delimiter: null }) };
}

export function sourceOf(format: SourceFormat, input: AsyncIterable<Buffer | string>): RecordSource {
  return format === 'xlsx' ? xlsxSource(input) : csvSource(input);
}
