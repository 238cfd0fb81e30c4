/**
 * The family versions are written in plain language: the fixed wording each family document
 * shows (its template's and partials' wording, English) scores at least 60 on the Flesch reading
 * ease (Flesch 1948; 60-70 is "plain English", read easily by 13-15 year olds), measured with
 * wooorm's `flesch` formula and `syllable` counter. Only the sentences are measured (wording that
 * ends with . ! or ?): headings and table labels are short phrases that would flatter the score.
 * Placeholders count as a one-syllable name.
 */
import { flesch } from 'flesch';
import { syllable } from 'syllable';
import { AUDIENCES_OF, DOCUMENT_KINDS, keyName, type DocumentKey } from './kinds';
import { sharedRenderer } from './testing';

const FAMILY_DOCUMENTS: DocumentKey[] = DOCUMENT_KINDS.filter((kind) => AUDIENCES_OF[kind].includes('family')).map((kind) => ({ kind, audience: 'family', locale: 'en' }));

/** Sentence, word and syllable counts of wording texts: each text is at least one sentence. */
function counts(texts: readonly string[]): { sentence: number; word: number; syllable: number } {
  let sentence = 0;
  let word = 0;
  let syllables = 0;
  for (const text of texts) {
    const filled = text.replace(/\{[A-Za-z0-9]+\}/g, 'Sam');
    sentence += Math.max(1, filled.split(/[.!?]+(?:\s|$)/).filter((s) => s.trim() !== '').length);
    for (const w of filled.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []) {
      word += 1;
      syllables += syllable(w);
    }
  }
  return { sentence, word, syllable: syllables };
}

describe('the family versions are in plain language', () => {
  it('measures real wording (the formula tells plain from dense English)', () => {
    const plain = flesch(counts(['We will meet again soon.', 'Call us if you have a question.']));
    const dense = flesch(counts(['Multi-agency intervention necessitates comprehensive interdisciplinary documentation of safeguarding considerations.']));
    expect(plain).toBeGreaterThan(80);
    expect(dense).toBeLessThan(0);
  });

  it.each(FAMILY_DOCUMENTS.map((key) => [keyName(key), key] as const))('%s: its fixed wording scores at least 60 on the Flesch reading ease', (name, key) => {
    const sentences = sharedRenderer()
      .wordingUsedBy(key)
      .filter((text) => /[.!?]$/.test(text.trim()));
    expect(sentences.length).toBeGreaterThan(10);
    const measured = counts(sentences);
    const score = flesch(measured);
    console.log(`${name}: Flesch reading ease ${score.toFixed(1)} (${measured.word} words, ${measured.sentence} sentences, ${measured.syllable} syllables)`);
    expect(score).toBeGreaterThanOrEqual(60);
  });
});
