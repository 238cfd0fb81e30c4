/**
 * The organisation's working calendar as plain data, and counting on it (domain.md: every stage
 * deadline is counted in working days; architecture.md "Time is local").
 *
 * Days are *local* days of the organisation (`Europe/Dublin` by default), written YYYY-MM-DD.
 * Instants are ISO strings with a zone (`Z` or an offset). Time-zone arithmetic is luxon's (DST
 * included): a well-kept library, pure, no clock read. Saturdays and Sundays are always closed;
 * `closedDays` lists the other closed days (public holidays, their substitute days, the
 * organisation's closure days) over the window `from`…`to`. Counting a day outside that window
 * throws rather than guess: the engine writes a calendar wide enough for any deadline it runs.
 */
import { DateTime, IANAZone } from 'luxon';

/** A day on the organisation's local calendar, written YYYY-MM-DD (no time, no zone). */
export type LocalDay = string;

/** Ireland's time zone: the default of every organisation. */
export const DEFAULT_TIME_ZONE = 'Europe/Dublin';

/** What a machine needs to count days: the time zone and the closed days of a window. */
export interface WorkingCalendar {
  /** IANA time zone the organisation works in, e.g. `Europe/Dublin`. */
  timeZone: string;
  /** Closed local days other than Saturdays and Sundays, ascending, all within `from`…`to`. */
  closedDays: readonly LocalDay[];
  /** First local day the closed days are known for (inclusive). */
  from: LocalDay;
  /** Last local day the closed days are known for (inclusive). */
  to: LocalDay;
}

/** A day, instant or time zone that cannot be counted with, or a day outside the calendar's window. */
export class CalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarError';
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** An ISO date-time that names its zone after the time (luxon checks the rest): a zone-less time would be read in the server's zone. */
const TIME_WITH_ZONE = /T\d.*(Z|[+-]\d{2})/i;

function isoDate(d: DateTime): LocalDay {
  return d.toISODate() as LocalDay;
}

/** The day as a luxon date at UTC midnight (plain calendar arithmetic); throws CalendarError for a non-day. */
function dayAt(day: LocalDay): DateTime {
  const d = DateTime.fromISO(day, { zone: 'utc' });
  if (!DAY.test(day) || !d.isValid) throw new CalendarError(`"${day}" is not a day written YYYY-MM-DD (e.g. 2026-06-15).`);
  return d;
}

/**
 * Plain calendar arithmetic on days as whole days since 1970-01-01 (UTC midnight), without luxon:
 * counting a deadline steps through every day between two days, and a luxon date per step cost
 * about 10 µs (measured: most of the case page's time, which counts each open deadline from today
 * to its day). Same days, same errors as `dayAt`: a Date set with setUTCFullYear (not Date.UTC,
 * which reads years 0–99 as 1900–1999) and read back must give the same year, month and day.
 */
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a real day written YYYY-MM-DD; null for anything else. */
function epochDayOrNull(day: string): number | null {
  if (!DAY.test(day)) return null;
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1;
  const date = Number(day.slice(8, 10));
  const at = new Date(0);
  at.setUTCFullYear(year, month, date);
  return at.getUTCFullYear() === year && at.getUTCMonth() === month && at.getUTCDate() === date ? Math.round(at.getTime() / MS_PER_DAY) : null;
}

/** Days since 1970-01-01 of a real day written YYYY-MM-DD; throws CalendarError for a non-day. */
function epochDayOf(day: LocalDay): number {
  const epochDay = epochDayOrNull(day);
  if (epochDay === null) throw new CalendarError(`"${day}" is not a day written YYYY-MM-DD (e.g. 2026-06-15).`);
  return epochDay;
}

