/**
 * The Handlebars helpers of the document templates. Every helper escapes what it is given (a
 * person's text is never trusted) and returns a SafeString of HTML:
 * - `{{t "key" name=value}}`: fixed wording of the document's locale, `{name}` placeholders filled
 *   (escaped); wording that fell back to English in another locale is marked `lang="en"`.
 *   `{{tPlain ...}}` the same without the mark (for `<title>` and attributes).
 * - `{{word "namespace" code}}`: the wording of a code (`actionStatus.done`); a code without
 *   wording is shown as it is, escaped. `{{wordPlain ...}}` without the language mark.
 * - `{{localised text}}`: a framework's text (`{ en, ga? }`) in the document's locale, else English.
 * - `{{day value}}`, `{{dateTime value}}`: a local day (YYYY-MM-DD) or an instant (ISO with its
 *   zone) shown in the document's time zone (`document.timeZone`, e.g. Europe/Dublin, DST by the
 *   runtime's time-zone data) and locale: "Monday 2 March 2026", "Monday 2 March 2026, 10:00". Text
 *   that is neither is shown as it is, escaped. Intl formatters, made once per locale and zone, not
 *   luxon: luxon made a formatter per call (about 20 µs a date, most of a document's render).
 * - `{{list items}}`: names or texts joined as a sentence lists them ("A, B and C", "A, B agus C"),
 *   or the wording for none.
 * - `{{yesNo flag}}`, `{{scalePoint value label max}}` (a rating: "2 of 3: Some progress"),
 *   `{{isNumber value}}` (for `#if` on a scale that may be 0).
 * Errors (a wording key English lacks, a placeholder without a value) are thrown with the line and
 * column of the call in its template.
 */
import Handlebars from 'handlebars';
import type { LocalisedText } from '@tacu/domain';
import type { Locale } from './kinds';
import type { Wording, WordingTable } from './wording';

type SafeString = Handlebars.SafeString;

/** What every render passes to the helpers as Handlebars data (`@locale`, `@wording`). */
export interface RenderData {
  locale: Locale;
  wording: WordingTable;
}

interface HelperOptions {
  hash: Record<string, unknown>;
  data: RenderData & { root?: { document?: { timeZone?: unknown } } };
  loc?: { start: { line: number; column: number } };
}

const escape = Handlebars.Utils.escapeExpression;

/** An error in a helper call, located at the call (as Handlebars' own runtime errors are). */
export class HelperError extends Error {
  readonly lineNumber?: number;
  readonly column?: number;
  constructor(message: string, options: HelperOptions) {
    const at = options.loc?.start;
    super(at ? `${message} - ${at.line}:${at.column}` : message);
    this.name = 'HelperError';
    if (at) {
      this.lineNumber = at.line;
      this.column = at.column;
    }
  }
}

/** The HTML of a value given to a placeholder or helper: a SafeString as it is, anything else escaped. */
function htmlOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Handlebars.SafeString) return value.toHTML();
  return escape(String(value));
}

function wordingOf(key: unknown, options: HelperOptions): Wording {
  const found = typeof key === 'string' ? options.data.wording.get(options.data.locale, key) : undefined;
  if (!found) throw new HelperError(`there is no wording "${String(key)}" in locales/en.json`, options);
  return found;
}

function fill(wording: Wording, key: string, options: HelperOptions): string {
  const { parts } = wording;
  if (parts.length === 1) return parts[0] ?? '';
  let html = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i % 2 === 0) html += part;
    else if (part in options.hash) html += htmlOf(options.hash[part]);
    else throw new HelperError(`the wording "${key}" needs a value for {${part}}: give it as ${part}=...`, options);
  }
  return html;
}

/** Marks text that fell back to English inside a document in another language. */
function marked(html: string, wording: Wording, options: HelperOptions): string {
  return wording.locale === options.data.locale ? html : `<span lang="${wording.locale}">${html}</span>`;
}

const INTL_LOCALE: Record<Locale, string> = { en: 'en-IE', ga: 'ga' };
const LOCAL_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An instant with its zone (`Z` or an offset): one without would be read in the server's zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_OPTIONS: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const TIME_OPTIONS: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/**
 * Formatters are costly to make (tens of µs each) and cheap to use (about 1 µs): one per locale,
 * time zone and style, kept. Null for a time zone the runtime does not know.
 */
