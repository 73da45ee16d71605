import { describe, expect, it } from 'vitest';
import { addBusinessDays, businessDaysBetween, isBusinessDay } from './business-days.ts';

describe('isBusinessDay', () => {
  it('is Monday to Friday except national holidays', () => {
    expect(isBusinessDay('2026-07-10')).toBe(true); // Friday
    expect(isBusinessDay('2026-07-11')).toBe(false); // Saturday
    expect(isBusinessDay('2026-07-12')).toBe(false); // Sunday
    expect(isBusinessDay('2026-07-13')).toBe(false); // Chiquinquirá (Ley 2578)
    expect(isBusinessDay('2026-04-02')).toBe(false); // Jueves Santo
  });
});

describe('addBusinessDays (the filing day never counts)', () => {
  // Cases from standards.md §5.3–§5.4 and by hand.
  const cases: [string, number, string, string][] = [
    ['2026-07-06', 10, '2026-07-22', 'skips 13 Jul (Chiquinquirá) and 20 Jul'],
    ['2026-01-09', 1, '2026-01-13', 'Friday + 1 over the weekend and Reyes (Mon 12 Jan)'],
    ['2026-12-18', 15, '2027-01-13', 'year end: 25 Dec, 1 Jan and Reyes 2027 (11 Jan)'],
    ['2026-03-27', 15, '2026-04-21', 'Semana Santa (2–3 Apr)'],
    ['2025-06-26', 2, '2025-07-01', 'the double holiday of 30 Jun 2025 counts once'],
    ['2026-07-11', 1, '2026-07-14', 'a Saturday filing keeps its date; 13 Jul is a holiday'],
    ['2026-07-13', 1, '2026-07-14', 'a filing on a holiday keeps its date'],
    ['2026-07-13', 0, '2026-07-13', 'a zero term is the filing day itself'],
    ['2026-05-04', 30, '2026-06-18', 'consulta (30 days) over Ascensión, Corpus Christi and Sagrado Corazón'],
    ['2026-05-04', 15, '2026-05-26', 'general rule (15) over Ascensión (18 May)'],
    ['2026-05-04', 10, '2026-05-19', 'access to information (10)'],
    ['2027-12-24', 6, '2028-01-03', 'over Christmas, New Year (a Saturday) and into January'],
  ];
  for (const [filed, n, due, why] of cases) {
    it(`${filed} + ${n} → ${due} (${why})`, () => {
      expect(addBusinessDays(filed, n)).toBe(due);
      if (n > 0) expect(isBusinessDay(due)).toBe(true);
      expect(businessDaysBetween(filed, due)).toBe(n);
    });
  }

  it('never ends on a weekend or a holiday', () => {
    for (let n = 1; n <= 60; n += 1) expect(isBusinessDay(addBusinessDays('2026-12-20', n))).toBe(true);
  });

  it('rejects a negative or fractional term and a malformed date', () => {
    expect(() => addBusinessDays('2026-01-01', -1)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-01-01', 1.5)).toThrow(RangeError);
    expect(() => addBusinessDays('01/01/2026', 1)).toThrow(RangeError);
  });
});

describe('businessDaysBetween', () => {
  it('counts business days after `from` up to and including `to`', () => {
    expect(businessDaysBetween('2026-07-22', '2026-07-22')).toBe(0);
    expect(businessDaysBetween('2026-07-22', '2026-07-23')).toBe(1);
    expect(businessDaysBetween('2026-07-17', '2026-07-21')).toBe(1); // weekend and 20 Jul skipped
    expect(businessDaysBetween('2026-07-23', '2026-07-22')).toBe(0);
  });
});
