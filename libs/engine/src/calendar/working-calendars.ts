/**
 * The working calendar the engine writes into a case before every transition: the time zone
 * and the closed local days (public holidays and substitute days from the holiday library, plus
 * the organisation's closure days) of the organisation the case's area belongs to.
 *
 * The window is the calendar years from two before to two after the current local year: deadlines
 * are counted from at most a year back (a meeting recorded late) and run at most a year ahead
 * (working-day amounts are limited to 250 by the configuration), so every count fits, and the
 * list stays small (about 55 days) in the case's snapshot.
 */
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { DEFAULT_TIME_ZONE, isTimeZone, type ClosedDay, type LocalDay, type WorkingCalendar } from '@tacu/domain';
import { OrganisationStore, type CalendarSettings, type StoredClosureDay } from '@tacu/persistence';
import { HOLIDAY_LIBRARY, publicHolidays } from './holiday-library';

/** Ireland, Dublin time, the next weekday for a weekend holiday: an organisation's settings unless it says otherwise. */
export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = { country: 'IE', region: null, timeZone: DEFAULT_TIME_ZONE, substituteDays: 'nextWeekday' };

/** Calendar years covered before and after the current one. */
export const CALENDAR_YEARS_BEFORE = 2;
export const CALENDAR_YEARS_AFTER = 2;

/** The local years a calendar made at `now` covers. */
export function calendarYears(now: Date, timeZone: string): { fromYear: number; toYear: number } {
  const year = DateTime.fromJSDate(now, { zone: timeZone }).year;
  return { fromYear: year - CALENDAR_YEARS_BEFORE, toYear: year + CALENDAR_YEARS_AFTER };
}

/**
 * Every closed day of the years `fromYear`…`toYear` other than weekends, with why it is closed:
 * the library's public holidays and substitute days, then the organisation's closure days (a
 * closure day on a public holiday adds nothing).
 */
export function closedDaysOf(settings: CalendarSettings, closureDays: readonly StoredClosureDay[], fromYear: number, toYear: number): ClosedDay[] {
  const from = `${fromYear}-01-01`;
  const to = `${toYear}-12-31`;
  const days = new Map<LocalDay, ClosedDay>();
  for (const d of publicHolidays(settings.country, settings.region, settings.substituteDays, fromYear, toYear)) days.set(d.date, d);
  for (const c of closureDays) {
    if (c.date >= from && c.date <= to && !days.has(c.date)) days.set(c.date, { date: c.date, name: c.name, kind: 'closureDay' });
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** The working calendar at `now` for these settings and closure days. Throws for an unknown time zone, country or region. */
export function workingCalendar(settings: CalendarSettings, closureDays: readonly StoredClosureDay[], now: Date): WorkingCalendar {
  if (!isTimeZone(settings.timeZone)) throw new Error(`The organisation's time zone "${settings.timeZone}" is not an IANA time zone.`);
  const { fromYear, toYear } = calendarYears(now, settings.timeZone);
  return {
    timeZone: settings.timeZone,
    closedDays: closedDaysOf(settings, closureDays, fromYear, toYear).map((d) => d.date),
    from: `${fromYear}-01-01`,
    to: `${toYear}-12-31`,
  };
}

/**
 * What the open deadlines of an organisation are counted with, besides its closure days: the
 * holiday library's version and the calendar settings. When it differs from the one recorded,
 * open deadlines are recounted (a new library version may have moved a holiday).
 */
export function holidaySourceOf(settings: CalendarSettings): string {
  return [HOLIDAY_LIBRARY, settings.country, settings.region ?? '-', settings.substituteDays, settings.timeZone].join(' ');
}

/** Where the engine gets a case's working calendar from. */
export interface CalendarSource {
  /** The working calendar at `now` of the organisation the area belongs to, read in the caller's transaction. */
  forArea(manager: EntityManager, areaId: string, now: Date): Promise<WorkingCalendar>;
}

/**
 * The organisations' calendars in the database (one query per call, in the transition's
 * transaction, so a closure day committed before the transition is always seen). An area of
 * no organisation row counts on the `default` organisation, and without that row on Ireland's
 * calendar in Dublin time.
 */
export class OrganisationCalendars implements CalendarSource {
  async forArea(manager: EntityManager, areaId: string, now: Date): Promise<WorkingCalendar> {
    const found = await new OrganisationStore(manager).calendarOfArea(areaId);
    return found ? workingCalendar(found, found.closureDays, now) : workingCalendar(DEFAULT_CALENDAR_SETTINGS, [], now);
  }
}
