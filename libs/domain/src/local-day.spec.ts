import { addDays, DEFAULT_TIME_ZONE } from './calendar';
import { addMonths, addYears, localDay } from './local-day';

describe('days on the organisation’s local calendar', () => {
  it('reads an instant as the day it is in Ireland, summer time and winter time', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Dublin');
    // 00:30 Irish summer time on Mon 15 Jun 2026 is still Sunday in UTC.
    expect(localDay(new Date('2026-06-14T23:30:00Z'))).toBe('2026-06-15');
    // In winter Irish time is UTC.
    expect(localDay(new Date('2026-12-14T23:30:00Z'))).toBe('2026-12-14');
    // Either side of the clocks going forward (29 Mar 2026, 01:00 UTC) and back (25 Oct 2026, 01:00 UTC).
    expect(localDay(new Date('2026-03-28T23:59:00Z'))).toBe('2026-03-28');
    expect(localDay(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
    expect(localDay(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
    expect(localDay(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25');
    expect(localDay(new Date('2026-06-14T23:30:00Z'), 'UTC')).toBe('2026-06-14');
  });

  it('writes a year before 1000 with four digits, like every other day', () => {
    expect(localDay(new Date('0026-03-02T12:00:00Z'), 'UTC')).toBe('0026-03-02');
  });

  it('reads each instant in the time zone asked for, one after another', () => {
    const instant = new Date('2026-03-02T23:30:00Z');
    expect([localDay(instant, 'Europe/Dublin'), localDay(instant, 'Asia/Tokyo'), localDay(instant, 'America/New_York'), localDay(instant, 'Asia/Tokyo')]).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-02',
      '2026-03-03',
    ]);
  });

  it('refuses a time zone the runtime does not know, every time it is asked', () => {
    expect(() => localDay(new Date(), 'Europe/Atlantis')).toThrow(RangeError);
    expect(() => localDay(new Date(), 'Europe/Atlantis')).toThrow(RangeError);
  });

  it('moves days and years on the calendar', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addYears('2026-03-02', -18)).toBe('2008-03-02');
    expect(addYears('2028-02-29', -1)).toBe('2027-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(addYears('2026-03-02', -2000)).toBe('0026-03-02');
  });

  it('moves months on the calendar: a day the month lacks becomes its last', () => {
    expect(addMonths('2026-03-02', 6)).toBe('2026-09-02');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
  });
});
