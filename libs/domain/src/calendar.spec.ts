import {
  addDays,
  addWorkingDays,
  CalendarError,
  DEFAULT_TIME_ZONE,
  endOfLocalDay,
  isClosedDay,
  isLocalDay,
  isTimeZone,
  isWeekend,
  localDayOf,
  localDueDay,
  noWorkingCalendar,
  weekdayOf,
  workingDaysBetween,
  type WorkingCalendar,
} from './calendar';

const DUBLIN = 'Europe/Dublin';
/** A small calendar: Christmas 2026 with St Stephen's Day (a Saturday) and its substitute Monday. */
const calendar: WorkingCalendar = { timeZone: DUBLIN, closedDays: ['2026-12-25', '2026-12-26', '2026-12-28'], from: '2026-12-01', to: '2027-01-31' };

function calendarError(run: () => unknown): CalendarError {
  try {
    run();
  } catch (error) {
    if (error instanceof CalendarError) return error;
    throw error;
  }
  throw new Error('expected a CalendarError');
}

describe('local days', () => {
  it('a local day is a real day written YYYY-MM-DD, a leap day only in a leap year', () => {
    expect(isLocalDay('2028-02-29')).toBe(true);
    expect(isLocalDay('2026-06-15')).toBe(true);
    expect(isLocalDay('2027-02-29')).toBe(false);
    expect(isLocalDay('2026-13-01')).toBe(false);
    expect(isLocalDay('2026-6-15')).toBe(false);
    expect(isLocalDay('2026-06-15T00:00:00Z')).toBe(false);
    expect(isLocalDay(' 2026-06-15')).toBe(false);
    expect(isLocalDay(20260615)).toBe(false);
    expect(isLocalDay(undefined)).toBe(false);
    expect(isLocalDay({ toString: () => '2026-06-15' })).toBe(false);
  });

  it('a time zone is an IANA name', () => {
    expect(isTimeZone('Europe/Dublin')).toBe(true);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Ireland/Galway')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(1)).toBe(false);
    expect(isTimeZone({ toString: () => 'Europe/Dublin' })).toBe(false);
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Dublin');
  });

  it('a count starts on the local day of an instant, in the organisation\'s time zone (00:30 Irish summer time is Monday, not Sunday)', () => {
    expect(localDayOf('2026-06-14T23:30:00.000Z', DUBLIN)).toBe('2026-06-15');
    expect(localDayOf('2026-06-14T22:59:59Z', DUBLIN)).toBe('2026-06-14');
    expect(localDayOf('2026-06-15T00:30:00+01:00', DUBLIN)).toBe('2026-06-15');
    expect(localDayOf('2026-06-15T00:30+0100', DUBLIN)).toBe('2026-06-15');
    expect(localDayOf('2026-06-15T00:30:00.123456+01', DUBLIN)).toBe('2026-06-15');
    expect(localDayOf('2026-01-15T23:30:00Z', DUBLIN)).toBe('2026-01-15'); // winter: Dublin is on GMT
    expect(localDayOf('2026-01-15t23:30:00z', DUBLIN)).toBe('2026-01-15');
    expect(localDayOf('2026-06-15T02:00:00Z', 'America/New_York')).toBe('2026-06-14');
  });

  it('a count starts on the day a person gave, whatever the time zone', () => {
    expect(localDayOf('2026-10-01', DUBLIN)).toBe('2026-10-01');
    expect(localDayOf('2026-10-01', 'Pacific/Kiritimati')).toBe('2026-10-01');
  });

  it('a zone-less time, a non-day or an unknown time zone cannot be counted from (CalendarError saying what to give)', () => {
    expect(calendarError(() => localDayOf('2026-06-15T00:30:00', DUBLIN)).message).toBe(
      '"2026-06-15T00:30:00" is neither a day (YYYY-MM-DD) nor an instant with a zone (e.g. 2026-06-15T00:30:00+01:00).',
    );
    expect(calendarError(() => localDayOf('tomorrow', DUBLIN)).message).toMatch(/^"tomorrow" is neither a day/);
    expect(calendarError(() => localDayOf('2026-13-40T00:00:00Z', DUBLIN)).message).toMatch(/^"2026-13-40T00:00:00Z" is neither/);
    expect(calendarError(() => localDayOf('2026-02-30', DUBLIN)).message).toBe('"2026-02-30" is not a day written YYYY-MM-DD (e.g. 2026-06-15).');
    expect(calendarError(() => localDayOf('2026-06-15T00:30:00Z', 'Ireland/Galway')).message).toBe('"Ireland/Galway" is not a time zone: use an IANA name such as Europe/Dublin.');
    expect(calendarError(() => localDayOf('x2026-06-15T00:30:00Z', DUBLIN)).name).toBe('CalendarError');
    expect(calendarError(() => localDayOf('x2026-06-15', DUBLIN)).message).toBe('"x2026-06-15" is neither a day (YYYY-MM-DD) nor an instant with a zone (e.g. 2026-06-15T00:30:00+01:00).');
    expect(calendarError(() => localDayOf('2026-06-15x', DUBLIN)).message).toMatch(/^"2026-06-15x" is neither a day/);
    // A month, or a time with a zone but no time of day, is not an instant either.
    expect(calendarError(() => localDayOf('2026-06', DUBLIN)).message).toMatch(/^"2026-06" is neither a day/);
    expect(calendarError(() => localDayOf('2026-06-15+01:00', DUBLIN)).message).toMatch(/is neither a day/);
  });

  it('days are added on the calendar: over months, years and the leap day of 2028', () => {
    expect(addDays('2026-06-15', 7)).toBe('2026-06-22');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-03-01', 365)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-06-15', 0)).toBe('2026-06-15');
    expect(() => addDays('2026-06-31', 1)).toThrow(CalendarError);
  });

  it('weekdays are ISO weekdays; Saturday and Sunday are the weekend', () => {
    expect(weekdayOf('2026-06-15')).toBe(1);
    expect(weekdayOf('2026-06-21')).toBe(7);
    expect(weekdayOf('2028-02-29')).toBe(2);
    expect(['2026-06-19', '2026-06-20', '2026-06-21', '2026-06-22'].map(isWeekend)).toEqual([false, true, true, false]);
  });
});

