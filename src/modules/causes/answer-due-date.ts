import { bogotaDay } from '../../core/i18n/i18n.ts';

/** Adds whole calendar days to a YYYY-MM-DD day (UTC arithmetic: no time zone can shift it). */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Is this Bogotá calendar day a working day? For now only Saturdays and Sundays are skipped.
 * TODO(calendar issue): the Colombian holiday function (festivos, Ley Emiliani) replaces this
 * check; it is the only place that needs to change.
 */
function isBusinessDay(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The last day (YYYY-MM-DD, Bogotá) on which the entity's answer is on time: `days` business days
 * counted from the day after the threshold was reached, as terms for petitions are counted in
 * Colombia (Ley 1755 de 2015: "días hábiles siguientes a su recepción").
 */
export function answerDueDate(reachedAt: Date, days: number): string {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`answer term must be a positive whole number of days, got ${days}`);
  let day = bogotaDay(reachedAt);
  let counted = 0;
  while (counted < days) {
    day = addDays(day, 1);
    if (isBusinessDay(day)) counted++;
  }
  return day;
}
