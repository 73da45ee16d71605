import { describe, expect, it } from 'vitest';
import { locateLocalidad } from '../../core/geo/locate.ts';
import { projectLocalidades } from '../../core/geo/map-paths.ts';
import { addDays, bogotaClock, bogotaInstant, isValidDay, isoWeekday, mondayOf, parseTime } from './bogota-clock.ts';
import { newBookingCode, normalizeBookingCode } from './booking-code.ts';
import { projectPoint } from './map-projection.ts';
import { hoursOn, openState, slotStarts, type CentreSchedule, type ScheduleException, type ScheduleVisit } from './schedule.ts';
import { at } from './service-points.test-support.ts';

const m = (time: string) => parseTime(time)!;

/** The documented SuperCADE hours: Monday–Friday 7:00–17:30, Saturday 8:00–12:00. */
function supercade(exceptions: ScheduleException[] = []): CentreSchedule {
  const weekly = new Map([1, 2, 3, 4, 5].map((d) => [d, { opens: m('07:00'), closes: m('17:30') }] as const));
  weekly.set(6, { opens: m('08:00'), closes: m('12:00') });
  return { weekly, exceptions: new Map(exceptions.map((e) => [e.day, e])), visits: null };
}

function movil(visits: ScheduleVisit[], exceptions: ScheduleException[] = []): CentreSchedule {
  return { weekly: new Map(), exceptions: new Map(exceptions.map((e) => [e.day, e])), visits: new Map(visits.map((v) => [v.day, v])) };
}

// March 2027 (standards.md §5.2): Friday 19 normal, Saturday 20, Sunday 21, Monday 22 San José
// (holiday), Tuesday 23 and Wednesday 24 normal, Thursday 25 and Friday 26 Semana Santa (holidays).
describe('open now, in Bogotá time (now passed explicitly)', () => {
  const s = supercade();

  it('a weekday: closed before 7:00, open from the opening minute, closed at the closing minute', () => {
    const early = openState(s, at('2027-03-19', '06:59'));
    expect(early).toMatchObject({ open: false, next: { day: '2027-03-19', opens: m('07:00') } });
    expect(openState(s, at('2027-03-19', '07:00'))).toMatchObject({ open: true, closesAt: m('17:30') });
    expect(openState(s, at('2027-03-19', '17:29')).open).toBe(true);
    // 17:30 is the first closed minute; the next opening is Saturday at 8:00.
    expect(openState(s, at('2027-03-19', '17:30'))).toMatchObject({ open: false, next: { day: '2027-03-20', opens: m('08:00') } });
  });

  it('Saturday: the short hours, then the next opening skips Sunday and the Monday holiday', () => {
    expect(openState(s, at('2027-03-20', '07:59'))).toMatchObject({ open: false, next: { day: '2027-03-20', opens: m('08:00') } });
    expect(openState(s, at('2027-03-20', '08:00')).open).toBe(true);
    expect(openState(s, at('2027-03-20', '11:59')).open).toBe(true);
    expect(openState(s, at('2027-03-20', '12:00'))).toMatchObject({ open: false, next: { day: '2027-03-23', opens: m('07:00') } });
  });

  it('Sunday: closed all day (no hours)', () => {
    const state = openState(s, at('2027-03-21', '10:00'));
    expect(state.open).toBe(false);
    expect(state.today).toMatchObject({ open: false, source: 'closed' });
  });

  it('a national holiday on a weekday: closed, and named', () => {
    const state = openState(s, at('2027-03-22', '10:00'));
    expect(state.open).toBe(false);
    expect(state.today).toMatchObject({ open: false, source: 'holiday', holiday: 'Día de San José' });
    expect(openState(s, at('2027-03-25', '10:00')).today).toMatchObject({ source: 'holiday', holiday: 'Jueves Santo' });
  });

  it('a dated closure closes a working day, with its reason', () => {
    const closed = supercade([{ day: '2027-03-23', closed: true, opens: null, closes: null, reason: 'Mantenimiento eléctrico' }]);
    const state = openState(closed, at('2027-03-23', '10:00'));
    expect(state.open).toBe(false);
    expect(state.today).toMatchObject({ source: 'exception', reason: 'Mantenimiento eléctrico' });
    expect(state.next).toEqual({ day: '2027-03-24', opens: m('07:00') });
  });

  it('special hours for a date apply to the minute', () => {
    const special = supercade([{ day: '2027-03-23', closed: false, opens: m('07:00'), closes: m('13:00'), reason: 'Jornada continua' }]);
    expect(openState(special, at('2027-03-23', '12:59'))).toMatchObject({ open: true, closesAt: m('13:00') });
    expect(openState(special, at('2027-03-23', '13:00')).open).toBe(false);
  });

  it('an official can open a centre on a holiday with a dated exception', () => {
    const open = supercade([{ day: '2027-03-22', closed: false, opens: m('08:00'), closes: m('12:00'), reason: 'Jornada de Sisbén' }]);
    const state = openState(open, at('2027-03-22', '09:00'));
    expect(state.open).toBe(true);
    expect(state.today).toMatchObject({ source: 'exception', holiday: 'Día de San José' });
  });

  it('uses the Bogotá day, not the server’s UTC day', () => {
    // Friday 20:00 in Bogotá is already Saturday 01:00 UTC.
    const lateFriday = new Date('2027-03-20T01:00:00Z');
    expect(bogotaClock(lateFriday)).toEqual({ day: '2027-03-19', minute: m('20:00'), weekday: 5 });
    expect(openState(s, lateFriday)).toMatchObject({ open: false, next: { day: '2027-03-20', opens: m('08:00') } });
    // Saturday 12:30 UTC is 7:30 in Bogotá: not open yet.
    expect(openState(s, new Date('2027-03-20T12:30:00Z')).open).toBe(false);
    expect(openState(s, new Date('2027-03-20T13:00:00Z')).open).toBe(true);
  });

  it('the SuperCADE Móvil is open only during its visits, and not on holidays', () => {
    const visits: ScheduleVisit[] = [
      { day: '2027-03-24', opens: m('08:00'), closes: m('15:00'), place: 'Alcaldía Local de Usme', localidadCode: '05' },
      { day: '2027-03-25', opens: m('08:00'), closes: m('15:00'), place: 'Alcaldía Local de Bosa', localidadCode: '07' },
    ];
    const truck = movil(visits);
    expect(openState(truck, at('2027-03-24', '09:00'))).toMatchObject({ open: true, today: { source: 'visit', visit: { place: 'Alcaldía Local de Usme' } } });
    expect(openState(truck, at('2027-03-24', '15:00')).open).toBe(false);
    expect(hoursOn(truck, '2027-03-23')).toMatchObject({ open: false, source: 'closed' });
    expect(hoursOn(truck, '2027-03-25')).toMatchObject({ open: false, source: 'holiday' });
  });

  it('says when nothing opens in the next two weeks', () => {
    expect(openState({ weekly: new Map(), exceptions: new Map(), visits: null }, at('2027-03-19', '10:00')).next).toBeNull();
  });
});

