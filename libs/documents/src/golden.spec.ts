/**
 * Golden files: each document (every kind and audience in English, and the family action plan in
 * Irish) rendered from its fixture, compared with the HTML checked in under `__golden__/`. A
 * change to a template, a partial, the wording or a helper shows up here as a diff to review.
 * `UPDATE_GOLDEN=1 npx jest libs/documents/src/golden.spec.ts` rewrites them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './fixtures';
import { AUDIENCES_OF, DOCUMENT_KINDS, keyName, type DocumentKey } from './kinds';
import { sharedRenderer } from './testing';

const GOLDEN_DIR = join(__dirname, '__golden__');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

const KEYS: DocumentKey[] = [
  ...DOCUMENT_KINDS.flatMap((kind) => AUDIENCES_OF[kind].map((audience) => ({ kind, audience, locale: 'en' as const }))),
  { kind: 'actionPlan', audience: 'family', locale: 'ga' },
];

describe('golden documents', () => {
  it.each(KEYS.map((key) => [keyName(key), key] as const))('%s renders its fixture as the checked-in HTML', (name, key) => {
    const html = sharedRenderer().render(key as never, FIXTURES[key.kind] as never);
    const file = join(GOLDEN_DIR, `${name}.html`);
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, html);
    }
    if (!existsSync(file)) throw new Error(`No golden file ${file}: run UPDATE_GOLDEN=1 npx jest libs/documents/src/golden.spec.ts and review it.`);
    expect(html).toBe(readFileSync(file, 'utf8'));
  });
});
