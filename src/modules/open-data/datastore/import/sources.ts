import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { CsvReader, type CsvRecord } from '../../../../core/csv/csv-reader.ts';
import { AutoDecoder, detectDelimiter } from './decode.ts';
import { DatastoreImportError, unreadableCsv, unreadableXlsx, workbookWithoutSheets } from './import-error.ts';

/** A record read from a file; `problem` marks one that could not be read whole. */
export interface SourceRecord extends CsvRecord {
  problem?: 'unterminated_quote';
}

/**
 * The rows of an uploaded file, header first, in batches as they are read (never the whole file).
 * A file that cannot be parsed makes `batches` throw a DatastoreImportError; an error reading the
 * input (disk, network) comes through as it is, since it may pass.
 */
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
  /** Runs a decoding or parsing step; what it throws is the file's fault (a line past V8's string limit). */
  const parsing = <T>(step: () => T): T => {
    try {
      return step();
    } catch (error) {
      throw unreadableCsv(error);
    }
  };
  async function* batches(): AsyncGenerator<SourceRecord[]> {
    let pending = '';
    for await (const chunk of input) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      bytes += buffer.length;
      let text = parsing(() => decoder.decode(buffer));
      if (!reader) {
        pending += text;
        const newline = pending.search(/[\r\n]/);
        if (newline < 0 && pending.length < HEADER_LOOKAHEAD) continue;
        reader = new CsvReader({ delimiter: detectDelimiter(newline < 0 ? pending : pending.slice(0, newline)), splitLazily: true });
        text = pending;
        pending = '';
      }
      const out: SourceRecord[] = [];
      parsing(() => reader!.push(text, out));
      if (out.length) yield out;
    }
    const out: SourceRecord[] = [];
    const ended = parsing(() => {
      const tail = pending + decoder.end();
      reader ??= new CsvReader({ delimiter: detectDelimiter(tail.split(/[\r\n]/)[0] ?? ''), splitLazily: true });
      reader.push(tail, out);
      return reader.end(out);
    });
    if (!ended && out.length) out[out.length - 1]!.problem = 'unterminated_quote';
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
 * A way to give up on exceljs: it can wait for ever on a zip that broke under it, and abandoning
 * its pending step is the only way out (it holds no timer or file). `iterate` wraps an iterator so
 * each step rejects as soon as `fail` is called. One promise per step, none kept after it: racing
 * every row against one long-lived promise would pile a reaction per row onto that promise.
 */
function abortable() {
  let failure: { error: unknown } | null = null;
  const waiting = new Set<(error: unknown) => void>();
  return {
    fail(error: unknown) {
      failure ??= { error };
      for (const reject of waiting) reject(failure.error);
    },
    async *iterate<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
      const iterator = source[Symbol.asyncIterator]();
      try {
        for (;;) {
          if (failure) throw failure.error;
          const step = await new Promise<IteratorResult<T>>((resolve, reject) => {
            const settle = () => waiting.delete(reject);
            waiting.add(reject);
            iterator.next().then((result) => (settle(), resolve(result)), (error: unknown) => (settle(), reject(error)));
          });
          if (step.done) return;
          yield step.value;
        }
      } finally {
        // Not awaited: the return() of a step that never finishes would never finish either.
        void Promise.resolve(iterator.return?.()).catch(() => {});
      }
    },
  };
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
  // exceljs pipes our bytes into its unzip parser and watches neither end of that pipe for errors:
  // a failing input would be an uncaught exception, and a truncated or damaged zip (the parser
  // fails while exceljs waits inside a worksheet) would leave it waiting for ever. So both are
  // watched here, and the step exceljs is waiting on is abandoned as soon as one fails.
  const exceljs = abortable();
  let inputError: unknown = null;
  readable.on('error', (error) => {
    inputError = error;
    readable.unpipe(counted);
    exceljs.fail(error);
  });
  const pipe = counted.pipe.bind(counted);
  counted.pipe = ((destination: NodeJS.WritableStream, options?: { end?: boolean }) => {
    destination.on('error', (error) => exceljs.fail(error));
    return pipe(destination, options);
  }) as typeof counted.pipe;
  readable.pipe(counted);

  async function* batches(): AsyncGenerator<SourceRecord[]> {
    try {
      yield* sheetRows();
    } catch (error) {
      // Once the input has failed, whatever exceljs reports follows from that (and may pass);
      // otherwise the bytes themselves are no workbook: truncated, damaged, or not a zip.
      if (inputError !== null) throw inputError;
      throw error instanceof DatastoreImportError ? error : unreadableXlsx(error);
    } finally {
      // Read through, failed or abandoned by the importer: either way the file can be closed.
      readable.destroy();
    }
  }
  async function* sheetRows(): AsyncGenerator<SourceRecord[]> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(counted, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    let width = 0;
    let first = true;
    for await (const worksheet of exceljs.iterate(workbook)) {
      // Only the first worksheet is data; the others are read through so the zip stream goes on.
      if (!first) {
        for await (const _ of exceljs.iterate(worksheet)) void _;
        continue;
      }
      first = false;
      let batch: SourceRecord[] = [];
      for await (const row of exceljs.iterate(worksheet)) {
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
    // exceljs reads any zip without complaint; one without a worksheet is not a workbook.
    if (first) throw workbookWithoutSheets();
  }
  return { batches: batches(), bytesRead: () => bytes, detected: () => ({ encoding: null, delimiter: null }) };
}

export function sourceOf(format: SourceFormat, input: AsyncIterable<Buffer | string>): RecordSource {
  return format === 'xlsx' ? xlsxSource(input) : csvSource(input);
}
