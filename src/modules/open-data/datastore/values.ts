import type { DatastoreType } from './datastore.schema.ts';

/**
 * Typing of CSV/XLSX text: each column's type is inferred from a sample of its values, then every
 * value is parsed to a canonical text PostgreSQL reads unambiguously ('1234.56', '2024-03-31',
 * '2024-03-31 08:30:00', 'true'), or refused. Colombian files write decimal commas ("1.234,56")
 * and day-first dates ("31/03/2024"); both are understood.
 */

/** How a numeric column writes its decimals: `,` ("1.234,56") or `.` ("1,234.56" or "1234.56"). */
export type DecimalMark = ',' | '.';

export interface ColumnSpec {
  type: DatastoreType;
  decimal: DecimalMark;
}

const INT4_MAX = 2147483647;
const TRUE_WORDS = new Set(['true', 'verdadero', 'si', 'sí', 'yes']);
const FALSE_WORDS = new Set(['false', 'falso', 'no']);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by the `count` digits of `text` from `start`, or -1 if one is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let k = start; k < start + count; k++) {
    const digit = text.charCodeAt(k) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Whether `text` holds a real calendar day written 'YYYY-MM-DD' at `start` (read by character codes). */
function isIsoDayAt(text: string, start: number): boolean {
  if (text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45) return false;
  const [y, m, d] = [digitsAt(text, start, 4), digitsAt(text, start + 5, 2), digitsAt(text, start + 8, 2)];
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]!) return false;
  return !(m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)));
}