const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatter(locale: Locale, timeZone: string, style: 'day' | 'time'): Intl.DateTimeFormat | null {
  const key = `${locale}|${timeZone}|${style}`;
  let format = formatters.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...(style === 'day' ? DAY_OPTIONS : TIME_OPTIONS), timeZone });
    } catch {
      format = null;
    }
    formatters.set(key, format);
  }
  return format;
}

function timeZoneOf(options: HelperOptions): string {
  const zone = options.data.root?.document?.timeZone;
  return typeof zone === 'string' ? zone : 'Europe/Dublin';
}

/**
 * A local day (YYYY-MM-DD) or an instant (ISO with its zone) in words, in the document's locale
 * and time zone: "Friday 24 April 2026", with ", 17:05" for an instant when `withTime`. A local day
 * is a calendar date, the same in every zone (it is formatted as that date, never moved by an
 * offset). Null for anything else.
 */
function dateInWords(value: unknown, options: HelperOptions, withTime: boolean): string | null {
  if (typeof value !== 'string') return null;
  const key = `${options.data.locale}|${timeZoneOf(options)}|${withTime ? 't' : 'd'}|${value}`;
  const known = datesInWords.get(key);
  if (known !== undefined) return known;
  const words = formatDate(value, options, withTime);
  if (datesInWords.size >= DATES_REMEMBERED) datesInWords.clear();
  datesInWords.set(key, words);
  return words;
}

/**
 * Dates already put in words, by locale, zone, style and value: a case's documents say the same
 * few days again and again (opened, consented, met, reviewed), and formatting one costs a few µs
 * (measured: a fifth of a consent record's render). Bounded; forgotten all at once when full.
 */
const datesInWords = new Map<string, string | null>();
const DATES_REMEMBERED = 10_000;