/** The day (YYYY-MM-DD) `epochDay` days after 1970-01-01; luxon's form for a year beyond four digits. */
function dayOfEpoch(epochDay: number): LocalDay {
  const at = new Date(epochDay * MS_PER_DAY);
  const year = at.getUTCFullYear();
  if (year < 0 || year > 9999) return isoDate(DateTime.fromMillis(at.getTime(), { zone: 'utc' }));
  const month = at.getUTCMonth() + 1;
  const date = at.getUTCDate();
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${date < 10 ? '0' : ''}${date}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a count of days since 1970-01-01, a Thursday. */
function weekdayOfEpoch(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** True when `value` is a real day written YYYY-MM-DD. */
export function isLocalDay(value: unknown): value is LocalDay {
  return typeof value === 'string' && DAY.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

/**
 * Zones already found valid. Checking one makes an Intl.DateTimeFormat (tens of µs; measured: the
 * largest cost of the case page, which counts every deadline and date in the organisation's zone).
 */
const knownZones = new Map<string, IANAZone>();

/** True when `timeZone` is an IANA time zone luxon knows (e.g. `Europe/Dublin`). */
export function isTimeZone(timeZone: unknown): timeZone is string {
  return typeof timeZone === 'string' && (knownZones.has(timeZone) || IANAZone.isValidZone(timeZone));
}

function zone(timeZone: string): IANAZone {
  const known = knownZones.get(timeZone);
  if (known) return known;
  if (!isTimeZone(timeZone)) throw new CalendarError(`"${timeZone}" is not a time zone: use an IANA name such as Europe/Dublin.`);
  const found = IANAZone.create(timeZone);
  // Bounded by the zones the runtime knows (a few hundred): only valid ones are kept.
  knownZones.set(timeZone, found);
  return found;
}

/**
 * The local day a count starts on: `start` itself when it is a day a person gave (a meeting's
 * `heldOn`), else the local day in `timeZone` of the instant `start`. Throws CalendarError for a
 * zone-less time (it would depend on the server's zone) or anything else.
 */
export function localDayOf(start: string, timeZone: string): LocalDay {
  if (DAY.test(start)) return isoDate(dayAt(start));
  const instant = DateTime.fromISO(start);
  if (!TIME_WITH_ZONE.test(start) || !instant.isValid) {
    throw new CalendarError(`"${start}" is neither a day (YYYY-MM-DD) nor an instant with a zone (e.g. 2026-06-15T00:30:00+01:00).`);
  }
  return isoDate(instant.setZone(zone(timeZone)));
}

/** `day` plus `days` calendar days (negative goes back). */
export function addDays(day: LocalDay, days: number): LocalDay {
  return dayOfEpoch(epochDayOf(day) + days);
}

/** Calendar days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: LocalDay, to: LocalDay): number {
  return Math.round(dayAt(to).diff(dayAt(from), 'days').days);
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: LocalDay): number {
  return weekdayOfEpoch(epochDayOf(day));
}

/** Saturday or Sunday. */
export function isWeekend(day: LocalDay): boolean {
  return weekdayOf(day) >= 6;
}

/**
 * The instant a local day ends: 00:00 local time of the next day (every deadline is due then).
 * DST-correct: the end of Sunday 29 March 2026 in Dublin is 23:00 UTC, of 25 October 01:00 later.
 */
export function endOfLocalDay(day: LocalDay, timeZone: string): Date {
  const start = dayAt(day);
  const next = DateTime.fromObject({ year: start.year, month: start.month, day: start.day }, { zone: zone(timeZone) }).plus({ days: 1 });
  return next.toJSDate();
}

/**
 * The last local day on which a deadline due at the instant `dueAt` is still met: the local day
 * just before the instant (a deadline due at 00:00 on 23 June is met on 22 June).
 */
export function localDueDay(dueAt: Date, timeZone: string): LocalDay {
  return isoDate(DateTime.fromMillis(dueAt.getTime() - 1, { zone: zone(timeZone) }));
}

/**
 * Whether the organisation is closed on `day`: a Saturday, a Sunday, or one of the calendar's
 * closed days. Throws CalendarError for a day outside the calendar's window.
 */
export function isClosedDay(day: LocalDay, calendar: WorkingCalendar): boolean {
  if (calendar.from > calendar.to) {
    throw new CalendarError('No working calendar was given: the engine writes the organisation\'s calendar into the case before every transition.');
  }
  if (day < calendar.from || day > calendar.to) {
    throw new CalendarError(`The working calendar covers ${calendar.from} to ${calendar.to}; ${day} is outside it.`);
  }
  return isWeekend(day) || calendar.closedDays.includes(day);
}

/**
 * The `count`-th working day after `day` (the start day itself never counts; 0 is the start day).
 * Throws CalendarError for a negative or fractional count, or when counting leaves the window.
 */
export function addWorkingDays(day: LocalDay, count: number, calendar: WorkingCalendar): LocalDay {
  if (!Number.isInteger(count) || count < 0) throw new CalendarError(`A number of working days must be a whole number of at least 0 (got ${count}).`);
  let at = epochDayOf(day);
  let current = dayOfEpoch(at);
  for (let left = count; left > 0; ) {
    current = dayOfEpoch(++at);
    if (!isClosedDay(current, calendar)) left--;
  }
  return current;
}

/**
 * Working days from `from` to `to`: how many working days come after `from` up to and including
 * `to` ("in 3 working days" from today to a due day), or, when `to` comes first, minus the working
 * days after `to` up to and including `from` ("overdue by 2 working days" is `-n` from today back
 * to the due day, or `n` from the due day to today). 0 for the same day. Throws CalendarError for
 * a day outside the calendar's window.
 */
export function workingDaysBetween(from: LocalDay, to: LocalDay, calendar: WorkingCalendar): number {
  const [first, last, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  const start = epochDayOf(first) + 1;
  const end = epochDayOrNull(last);
  const window = [epochDayOrNull(calendar.from), epochDayOrNull(calendar.to)] as const;
  const counted = end !== null && window[0] !== null && window[1] !== null ? countedWorkingDays(start, end, window[0], window[1], calendar) : null;
  if (counted !== null) return sign * counted;
  // Anything unusual (a window or an end that is not a real day) is stepped through day by day.
  let count = 0;
  for (let at = start, day = dayOfEpoch(at); day <= last; day = dayOfEpoch(++at)) {
    if (!isClosedDay(day, calendar)) count++;
  }
  return sign * count;
}

/**
 * The working days from `start` to `end` (days since 1970-01-01, both counted), by arithmetic:
 * the weekdays of the span less the calendar's closed weekdays inside it. The same count, and the
 * same CalendarError for the first day outside the window, as stepping day by day with
 * `isClosedDay` (which a deadline months away did hundreds of times). Null when `start`…`end`
 * is empty.
 */
function countedWorkingDays(start: number, end: number, windowStart: number, windowEnd: number, calendar: WorkingCalendar): number | null {
  if (start > end) return null;
  // isClosedDay throws the error stepping would have met first: no calendar, or a day outside it.
  if (calendar.from > calendar.to) isClosedDay(dayOfEpoch(start), calendar);
  if (start < windowStart) isClosedDay(dayOfEpoch(start), calendar);
  if (end > windowEnd) isClosedDay(dayOfEpoch(Math.max(start, windowEnd + 1)), calendar);
  const days = end - start + 1;
  let weekdays = Math.floor(days / 7) * 5;
  for (let at = start + Math.floor(days / 7) * 7; at <= end; at++) if (weekdayOfEpoch(at) < 6) weekdays++;
  const from = dayOfEpoch(start);
  const to = dayOfEpoch(end);
  const closed = new Set(
    calendar.closedDays.filter((day) => {
      const at = day >= from && day <= to ? epochDayOrNull(day) : null;
      return at !== null && weekdayOfEpoch(at) < 6;
    }),
  );
  return weekdays - closed.size;
}

/**
 * A calendar that knows no closed day and covers no day: counting working days on it throws.
 * It is what a case starts with before the engine writes the organisation's calendar.
 */
export function noWorkingCalendar(timeZone: string = DEFAULT_TIME_ZONE): WorkingCalendar {
  return { timeZone, closedDays: [], from: '9999-12-31', to: '0000-01-01' };
}
