import { formatCop, formatDate, LOCALE_TAGS, type Locale, type Translate } from '../../../core/i18n/i18n.ts';
import { bogotaClock } from '../bogota-clock.ts';
import type { OpenState } from '../schedule.ts';
import type { Service } from '../services.queries.ts';

/** 420 → "7:00 a. m." (es-CO) or "7:00 AM" (en): how people read opening hours. */
export function formatMinute(locale: Locale, minute: number): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, 0, 1, 0, minute)));
}

/** "lunes, 30 de noviembre" — a day of the coming weeks, with its weekday. */
export function formatDayWithWeekday(locale: Locale, day: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

export function formatLongDay(locale: Locale, day: string): string {
  return formatDate(locale, day);
}

/** "7:00 a. m. – 5:30 p. m." */
export function formatInterval(locale: Locale, opens: number, closes: number): string {
  return `${formatMinute(locale, opens)} – ${formatMinute(locale, closes)}`;
}

/** "Abierto ahora · cierra a las 5:30 p. m." / "Cerrado · abre el lunes, 30 de noviembre a las 7:00 a. m." */
export function describeOpenState(t: Translate, locale: Locale, state: OpenState, now: Date): string {
  if (state.open && state.closesAt !== null) return t('service-points.open.open_until', { time: formatMinute(locale, state.closesAt) });
  if (!state.next) return t('service-points.open.closed');
  const time = formatMinute(locale, state.next.opens);
  const today = bogotaClock(now).day;
  if (state.next.day === today) return t('service-points.open.closed_opens_today', { time });
  return t('service-points.open.closed_opens_on', { day: formatDayWithWeekday(locale, state.next.day), time });
}

export function describeCost(t: Translate, locale: Locale, service: Pick<Service, 'costKind' | 'costCop'>): string {
  if (service.costKind === 'free') return t('service-points.cost.free');
  if (service.costKind === 'fixed' && service.costCop) return formatCop(locale, service.costCop);
  return t('service-points.cost.variable');
}

/** A turn's start as "lunes, 30 de noviembre, 9:00 a. m." in Bogotá time. */
export function formatTurn(locale: Locale, startsAt: Date): string {
  const clock = bogotaClock(startsAt);
  return `${formatDayWithWeekday(locale, clock.day)}, ${formatMinute(locale, clock.minute)}`;
}
