/**
 * CSV reading shared by the importers (registry extracts, datastore resources): a streaming
 * tokenizer, delimiter detection and text decoding (UTF-8 or Windows-1252 / Latin-1).
 */

/** One record of a CSV file: its fields and the line of the file it started on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
  /**
   * The record's line as read, when it was one line of simple quoting (see `simpleFieldEnd`): its
   * fields are that text split at the delimiter, wholly quoted ones without their quotes.
   */
  text?: string;
}

/**
 * Where the field of a one-line record that starts at `start` ends (the index of the delimiter after
 * it, or the line's length), when its quoting is simple: no quote at all, or wholly quoted with no
 * quote inside ("Bosa", "uno, dos"). -1 otherwise (a doubled quote, a quote inside the field, one
 * left open so the record may go on past this line): then only the full reader can say.
 */
export function simpleFieldEnd(line: string, start: number, delimiter: string): number {
  if (line.charCodeAt(start) === 34) {
    const close = line.indexOf('"', start + 1);
    if (close < 0) return -1;
    const after = close + 1;
    return after === line.length || line.charCodeAt(after) === delimiter.charCodeAt(0) ? after : -1;
  }
  const next = line.indexOf(delimiter, start);
  const end = next < 0 ? line.length : next;
  const quote = line.indexOf('"', start);
  return quote >= 0 && quote < end ? -1 : end;
}

/** Whether every field of the line has simple quoting (see `simpleFieldEnd`); makes no substring. */
function isSimpleLine(line: string, delimiter: string): boolean {
  for (let start = 0; ; ) {
    const end = simpleFieldEnd(line, start, delimiter);
    if (end < 0) return false;
    if (end === line.length) return true;
    start = end + 1;
  }
}

/** The fields of a line whose quoting is simple (see `simpleFieldEnd`), or null if it is not. */
function simpleFields(line: string, delimiter: string): string[] | null {
  const fields: string[] = [];
  for (let start = 0; ; ) {
    const end = simpleFieldEnd(line, start, delimiter);
    if (end < 0) return null;
    fields.push(line.charCodeAt(start) === 34 ? line.slice(start + 1, end - 1) : line.slice(start, end));
    if (end === line.length) return fields;
    start = end + 1;
  }
}

/**
 * A record from one line of simple quoting, split only when its fields are asked for: an importer
 * that can take the line whole (COPY in CSV format, with the file's delimiter) makes no array or
 * substring for it.
 */
class UnsplitRecord implements CsvRecord {
  private split: string[] | null = null;
  constructor(
    readonly line: number,
    readonly text: string,
    private readonly delimiter: string,
    private readonly quoted: boolean,
  ) {}

  get fields(): string[] {
    return (this.split ??= this.quoted ? simpleFields(this.text, this.delimiter)! : this.text.split(this.delimiter));
  }
}

/**
 * A streaming CSV tokenizer (RFC 4180: quoted fields, doubled quotes, CR/LF line ends). Push text
 * as it arrives; complete records come back with the line they started on.
 */
export class CsvReader {
  private field = '';
  private record: string[] = [];
  private quoted = false;
  /** A quote just closed inside a quoted field: next char decides (another quote = literal). */
  private quoteClosed = false;
  private fieldStarted = false;
  private line = 1;
  private recordLine = 1;
  private pendingCr = false;
  /** The field separator; null until the first candidate character outside quotes decides it. */
  delimiter: string | null;
  private readonly candidates: readonly string[];
  private readonly splitLazily: boolean;

  /** `splitLazily`: lines without quotes come back with their `text`, split only on demand. */
  constructor(options: { delimiter?: string; candidates?: readonly string[]; splitLazily?: boolean } = {}) {
    this.delimiter = options.delimiter ?? null;
    this.candidates = options.candidates ?? [',', ';', '\t'];
    this.splitLazily = options.splitLazily ?? false;
  }

  /** Character codes (< 128) that end a run of plain field text; rebuilt when the delimiter is known. */
  private special = new Uint8Array(128);

  private markSpecials(): void {
    this.special.fill(0);
    for (const c of ['"', '\r', '\n', ...(this.delimiter === null ? this.candidates : [this.delimiter])]) this.special[c.charCodeAt(0)] = 1;
  }

