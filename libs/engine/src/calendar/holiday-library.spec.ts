/**
 * Ireland's public holidays as the engine gets them from the holiday library (date-holidays),
 * with the substitute days of those on a weekend, against a list checked by hand; and the
 * working calendar built from them.
 */
import { holidayRegionProblem, HOLIDAY_LIBRARY, publicHolidays } from './holiday-library';
import { calendarYears, closedDaysOf, DEFAULT_CALENDAR_SETTINGS, holidaySourceOf, workingCalendar } from './working-calendars';

const IRELAND = DEFAULT_CALENDAR_SETTINGS;

/**
 * Every Irish public holiday of 2026, 2027 and 2028 (Organisation of Working Time Act 1997,
 * Schedule 2; St Brigid's Day since 2023), and the weekday closed for each one on a weekend.
 */
const IRISH_CLOSED_DAYS_2026_2028 = [
  ['2026-01-01', 'publicHoliday'], // New Year's Day, Thursday
  ['2026-02-02', 'publicHoliday'], // St Brigid's Day: 1 February is a Sunday, so the first Monday
  ['2026-03-17', 'publicHoliday'], // St Patrick's Day, Tuesday
  ['2026-04-06', 'publicHoliday'], // Easter Monday (Easter Sunday 5 April)
  ['2026-05-04', 'publicHoliday'], // first Monday in May
  ['2026-06-01', 'publicHoliday'], // first Monday in June
  ['2026-08-03', 'publicHoliday'], // first Monday in August
  ['2026-10-26', 'publicHoliday'], // last Monday in October
  ['2026-12-25', 'publicHoliday'], // Christmas Day, Friday
  ['2026-12-26', 'publicHoliday'], // St Stephen's Day, Saturday
  ['2026-12-28', 'substituteDay'], // ... its substitute, Monday
  ['2027-01-01', 'publicHoliday'], // New Year's Day, Friday
  ['2027-02-01', 'publicHoliday'], // St Brigid's Day, a Monday
  ['2027-03-17', 'publicHoliday'], // St Patrick's Day, Wednesday
  ['2027-03-29', 'publicHoliday'], // Easter Monday (Easter Sunday 28 March)
  ['2027-05-03', 'publicHoliday'],
  ['2027-06-07', 'publicHoliday'],
  ['2027-08-02', 'publicHoliday'],
  ['2027-10-25', 'publicHoliday'],
  ['2027-12-25', 'publicHoliday'], // Christmas Day, Saturday
  ['2027-12-26', 'publicHoliday'], // St Stephen's Day, Sunday
  ['2027-12-27', 'substituteDay'], // Monday (the library gives it)
  ['2027-12-28', 'substituteDay'], // Tuesday (the library does not)
  ['2028-01-01', 'publicHoliday'], // New Year's Day, Saturday
  ['2028-01-03', 'substituteDay'], // ... Monday (the library does not give it)
  ['2028-02-07', 'publicHoliday'], // St Brigid's Day: 1 February is a Tuesday, so the first Monday
  ['2028-03-17', 'publicHoliday'], // St Patrick's Day, Friday
  ['2028-04-17', 'publicHoliday'], // Easter Monday (Easter Sunday 16 April)
  ['2028-05-01', 'publicHoliday'],
  ['2028-06-05', 'publicHoliday'],
  ['2028-08-07', 'publicHoliday'],
  ['2028-10-30', 'publicHoliday'],
  ['2028-12-25', 'publicHoliday'], // Christmas Day, Monday
  ['2028-12-26', 'publicHoliday'], // St Stephen's Day, Tuesday
];