/** A real calendar day as 'YYYY-MM-DD' from 'YYYY-MM-DD' or day-first 'DD/MM/YYYY' (also '-'). */
function parseDay(text: string): string | null {
  // The common case, 'YYYY-MM-DD', read by character codes: this runs for every value of a date
  // column, and a regex and a Date per value were a large share of an import.
  if (text.length === 10 && isIsoDayAt(text, 0)) return text;
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function parseTimestamp(text: string): string | null {
  const match = /^(\S+)[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!match) return null;
  const day = parseDay(match[1]!);
  const [h, min, s] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (!day || h > 23 || min > 59 || s > 59) return null;
  // A zone is kept as written; the column is `timestamp` (without zone), as CKAN's are.
  return `${day} ${String(h).padStart(2, '0')}:${match[3]}:${String(s).padStart(2, '0')}${match[5] ?? ''}`;
}

/** Number patterns by decimal mark, compiled once (this runs for every value of a big file). */
const NUMBER = {
  ',': { full: /^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/, bare: /^([+-]?),(\d+)$/ },
  '.': { full: /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/, bare: /^([+-]?)\.(\d+)$/ },
} as const;

const isDigit = (code: number) => code >= 48 && code <= 57;

/** Whether `text` from `start` to `end` is canonical: `-?digits` or, with a decimal point, `-?digits.digits`. */
function isCanonicalNumberAt(text: string, start: number, end: number, mark: DecimalMark): boolean {
  let k = text.charCodeAt(start) === 45 ? start + 1 : start;
  const digitsFrom = k;
  while (k < end && isDigit(text.charCodeAt(k))) k++;
  if (k === digitsFrom) return false;
  if (k === end) return true;
  if (mark !== '.' || text.charCodeAt(k) !== 46) return false;
  const decimalsFrom = ++k;
  while (k < end && isDigit(text.charCodeAt(k))) k++;
  return k === end && k > decimalsFrom;
}

/** A decimal number in canonical form, or null. `mark` says which character is the decimal one. */
function parseNumber(text: string, mark: DecimalMark): string | null {
  if (isCanonicalNumberAt(text, 0, text.length, mark)) return text;
  const match = NUMBER[mark].full.exec(text);
  if (!match) {
    // ".5" / ",5"
    const bare = NUMBER[mark].bare.exec(text);
    return bare ? `${bare[1] === '-' ? '-' : ''}0.${bare[2]}` : null;
  }
  const integer = match[2]!.replace(/[.,]/g, '');
  return `${match[1] === '-' ? '-' : ''}${integer}${match[3] !== undefined ? `.${match[3]}` : ''}`;
}

const SMALL_INTEGER = /^-?[1-9]\d{0,8}$/;

function parseInt4(text: string, mark: DecimalMark): string | null {
  // Up to nine digits always fits: the common case skips the general parser.
  if (text === '0' || SMALL_INTEGER.test(text)) return text;
  // Leading zeros mark codes ("007", "01" for a localidad): those stay text.
  if (/^[+-]?0\d/.test(text)) return null;
  const n = parseNumber(text, mark);
  if (n === null || n.includes('.')) return null;
  const value = Number(n);
  return Math.abs(value) <= INT4_MAX ? String(value) : null;
}

function parseBool(text: string): string | null {
  const lower = text.toLowerCase();
  if (TRUE_WORDS.has(lower)) return 'true';
  if (FALSE_WORDS.has(lower)) return 'false';
  return null;
}

/**
 * A value's canonical text for its column, null for an empty value (SQL NULL), or undefined when
 * it does not fit the column's type.
 */
export function parseValue(raw: string, spec: ColumnSpec): string | null | undefined {
  if (spec.type === 'text') return raw === '' ? null : raw;
  const text = raw.trim();
  if (text === '') return null;
  let parsed: string | null;
  switch (spec.type) {
    case 'int':
      parsed = parseInt4(text, spec.decimal);
      break;
    case 'numeric':
      parsed = /^0\d/.test(text) ? null : parseNumber(text, spec.decimal);
      break;
    case 'date':
      parsed = parseDay(text);
      break;
    case 'timestamp':
      parsed = parseTimestamp(text) ?? parseDay(text);
      break;
    case 'bool':
      parsed = parseBool(text);
      break;
  }
  return parsed ?? undefined;
}

/** 'HH:MM:SS' at `start`, two digits each, within a day. */
function isTimeAt(text: string, start: number): boolean {
  if (text.charCodeAt(start + 2) !== 58 || text.charCodeAt(start + 5) !== 58) return false;
  const [h, m, s] = [digitsAt(text, start, 2), digitsAt(text, start + 3, 2), digitsAt(text, start + 6, 2)];
  return h >= 0 && h <= 23 && m >= 0 && m <= 59 && s >= 0 && s <= 59;
}

/** `-?[1-9]` and up to eight more digits, or `0`: an integer that always fits int4, as `parseInt4` keeps it. */
function isSmallIntegerAt(text: string, start: number, end: number): boolean {
  if (end - start === 1 && text.charCodeAt(start) === 48) return true;
  const from = text.charCodeAt(start) === 45 ? start + 1 : start;
  if (end - from < 1 || end - from > 9 || text.charCodeAt(from) === 48) return false;
  for (let k = from; k < end; k++) if (!isDigit(text.charCodeAt(k))) return false;
  return true;
}

/**
 * Whether the value `text.slice(start, end)` is one `parseValue` keeps exactly as written, checked
 * without making the substring: such a value goes into COPY as it is. False means "ask
 * `parseValue`" (an empty value, spaces, another notation), not that the value is wrong.
 */
export function keepsAsWritten(text: string, start: number, end: number, spec: ColumnSpec): boolean {
  if (end <= start) return false;
  switch (spec.type) {
    case 'text':
      return true;
    case 'int':
      return isSmallIntegerAt(text, start, end);
    case 'numeric':
      // parseValue refuses a leading zero before another digit ("01" is a code, not a number).
      return isCanonicalNumberAt(text, start, end, spec.decimal) && !(text.charCodeAt(start) === 48 && isDigit(text.charCodeAt(start + 1)));
    case 'date':
      return end - start === 10 && isIsoDayAt(text, start);
    case 'timestamp':
      return (end - start === 10 && isIsoDayAt(text, start)) || (end - start === 19 && isIsoDayAt(text, start) && text.charCodeAt(start + 10) === 32 && isTimeAt(text, start + 11));
    case 'bool':
      return end - start === 4 ? text.startsWith('true', start) : end - start === 5 && text.startsWith('false', start);
  }
}

/** The decimal mark of a column's sample: a comma as soon as one value needs it ("1,5", "1.234,5"). */
function decimalMarkOf(values: string[]): DecimalMark {
  const commaDecimal = values.some((v) => /^[+-]?(\d{1,3}(\.\d{3})*|\d+),\d+$/.test(v) && !/^[+-]?\d{1,3}(,\d{3})+$/.test(v));
  return commaDecimal ? ',' : '.';
}

/**
 * Each column's type from a sample of its values. The decimal mark is decided for the whole file:
 * a file that writes "65,31" in one column writes "580.000" for 580 thousand in the others. A file
 * separated by `;` is a Spanish-locale spreadsheet export: its comma is decimal ("4,600" = 4.6).
 */
export function inferColumns(columns: string[][], hint?: DecimalMark): ColumnSpec[] {
  const values = columns.map((sample) => sample.map((v) => v.trim()).filter((v) => v !== ''));
  const decimal: DecimalMark = hint ?? (values.some((v) => decimalMarkOf(v) === ',') ? ',' : '.');
  return values.map((v) => inferColumn(v, decimal));
}

/** The narrowest type the non-empty sample values fit (text when none or nothing else fits). */
export function inferColumn(sample: string[], decimal: DecimalMark = decimalMarkOf(sample.map((v) => v.trim()))): ColumnSpec {
  const values = sample.map((v) => v.trim()).filter((v) => v !== '');
  if (values.length === 0) return { type: 'text', decimal };
  const candidates: DatastoreType[] = ['bool', 'int', 'numeric', 'date', 'timestamp'];
  // A stray value ("no es fecha" among dates) should be reported as a bad row, not turn the column
  // into text: up to 2 % of the sample may not fit.
  const tolerated = Math.floor(values.length * 0.02);
  for (const type of candidates) {
    const spec = { type, decimal };
    let misfits = 0;
    for (const v of values) if (parseValue(v, spec) === undefined && ++misfits > tolerated) break;
    if (misfits <= tolerated) return spec;
  }
  return { type: 'text', decimal };
}

/** The PostgreSQL column type of a datastore type. */
export const SQL_TYPES: Record<DatastoreType, string> = { text: 'text', int: 'integer', numeric: 'numeric', date: 'date', timestamp: 'timestamp', bool: 'boolean' };

/**
 * Column names from a header: trimmed, unique, not empty, not starting with `_` (reserved, as in
 * CKAN) and at most 63 bytes (PostgreSQL's identifier limit).
 */
export function columnNames(header: string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    let name = raw.replace(/"/g, "'").replace(/[\u0000-\u001f]/g, ' ').trim().replace(/^_+/, '').trim();
    if (!name) name = `columna_${i + 1}`;
    while (Buffer.byteLength(name) > 58) name = name.slice(0, -1);
    let unique = name;
    for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${name}_${n}`;
    seen.add(unique.toLowerCase());
    return unique;
  });
}
