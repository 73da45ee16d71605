import { describe, expect, it } from 'vitest';
import { CsvReader, type CsvRecord } from './csv-reader.ts';

/** Reads `text` pushed in pieces cut at `cuts` (positions), as a stream delivers it. */
function read(text: string, cuts: number[] = [], delimiter = ',', splitLazily = false): CsvRecord[] {
  const reader = new CsvReader({ delimiter, splitLazily });
  const out: CsvRecord[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    reader.push(text.slice(from, cut), out);
    from = cut;
  }
  reader.end(out);
  return out;
}

/** RFC 4180 quoting: only fields that need it. */
const quote = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);

/** A small deterministic generator (no Math.random: a failure must be repeatable). */
function generator(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

describe('the CSV reader', () => {
  it('splits plain lines, LF or CRLF, skips blank lines and numbers records by their first line', () => {
    expect(read('a,b\n1,2\r\n\n3,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('keeps quoted delimiters, doubled quotes and newlines inside a field, and counts the lines they span', () => {
    expect(read('id,nota\n1,"uno, dos"\n2,"dijo ""sí""\nen dos líneas"\n3,fin\n')).toEqual([
      { line: 1, fields: ['id', 'nota'] },
      { line: 2, fields: ['1', 'uno, dos'] },
      { line: 3, fields: ['2', 'dijo "sí"\nen dos líneas'] },
      { line: 5, fields: ['3', 'fin'] },
    ]);
  });

  it('reads back any table written as CSV, however the text is cut into pieces', () => {
    const next = generator(7);
    const alphabet = ['a', 'ñ', ' ', ',', '"', '\n', '\r\n', ';', '\t', '1', 'é'];
    for (let round = 0; round < 200; round++) {
      const width = 1 + next(4);
      const rows = Array.from({ length: 1 + next(6) }, () =>
        Array.from({ length: width }, () => Array.from({ length: next(6) }, () => alphabet[next(alphabet.length)]).join('')),
      );
      // A record of one empty field is a blank line, which the reader skips by design.
      const kept = rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
      const text = rows.map((r) => r.map(quote).join(',')).join(next(2) ? '\r\n' : '\n');
      const cuts = Array.from({ length: next(5) }, () => next(text.length + 1)).sort((a, b) => a - b);
      expect(read(text, cuts).map((r) => r.fields), JSON.stringify({ text, cuts })).toEqual(kept.map((r) => r.map((f) => f)));
      // Split lazily, the same fields; a line kept whole reads alone as that same record.
      const lazy = read(text, cuts, ',', true);
      expect(lazy.map((r) => r.fields), JSON.stringify({ text, cuts })).toEqual(kept);
      for (const record of lazy) if (record.text !== undefined) expect(read(record.text).map((r) => r.fields)).toEqual([record.fields]);
    }
  });

  it('keeps the text of one-line records of simple quoting when asked to split lazily', () => {
    const records = read('a,b\n"x, y",z\n"dijo ""sí""",1\n"dos\nlíneas",2\nc,d\r\n', [], ',', true);
    expect(records.map((r) => [r.line, r.text, r.fields])).toEqual([
      [1, 'a,b', ['a', 'b']],
      [2, '"x, y",z', ['x, y', 'z']],
      [3, undefined, ['dijo "sí"', '1']],
      [4, undefined, ['dos\nlíneas', '2']],
      [6, 'c,d', ['c', 'd']],
    ]);
  });

  it('reads the same with `;` and tab as the delimiter', () => {
    expect(read('a;b\n"x;y";2\n', [], ';').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['x;y', '2'],
    ]);
    expect(read('a\tb\n1\t\n', [], '\t').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
  });
});