describe("Ireland's public holidays from the holiday library", () => {
  it('every Irish public holiday of 2026, 2027 and 2028, with the substitute day of each one on a weekend', () => {
    expect(publicHolidays('IE', null, 'nextWeekday', 2026, 2028).map((d) => [d.date, d.kind])).toEqual(IRISH_CLOSED_DAYS_2026_2028);
  });

  it('names them as people know them', () => {
    const names = Object.fromEntries(publicHolidays('IE', null, 'nextWeekday', 2027, 2027).map((d) => [d.date, d.name]));
    expect(names['2027-02-01']).toMatch(/^St\.? Brigid.s Day$/);
    expect(names['2027-12-27']).toBe('Christmas Day (substitute day)');
    expect(names['2027-12-28']).toMatch(/^St\.? Stephen.s Day \(substitute day\)$/);
  });

  it('Good Friday is not a public holiday in Ireland', () => {
    const closed = publicHolidays('IE', null, 'nextWeekday', 2026, 2028).map((d) => d.date);
    for (const goodFriday of ['2026-04-03', '2027-03-26', '2028-04-14']) expect(closed).not.toContain(goodFriday);
  });

  it('the substitute days Ireland observed in 2021 and 2022: Monday 27 and Tuesday 28 December 2021, Monday 3 January and Tuesday 27 December 2022', () => {
    const substitutes = publicHolidays('IE', null, 'nextWeekday', 2021, 2022).filter((d) => d.kind === 'substituteDay').map((d) => d.date);
    expect(substitutes).toEqual(['2021-12-27', '2021-12-28', '2022-01-03', '2022-12-27']);
  });

  it("the library rule takes the library's substitute days only", () => {
    const substitutes = publicHolidays('IE', null, 'library', 2026, 2028).filter((d) => d.kind === 'substituteDay').map((d) => d.date);
    expect(substitutes).toEqual(['2026-12-28', '2027-12-27']);
  });

  it('a country and region of the library: Northern Ireland closes on 12 July (the Battle of the Boyne), Ireland does not', () => {
    expect(publicHolidays('GB', 'NIR', 'library', 2027, 2027).map((d) => d.date)).toContain('2027-07-12');
    expect(publicHolidays('IE', null, 'nextWeekday', 2027, 2027).map((d) => d.date)).not.toContain('2027-07-12');
  });

  it('only the years asked for, and the same answer twice', () => {
    const only2027 = publicHolidays('IE', null, 'nextWeekday', 2027, 2027);
    expect(only2027.every((d) => d.date.startsWith('2027-'))).toBe(true);
    expect(only2027).toHaveLength(12);
    expect(publicHolidays('IE', null, 'nextWeekday', 2027, 2027)).toEqual(only2027);
  });

  it('says what to fix for a country or region the library does not know', () => {
    expect(holidayRegionProblem('IE', null)).toBeNull();
    expect(holidayRegionProblem('GB', 'NIR')).toBeNull();
    expect(holidayRegionProblem('XX', null)).toBe('country "XX" is not known to the holiday library: use a two-letter code such as IE');
    expect(holidayRegionProblem('IE', 'D')).toBe('region "D" is not a region of IE in the holiday library (IE has no regions: leave it out)');
    expect(holidayRegionProblem('GB', 'X')).toBe('region "X" is not a region of GB in the holiday library (known: ALD, ENG, NIR, SCT, WLS)');
    expect(() => publicHolidays('XX', null, 'nextWeekday', 2027, 2027)).toThrow('No public holidays: country "XX" is not known to the holiday library');
  });
});

describe('the working calendar the engine writes into a case', () => {
  const now = new Date('2026-11-30T10:00:00.000Z');

  it('covers two calendar years either side of the local year, with every closed day but weekends', () => {
    const calendar = workingCalendar(IRELAND, [], now);
    expect({ timeZone: calendar.timeZone, from: calendar.from, to: calendar.to }).toEqual({ timeZone: 'Europe/Dublin', from: '2024-01-01', to: '2028-12-31' });
    expect(calendar.closedDays.filter((d) => d >= '2026-01-01' && d <= '2028-12-31')).toEqual(IRISH_CLOSED_DAYS_2026_2028.map(([d]) => d));
    expect(calendar.closedDays).toContain('2024-12-26');
    expect([...calendar.closedDays].sort()).toEqual(calendar.closedDays);
  });

  it("adds the organisation's closure days in the window, ignores those outside it, and a closure day on a holiday stays the holiday", () => {
    const closure = [
      { date: '2026-12-24', name: 'Christmas Eve closure' },
      { date: '2026-12-25', name: 'Also Christmas' },
      { date: '2023-12-22', name: 'Long ago' },
      { date: '2029-01-02', name: 'Too far' },
    ];
    const calendar = workingCalendar(IRELAND, closure, now);
    expect(calendar.closedDays).toContain('2026-12-24');
    expect(calendar.closedDays).not.toContain('2023-12-22');
    expect(calendar.closedDays).not.toContain('2029-01-02');
    const named = closedDaysOf(IRELAND, closure, 2026, 2026).filter((d) => d.date >= '2026-12-24');
    expect(named.map((d) => [d.date, d.kind])).toEqual([
      ['2026-12-24', 'closureDay'],
      ['2026-12-25', 'publicHoliday'],
      ['2026-12-26', 'publicHoliday'],
      ['2026-12-28', 'substituteDay'],
    ]);
    expect(named[0].name).toBe('Christmas Eve closure');
  });

  it('the local year decides the window: New Year in Dublin is still the old year in New York', () => {
    const newYear = new Date('2027-01-01T02:00:00.000Z');
    expect(calendarYears(newYear, 'Europe/Dublin')).toEqual({ fromYear: 2025, toYear: 2029 });
    expect(calendarYears(newYear, 'America/New_York')).toEqual({ fromYear: 2024, toYear: 2028 });
  });

  it('refuses an unknown time zone', () => {
    expect(() => workingCalendar({ ...IRELAND, timeZone: 'Ireland/Galway' }, [], now)).toThrow('The organisation\'s time zone "Ireland/Galway" is not an IANA time zone.');
  });

  it('the holiday source names the library version and every setting, so a change of either is seen at start-up', () => {
    expect(HOLIDAY_LIBRARY).toMatch(/^date-holidays@\d+\.\d+\.\d+$/);
    expect(holidaySourceOf(IRELAND)).toBe(`${HOLIDAY_LIBRARY} IE - nextWeekday Europe/Dublin`);
    expect(holidaySourceOf({ country: 'GB', region: 'NIR', timeZone: 'Europe/London', substituteDays: 'library' })).toBe(`${HOLIDAY_LIBRARY} GB NIR library Europe/London`);
  });
});
