/**
 * CSV reading shared by the importers (registry extracts, datastore resources): a streaming
 * tokenizer, delimiter detection and text decoding (UTF-8 or Windows-1252 / Latin-1).
 */

/** One record of a CSV file: its fields and the line of the file it started on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** The record's line as read, when it had no quotes: `fields` is that text split at the delimiter. */
  text?: string;
}

/**
 * A record from a line without quotes, split only when its fields are asked for: an importer that
 * can take the line whole (COPY with the file's own delimiter) then makes no array or substring.
 */
class UnsplitRecord implements CsvRecord {
  private split: string[] | null = null;
  constructor(
    readonly line: number,
    readonly text: string,
    private readonly delimiter: string,
  ) {}

  get fields(): string[] {
    return (this.split ??= this.text.split(this.delimiter));
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
      // Fast lane: at a record boundary, a whole line of this text without quotes or stray CRs is
      // split natively, which is several times quicker than the loop below.
      if (this.delimiter !== null && this.record.length === 0 && !this.fieldStarted && !this.quoted && this.field === '') {
        const newline = text.indexOf('\n', i);
        if (newline >= 0) {
          const end = newline > i && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
          const line = text.slice(i, end);
          if (line.indexOf('"') < 0 && line.indexOf('\r') < 0) {
            // Blank lines are skipped, as in endRecord.
            if (line.indexOf(this.delimiter) >= 0 || line.trim() !== '') {
              out.push(this.splitLazily ? new UnsplitRecord(this.line, line, this.delimiter) : { line: this.line, fields: line.split(this.delimiter) });
            }
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
