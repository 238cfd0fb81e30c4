/**
 * An Irish document is in Irish: rendered from its fixture in `ga`, the fixed wording holds no
 * English from the English locale file and no English text of the outcome framework (names, and
 * what people typed, excepted). Family versions, the documents a family reads in Irish, have no
 * wording falling back to English at all (no `lang="en"` mark); professional documents may keep
 * only the English the README lists on purpose (`missingWording('ga')`, each marked `lang="en"`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IRELAND_OUTCOME_FRAMEWORK } from '@tacu/domain';
import { FIXTURES } from './fixtures';
import { allDocumentKeys, keyName } from './kinds';
import { sharedRenderer, TEMPLATES_DIR, visibleText } from './testing';
import { flattenLocale } from './wording';

const english = flattenLocale(JSON.parse(readFileSync(join(TEMPLATES_DIR, 'locales', 'en.json'), 'utf8')), 'en.json');
const irish = flattenLocale(JSON.parse(readFileSync(join(TEMPLATES_DIR, 'locales', 'ga.json'), 'utf8')), 'ga.json');

/** Every string of a view model: what people typed, names, references (removed before looking for English). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/**
 * The English fixed phrases to look for: each English wording's text between its placeholders,
 * of two words or more (a single word such as "Email" could be a name or an Irish loan word),
 * leaving out phrases Irish writes the same (for example "SHA-256").
 */
function englishPhrases(keys: ReadonlySet<string>): { key: string; phrase: string }[] {
  const phrases: { key: string; phrase: string }[] = [];
  for (const [key, text] of english) {
    if (keys.has(key)) continue;
    for (const part of text.split(/\{[A-Za-z0-9]+\}/)) {
      const phrase = part.replace(/^[\s.,:;()]+|[\s.,:;()]+$/g, '');
      if (phrase.split(/\s+/).length < 2) continue;
      if ([...irish.values()].some((ga) => ga.includes(phrase))) continue;
      phrases.push({ key, phrase });
    }
  }
  return phrases;
}

/** The English texts of the default framework (its name, outcomes, sides and scale points). */
const FRAMEWORK_ENGLISH = [
  IRELAND_OUTCOME_FRAMEWORK.name.en,
  ...IRELAND_OUTCOME_FRAMEWORK.outcomes.map((o) => o.label.en),
  ...IRELAND_OUTCOME_FRAMEWORK.sides.flatMap((s) => [s.label.en, s.description?.en ?? '']),
  ...IRELAND_OUTCOME_FRAMEWORK.scale.labels.map((l) => l.label.en),
].filter((text) => text !== '');

describe('Irish documents are in Irish', () => {
  const missing = new Set(sharedRenderer().missingWording('ga'));

  it('finds English when it is there', () => {
    const phrases = englishPhrases(new Set()).map((p) => p.phrase);
    expect(phrases).toContain('Who to call');
    expect(phrases).toContain('The outcome is awaited');
  });

  it.each(allDocumentKeys().filter((key) => key.locale === 'ga').map((key) => [keyName(key), key] as const))('%s: no English fixed wording', (_name, key) => {
    const html = sharedRenderer().render(key, FIXTURES[key.kind] as never);
    let text = visibleText(html);
    // What people typed and the names are theirs, in whatever language they wrote them.
    for (const typed of stringsOf(FIXTURES[key.kind]).sort((a, b) => b.length - a.length)) if (typed.length > 2) text = text.split(typed).join(' ');
    const allowed = key.audience === 'family' ? new Set<string>() : missing;
    // The English kept on purpose is taken out first, so a phrase inside it is not counted twice.
    for (const k of allowed) for (const part of (english.get(k) ?? '').split(/\{[A-Za-z0-9]+\}/)) if (part.trim().length > 2) text = text.split(part.trim()).join(' ');
    const found = englishPhrases(allowed).filter(({ phrase }) => text.includes(phrase));
    expect(found).toEqual([]);
    expect(FRAMEWORK_ENGLISH.filter((en) => text.includes(en))).toEqual([]);
    if (key.audience === 'family') expect(html.match(/<[^>]+ lang="en"[^>]*>[^<]*/g) ?? []).toEqual([]);
  });
});
