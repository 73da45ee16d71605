import { describe, expect, it } from 'vitest';
import { keepsAsWritten, parseValue, type ColumnSpec } from './values.ts';

/** A small deterministic generator (no Math.random: a failure must be repeatable). */
function generator(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

const SPECS: ColumnSpec[] = (['text', 'int', 'numeric', 'date', 'timestamp', 'bool'] as const).flatMap((type) => [
  { type, decimal: '.' as const },
  { type, decimal: ',' as const },
]);

/** Pieces that make values near the edges of each type: signs, zeros, separators, dates, words. */
const PIECES = ['0', '1', '9', '12', '-', '+', '.', ',', ' ', ':', 'T', 'e', 'true', 'false', 'TRUE', 'sí', '2024-02-29', '2023-02-29', '2024-13-01', '31/12/2024', '23:59:59', '24:00:00', '08:30', '2147483647', '9999999999', '007', 'a'];

describe('keepsAsWritten', () => {
  it('accepts a value only when parseValue gives it back unchanged, wherever it sits in a line', () => {
    const next = generator(11);
    let accepted = 0;
    for (let round = 0; round < 20_000; round++) {
      const value = Array.from({ length: 1 + next(4) }, () => PIECES[next(PIECES.length)]).join('');
      const spec = SPECS[next(SPECS.length)]!;
      const [before, after] = ['x,'.repeat(next(3)), ',y'.repeat(next(3))];
      const line = before + value + after;
      const kept = keepsAsWritten(line, before.length, before.length + value.length, spec);
      if (kept) {
        accepted++;
        expect(parseValue(value, spec), JSON.stringify({ value, spec })).toBe(value);
      }
    }
    // The check is not vacuous: plenty of generated values take the fast way.
    expect(accepted).toBeGreaterThan(2000);
  });

  it('takes the canonical forms a big export is made of, and leaves the rest to parseValue', () => {
    const dot: ColumnSpec = { type: 'numeric', decimal: '.' };
    const cases: [string, ColumnSpec['type'], boolean][] = [
      ['Bosa', 'text', true],
      ['', 'text', false],
      ['0', 'int', true],
      ['-123456789', 'int', true],
      ['1234567890', 'int', false],
      ['007', 'int', false],
      ['12.50', 'numeric', true],
      ['01.5', 'numeric', false],
      ['1,234.5', 'numeric', false],
      ['2024-02-29', 'date', true],
      ['2023-02-29', 'date', false],
      ['2024-03-01 08:30:00', 'timestamp', true],
      ['2024-03-01', 'timestamp', true],
      ['2024-03-01T08:30:00', 'timestamp', false],
      ['true', 'bool', true],
      ['sí', 'bool', false],
    ];
    for (const [value, type, expected] of cases) expect(keepsAsWritten(value, 0, value.length, { ...dot, type }), `${type} ${value}`).toBe(expected);
  });
});
