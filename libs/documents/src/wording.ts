/**
 * The fixed wording of the documents: `templates/locales/<locale>.json`, nested objects of
 * strings read as dotted keys (`familyActionPlan.title`). Placeholders are written `{name}` and
 * filled with values the template gives. English is complete; a key missing in another locale
 * falls back to English, and `missingKeys` lists which.
 */
import Handlebars from 'handlebars';
import { LOCALES, type Locale } from './kinds';

/** One wording as a document shows it: its text, and the locale it is written in. */
export interface Wording {
  text: string;
  /** The locale the text is in: the requested one, or `en` when it fell back to English. */
  locale: Locale;
  /**
   * The text split around its placeholders, ready to fill: literal parts (HTML-escaped) at even
   * indexes, placeholder names at odd ones.
   */
  parts: readonly string[];
}

/** A locale file that is not a JSON object of strings (and objects of strings). */
export class LocaleFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocaleFileError';
  }
}

/**
 * The dotted keys and strings of a parsed locale file. Throws LocaleFileError naming the file and
 * the key of any value that is neither a string nor an object.
 */
export function flattenLocale(value: unknown, file: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LocaleFileError(`${file}: ${prefix ? `"${prefix}"` : 'the file'} must be an object of strings (found ${Array.isArray(value) ? 'a list' : typeof value}).`);
  }
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof v === 'string') out.set(path, v);
    else for (const [k, s] of flattenLocale(v, file, path)) out.set(k, s);
  }
  return out;
}

/** `"Version {version} & more"` → `['Version ', 'version', ' &amp; more']`. */
function splitPlaceholders(text: string): string[] {
  return text.split(/\{([A-Za-z][A-Za-z0-9]*)\}/).map((part, i) => (i % 2 === 0 ? Handlebars.Utils.escapeExpression(part) : part));
}

/** The wording of every locale, with the fallback to English resolved once. */
export class WordingTable {
  private readonly table = new Map<Locale, Map<string, Wording>>();

  /** `files`: each locale's flattened strings; `en` is required (the fallback). */
  constructor(private readonly files: ReadonlyMap<Locale, ReadonlyMap<string, string>>) {
    const english = files.get('en');
    if (!english) throw new LocaleFileError('locales/en.json is missing: English is the wording every other locale falls back to.');
    for (const locale of LOCALES) {
      const own = files.get(locale) ?? new Map<string, string>();
      const merged = new Map<string, Wording>();
      for (const [key, text] of english) {
        const found = own.get(key);
        const chosen = found ?? text;
        merged.set(key, { text: chosen, locale: found !== undefined ? locale : 'en', parts: splitPlaceholders(chosen) });
      }
      this.table.set(locale, merged);
    }
  }

  /** The wording of `key` in `locale` (or English), or undefined when English has no such key. */
  get(locale: Locale, key: string): Wording | undefined {
    return this.table.get(locale)?.get(key);
  }

  /** Whether English has `key`. */
  has(key: string): boolean {
    return this.files.get('en')?.has(key) ?? false;
  }

  /** Every English key, in file order. */
  keys(): string[] {
    return [...(this.files.get('en')?.keys() ?? [])];
  }

  /** Keys English has and `locale` does not (they fall back to English), in file order. */
  missingKeys(locale: Locale): string[] {
    const own = this.files.get(locale) ?? new Map<string, string>();
    return this.keys().filter((k) => !own.has(k));
  }

  /** Keys `locale` has that English does not (a typo, or a key removed): they are never shown. */
  unknownKeys(locale: Locale): string[] {
    const own = this.files.get(locale) ?? new Map<string, string>();
    return [...own.keys()].filter((k) => !this.has(k));
  }
}

/**
 * Keys summed up by namespace for a person to read: `ns.*` when every key of the namespace is in
 * `keys`, `ns.* except a, b` when all but a few are (the others named by their last part), else
 * the keys themselves. `all` is every key, in order.
 */
export function summariseKeys(keys: readonly string[], all: readonly string[]): string[] {
  const chosen = new Set(keys);
  const namespaces = [...new Set(all.map((k) => k.split('.')[0] as string))];
  const out: string[] = [];
  for (const ns of namespaces) {
    const inNs = all.filter((k) => k.startsWith(`${ns}.`));
    const missing = inNs.filter((k) => chosen.has(k));
    const present = inNs.filter((k) => !chosen.has(k));
    if (missing.length === 0) continue;
    if (present.length === 0) out.push(`${ns}.*`);
    else if (present.length <= 2 && missing.length > 2) out.push(`${ns}.* except ${present.map((k) => k.slice(ns.length + 1)).join(', ')}`);
    else out.push(...missing);
  }
  return out;
}
