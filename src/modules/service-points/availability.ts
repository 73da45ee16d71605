import type { Executor } from '../../core/db/database.ts';
import { addDays, bogotaClock, bogotaInstant } from './bogota-clock.ts';
import type { Centre } from './centres.queries.ts';
import { loadSchedule } from './centres.queries.ts';
import { hoursOn, slotStarts, type CentreSchedule, type DayHours } from './schedule.ts';
import type { Offering } from './services.queries.ts';
import type { ServicePointsSettings } from './service-points.settings.ts';

export interface SlotView {
  /** Minutes after midnight, Bogotá. */
  start: number;
  startsAt: Date;
  capacity: number;
  remaining: number;
}

export interface DayAvailability {
  day: string;
  hours: DayHours;
  slots: SlotView[];
}

/** The turn grid of an offering, when it gives turns at all. */
export type BookableOffering = Offering & { slotMinutes: number; capacity: number };
export const givesTurns = (offering: Offering): offering is BookableOffering => offering.slotMinutes !== null && offering.capacity !== null;

/** First and last day (inclusive) on which turns can be booked at `now`. */
export function bookingWindow(now: Date, settings: ServicePointsSettings): { from: string; to: string } {
  const from = bogotaClock(now).day;
  return { from, to: addDays(from, settings.booking_window_days - 1) };
}

export type SlotProblem = 'unavailable' | 'too_soon' | 'outside_window';

/**
 * Whether a turn may start at `minute` on `day`: the day is in the booking window, the centre is
 * open that day (no holiday, no closure), the minute is on the grid cut from the opening hours,
 * and it starts at least the minimum notice after `now`.
 */
export function checkSlot(schedule: CentreSchedule, offering: BookableOffering, day: string, minute: number, now: Date, settings: ServicePointsSettings): { ok: true; startsAt: Date; endsAt: Date } | { ok: false; problem: SlotProblem } {
  const window = bookingWindow(now, settings);
  if (day < window.from || day > window.to) return { ok: false, problem: 'outside_window' };
  if (!slotStarts(hoursOn(schedule, day), offering.slotMinutes).includes(minute)) return { ok: false, problem: 'unavailable' };
  const startsAt = bogotaInstant(day, minute);
  if (startsAt.getTime() < now.getTime() + settings.min_notice_minutes * 60_000) return { ok: false, problem: 'too_soon' };
  return { ok: true, startsAt, endsAt: new Date(startsAt.getTime() + offering.slotMinutes * 60_000) };
}

/**
 * Every day of the booking window with its hours and turns: the grid cut from the opening hours
 * (holidays and closures give none), each with the seats left. Turns already taken exist as slot
 * rows; the rest still have the offering's full capacity.
 */
export async function availability(db: Executor, centre: Pick<Centre, 'id' | 'kind'>, offering: BookableOffering, now: Date, settings: ServicePointsSettings): Promise<DayAvailability[]> {
  const window = bookingWindow(now, settings);
  const schedule = await loadSchedule(db, centre, window.from, settings.booking_window_days);
  const rows = await db
    .selectFrom('service_points_slots')
    .select(['starts_at', 'capacity', 'booked'])
    .where('centre_id', '=', centre.id)
    .where('service_id', '=', offering.serviceId)
    .where('starts_at', '>=', bogotaInstant(window.from, 0))
    .where('starts_at', '<', bogotaInstant(addDays(window.to, 1), 0))
    .execute();
  const taken = new Map(rows.map((r) => [new Date(r.starts_at).getTime(), r]));
  const earliest = now.getTime() + settings.min_notice_minutes * 60_000;
  const days: DayAvailability[] = [];
  for (let day = window.from; day <= window.to; day = addDays(day, 1)) {
    const hours = hoursOn(schedule, day);
    const slots = slotStarts(hours, offering.slotMinutes)
      .map((start) => {
        const startsAt = bogotaInstant(day, start);
        const row = taken.get(startsAt.getTime());
        const capacity = row?.capacity ?? offering.capacity;
        return { start, startsAt, capacity, remaining: Math.max(0, capacity - (row?.booked ?? 0)) };
      })
      .filter((slot) => slot.startsAt.getTime() >= earliest);
    days.push({ day, hours, slots });
  }
  return days;
}
