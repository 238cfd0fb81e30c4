/**
 * Days on the organisation's local calendar, written YYYY-MM-DD. An instant (a `Date`, UTC) falls
 * on a local day in a time zone (an IANA name): "today" is the local day of the clock's reading.
 * Day arithmetic works on the calendar date alone, so it never depends on a clock change.
 */

import { DEFAULT_TIME_ZONE } from './calendar';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for a time zone the runtime does not know.
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local day (YYYY-MM-DD) on which `instant` falls in `timeZone`. */
export function localDay(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const fields = Object.fromEntries(formatterFor(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return `${String(fields['year']).padStart(4, '0')}-${fields['month']}-${fields['day']}`;
}

function parts(day: string): [number, number, number] {
  const [year, month, date] = day.split('-').map(Number);
  return [year ?? 0, month ?? 1, date ?? 1];
}

function format(year: number, month: number, date: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** The calendar date as a UTC midnight (`setUTCFullYear`, so years below 100 stay as written). */
function utcDate(year: number, month: number, date: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, date);
  return d;
}

/** `day` moved by `years` calendar years; 29 February becomes 28 February in a common year. */
export function addYears(day: string, years: number): string {
  const [year, month, date] = parts(day);
  const lastOfMonth = utcDate(year + years, month + 1, 0).getUTCDate();
  return format(year + years, month, Math.min(date, lastOfMonth));
}

/** `day` moved by `months` calendar months; a day the month lacks becomes its last (31 August + 6 months is 28 or 29 February). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = parts(day);
  const first = utcDate(year, month + months, 1);
  const lastOfMonth = utcDate(first.getUTCFullYear(), first.getUTCMonth() + 2, 0).getUTCDate();
  return format(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(date, lastOfMonth));
}
