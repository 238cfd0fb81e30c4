/**
 * The renderer's start-up: every template is checked once, and a broken one stops the start with
 * the file and the line to fix; an organisation's override folder replaces files by path; the
 * template version names exactly the sources a document is rendered from.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DocumentTemplateError } from './errors';
import { FIXTURES } from './fixtures';
import { createDocumentRenderer } from './renderer';
import { TEMPLATES_DIR, visibleText } from './testing';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the templates folder with `changes` (path → new text) applied. */
function templatesWith(changes: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tacu-templates-'));
  made.push(dir);
  cpSync(TEMPLATES_DIR, dir, { recursive: true });
  for (const [path, text] of Object.entries(changes)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A folder holding only `files` (path → text). */
function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tacu-overrides-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const original = (path: string) => readFileSync(join(TEMPLATES_DIR, path), 'utf8');

/** `text` with `line` (1-based) replaced. */
function withLine(text: string, line: number, replacement: string): string {
  const lines = text.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

function startError(templatesDir: string, overrideDir?: string): DocumentTemplateError {
  try {
    createDocumentRenderer({ templatesDir, ...(overrideDir ? { overrideDir } : {}) });
  } catch (error) {
    if (error instanceof DocumentTemplateError) return error;
    throw error;
  }
  throw new Error('the renderer started');
}

describe('createDocumentRenderer: the start-up check', () => {
  it('a template that does not parse stops the start, naming the file and the line', () => {
    // A block left open: Handlebars finds it where the next block closes.
    const unclosed = startError(templatesWith({ 'actionPlan/family.en.hbs': withLine(original('actionPlan/family.en.hbs'), 4, '{{#if actions.length}}') }));
    expect(unclosed.message).toBe("templates/actionPlan/family.en.hbs:4:3: does not parse: if doesn't match layouts/family");
    // A broken mustache: a syntax error on its line.
    const broken = startError(templatesWith({ 'partials/people.hbs': withLine(original('partials/people.hbs'), 6, '<caption>{{t caption}</caption>') }));
    expect(broken.file).toBe('templates/partials/people.hbs');
    expect(broken.line).toBe(6);
    expect(broken.message).toMatch(/^templates\/partials\/people\.hbs:6: does not parse: Parse error on line 6/);
  });

  it('a field the fixture does not have, in a partial, is named in that partial at its line', () => {
    const signOff = original('partials/sign-off.hbs');
    const line = signOff.split('\n').findIndex((l) => l.includes('signOff.version')) + 1;
    const dir = templatesWith({ 'partials/sign-off.hbs': withLine(signOff, line, '<p>{{signOff.documentHash}}</p>') });
    const error = startError(dir);
    expect(error.file).toBe('templates/partials/sign-off.hbs');
    expect(error.line).toBe(line);
    expect(error.message).toContain('"documentHash" not defined');
  });

  it('a field the fixture does not have, in the block a document gives its layout, is named in the document, not the layout', () => {
    const template = original('meetingRecord/professional.en.hbs');
    const dir = templatesWith({ 'meetingRecord/professional.en.hbs': withLine(template, 2, '<p>{{chairperson}}</p>') });
    const error = startError(dir);
    expect(error.file).toBe('templates/meetingRecord/professional.en.hbs');
    expect(error.line).toBe(2);
  });

  it('a partial or a wording that does not exist is named where it is called', () => {
    const missingPartial = startError(templatesWith({ 'reviewRecord/family.en.hbs': withLine(original('reviewRecord/family.en.hbs'), 3, '{{> partials/who-to-ring}}') }));
    expect(missingPartial.message).toBe('templates/reviewRecord/family.en.hbs:3:0: calls the partial "partials/who-to-ring", which is not in layouts/ or partials/.');
    const missingWording = startError(templatesWith({ 'partials/who-to-call.hbs': `${original('partials/who-to-call.hbs')}\n<p>{{t "whoToCall.hours"}}</p>` }));
    expect(missingWording.message).toMatch(/^templates\/partials\/who-to-call\.hbs:\d+:3: names the wording "whoToCall\.hours", which locales\/en\.json does not have\.$/);
  });

  it('a locale file that is not JSON is named with its line', () => {
    const error = startError(templatesWith({ 'locales/ga.json': '{\n  "common": {\n    "yes": "Sea",\n  }\n}\n' }));
    expect(error.file).toBe('templates/locales/ga.json');
    expect(error.line).toBe(4);
  });

  it('a file where no template belongs is refused rather than ignored', () => {
    expect(startError(TEMPLATES_DIR, folderWith({ 'actionPlan/parent.en.hbs': '<p></p>' })).message).toMatch(/is not where a template belongs/);
    expect(startError(TEMPLATES_DIR, folderWith({ 'locales/fr.json': '{}' })).message).toMatch(/is not a locale file the documents read/);
  });
});

describe('an organisation’s override folder', () => {
  const overrides = folderWith({
    'partials/who-to-call.hbs': '<section aria-labelledby="who-to-call"><h2 id="who-to-call">{{t "whoToCall.heading"}}</h2><p>Ring the Meitheal line, 01 555 0199, weekdays 9 to 5.</p></section>\n',
  });
  const base = createDocumentRenderer({ templatesDir: TEMPLATES_DIR });
  const organisation = createDocumentRenderer({ templatesDir: TEMPLATES_DIR, overrideDir: overrides });
  const family = { kind: 'actionPlan', audience: 'family', locale: 'en' } as const;
  const professional = { kind: 'actionPlan', audience: 'professional', locale: 'en' } as const;

  it('replaces a partial by its path in every document that calls it', () => {
    const text = visibleText(organisation.render(family, FIXTURES.actionPlan));
    expect(text).toContain('Ring the Meitheal line, 01 555 0199');
    expect(text).not.toContain('call Aoife Byrne');
  });

  it('changes the template version of the documents that use the file, and only those', () => {
    expect(organisation.templateVersion(family)).not.toBe(base.templateVersion(family));
    expect(organisation.templateVersion(professional)).toBe(base.templateVersion(professional));
  });
});

describe('template versions', () => {
  const renderer = createDocumentRenderer({ templatesDir: TEMPLATES_DIR });

  it('are SHA-256 digests, the same from one start to the next', () => {
    const key = { kind: 'reviewRecord', audience: 'family', locale: 'ga' } as const;
    expect(renderer.templateVersion(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(createDocumentRenderer({ templatesDir: TEMPLATES_DIR }).templateVersion(key)).toBe(renderer.templateVersion(key));
  });

  it('an Irish document reads the Irish wording too; an English one does not', () => {
    const ga = JSON.parse(original('locales/ga.json')) as { common: Record<string, string> };
    const changed = createDocumentRenderer({ templatesDir: templatesWith({ 'locales/ga.json': JSON.stringify({ ...ga, common: { ...ga.common, yes: 'Is ea' } }) }) });
    expect(changed.templateVersion({ kind: 'actionPlan', audience: 'family', locale: 'ga' })).not.toBe(renderer.templateVersion({ kind: 'actionPlan', audience: 'family', locale: 'ga' }));
    expect(changed.templateVersion({ kind: 'actionPlan', audience: 'family', locale: 'en' })).toBe(renderer.templateVersion({ kind: 'actionPlan', audience: 'family', locale: 'en' }));
  });

  it('an Irish document without its own template is rendered from the English one', () => {
    expect(renderer.templateFile({ kind: 'closingSummary', audience: 'family', locale: 'ga' })).toBe('templates/closingSummary/family.en.hbs');
  });
});

describe('render', () => {
  const renderer = createDocumentRenderer({ templatesDir: TEMPLATES_DIR });

  it('gives the same HTML for the same view model (no clock, no randomness)', () => {
    const key = { kind: 'meetingRecord', audience: 'professional', locale: 'en' } as const;
    expect(renderer.render(key, FIXTURES.meetingRecord)).toBe(renderer.render(key, structuredClone(FIXTURES.meetingRecord)));
  });

  it('refuses an audience the kind has no version for', () => {
    expect(() => renderer.render({ kind: 'meetingRecord', audience: 'family', locale: 'en' }, FIXTURES.meetingRecord)).toThrow(/no family version of "meetingRecord"/);
  });

  it('prints a page that needs nothing from outside: no script, no link, no image, no URL fetched', () => {
    for (const kind of ['actionPlan', 'childProtectionReport'] as const) {
      const html = renderer.render({ kind, audience: 'professional', locale: 'en' }, FIXTURES[kind] as never);
      expect(html).not.toMatch(/<(script|link|img|iframe|object)\b|url\(|@import|src=/i);
      // The page size and margins are the PDF layout's: an @page rule would hide its header and footer.
      expect(html).not.toContain('@page');
    }
  });
});