describe('turn grid', () => {
  const s = supercade();

  it('cuts turns from opening time, each ending by closing time', () => {
    const friday = hoursOn(s, '2027-03-19');
    expect(slotStarts(friday, 30)).toHaveLength(21);
    expect(slotStarts(friday, 30).at(-1)).toBe(m('17:00'));
    expect(slotStarts(friday, 20).at(-1)).toBe(m('17:00'));
    expect(slotStarts(friday, 45).at(-1)).toBe(m('16:45'));
    expect(slotStarts(hoursOn(s, '2027-03-20'), 60)).toEqual([m('08:00'), m('09:00'), m('10:00'), m('11:00')]);
  });

  it('gives no turns on Sundays, holidays or closed dates', () => {
    const week = Array.from({ length: 7 }, (_, i) => addDays('2027-03-22', i));
    const withTurns = week.filter((day) => slotStarts(hoursOn(s, day), 30).length > 0);
    // Monday 22 San José, Thursday 25 and Friday 26 Semana Santa, Sunday 28: none.
    expect(withTurns).toEqual(['2027-03-23', '2027-03-24', '2027-03-27']);
    const closed = supercade([{ day: '2027-03-23', closed: true, opens: null, closes: null, reason: 'Cierre' }]);
    expect(slotStarts(hoursOn(closed, '2027-03-23'), 30)).toEqual([]);
  });
});

describe('Bogotá wall-clock helpers', () => {
  it('convert between instants and Bogotá days and minutes (UTC−5 all year)', () => {
    expect(bogotaInstant('2027-03-19', m('07:00')).toISOString()).toBe('2027-03-19T12:00:00.000Z');
    expect(bogotaInstant('2027-12-31', m('23:30')).toISOString()).toBe('2028-01-01T04:30:00.000Z');
    expect(isoWeekday('2027-03-21')).toBe(7);
    expect(mondayOf('2027-03-21')).toBe('2027-03-15');
    expect(isValidDay('2027-02-29')).toBe(false);
    expect(isValidDay('2028-02-29')).toBe(true);
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('07:30:00')).toBe(450);
  });
});

describe('booking codes', () => {
  it('are 12 unambiguous symbols, and typing them loosely still finds them', () => {
    const code = newBookingCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normalizeBookingCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normalizeBookingCode('dem0 oooo ooo1')).toBe('DEM0-0000-0001');
    expect(normalizeBookingCode('abcd-efgh-ijkl')).toBe('ABCD-EFGH-1JK1');
    expect(normalizeBookingCode('ABCD-EFGH')).toBeNull();
    expect(normalizeBookingCode('ABCD-EFGH-UUUU')).toBeNull();
  });
});

describe('centre markers on the localidades map', () => {
  it('land inside the localidad that contains the point, as drawn by core/geo/map-paths.ts', () => {
    const width = 800;
    const map = projectLocalidades(width);
    // Plaza de Bolívar (La Candelaria, 17) and the Portal de las Américas (Kennedy, 08), standards.md §6.3.
    for (const [lon, lat, code] of [[-74.07609, 4.59811, '17'], [-74.1733, 4.6294, '08']] as const) {
      expect(locateLocalidad(lon, lat)?.code).toBe(code);
      const [x, y] = projectPoint(width, lon, lat);
      const shape = map.localidades.find((l) => l.code === code)!;
      const points = [...shape.d.matchAll(/(\d+) (\d+)/g)].map((p) => [Number(p[1]), Number(p[2])] as const);
      const xs = points.map((p) => p[0]);
      const ys = points.map((p) => p[1]);
      expect(x).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(x).toBeLessThanOrEqual(Math.max(...xs));
      expect(y).toBeGreaterThanOrEqual(Math.min(...ys));
      expect(y).toBeLessThanOrEqual(Math.max(...ys));
    }
  });
});
