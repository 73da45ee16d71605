/**
 * Business days for legal terms (Ley 1755 de 2015 art. 14, Ley 1581 de 2012 arts. 14–15):
 * Monday–Friday that is not a national holiday. The filing day never counts; a term of N days
 * ends on the N-th business day after it. A filing on a weekend or holiday keeps its date: the
 * count starts the next day anyway (standards.md §5.3 — the rule this platform documents).
 */
import { formatDayNumber, isHolidayNumber, toDayNumber, weekday } from './holidays.ts';

export function isBusinessDay(day: string): boolean {
  return isBusinessDayNumber(toDayNumber(day));
}

function isBusinessDayNumber(n: number): boolean {
  const w = weekday(n);
  return w !== 0 && w !== 6 && !isHolidayNumber(n);
}

/** The N-th business day after `day` (N ≥ 0; N = 0 returns `day` itself). */
export function addBusinessDays(day: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Número de días hábiles inválido: ${n}`);
  let cursor = toDayNumber(day);
  let left = n;
  while (left > 0) {
    cursor += 1;
    if (isBusinessDayNumber(cursor)) left -= 1;
  }
  return formatDayNumber(cursor);
}

/**
 * Business days after `from` up to and including `to` ("vencida hace N días hábiles"); 0 when
 * `to` is on or before `from`.
 */
export function businessDaysBetween(from: string, to: string): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  let count = 0;
  for (let n = start + 1; n <= end; n += 1) if (isBusinessDayNumber(n)) count += 1;
  return count;
}
