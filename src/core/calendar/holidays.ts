/**
 * Colombian national holidays, computed by rule for any year so nothing needs a yearly update:
 * Ley 51 de 1983 ("Ley Emiliani") fixed and moved dates, the Easter-based dates, and the
 * Día de Nuestra Señora del Rosario de Chiquinquirá (Ley 2578 de 2026, from 2026 on).
 * Dates are calendar dates (YYYY-MM-DD) as seen in Bogotá; arithmetic runs in UTC so the
 * server's own time zone never shifts a day.
 */

export interface Holiday {
  /** YYYY-MM-DD */
  date: string;
  /** Spanish name; two holidays on one day (2025-06-30) are joined with "; ". */
  name: string;
}

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a calendar date (month 1–12). */
function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** YYYY-MM-DD for a day number. */
export function formatDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Day number for a valid YYYY-MM-DD string, or null if the text is not a real calendar date. */
export function parseDay(day: string): number | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || date < 1) return null;
  const n = dayNumber(year, month, date);
  // Rejects 2026-02-30 and the like, which Date.UTC would silently roll over.
  return formatDayNumber(n) === day ? n : null;
}

/** Day number for a YYYY-MM-DD string; throws on anything else (callers validate user input first). */
export function toDayNumber(day: string): number {
  const n = parseDay(day);
  if (n === null) throw new RangeError(`Fecha inválida (se espera AAAA-MM-DD): ${day}`);
  return n;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** Easter Sunday (Gregorian), anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}

/** Ley Emiliani: a holiday not on a Monday is observed on the following Monday. */
function nextMonday(n: number): number {
  const offset = (8 - weekday(n)) % 7;
  return n + offset;
}

// Never moved, even on a weekend (Ley 51 de 1983, art. 1).
const FIXED: readonly [number, number, string][] = [
  [1, 1, 'Año Nuevo'],
  [5, 1, 'Día del Trabajo'],
  [7, 20, 'Día de la Independencia'],
  [8, 7, 'Batalla de Boyacá'],
  [12, 8, 'Inmaculada Concepción'],
  [12, 25, 'Navidad'],
];

// Moved to the next Monday (Ley 51 de 1983, art. 1).
const MOVED: readonly [number, number, string][] = [
  [1, 6, 'Día de los Reyes Magos'],
  [3, 19, 'Día de San José'],
  [6, 29, 'San Pedro y San Pablo'],
  [8, 15, 'Asunción de la Virgen'],
  [10, 12, 'Día de la Raza'],
  [11, 1, 'Todos los Santos'],
  [11, 11, 'Independencia de Cartagena'],
];

// Days after Easter Sunday. Ascensión (+39), Corpus Christi (+60) and Sagrado Corazón (+68) fall
// on a Thursday/Thursday/Friday and are observed on the following Monday: +43, +64, +71.
const EASTER_BASED: readonly [number, string][] = [
  [-3, 'Jueves Santo'],
  [-2, 'Viernes Santo'],
  [43, 'Ascensión del Señor'],
  [64, 'Corpus Christi'],
  [71, 'Sagrado Corazón de Jesús'],
];

/** Ley 2578 de 2026, art. 6: 9 July, under Ley 51 (next Monday), observed from 2026. */
const CHIQUINQUIRA_FROM = 2026;

const cache = new Map<number, Holiday[]>();

/** The national holidays of a year, sorted by date, one entry per date. */
export function colombianHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < 1984 || year > 9999) throw new RangeError(`Año fuera de rango (1984–9999): ${year}`);
  const cached = cache.get(year);
  if (cached) return cached.map((h) => ({ ...h }));
  const byDay = new Map<number, string[]>();
  const add = (n: number, name: string) => byDay.set(n, [...(byDay.get(n) ?? []), name]);
  for (const [month, day, name] of FIXED) add(dayNumber(year, month, day), name);
  for (const [month, day, name] of MOVED) add(nextMonday(dayNumber(year, month, day)), name);
  const easter = easterSunday(year);
  for (const [offset, name] of EASTER_BASED) add(easter + offset, name);
  if (year >= CHIQUINQUIRA_FROM) add(nextMonday(dayNumber(year, 7, 9)), 'Nuestra Señora del Rosario de Chiquinquirá');
  const list = [...byDay.entries()].sort(([a], [b]) => a - b).map(([n, names]) => ({ date: formatDayNumber(n), name: names.join('; ') }));
  cache.set(year, list);
  return list.map((h) => ({ ...h }));
}

const holidayNumbers = new Map<number, Set<number>>();

/** The year of a day number, without allocating a Date (terms loop over many days). */
function yearOf(n: number): number {
  let year = 1970 + Math.floor(n / 365.2425);
  while (dayNumber(year, 1, 1) > n) year -= 1;
  while (dayNumber(year + 1, 1, 1) <= n) year += 1;
  return year;
}

/** Whether a day number is a national holiday (the fast path of isHoliday, for term counting). */
export function isHolidayNumber(n: number): boolean {
  const year = yearOf(n);
  let set = holidayNumbers.get(year);
  if (!set) {
    set = new Set(colombianHolidays(year).map((h) => toDayNumber(h.date)));
    holidayNumbers.set(year, set);
  }
  return set.has(n);
}

/** Whether a YYYY-MM-DD date is a Colombian national holiday. */
export function isHoliday(day: string): boolean {
  return isHolidayNumber(toDayNumber(day));
}
