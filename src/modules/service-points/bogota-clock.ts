/**
 * Wall-clock arithmetic in Bogotá. Colombia keeps UTC−5 all year (no daylight saving since 1993),
 * so local time is a fixed offset from UTC and no time-zone database is needed. Days are
 * 'YYYY-MM-DD' strings and times are minutes after midnight.
 */
const OFFSET_MS = 5 * 3_600_000;
const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

export interface BogotaClock {
  /** Calendar day in Bogotá. */
  day: string;
  /** Minutes after midnight, Bogotá time (seconds dropped). */
  minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

export function bogotaClock(now: Date): BogotaClock {
  const local = new Date(now.getTime() - OFFSET_MS);
  const day = local.toISOString().slice(0, 10);
  return { day, minute: local.getUTCHours() * 60 + local.getUTCMinutes(), weekday: isoWeekday(day) };
}

/** The instant at `minute` minutes after midnight of `day` in Bogotá. */
export function bogotaInstant(day: string, minute: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + minute * 60_000 + OFFSET_MS);
}

/** Is this a real calendar day written YYYY-MM-DD (2026-02-30 is not)? */
export function isValidDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const sunday0 = new Date(`${day}T00:00:00Z`).getUTCDay();
  return sunday0 === 0 ? 7 : sunday0;
}

/** The Monday of the week that contains `day`. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** 'HH:MM' or 'HH:MM:SS' (as PostgreSQL returns `time`) → minutes after midnight; null if malformed. */
export function parseTime(value: string): number | null {
  const match = TIME.exec(value.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** Minutes after midnight → 'HH:MM' (24-hour, as forms and open data write it). */
export function formatTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