describe('a deadline is due at the end of a local day', () => {
  it('the end of a day is 00:00 local time of the next day: GMT in winter, Irish summer time in summer', () => {
    expect(endOfLocalDay('2026-01-15', DUBLIN).toISOString()).toBe('2026-01-16T00:00:00.000Z');
    expect(endOfLocalDay('2026-06-22', DUBLIN).toISOString()).toBe('2026-06-22T23:00:00.000Z');
    expect(endOfLocalDay('2026-12-31', DUBLIN).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(endOfLocalDay('2028-02-29', DUBLIN).toISOString()).toBe('2028-03-01T00:00:00.000Z');
    expect(endOfLocalDay('2026-06-22', 'America/New_York').toISOString()).toBe('2026-06-23T04:00:00.000Z');
  });

  it('both DST changes: Sunday 29 March 2026 has 23 hours, Sunday 25 October 2026 has 25', () => {
    expect(endOfLocalDay('2026-03-28', DUBLIN).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(endOfLocalDay('2026-03-29', DUBLIN).toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(endOfLocalDay('2026-10-24', DUBLIN).toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(endOfLocalDay('2026-10-25', DUBLIN).toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });

  it('the day a deadline is met is the local day just before its due instant', () => {
    expect(localDueDay(new Date('2026-06-22T23:00:00.000Z'), DUBLIN)).toBe('2026-06-22');
    expect(localDueDay(new Date('2026-06-22T23:00:00.001Z'), DUBLIN)).toBe('2026-06-23');
    expect(localDueDay(new Date('2026-01-16T00:00:00.000Z'), DUBLIN)).toBe('2026-01-15');
    expect(localDueDay(new Date('2026-11-30T10:00:00.000Z'), DUBLIN)).toBe('2026-11-30');
    expect(localDueDay(new Date('2026-06-23T04:00:00.000Z'), 'America/New_York')).toBe('2026-06-22');
    expect(() => localDueDay(new Date('2026-06-23T04:00:00.000Z'), 'Nowhere/City')).toThrow(CalendarError);
    expect(() => endOfLocalDay('2026-06-22', 'Nowhere/City')).toThrow(CalendarError);
  });
});

describe('working days', () => {
  it('Saturdays, Sundays and the closed days of the calendar are not working days', () => {
    expect(isClosedDay('2026-12-24', calendar)).toBe(false);
    expect(isClosedDay('2026-12-25', calendar)).toBe(true);
    expect(isClosedDay('2026-12-27', calendar)).toBe(true); // Sunday
    expect(isClosedDay('2026-12-28', calendar)).toBe(true);
    expect(isClosedDay('2026-12-29', calendar)).toBe(false);
    expect(isClosedDay('2026-12-01', calendar)).toBe(false); // the first day of the window
    expect(isClosedDay('2027-01-31', calendar)).toBe(true); // the last, a Sunday
  });

  it('a day outside the calendar\'s window is never guessed (CalendarError)', () => {
    expect(calendarError(() => isClosedDay('2026-11-30', calendar)).message).toBe('The working calendar covers 2026-12-01 to 2027-01-31; 2026-11-30 is outside it.');
    expect(calendarError(() => isClosedDay('2027-02-01', calendar)).message).toBe('The working calendar covers 2026-12-01 to 2027-01-31; 2027-02-01 is outside it.');
    expect(calendarError(() => addWorkingDays('2027-01-28', 3, calendar)).message).toMatch(/2027-02-01 is outside it/);
  });

  it('the n-th working day after a day: the start day never counts, closed days are skipped', () => {
    expect(addWorkingDays('2026-12-24', 1, calendar)).toBe('2026-12-29'); // over Christmas, St Stephen's Day and its substitute
    expect(addWorkingDays('2026-12-23', 1, calendar)).toBe('2026-12-24');
    expect(addWorkingDays('2026-12-23', 2, calendar)).toBe('2026-12-29');
    expect(addWorkingDays('2026-12-25', 1, calendar)).toBe('2026-12-29'); // from a closed day
    expect(addWorkingDays('2026-12-04', 5, calendar)).toBe('2026-12-11'); // Friday + 5 = the next Friday
    expect(addWorkingDays('2026-12-05', 1, calendar)).toBe('2026-12-07'); // from a Saturday
  });

  it('0 working days is the start day itself, even a closed one', () => {
    expect(addWorkingDays('2026-12-25', 0, calendar)).toBe('2026-12-25');
    expect(addWorkingDays('2030-06-15', 0, calendar)).toBe('2030-06-15');
  });

  it('a count of working days is a whole number of at least 0, from a real day', () => {
    expect(calendarError(() => addWorkingDays('2026-12-04', -1, calendar)).message).toBe('A number of working days must be a whole number of at least 0 (got -1).');
    expect(calendarError(() => addWorkingDays('2026-12-04', 1.5, calendar)).message).toBe('A number of working days must be a whole number of at least 0 (got 1.5).');
    expect(() => addWorkingDays('2026-12-32', 1, calendar)).toThrow(CalendarError);
  });

  it('before the engine writes a calendar, no working day can be counted', () => {
    const none = noWorkingCalendar();
    expect(none).toEqual({ timeZone: 'Europe/Dublin', closedDays: [], from: '9999-12-31', to: '0000-01-01' });
    expect(noWorkingCalendar('Europe/London').timeZone).toBe('Europe/London');
    expect(calendarError(() => addWorkingDays('2026-12-04', 1, none)).message).toBe(
      "No working calendar was given: the engine writes the organisation's calendar into the case before every transition.",
    );
    // A one-day window is a real calendar, not "none".
    expect(isClosedDay('2026-12-04', { ...calendar, from: '2026-12-04', to: '2026-12-04' })).toBe(false);
  });
});

describe('working days between two days (how far a due day is)', () => {
  it('counts the working days after the first day up to and including the second', () => {
    expect(workingDaysBetween('2026-12-01', '2026-12-04', calendar)).toBe(3); // Tuesday to Friday
    expect(workingDaysBetween('2026-12-04', '2026-12-07', calendar)).toBe(1); // Friday to Monday: the weekend does not count
    expect(workingDaysBetween('2026-12-23', '2026-12-29', calendar)).toBe(2); // 24th, then Christmas, St Stephen's Day and its substitute are closed
  });

  it('is 0 for the same day, and for a span of closed days only', () => {
    expect(workingDaysBetween('2026-12-09', '2026-12-09', calendar)).toBe(0);
    expect(workingDaysBetween('2026-12-24', '2026-12-28', calendar)).toBe(0);
  });

  it('is negative when the second day comes first (a due day already past)', () => {
    expect(workingDaysBetween('2026-12-04', '2026-12-01', calendar)).toBe(-3);
    expect(workingDaysBetween('2026-12-29', '2026-12-23', calendar)).toBe(-2);
  });

  it('never guesses outside the calendar\'s window', () => {
    expect(calendarError(() => workingDaysBetween('2027-01-29', '2027-02-02', calendar)).message).toMatch(/2027-02-01 is outside it/);
  });
});
