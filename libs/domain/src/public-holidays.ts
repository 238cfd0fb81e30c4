/**
 * Which days a holiday library's list closes, and the substitute days of holidays that fall on a
 * weekend. Pure: the entries come from the library (`date-holidays`, read by the engine).
 *
 * What counts as closed:
 * - every entry of type `public` (Ireland's ten public holidays: Organisation of Working Time
 *   Act 1997, Schedule 2, with St Brigid's Day since 2023);
 * - substitute days the library marks `substitute: true` (type `public` or `bank`);
 * - not other `bank` days: in Ireland that is Good Friday, which is not a public holiday
 *   (an organisation that closes on it adds it as one of its own closure days);
 * - not observances, school or optional days.
 *
 * Substitute days (`nextWeekday`, the default): the Act gives no automatic day off when a public
 * holiday falls on a Saturday or Sunday, but in practice (banks, the public service, Tusla's
 * offices) the next weekday is closed instead, e.g. Monday 27 and Tuesday 28 December 2021 for
 * Christmas Day and St Stephen's Day on a weekend, Monday 3 January 2022 for New Year's Day.
 * The library lists some of these (St Stephen's Day on a weekend) but not all (Christmas Day
 * 2027 on a Saturday, New Year's Day 2028 on a Saturday). So each public holiday on a weekend
 * gets one substitute day: a substitute the library gives within the following week, or else the
 * first weekday after the holiday that is neither a public holiday nor another holiday's
 * substitute. `library` takes the library's substitute days only (for countries whose library
 * data is complete, or which have none).
 */
import { addDays, isWeekend, type LocalDay } from './calendar';

/** One entry of a holiday library's list for a year. */
export interface HolidayEntry {
  date: LocalDay;
  name: string;
  /** The library's type: `public`, `bank`, `observance`, `school`, `optional`. */
  type: string;
  /** True for a day the library gives instead of a holiday that falls on a weekend. */
  substitute?: boolean;
}

export const SUBSTITUTE_DAY_RULES = ['nextWeekday', 'library'] as const;
/** How public holidays on a weekend get their substitute day (see the module comment). */
export type SubstituteDayRule = (typeof SUBSTITUTE_DAY_RULES)[number];

export type ClosedDayKind = 'publicHoliday' | 'substituteDay' | 'closureDay';

/** A closed local day and why it is closed, for people to read. */
export interface ClosedDay {
  date: LocalDay;
  name: string;
  kind: ClosedDayKind;
}

// YYYY-MM-DD days sort as text.
const byDate = (a: { date: LocalDay }, b: { date: LocalDay }): number => a.date.localeCompare(b.date);

/** How far after a weekend holiday a substitute the library gives may lie to be counted as its substitute. */
const SUBSTITUTE_REACH_DAYS = 7;

/**
 * The public holidays and substitute days of the library's entries, ascending, one per day.
 * Give entries of the year before and after the days you need: a holiday late in December can
 * have its substitute in January.
 */
export function publicHolidayClosures(entries: readonly HolidayEntry[], rule: SubstituteDayRule = 'nextWeekday'): ClosedDay[] {
  const publicHolidays = entries.filter((e) => e.type === 'public' && e.substitute !== true).sort(byDate);
  const librarySubstitutes = entries.filter((e) => e.substitute === true && (e.type === 'public' || e.type === 'bank')).sort(byDate);
  const closed = new Map<LocalDay, ClosedDay>();
  for (const h of publicHolidays) closed.set(h.date, { date: h.date, name: h.name, kind: 'publicHoliday' });

  const unclaimed = [...librarySubstitutes];
  if (rule === 'nextWeekday') {
    for (const h of publicHolidays.filter((p) => isWeekend(p.date))) {
      const reach = addDays(h.date, SUBSTITUTE_REACH_DAYS);
      const given = unclaimed.findIndex((s) => s.date > h.date && s.date <= reach);
      let day: LocalDay;
      if (given >= 0) {
        day = unclaimed[given].date;
        unclaimed.splice(given, 1);
      } else {
        day = addDays(h.date, 1);
        while (isWeekend(day) || closed.has(day)) day = addDays(day, 1);
      }
      closed.set(day, { date: day, name: `${h.name} (substitute day)`, kind: 'substituteDay' });
    }
  }
  for (const s of unclaimed) if (!closed.has(s.date)) closed.set(s.date, { date: s.date, name: s.name, kind: 'substituteDay' });
  return [...closed.values()].sort(byDate);
}
