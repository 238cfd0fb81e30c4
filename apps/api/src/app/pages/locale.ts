/**
 * The languages of the pages (issue 15 §8): English and Irish, the user's choice, remembered in a
 * cookie for a year (before sign-in too); without a choice, the browser's Accept-Language decides
 * between them, English when it names neither. The wording is `locales/<locale>.json` beside this
 * file: English complete, Irish key for key (a test holds them to the same keys). The Irish
 * wording needs review by a fluent speaker, as the documents' does (README "Pages").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';

export const PAGE_LOCALES = ['en', 'ga'] as const;
export type PageLocale = (typeof PAGE_LOCALES)[number];

/** The cookie that remembers the language chosen. */
export const LANGUAGE_COOKIE = 'tacu_lang';

export function isPageLocale(value: unknown): value is PageLocale {
  return value === 'en' || value === 'ga';
}

type Flat = Map<string, string>;

function flatten(value: unknown, prefix: string, into: Flat): Flat {
  if (typeof value === 'string') into.set(prefix, value);
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  }
  return into;
}

/** The wording of each locale (`<prefix><locale>.json`), flattened to dotted keys (`cases.titleMine`). */
export function loadWording(dir: string = join(__dirname, 'locales'), prefix = ''): Record<PageLocale, Flat> {
  const read = (locale: PageLocale): Flat => flatten(JSON.parse(readFileSync(join(dir, `${prefix}${locale}.json`), 'utf8')), '', new Map());
  return { en: read('en'), ga: read('ga') };
}

const WORDING = loadWording();
const escape = Handlebars.Utils.escapeExpression;

/**
 * The wording of `key` in `locale` as HTML, `{name}` placeholders filled with `params` (escaped;
 * a SafeString's HTML as it is). Falls back to English; throws for a key English lacks or a
 * placeholder without a value, so a mistyped key fails the page's test rather than showing a key.
 */
export function wordingHtml(locale: PageLocale, key: string, params: Record<string, unknown> = {}): string {
  const text = WORDING[locale].get(key) ?? WORDING.en.get(key);
  if (text === undefined) throw new Error(`There is no wording "${key}" in the pages' locales/en.json.`);
  return escape(text).replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`The wording "${key}" needs a value for {${name}}.`);
    const value = params[name];
    return value instanceof Handlebars.SafeString ? value.toHTML() : escape(String(value ?? ''));
  });
}

/** The same as plain text (for a value that is escaped again where it is used, e.g. a page title). */
export function wordingText(locale: PageLocale, key: string, params: Record<string, unknown> = {}): string {
  const text = WORDING[locale].get(key) ?? WORDING.en.get(key);
  if (text === undefined) throw new Error(`There is no wording "${key}" in the pages' locales/en.json.`);
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`The wording "${key}" needs a value for {${name}}.`);
    return String(params[name] ?? '');
  });
}

/**
 * The language of a request: the remembered choice (cookie), else the first of Irish or English
 * the browser's Accept-Language names (by its quality values), else English.
 */
export function localeOf(cookie: string | undefined, acceptLanguage: string | undefined): PageLocale {
  if (isPageLocale(cookie)) return cookie;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { language: tag.split('-')[0] ?? '', quality: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.quality > 0 && isPageLocale(entry.language))
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return (wanted[0]?.language as PageLocale | undefined) ?? 'en';
}

const INTL_LOCALE: Record<PageLocale, string> = { en: 'en-IE', ga: 'ga' };
const dayFormats = new Map<PageLocale, Intl.DateTimeFormat>();

/**
 * A local day (YYYY-MM-DD, a day of the organisation's calendar) in words: "Monday 22 June 2026",
 * "Dé Luain 22 Meitheamh 2026". The day is a calendar date: formatted as that date, never moved by
 * a time zone.
 */
export function dayInWords(day: string, locale: PageLocale): string {
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dayFormats.set(locale, format);
  }
  return format.format(new Date(`${day}T00:00:00Z`));
}
