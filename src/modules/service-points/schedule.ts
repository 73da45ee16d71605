import { colombianHolidays, isHoliday } from '../../core/calendar/holidays.ts';
import { addDays, bogotaClock, isoWeekday } from './bogota-clock.ts';

/** Opening interval in minutes after midnight, Bogotá time; `closes` is the first closed minute. */
export interface Interval {
  opens: number;
  closes: number;
}

export interface ScheduleException {
  day: string;
  closed: boolean;
  opens: number | null;
  closes: number | null;
  reason: string;
}

export interface ScheduleVisit extends Interval {
  day: string;
  place: string;
  localidadCode: string;
}

/** Everything that decides when one centre is open. */
export interface CentreSchedule {
  /** ISO weekday (1 = Monday … 7 = Sunday) → hours; a missing weekday is closed. */
  weekly: ReadonlyMap<number, Interval>;
  /** Dates that depart from the weekly hours and from the holiday closure. */
  exceptions: ReadonlyMap<string, ScheduleException>;
  /** SuperCADE Móvil: its dated visits are its only opening days (weekly hours are ignored). */
  visits: ReadonlyMap<string, ScheduleVisit> | null;
}

export type DayHours =
  | { day: string; open: true; opens: number; closes: number; source: 'weekly' | 'visit' | 'exception'; reason?: string; holiday?: string; visit?: ScheduleVisit }
  | { day: string; open: false; source: 'holiday' | 'exception' | 'closed'; reason?: string; holiday?: string };

/** The name of the national holiday on `day`, or null. */
export function holidayName(day: string): string | null {
  if (!isHoliday(day)) return null;
  return colombianHolidays(Number(day.slice(0, 4))).find((h) => h.date === day)?.name ?? null;
}

/**
 * The hours of one day. Precedence: a dated exception (an official's decision for that date, with
 * its reason) wins over everything; then national holidays close every centre; then the weekly
 * hours (or, for the SuperCADE Móvil, the visit scheduled that day).
 */
export function hoursOn(schedule: CentreSchedule, day: string): DayHours {
  const holiday = holidayName(day) ?? undefined;
  const exception = schedule.exceptions.get(day);
  if (exception) {
    if (exception.closed || exception.opens === null || exception.closes === null) return { day, open: false, source: 'exception', reason: exception.reason, holiday };
    return { day, open: true, opens: exception.opens, closes: exception.closes, source: 'exception', reason: exception.reason, holiday };
  }
  if (holiday) return { day, open: false, source: 'holiday', holiday };
  if (schedule.visits) {
    const visit = schedule.visits.get(day);
    return visit ? { day, open: true, opens: visit.opens, closes: visit.closes, source: 'visit', visit } : { day, open: false, source: 'closed' };
  }
  const weekly = schedule.weekly.get(isoWeekday(day));
  return weekly ? { day, open: true, opens: weekly.opens, closes: weekly.closes, source: 'weekly' } : { day, open: false, source: 'closed' };
}

export interface OpenState {
  open: boolean;
  today: DayHours;
  /** When open: the minute it closes today. */
  closesAt: number | null;
  /** When closed: the next opening within two weeks (today later, or a coming day). */
  next: { day: string; opens: number } | null;
}

const LOOKAHEAD_DAYS = 14;

/**
 * Is the centre open at `now`? Computed per request in Bogotá time: open from the opening minute
 * (inclusive) to the closing minute (exclusive), so at 17:30 a centre that closes at 17:30 is closed.
 */
export function openState(schedule: CentreSchedule, now: Date): OpenState {
  const clock = bogotaClock(now);
  const today = hoursOn(schedule, clock.day);
  if (today.open && clock.minute >= today.opens && clock.minute < today.closes) return { open: true, today, closesAt: today.closes, next: null };
  if (today.open && clock.minute < today.opens) return { open: false, today, closesAt: null, next: { day: clock.day, opens: today.opens } };
  for (let i = 1; i <= LOOKAHEAD_DAYS; i++) {
    const hours = hoursOn(schedule, addDays(clock.day, i));
    if (hours.open) return { open: false, today, closesAt: null, next: { day: hours.day, opens: hours.opens } };
  }
  return { open: false, today, closesAt: null, next: null };
}

/**
 * Start minutes of a day's turns: from opening, every `slotMinutes`, as long as the turn ends by
 * closing time. None on a closed day (holiday, closure, no hours).
 */
export function slotStarts(hours: DayHours, slotMinutes: number): number[] {
  if (!hours.open || slotMinutes <= 0) return [];
  const starts: number[] = [];
  for (let start = hours.opens; start + slotMinutes <= hours.closes; start += slotMinutes) starts.push(start);
  return starts;
}
