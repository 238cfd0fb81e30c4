/**
 * Everything a person typed is escaped. Every string field of every fixture (walked generically,
 * so a field added later is covered too) is replaced by hostile text, and every document (each
 * kind, audience and locale) must still render, with the text shown as text: no markup, no
 * Handlebars syntax interpreted, a very long paragraph kept whole.
 */
import { FIXTURES } from './fixtures';
import { allDocumentKeys, keyName } from './kinds';
import { sharedRenderer } from './testing';

/** A deep copy of `value` with every string replaced by `replace(path)`. */
function replaceStrings(value: unknown, replace: (path: string) => string, path = ''): unknown {
  if (typeof value === 'string') return replace(path);
  if (Array.isArray(value)) return value.map((v, i) => replaceStrings(v, replace, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, replace, path ? `${path}.${k}` : k)]));
  }
  return value;
}

function stringPaths(value: unknown): string[] {
  const paths: string[] = [];
  replaceStrings(value, (path) => {
    paths.push(path);
    return '';
  });
  return paths;
}

const PARAGRAPH = `${'Seán said the mornings are hard & the yard is "scary". '.repeat(1900)}`.slice(0, 100 * 1024);
const KEYS = allDocumentKeys().map((key) => [keyName(key), key] as const);

function render(key: (typeof KEYS)[number][1], viewModel: unknown): string {
  return sharedRenderer().render(key as never, viewModel as never);
}

describe('what a person typed is escaped in every document', () => {
  it('walks every string field of every fixture (the walk finds them all)', () => {
    const paths = Object.values(FIXTURES).flatMap(stringPaths);
    // Names, words, dates, codes, the hash, the time zone…: a fixture without strings would make the tests below vacuous.
    expect(paths.length).toBeGreaterThan(300);
    expect(paths).toEqual(expect.arrayContaining(['child.name', 'document.timeZone', 'signOff.signatures[0].document.sha256', 'views.child.words']));
  });

  it.each(KEYS)('%s: a script in every field is shown as text, never run', (_name, key) => {
    const hostile = replaceStrings(FIXTURES[key.kind], (path) => `<script>alert("${path}")</script>`);
    const html = render(key, hostile);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;child.name&quot;)&lt;/script&gt;');
  });

  it.each(KEYS)('%s: Handlebars syntax in every field is shown as typed, never interpreted', (_name, key) => {
    for (const typed of ['{{', '}}', '{{> layouts/professional}}', '{{> partials/header}}{{#each x}}']) {
      const html = render(key, replaceStrings(FIXTURES[key.kind], () => typed));
      // The child's name is on every page: it reads exactly what was typed.
      expect(html).toContain(`<dd>${typed.replace(/>/g, '&gt;').replace(/=/g, '&#x3D;')}</dd>`);
      expect(html).not.toContain('{{>');
      // Still one page: no partial was pulled in by what a person typed.
      expect(html.match(/<!DOCTYPE html>/g)).toHaveLength(1);
      expect(html.match(/<header/g)).toHaveLength(1);
    }
  });

  it.each(KEYS)('%s: a 100 KB paragraph in every field renders whole', (_name, key) => {
    const html = render(key, replaceStrings(FIXTURES[key.kind], () => PARAGRAPH));
    const escaped = PARAGRAPH.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    expect(html).toContain(`<dd>${escaped}</dd>`);
    expect(html).not.toContain('"scary"');
  });
});
