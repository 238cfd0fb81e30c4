/**
 * CI preflight for PDF (`node -r @swc-node/register .ci/pdf-preflight.ts`): prints one Irish test
 * page with the real renderer, reads it back with poppler, and says in one line what printed it
 * (Chromium's version and path, the fonts, poppler's version). Exits 1 at once, saying what to
 * install, when Chromium, the fonts or poppler-utils are missing, instead of after the suites.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createPdfRenderer, DEFAULT_CHROMIUM_PATH, INSTALL_HINT } from '@tacu/documents';
// The specs' reader of PDFs; not part of the library's API.
import { readPdf } from '../libs/documents/src/pdf/testing/poppler';

const run = promisify(execFile);
const TEXT = 'Fáilte, Áine, Éire, Íde, Ó Súilleabháin, Úna: cáipéis an teaghlaigh';

async function firstLine(command: string, args: string[]): Promise<string> {
  const { stdout, stderr } = await run(command, args, { encoding: 'utf8' });
  return `${stdout}${stderr}`.split('\n').find((line) => /\d/.test(line))?.trim() ?? '?';
}

async function main(): Promise<void> {
  const executablePath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
  const renderer = createPdfRenderer({ executablePath });
  try {
    const started = performance.now();
    const pdf = await renderer.render({ html: `<!DOCTYPE html><html lang="ga"><p>${TEXT}</p>`, caseReference: 'CI-0001' });
    const ms = performance.now() - started;
    const reading = await readPdf(pdf);
    const text = reading.pages[0] ?? '';
    if (!text.includes(TEXT) || !text.includes('Page 1 of 1')) {
      throw new Error(`the test page's text did not come back intact (got: ${JSON.stringify(text.trim())}); install the fonts: ${INSTALL_HINT}`);
    }
    const fonts = [...new Set(reading.fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')))].join(', ');
    const chromium = await firstLine(executablePath, ['--version']);
    const poppler = await firstLine('pdftotext', ['-v']);
    process.stdout.write(`PDF: ${chromium} (${executablePath}), fonts ${fonts}, ${poppler}: a test page printed cold in ${ms.toFixed(0)} ms\n`);
  } finally {
    await renderer.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`PDF preflight failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
