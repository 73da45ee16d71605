import { addBusinessDays } from '../../core/calendar/business-days.ts';
import { bogotaDay } from '../../core/i18n/i18n.ts';

/**
 * The last day (YYYY-MM-DD, Bogotá) on which the entity's answer is on time: `days` business days
 * (Colombian holidays skipped) counted from the day after the threshold was reached, as terms for
 * petitions are counted in Colombia (Ley 1755 de 2015: "días hábiles siguientes a su recepción").
 */
export function answerDueDate(reachedAt: Date, days: number): string {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`answer term must be a positive whole number of days, got ${days}`);
  return addBusinessDays(bogotaDay(reachedAt), days);
}
