/**
 * `gab calendar holidays YEAR` and `gab calendar due YYYY-MM-DD N`. Pure computation: no database.
 * Returns the exit code; messages in Spanish on stderr.
 */
import { addBusinessDays } from './business-days.ts';
import { colombianHolidays, parseDay } from './holidays.ts';

export interface Writable {
  write(text: string): unknown;
}

export const CALENDAR_USAGE = 'Uso: gab calendar holidays AÑO | gab calendar due AAAA-MM-DD N';
const MAX_TERM = 3650;

export function runCalendarCommand(args: readonly (string | undefined)[], out: { stdout: Writable; stderr: Writable }): number {
  const [sub, first, second, ...extra] = args;
  const fail = (message: string) => {
    out.stderr.write(`${message}\n`);
    return 1;
  };
  if (extra.some((value) => value !== undefined)) return fail(`Demasiados argumentos.\n${CALENDAR_USAGE}`);
  if (sub === 'holidays') {
    if (!first || second !== undefined) return fail(CALENDAR_USAGE);
    if (!/^\d{4}$/.test(first) || Number(first) < 1984) return fail(`Año inválido «${first}»: escriba un año de cuatro cifras desde 1984 (Ley 51 de 1983).`);
    out.stdout.write(colombianHolidays(Number(first)).map((h) => `${h.date}\n`).join(''));
    return 0;
  }
  if (sub === 'due') {
    if (!first || second === undefined) return fail(CALENDAR_USAGE);
    const filed = parseDay(first);
    if (filed === null || Number(first.slice(0, 4)) < 1984) return fail(`Fecha inválida «${first}»: use el formato AAAA-MM-DD con una fecha real desde 1984.`);
    if (!/^\d+$/.test(second) || Number(second) > MAX_TERM) return fail(`Número de días hábiles inválido «${second}»: escriba un entero entre 0 y ${MAX_TERM}.`);
    out.stdout.write(`${addBusinessDays(first, Number(second))}\n`);
    return 0;
  }
  return fail(CALENDAR_USAGE);
}
