/**
 * Headings say each thing once: in every document (every kind, audience and locale, rendered from
 * its fixture), no heading, table caption or figure caption repeats the one just before it (a
 * section titled "Who came" over a table captioned "Who came" reads twice on screen and on
 * paper), no section (from one `h2` to the next) names two things alike, and the document's
 * section headings (`h1`, `h2`) are all different.
 */
import { FIXTURES } from './fixtures';
import { allDocumentKeys, keyName } from './kinds';
import { sharedRenderer } from './testing';

/** The text of every heading-like element in document order: tag and text. */
export function headingsOf(html: string): { tag: string; text: string }[] {
  const found: { tag: string; text: string }[] = [];
  for (const m of html.matchAll(/<(h[1-6]|caption|figcaption|legend)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
    const text = (m[2] ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase();
    found.push({ tag: m[1] as string, text });
  }
  return found;
}

describe('headings say each thing once', () => {
  it('finds headings, captions and figure captions in order', () => {
    expect(headingsOf('<h2 id="a">Who <em>came</em></h2><table><caption>Who came</caption></table><figure><figcaption>X</figcaption></figure>')).toEqual([
      { tag: 'h2', text: 'who came' },
      { tag: 'caption', text: 'who came' },
      { tag: 'figcaption', text: 'x' },
    ]);
  });

  it.each(allDocumentKeys().map((key) => [keyName(key), key] as const))('%s: no heading repeats the one before it or another of its section; its section headings are unique', (_name, key) => {
    const html = sharedRenderer().render(key, FIXTURES[key.kind] as never);
    const headings = headingsOf(html);
    expect(headings.length).toBeGreaterThan(1);
    const repeated = headings.filter((h, i) => i > 0 && headings[i - 1]?.text === h.text).map((h) => h.text);
    expect(repeated).toEqual([]);
    const inSection: string[] = [];
    let section: string[] = [];
    for (const h of headings) {
      if (h.tag === 'h1' || h.tag === 'h2') section = [];
      if (section.includes(h.text)) inSection.push(h.text);
      section.push(h.text);
    }
    expect(inSection).toEqual([]);
    const sections = headings.filter((h) => h.tag === 'h1' || h.tag === 'h2').map((h) => h.text);
    expect(sections.filter((text, i) => sections.indexOf(text) !== i)).toEqual([]);
  });
});
