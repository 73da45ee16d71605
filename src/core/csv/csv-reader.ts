/**
 * CSV reading shared by the importers (registry extracts, datastore resources): a streaming
 * tokenizer, delimiter detection and text decoding (UTF-8 or Windows-1252 / Latin-1).
 */

/** One record of a CSV file: its fields and the line of the file it started on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
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

  constructor(options: { delimiter?: string; candidates?: readonly string[] } = {}) {
    this.delimiter = options.delimiter ?? null;
    this.candidates = options.candidates ?? [',', ';', '\t'];
  }

  push(text: string, out: CsvRecord[]): void {
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (char === '\n') continue;
      }
      if (this.quoted) {
        if (this.quoteClosed) {
          this.quoteClosed = false;
          if (char === '"') {
            this.field += '"';
            continue;
          }
          this.quoted = false;
          // fall through: the char after a closing quote is handled as unquoted
        } else if (char === '"') {
          this.quoteClosed = true;
          continue;
        } else {
          if (char === '\n') this.line++;
          this.field += char;
          continue;
        }
      }
      if (char === '"' && !this.fieldStarted) {
        this.quoted = true;
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
      if (this.delimiter === null && this.candidates.includes(char)) this.delimiter = char;
      if (char === this.delimiter) {
        this.record.push(this.field);
        this.field = '';
        this.fieldStarted = false;
        continue;
      }
      this.field += char;
      this.fieldStarted = true;
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
