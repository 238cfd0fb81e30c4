/**
 * The fixed wording: English has a word for every code of the practice model a document prints,
 * Irish falls back to English key by key, and the keys still missing in Irish are the ones the
 * README lists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_STATUSES, CLOSURE_REASONS, CONCERN_CATEGORIES, CONCERN_OUTCOMES, REPORT_METHODS, REQUEST_ORIGINS, STAGES } from '@tacu/domain';
import { FIXTURES } from './fixtures';
import { sharedRenderer, TEMPLATES_DIR, visibleText } from './testing';
import { flattenLocale, summariseKeys } from './wording';

const english = flattenLocale(JSON.parse(readFileSync(join(TEMPLATES_DIR, 'locales', 'en.json'), 'utf8')), 'en.json');
const irish = flattenLocale(JSON.parse(readFileSync(join(TEMPLATES_DIR, 'locales', 'ga.json'), 'utf8')), 'ga.json');

/** The list between the README's `missing-ga` markers. */
function readmeList(): string[] {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const block = /<!-- missing-ga:start -->\s*```\n([\s\S]*?)```\s*<!-- missing-ga:end -->/.exec(readme)?.[1];
  if (block === undefined) throw new Error('libs/documents/README.md has no missing-ga list');
  return block.split('\n').filter((line) => line.trim() !== '');
}

describe('fixed wording', () => {
  it.each([
    ['actionStatus', ACTION_STATUSES],
    ['familyActionStatus', ACTION_STATUSES],
    ['closureReason', CLOSURE_REASONS],
    ['familyClosureReason', CLOSURE_REASONS],
    ['concernCategory', CONCERN_CATEGORIES],
    ['concernOutcome', CONCERN_OUTCOMES],
    ['reportMethod', REPORT_METHODS],
    ['requestOrigin', REQUEST_ORIGINS],
    ['stage', STAGES],
  ] as const)('English has a word for every code of %s', (namespace, codes) => {
    expect(codes.filter((code) => !english.has(`${namespace}.${code}`))).toEqual([]);
  });

  it('Irish has no key English lacks (it would never be shown)', () => {
    expect([...irish.keys()].filter((k) => !english.has(k))).toEqual([]);
  });

  it('the keys missing in Irish are the ones the README lists', () => {
    const missing = sharedRenderer().missingWording('ga');
    const summary = summariseKeys(missing, [...english.keys()]);
    console.log(`Irish wording still missing (${missing.length} of ${english.size} keys, falling back to English):\n${summary.join('\n')}`);
    expect(missing.length).toBeGreaterThan(0);
    expect(summary).toEqual(readmeList());
    expect(sharedRenderer().missingWording('en')).toEqual([]);
  });

  it('an Irish document shows Irish wording, and English where Irish is missing, marked lang="en"', () => {
    const html = sharedRenderer().render({ kind: 'childProtectionReport', audience: 'professional', locale: 'ga' }, FIXTURES.childProtectionReport);
    expect(html).toContain('<html lang="ga">');
    // Shared wording is Irish…
    expect(visibleText(html)).toContain('Tagairt an cháis');
    // …the report's own wording falls back to English, marked as English.
    expect(html).toContain('<h1><span lang="en">Child Protection and Welfare Report</span></h1>');
    expect(html).toContain('<span lang="en">Neglect</span>');
  });

  it('an English document never marks its wording as another language', () => {
    const html = sharedRenderer().render({ kind: 'actionPlan', audience: 'family', locale: 'en' }, FIXTURES.actionPlan);
    expect(html).toContain('<html lang="en">');
    expect(html).not.toContain('<span lang=');
  });
});

describe('summariseKeys', () => {
  it('sums up whole namespaces, namespaces but a few keys, and single keys', () => {
    const all = ['a.x', 'a.y', 'b.title', 'b.p', 'b.q', 'b.r', 'c.x', 'c.y', 'c.z'];
    expect(summariseKeys(['a.x', 'a.y', 'b.p', 'b.q', 'b.r', 'c.z'], all)).toEqual(['a.*', 'b.* except title', 'c.z']);
  });
});
