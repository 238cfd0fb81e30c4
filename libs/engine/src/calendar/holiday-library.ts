/**
 * Public holidays from a maintained library: `date-holidays` (its data for Ireland follows the
 * Organisation of Working Time Act 1997 and its amendments, St Brigid's Day since 2023). This
 * module only reads the library; which of its days close an organisation, and the substitute
 * days of weekend holidays, are the domain's rule (`publicHolidayClosures`).
 *
 * The library is slow to load (~0.3 s) and to compute (~30 ms a year), so it is loaded on first
 * use and each (country, region, rule, year) is computed once per process.
 */
import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import { addDays, publicHolidayClosures, type ClosedDay, type HolidayEntry, type SubstituteDayRule } from '@tacu/domain';

const requireHere = createRequire(__filename);

/** The installed library's name and version: a new version can move holidays, so it is part of `holidaySource`. */
export const HOLIDAY_LIBRARY = `date-holidays@${(requireHere('date-holidays/package.json') as { version: string }).version}`;

let library: typeof HolidaysClass | undefined;
function Holidays(): typeof HolidaysClass {
  library ??= requireHere('date-holidays') as typeof HolidaysClass;
  return library;
}

const instances = new Map<string, HolidaysClass>();
function holidaysOf(country: string, region: string | null): HolidaysClass {
  const key = `${country}|${region ?? ''}`;
  let found = instances.get(key);
  if (!found) {
    const H = Holidays();
    found = region ? new H(country, region, { languages: ['en'] }) : new H(country, { languages: ['en'] });
    instances.set(key, found);
  }
  return found;
}

/**
 * Why the library cannot give holidays for this country and region, in words that say what to
 * fix; null when it can. `region` is the library's state code (e.g. `NIR` for Northern Ireland
 * in `GB`).
 */
export function holidayRegionProblem(country: string, region: string | null): string | null {
  const H = Holidays();
  const countries = new H().getCountries('en') as Record<string, string>;
  if (!Object.prototype.hasOwnProperty.call(countries, country)) {
    return `country "${country}" is not known to the holiday library: use a two-letter code such as IE`;
  }
  if (region === null) return null;
  const regions = (new H().getStates(country, 'en') ?? {}) as Record<string, string>;
  if (!Object.prototype.hasOwnProperty.call(regions, region)) {
    const known = Object.keys(regions);
    return `region "${region}" is not a region of ${country} in the holiday library (${known.length > 0 ? `known: ${known.join(', ')}` : `${country} has no regions: leave it out`})`;
  }
  return null;
}

const entriesByYear = new Map<string, HolidayEntry[]>();
function entriesOf(country: string, region: string | null, year: number): HolidayEntry[] {
  const key = `${country}|${region ?? ''}|${year}`;
  let entries = entriesByYear.get(key);
  if (!entries) {
    entries = holidaysOf(country, region)
      .getHolidays(year, 'en')
      .map((h) => ({ date: h.date.slice(0, 10), name: h.name, type: h.type, ...(h.substitute ? { substitute: true } : {}) }));
    entriesByYear.set(key, entries);
  }
  return entries;
}

const closuresByRange = new Map<string, ClosedDay[]>();

/**
 * The public holidays and substitute days of the years `fromYear`…`toYear` (local days), for a
 * country and region. Throws for a country or region the library does not know.
 */
export function publicHolidays(country: string, region: string | null, rule: SubstituteDayRule, fromYear: number, toYear: number): ClosedDay[] {
  const key = `${country}|${region ?? ''}|${rule}|${fromYear}|${toYear}`;
  let closures = closuresByRange.get(key);
  if (!closures) {
    const problem = holidayRegionProblem(country, region);
    if (problem) throw new Error(`No public holidays: ${problem}.`);
    // A year either side: a December holiday's substitute can fall in January.
    const entries: HolidayEntry[] = [];
    for (let year = fromYear - 1; year <= toYear + 1; year++) entries.push(...entriesOf(country, region, year));
    const from = `${fromYear}-01-01`;
    const to = addDays(`${toYear + 1}-01-01`, -1);
    closures = publicHolidayClosures(entries, rule).filter((d) => d.date >= from && d.date <= to);
    closuresByRange.set(key, closures);
  }
  return closures;
}