  /**
   * Runs of plain text are copied with one slice each (not character by character): this loop is
   * what bounds an import's speed.
   */
  push(text: string, out: CsvRecord[]): void {
    if (!this.special.some((v) => v === 1)) this.markSpecials();
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.pendingCr) {
        this.pendingCr = false;
        if (text.charCodeAt(i) === 10) {
          i++;
          continue;
        }
      }
      // Fast lane: at a record boundary, a whole line of this text without stray CRs and with at most
      // simple quoting is split natively, which is several times quicker than the loop below.
      if (this.delimiter !== null && this.record.length === 0 && !this.fieldStarted && !this.quoted && this.field === '') {
        const newline = text.indexOf('\n', i);
        if (newline >= 0) {
          const end = newline > i && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
          const line = text.slice(i, end);
          if (line.indexOf('\r') < 0 && this.takeLine(line, out)) {
            this.line++;
            this.recordLine = this.line;
            i = newline + 1;
            continue;
          }
        }
      }
      if (this.quoted) {
        if (this.quoteClosed) {
          this.quoteClosed = false;
          if (text.charCodeAt(i) === 34) {
            this.field += '"';
            i++;
            continue;
          }
          // The text after a closing quote is handled as unquoted.
          this.quoted = false;
        } else {
          const close = text.indexOf('"', i);
          const end = close < 0 ? n : close;
          for (let k = text.indexOf('\n', i); k >= 0 && k < end; k = text.indexOf('\n', k + 1)) this.line++;
          this.field += text.slice(i, end);
          if (close < 0) return;
          this.quoteClosed = true;
          i = close + 1;
          continue;
        }
      }
      let j = i;
      while (j < n) {
        const code = text.charCodeAt(j);
        if (code < 128 && this.special[code] === 1) break;
        j++;
      }
      if (j > i) {
        this.field += text.slice(i, j);
        this.fieldStarted = true;
      }
      if (j >= n) return;
      const char = text[j]!;
      i = j + 1;
      if (char === '"') {
        if (!this.fieldStarted) this.quoted = true;
        else this.field += '"';
        this.fieldStarted = true;
        continue;
      }
      if (char === '\r' || char === '\n') {
        if (char === '\r') this.pendingCr = true;
        this.endRecord(out);
        this.line++;
        this.recordLine = this.line;
        continue;
      }
      if (this.delimiter === null) {
        this.delimiter = char;
        this.markSpecials();
      }
      if (char === this.delimiter) {
        this.record.push(this.field);
        this.field = '';
        this.fieldStarted = false;
      } else {
        this.field += char;
        this.fieldStarted = true;
      }
    }
  }

  /** Reads one whole line as a record if its quoting is simple; false leaves it to the full loop. */
  private takeLine(line: string, out: CsvRecord[]): boolean {
    const delimiter = this.delimiter!;
    if (line.indexOf('"') < 0) {
      // Blank lines are skipped, as in endRecord.
      if (line.indexOf(delimiter) >= 0 || line.trim() !== '') {
        out.push(this.splitLazily ? new UnsplitRecord(this.line, line, delimiter, false) : { line: this.line, fields: line.split(delimiter) });
      }
      return true;
    }
    // With quotes, a line of one field is left to the loop (which knows a quoted blank is blank).
    if (line.indexOf(delimiter) < 0) return false;
    if (this.splitLazily) {
      if (!isSimpleLine(line, delimiter)) return false;
      out.push(new UnsplitRecord(this.line, line, delimiter, true));
      return true;
    }
    const fields = simpleFields(line, delimiter);
    if (fields) out.push({ line: this.line, fields });
    return fields !== null;
  }

  /** Flushes the last record (a file need not end with a newline). Returns false if a quote was left open. */
  end(out: CsvRecord[]): boolean {
    const openQuote = this.quoted && !this.quoteClosed;
    this.quoted = false;
    this.quoteClosed = false;
    this.endRecord(out);
    return !openQuote;
  }

  private endRecord(out: CsvRecord[]): void {
    this.record.push(this.field);
    const fields = this.record;
    this.record = [];
    this.field = '';
    this.fieldStarted = false;
    // Blank lines are skipped.
    if (fields.length === 1 && fields[0]!.trim() === '') return;
    out.push({ line: this.recordLine, fields });
  }

  /** Line the record being read started on. */
  get currentRecordLine(): number {
    return this.recordLine;
  }
}
