/**
 * Reads a PDF back the way a person's tools would, with poppler-utils (`pdftotext`, `pdfinfo`,
 * `pdffonts`): for the specs and the bench only. Throws, naming the install command, when
 * poppler-utils is missing.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One font of a PDF, as `pdffonts` lists it. */
export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  /** Whether the font has a Unicode map, so its text can be extracted. */
  unicode: boolean;
}

/** What poppler reads from a PDF. */
export interface PdfReading {
  /** The text of each page (`pdftotext -layout`), first page first. */
  pages: string[];
  /** `pdfinfo`'s fields (Pages, Title, Page size, Tagged, …). */
  info: Record<string, string>;
  fonts: PdfFont[];
}

/** Reads `pdf` with pdftotext, pdfinfo and pdffonts. */
export async function readPdf(pdf: Buffer): Promise<PdfReading> {
  const dir = await mkdtemp(join(tmpdir(), 'tacu-pdf-'));
  const file = join(dir, 'document.pdf');
  try {
    await writeFile(file, pdf);
    const [text, info, fonts] = await Promise.all([
      poppler('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']),
      poppler('pdfinfo', [file]),
      poppler('pdffonts', [file]),
    ]);
    return { pages: splitPages(text), info: parseInfo(info), fonts: parseFonts(fonts) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function poppler(tool: string, args: string[]): Promise<string> {
  try {
    return (await run(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is not installed: apt-get install -y poppler-utils (.ci/run installs it)`);
    }
    throw error;
  }
}

// pdftotext ends every page with a form feed.
function splitPages(text: string): string[] {
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

function parseInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) fields[match[1].trim()] = match[2].trim();
  }
  return fields;
}

// pdffonts prints a header, a dashed rule, then one fixed-width row per font; the columns are
// read from the end, since a font's type may contain spaces ("CID TrueType").
function parseFonts(text: string): PdfFont[] {
  return text
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      const [emb, , uni] = cells.slice(-5, -2);
      return { name: cells[0] ?? '', type: cells.slice(1, -6).join(' '), embedded: emb === 'yes', unicode: uni === 'yes' };
    });
}
