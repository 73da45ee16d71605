import { describe, expect, it } from 'vitest';
import { colombianHolidays, easterSunday, formatDayNumber, isHoliday, parseDay } from './holidays.ts';

// Official lists derived by rule (Ley 51 de 1983, Easter offsets, Ley 2578 de 2026) and checked
// against standards.md §5.2 (2024–2027: npm date-holidays 3.37.0 and published calendars).
const OFFICIAL: Record<number, string[]> = {
  // Easter 31 Mar. 20 Jul (Sat) and 8 Dec (Sun) are fixed: not moved.
  2024: ['01-01', '01-08', '03-25', '03-28', '03-29', '05-01', '05-13', '06-03', '06-10', '07-01', '07-20', '08-07', '08-19', '10-14', '11-04', '11-11', '12-08', '12-25'],
  // Easter 20 Apr. 30 Jun is both San Pedro y San Pablo and Sagrado Corazón: 18 holidays on 17 dates.
  2025: ['01-01', '01-06', '03-24', '04-17', '04-18', '05-01', '06-02', '06-23', '06-30', '07-20', '08-07', '08-18', '10-13', '11-03', '11-17', '12-08', '12-25'],
  // Easter 5 Apr. First year of Chiquinquirá (9 Jul Thu → Mon 13 Jul).
  2026: ['01-01', '01-12', '03-23', '04-02', '04-03', '05-01', '05-18', '06-08', '06-15', '06-29', '07-13', '07-20', '08-07', '08-17', '10-12', '11-02', '11-16', '12-08', '12-25'],
  // Easter 28 Mar. 1 May and 7 Aug fall on Saturdays and stay there.
  2027: ['01-01', '01-11', '03-22', '03-25', '03-26', '05-01', '05-10', '05-31', '06-07', '07-05', '07-12', '07-20', '08-07', '08-16', '10-18', '11-01', '11-15', '12-08', '12-25'],
  // Easter 21 Apr. 29 Jun (Sat) → Mon 1 Jul, the same day as Sagrado Corazón (+71); Chiquinquirá Tue 9 Jul → 15 Jul.
  2030: ['01-01', '01-07', '03-25', '04-18', '04-19', '05-01', '06-03', '06-24', '07-01', '07-15', '07-20', '08-07', '08-19', '10-14', '11-04', '11-11', '12-08', '12-25'],
};

describe('colombianHolidays', () => {
  for (const [year, days] of Object.entries(OFFICIAL)) {
    it(`matches the official list for ${year}`, () => {
      expect(colombianHolidays(Number(year)).map((h) => h.date)).toEqual(days.map((d) => `${year}-${d}`));
    });
  }

  it('computes Easter Sunday (Gregorian)', () => {
    const easter = (y: number) => formatDayNumber(easterSunday(y));
    expect([2024, 2025, 2026, 2027, 2028, 2030, 2038, 2285].map(easter)).toEqual([
      '2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16', '2030-04-21', '2038-04-25', '2285-03-22',
    ]);
  });

  it('puts the Easter-based holidays at −3, −2, +43, +64 and +71 days (the last three on Mondays)', () => {
    // Easter 16 Apr 2028 (standards.md §5.4: 2028 works without a table).
    const names = Object.fromEntries(colombianHolidays(2028).map((h) => [h.name, h.date]));
    expect(names['Jueves Santo']).toBe('2028-04-13');
    expect(names['Viernes Santo']).toBe('2028-04-14');
    expect(names['Ascensión del Señor']).toBe('2028-05-29');
    expect(names['Corpus Christi']).toBe('2028-06-19');
    expect(names['Sagrado Corazón de Jesús']).toBe('2028-06-26');
    expect(names['Nuestra Señora del Rosario de Chiquinquirá']).toBe('2028-07-10');
  });

  it('moves the Ley Emiliani dates to the next Monday and keeps a Monday where it is', () => {
    const h2026 = Object.fromEntries(colombianHolidays(2026).map((h) => [h.name, h.date]));
    expect(h2026['Día de los Reyes Magos']).toBe('2026-01-12'); // Tue 6 Jan
    expect(h2026['Día de San José']).toBe('2026-03-23'); // Thu 19 Mar
    expect(h2026['San Pedro y San Pablo']).toBe('2026-06-29'); // already a Monday
    expect(h2026['Día de la Raza']).toBe('2026-10-12'); // already a Monday
    expect(h2026['Independencia de Cartagena']).toBe('2026-11-16'); // Wed 11 Nov
    for (const year of [2024, 2025, 2026, 2027, 2028, 2030, 2031, 2040]) {
      for (const h of colombianHolidays(year)) {
        const weekday = new Date(`${h.date}T00:00:00Z`).getUTCDay();
        if (/Reyes|San José|San Pedro|Asunción|Raza|Todos los Santos|Cartagena|Ascensión|Corpus|Sagrado|Chiquinquirá/.test(h.name)) expect(weekday, `${h.date} ${h.name}`).toBe(1);
      }
    }
  });

  it('adds Chiquinquirá (Ley 2578 de 2026) from 2026 on only', () => {
    expect(colombianHolidays(2025).some((h) => h.name.includes('Chiquinquirá'))).toBe(false);
    expect(colombianHolidays(2025)).toHaveLength(17);
    expect(colombianHolidays(2026).find((h) => h.name.includes('Chiquinquirá'))?.date).toBe('2026-07-13');
    expect(colombianHolidays(2027).find((h) => h.name.includes('Chiquinquirá'))?.date).toBe('2027-07-12');
  });

  it('lists a shared date once, with both names', () => {
    const shared = colombianHolidays(2025).find((h) => h.date === '2025-06-30');
    expect(shared?.name).toBe('San Pedro y San Pablo; Sagrado Corazón de Jesús');
  });

  it('has a Spanish name for every holiday and returns copies callers cannot corrupt', () => {
    const list = colombianHolidays(2026);
    expect(list.every((h) => h.name.length > 3)).toBe(true);
    list[0]!.date = 'x';
    expect(colombianHolidays(2026)[0]!.date).toBe('2026-01-01');
  });

  it('rejects years before Ley 51 de 1983 took effect', () => {
    expect(() => colombianHolidays(1983)).toThrow(RangeError);
    expect(() => colombianHolidays(2026.5)).toThrow(RangeError);
  });
});

describe('isHoliday and parseDay', () => {
  it('answers for single dates', () => {
    expect(isHoliday('2026-07-13')).toBe(true);
    expect(isHoliday('2025-07-14')).toBe(false);
    expect(isHoliday('2025-06-30')).toBe(true);
    expect(isHoliday('2026-07-20')).toBe(true);
    expect(isHoliday('2026-07-09')).toBe(false);
  });

  it('refuses dates that do not exist', () => {
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('2026-2-3')).toBeNull();
    expect(parseDay('2028-02-29')).not.toBeNull();
    expect(() => isHoliday('mañana')).toThrow(RangeError);
  });
});
