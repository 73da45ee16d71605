import type { Executor } from '../../core/db/database.ts';
import { addDays, bogotaClock } from './bogota-clock.ts';
import { loadSchedules, type Centre } from './centres.queries.ts';
import { openState, type OpenState } from './schedule.ts';

/** Days of schedule loaded to find the next opening of a closed centre. */
const LOOKAHEAD_DAYS = 15;

/**
 * "Open now" of several centres at `now` (computed per request, never cached: a holiday or a
 * closure decided this morning must show at once). One query per schedule table.
 */
export async function openStates(db: Executor, centres: readonly Pick<Centre, 'id' | 'kind'>[], now: Date): Promise<Map<string, OpenState>> {
  const today = bogotaClock(now).day;
  const schedules = await loadSchedules(db, centres, today, addDays(today, LOOKAHEAD_DAYS));
  return new Map(centres.map((c) => [c.id, openState(schedules.get(c.id)!, now)]));
}
