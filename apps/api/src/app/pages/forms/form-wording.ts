/**
 * The words of the next-step forms (issue 15 §5): each event's title and introduction, each
 * field's label and hint, each option's words, from `locales/forms.<locale>.json` beside the
 * pages' own wording, keyed by event and field path (list indices left out):
 *
 *   events.RECORD_CONSENT.title                       "Record consent"
 *   fields.RECORD_CONSENT.givenBy.label               "Who gives consent"
 *   fields.RECORD_CONSENT.scopes.takePart.label       "Do they consent to take part in Meitheal?"
 *   fields.common.reason.label                        (any event's field named `reason`)
 *   options.parentCarer                               "A parent or carer"
 *
 * A word missing in Irish is the English one (marked `lang="en"` on the page); a field missing in
 * both is labelled with its DTO's description (English, so marked too). The Irish is a first draft
 * for a fluent speaker to review, as the rest of the pages' Irish.
 */
import { join } from 'node:path';
import { loadWording, type PageLocale } from '../locale';

/** Words and the language they are in (which differs from the page's when they fell back to English). */
export interface Worded {
  text: string;
  lang: PageLocale;
}

const FORMS = loadFormWording();

function loadFormWording(): Record<PageLocale, Map<string, string>> {
  // The same flattening as the pages' wording, from the files named forms.en.json and forms.ga.json.
  const dir = join(__dirname, '..', 'locales');
  return loadWording(dir, 'forms.');
}

/** The words of `key` in `locale`, else in English; undefined when English has none. */
export function formWords(locale: PageLocale, key: string): Worded | undefined {
  const own = FORMS[locale].get(key);
  if (own !== undefined) return { text: own, lang: locale };
  const english = FORMS.en.get(key);
  return english !== undefined ? { text: english, lang: 'en' } : undefined;
}

/** A field's path without list indices (`actions.0.owner` → `actions.owner`). */
export function wordingPath(path: readonly (string | number)[]): string {
  return path.filter((part) => typeof part === 'string' && part !== '').join('.');
}

/**
 * A field's label (or hint): the event's own words for the field, else the common words of a field
 * of that name, else (labels only) the DTO's description.
 */
export function fieldWords(locale: PageLocale, eventType: string, path: readonly (string | number)[], what: 'label' | 'hint', description?: string): Worded | undefined {
  const dotted = wordingPath(path);
  const last = dotted.split('.').pop() ?? '';
  const found = formWords(locale, `fields.${eventType}.${dotted}.${what}`) ?? (last !== '' ? formWords(locale, `fields.common.${last}.${what}`) : undefined);
  if (found) return found;
  return what === 'label' && description ? { text: description.replace(/\.$/, ''), lang: 'en' } : undefined;
}

/** An event's title ("Record consent"): its words, else its type in words. */
export function eventTitle(locale: PageLocale, eventType: string): Worded {
  return formWords(locale, `events.${eventType}.title`) ?? { text: eventType.toLowerCase().replace(/_/g, ' '), lang: 'en' };
}

/** A rule's reason in plain words: the event types it names (`RECORD_CONSENT`) said by their titles. */
export function reasonInWords(reason: string, locale: PageLocale): string {
  return reason.replace(/(\()?\b([A-Z][A-Z]+(?:_[A-Z]+)+)\b(\))?/g, (whole, open: string | undefined, type: string, close: string | undefined) => {
    const title = formWords(locale, `events.${type}.title`);
    if (!title) return whole;
    return open && close ? `(“${title.text}”)` : `${open ?? ''}“${title.text}”${close ?? ''}`;
  });
}

/** An option's words (an enum's value), else the value itself, its camelCase spaced out. */
export function optionWords(locale: PageLocale, value: string): Worded {
  return formWords(locale, `options.${value}`) ?? { text: value.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(), lang: 'en' };
}

/** Every English key and Irish key (for the test that Irish has no key English lacks). */
export function formWordingKeys(): Record<PageLocale, string[]> {
  return { en: [...FORMS.en.keys()], ga: [...FORMS.ga.keys()] };
}
