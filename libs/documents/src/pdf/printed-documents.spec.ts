/**
 * Every golden document as a person meets it, in real Chromium: the family versions pass an
 * accessibility check (axe: no serious or critical issue), and every document's PDF is printed
 * with its first page kept as a PNG under `reports/documents/` (not in git), to be reviewed by eye
 * beside the golden HTML whenever a template changes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { FIXTURES } from '../fixtures';
import { AUDIENCES_OF, DOCUMENT_KINDS, keyName, LOCALES, type DocumentKey } from '../kinds';
import { sharedRenderer } from '../testing';
import { LAUNCH_ARGS, resolveExecutablePath } from './chromium';
import { createPdfRenderer, type PdfRenderer } from './pdf-renderer';

const ARTIFACTS = join(__dirname, '../../../../reports/documents');
const ALL_KEYS: DocumentKey[] = DOCUMENT_KINDS.flatMap((kind) => AUDIENCES_OF[kind].flatMap((audience) => LOCALES.map((locale) => ({ kind, audience, locale }))));
const FAMILY_KEYS = ALL_KEYS.filter((key) => key.audience === 'family');
const html = (key: DocumentKey) => sharedRenderer().render(key as never, FIXTURES[key.kind] as never);

describe('family documents are accessible', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: resolveExecutablePath(), args: [...LAUNCH_ARGS] });
  });
  afterAll(() => browser?.close());

  it.each(FAMILY_KEYS.map((key) => [keyName(key), key] as const))('%s: no serious or critical issue', async (_name, key) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.setContent(html(key));
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
      expect(serious).toEqual([]);
      // The check ran on the document, not on an empty page.
      expect(results.passes.length).toBeGreaterThan(5);
    } finally {
      await context.close();
    }
  });
});

describe('every document prints, and its first page is kept to review by eye', () => {
  let pdf: PdfRenderer;
  beforeAll(() => {
    pdf = createPdfRenderer();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(() => pdf.close());

  it.each(ALL_KEYS.map((key) => [keyName(key), key] as const))('%s', async (name, key) => {
    const printed = await pdf.render({ html: html(key), caseReference: FIXTURES[key.kind].document.caseReference, title: name, locale: key.locale });
    const file = join(ARTIFACTS, `${name}.pdf`);
    writeFileSync(file, printed);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(ARTIFACTS, name)]);
    // A first page with something on it: a blank A4 PNG at 60 dpi is well under this size.
    expect(statSync(join(ARTIFACTS, `${name}.png`)).size).toBeGreaterThan(8000);
  });
});
