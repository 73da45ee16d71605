import { describe, expect, it } from 'vitest';
import { answerDueDate } from './answer-due-date.ts';

describe('answerDueDate (Colombian business days: weekends and holidays skipped)', () => {
  it('counts from the day after the threshold was reached', () => {
    // Friday 6 March 2026, 3 p.m. in Bogotá: day 1 is Monday the 9th.
    expect(answerDueDate(new Date('2026-03-06T15:00:00-05:00'), 1)).toBe('2026-03-09');
    // 15 weekdays would end on the 27th; San José (Monday 23 March) pushes it to the 30th.
    expect(answerDueDate(new Date('2026-03-06T15:00:00-05:00'), 15)).toBe('2026-03-30');
    expect(answerDueDate(new Date('2026-03-09T08:00:00-05:00'), 5)).toBe('2026-03-16');
  });

  it('skips Colombian holidays', () => {
    // Friday 20 March 2026; Monday the 23rd is San José (moved to Monday): day 1 is Tuesday the 24th.
    expect(answerDueDate(new Date('2026-03-20T10:00:00-05:00'), 1)).toBe('2026-03-24');
    // Holy Thursday and Good Friday 2026 are 2 and 3 April.
    expect(answerDueDate(new Date('2026-03-31T10:00:00-05:00'), 2)).toBe('2026-04-06');
  });

  it('takes the calendar day in Bogotá, whatever the server time zone', () => {
    // 04:30 UTC on Monday is still Sunday 23:30 in Bogotá: day 1 is that Monday.
    expect(answerDueDate(new Date('2026-03-02T04:30:00Z'), 1)).toBe('2026-03-02');
    expect(answerDueDate(new Date('2026-03-02T05:30:00Z'), 1)).toBe('2026-03-03');
  });

  it('crosses months and years', () => {
    // 25 December and 1 January (holiday), 11 January 2027 (Reyes moved to Monday).
    expect(answerDueDate(new Date('2026-12-24T12:00:00-05:00'), 10)).toBe('2027-01-12');
  });

  it('refuses terms that are not a positive whole number of days', () => {
    expect(() => answerDueDate(new Date(), 0)).toThrow(RangeError);
    expect(() => answerDueDate(new Date(), 1.5)).toThrow(RangeError);
  });
});
