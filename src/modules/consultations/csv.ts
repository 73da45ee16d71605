/**
 * A small RFC 4180 reader and writer: `,` or `;` (spreadsheets in Colombia save with `;`), quoted
 * fields with doubled quotes, CRLF or LF, an optional UTF-8 byte order mark.
 */
export class CsvError extends Error {
  constructor(
    readonly code: 'encoding' | 'unterminated_quote' | 'empty',
    message: string,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

export interface CsvTable {
  delimiter: ',' | ';';
  /** Rows with the line number where each starts (the header is line 1). */
  rows: { line: number; cells: string[] }[];
}

/** Decodes UTF-8 strictly: a file saved as Latin-1 would otherwise import garbled names and answers. */
export function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CsvError('encoding', 'not UTF-8');
  }
}

export function parseCsv(text: string): CsvTable {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const delimiter = (firstLine.split(';').length > firstLine.split(',').length ? ';' : ',') as ',' | ';';
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let started = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      started = true;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      started = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      cells.push(cell);
      if (started || cells.some((c) => c !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      started = false;
      line++;
      rowLine = line;
    } else {
      cell += ch;
      started = true;
    }
  }
  if (quoted) throw new CsvError('unterminated_quote', `unterminated quote starting on line ${rowLine}`);
  if (started || cell !== '') {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  if (rows.length === 0) throw new CsvError('empty', 'empty file');
  return { delimiter, rows };
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe: exported answers are typed by the public.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: (string | number | null)[]) => cells.map(csvCell).join(',');
