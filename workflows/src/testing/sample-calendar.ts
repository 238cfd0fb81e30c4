/**
 * Ireland's working calendar for 2025-2028, written out by hand for machine tests (the engine
 * builds the same from the holiday library; libs/engine checks the library against this list):
 * New Year's Day, St Brigid's Day (first Monday of February, or 1 February when a Friday),
 * St Patrick's Day, Easter Monday, the first Mondays of May, June and August, the last Monday of
 * October, Christmas Day, St Stephen's Day, and the next free weekday for each of them that falls
 * on a weekend (Mon 28 Dec 2026; Mon 27 and Tue 28 Dec 2027; Mon 3 Jan 2028).
 */
import type { WorkingCalendar } from '@tacu/domain';

export const IRISH_CLOSED_DAYS_2025_2028: readonly string[] = [
  '2025-01-01', '2025-02-03', '2025-03-17', '2025-04-21', '2025-05-05', '2025-06-02', '2025-08-04', '2025-10-27', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-02-02', '2026-03-17', '2026-04-06', '2026-05-04', '2026-06-01', '2026-08-03', '2026-10-26', '2026-12-25', '2026-12-26', '2026-12-28',
  '2027-01-01', '2027-02-01', '2027-03-17', '2027-03-29', '2027-05-03', '2027-06-07', '2027-08-02', '2027-10-25', '2027-12-25', '2027-12-26', '2027-12-27', '2027-12-28',
  '2028-01-01', '2028-01-03', '2028-02-07', '2028-03-17', '2028-04-17', '2028-05-01', '2028-06-05', '2028-08-07', '2028-10-30', '2028-12-25', '2028-12-26',
];

/** The calendar of an Irish organisation in Dublin time, 2025-2028. */
export const SAMPLE_CALENDAR: WorkingCalendar = { timeZone: 'Europe/Dublin', closedDays: IRISH_CLOSED_DAYS_2025_2028, from: '2025-01-01', to: '2028-12-31' };