function formatDate(value: string, options: HelperOptions, withTime: boolean): string | null {
  const { locale } = options.data;
  const day = LOCAL_DAY.exec(value);
  if (day) {
    const [, y, m, d] = day.map(Number) as [number, number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
    return formatter(locale, 'UTC', 'day')?.format(date) ?? null;
  }
  if (!INSTANT.test(value)) return null;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return null;
  const zone = timeZoneOf(options);
  const dayText = formatter(locale, zone, 'day')?.format(at);
  if (dayText === undefined) return null;
  return withTime ? `${dayText}, ${formatter(locale, zone, 'time')?.format(at) ?? ''}` : dayText;
}

const listFormats = new Map<Locale, Intl.ListFormat>();
function listFormat(locale: Locale): Intl.ListFormat {
  let format = listFormats.get(locale);
  if (!format) {
    format = new Intl.ListFormat(INTL_LOCALE[locale], { style: 'long', type: 'conjunction' });
    listFormats.set(locale, format);
  }
  return format;
}

/**
 * Lists already joined, by locale and items: a document joins the same few lists of agencies and
 * people again and again (a consent record ten times), and Intl.ListFormat's `format` costs
 * microseconds each (measured: the largest self time of a consent record's render). The key is
 * the locale and the JSON of the (escaped) items, so no two lists share one. Bounded; forgotten
 * all at once when full.
 */
const listsInWords = new Map<string, string>();
const LISTS_REMEMBERED = 10_000;

function listInWords(items: readonly string[], locale: Locale): string {
  const key = `${locale}|${JSON.stringify(items)}`;
  let words = listsInWords.get(key);
  if (words === undefined) {
    words = listFormat(locale).format(items);
    if (listsInWords.size >= LISTS_REMEMBERED) listsInWords.clear();
    listsInWords.set(key, words);
  }
  return words;
}

function textOfItem(item: unknown): string {
  if (item !== null && typeof item === 'object' && 'name' in item) return htmlOf((item as { name: unknown }).name);
  return htmlOf(item);
}

function localisedHtml(text: unknown, options: HelperOptions): string {
  if (text === null || typeof text !== 'object') return htmlOf(text);
  const { en, ga } = text as Partial<LocalisedText>;
  if (options.data.locale === 'ga' && typeof ga === 'string') return escape(ga);
  return options.data.locale === 'en' ? htmlOf(en) : `<span lang="en">${htmlOf(en)}</span>`;
}

/**
 * The helpers `registerHelpers` registers, told to Handlebars' compiler so that templates call
 * them directly instead of looking each up by name at every use (a renderer's hot path).
 */
export const KNOWN_HELPERS: Readonly<Record<string, true>> = Object.freeze({
  t: true,
  tPlain: true,
  word: true,
  wordPlain: true,
  localised: true,
  day: true,
  dateTime: true,
  list: true,
  yesNo: true,
  scalePoint: true,
  isNumber: true,
});

/**
 * Registers the helpers on a Handlebars environment (one per renderer). Each takes a fixed number
 * of parameters and Handlebars' options last: a template that gives another number is an error of
 * the start-up check (its fixture render fails), not a silent misreading.
 */
export function registerHelpers(env: typeof Handlebars): void {
  const safe = (html: string): SafeString => new env.SafeString(html);
  // Wording without placeholders renders the same every time: made once per wording and kept
  // (a document says dozens of them; allocating each again was most of a render's garbage).
  const constant = new WeakMap<Wording, { marked: SafeString | undefined; plain: SafeString | undefined }>();
  const wordingHtml = (wording: Wording, key: string, options: HelperOptions, plain: boolean): SafeString => {
    if (wording.parts.length !== 1) return safe(plain ? fill(wording, key, options) : marked(fill(wording, key, options), wording, options));
    let kept = constant.get(wording);
    if (!kept) constant.set(wording, (kept = { marked: undefined, plain: undefined }));
    if (plain) return (kept.plain ??= safe(wording.parts[0] ?? ''));
    return (kept.marked ??= safe(marked(wording.parts[0] ?? '', wording, options)));
  };

  env.registerHelper('t', (key: unknown, options: HelperOptions) => wordingHtml(wordingOf(key, options), String(key), options, false));
  env.registerHelper('tPlain', (key: unknown, options: HelperOptions) => wordingHtml(wordingOf(key, options), String(key), options, true));
  const word = (plain: boolean) => (namespace: unknown, code: unknown, options: HelperOptions) => {
    const key = typeof code === 'string' ? `${String(namespace)}.${code}` : '';
    const wording = key === '' ? undefined : options.data.wording.get(options.data.locale, key);
    if (!wording) return safe(htmlOf(code));
    return wordingHtml(wording, key, options, plain);
  };
  env.registerHelper('word', word(false));
  env.registerHelper('wordPlain', word(true));
  env.registerHelper('localised', (text: unknown, options: HelperOptions) => safe(localisedHtml(text, options)));
  const date = (withTime: boolean) => (value: unknown, options: HelperOptions) => {
    const words = dateInWords(value, options, withTime);
    return safe(words !== null ? escape(words) : htmlOf(value));
  };
  env.registerHelper('day', date(false));
  env.registerHelper('dateTime', date(true));
  env.registerHelper('list', (items: unknown, options: HelperOptions) => {
    const list = Array.isArray(items) ? items.map(textOfItem).filter((s) => s !== '') : [];
    if (list.length === 0) {
      const none = wordingOf('common.none', options);
      return safe(marked(fill(none, 'common.none', options), none, options));
    }
    return safe(listInWords(list, options.data.locale));
  });
  env.registerHelper('yesNo', (flag: unknown, options: HelperOptions) => {
    const key = flag === true ? 'common.yes' : 'common.no';
    const wording = wordingOf(key, options);
    return safe(marked(fill(wording, key, options), wording, options));
  });
  env.registerHelper('scalePoint', (value: unknown, label: unknown, max: unknown, options: HelperOptions) => {
    const key = label ? 'ratings.pointLabelled' : 'ratings.point';
    const wording = wordingOf(key, options);
    const hash = { value, max, label: label ? safe(localisedHtml(label, options)) : '' };
    return safe(marked(fill(wording, key, { ...options, hash }), wording, options));
  });
  env.registerHelper('isNumber', (value: unknown) => typeof value === 'number');
}
