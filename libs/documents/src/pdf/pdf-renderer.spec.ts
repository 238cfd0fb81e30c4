/**
 * The PDF renderer with the real Debian Chromium, read back with poppler-utils as a person's
 * tools would read it. Both are required: without them every test here fails, naming the
 * install command (.ci/run installs them).
 */
import { isExecutable, resolveExecutablePath } from './chromium';
import { createPdfRenderer, INSTALL_HINT, PdfBusyError, PdfRenderError, PdfUnavailableError, type PdfRenderer } from './index';
import { ownChildren } from './testing/own-children';
import { readPdf } from './testing/poppler';
import { FADAS, flowingDocument, IRISH_WORDS, pagedDocument } from './testing/sample-documents';

const CASE = 'MTH-2026-0042';

beforeAll(async () => {
  const path = resolveExecutablePath();
  if (!(await isExecutable(path))) {
    throw new Error(`These specs print with a real Chromium and there is none at ${path}: ${INSTALL_HINT} poppler-utils`);
  }
});

describe('a stored stage document as PDF', () => {
  let renderer: PdfRenderer;
  beforeAll(() => {
    renderer = createPdfRenderer({ pages: 2 });
  });
  afterAll(() => renderer.close());

  it('is A4, with the case reference and "Page X of N" on every page', async () => {
    const pdf = await readPdf(await renderer.render({ html: pagedDocument(3), caseReference: CASE }));

    expect(pdf.info['Pages']).toBe('3');
    expect(pdf.info['Page size']).toContain('(A4)');
    expect(pdf.pages).toHaveLength(3);
    pdf.pages.forEach((text, i) => {
      expect(text).toContain(`Case ${CASE}`);
      expect(text).toContain(`Page ${i + 1} of 3`);
    });
  });

  it('keeps every Irish fada, small and capital, in the extracted text', async () => {
    const [text] = (await readPdf(await renderer.render({ html: pagedDocument(1), caseReference: CASE }))).pages;

    for (const word of IRISH_WORDS) expect(text).toContain(word);
    for (const letter of FADAS) expect(text).toContain(letter);
  });

  it('gives one letter for a fada typed as a letter and a combining accent', async () => {
    const html = `<!DOCTYPE html><p>${'Áine Ní Shúilleabháin'.normalize('NFD')}</p>`;
    const [text] = (await readPdf(await renderer.render({ html, caseReference: CASE }))).pages;

    expect(text).toContain('Áine Ní Shúilleabháin');
  });

  it('prints with embedded Liberation or DejaVu fonts whose text can be copied', async () => {
    const html = `<!DOCTYPE html><h1>Plean</h1><p style="font-family: serif">Éire</p><p style="font-family: Arial">Íde</p><pre>Úna</pre>`;
    const { fonts } = await readPdf(await renderer.render({ html, caseReference: CASE }));

    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font).toEqual(expect.objectContaining({ embedded: true, unicode: true }));
      expect(font.name).toMatch(/Liberation|DejaVu/);
    }
  });

  it('numbers a long document over as many pages as it flows onto', async () => {
    const pdf = await readPdf(await renderer.render({ html: flowingDocument(80), caseReference: CASE }));
    const pages = Number(pdf.info['Pages']);

    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pdf.pages[0]).toContain(`Page 1 of ${pages}`);
    expect(pdf.pages.at(-1)).toContain(`Page ${pages} of ${pages}`);
    for (const text of pdf.pages) expect(text).toContain(`Case ${CASE}`);
  });

  it('shows the title on every page and makes it the PDF title', async () => {
    const title = 'Plean gníomhaíochta — Ó Súilleabháin';
    const pdf = await readPdf(await renderer.render({ html: pagedDocument(2), caseReference: CASE, title }));

    expect(pdf.info['Title']).toBe(title);
    for (const text of pdf.pages) expect(text).toContain(title);
  });

  it('writes the header and footer in Irish for an Irish document', async () => {
    const pdf = await readPdf(await renderer.render({ html: pagedDocument(2), caseReference: CASE, locale: 'ga' }));

    expect(pdf.pages[0]).toContain(`Cás ${CASE}`);
    expect(pdf.pages[1]).toContain('Leathanach 2 de 2');
  });

  it('prints a case reference as text, never as markup', async () => {
    const caseReference = '<b>MTH</b> & "7"';
    const [text] = (await readPdf(await renderer.render({ html: pagedDocument(1), caseReference }))).pages;

    expect(text).toContain('<b>MTH</b> & "7"');
  });

  it('refuses a document without a case reference', async () => {
    await expect(renderer.render({ html: pagedDocument(1), caseReference: '  ' })).rejects.toThrow(/case reference/);
  });
});

describe('the page pool under load', () => {
  it('prints 8 documents at once on 2 pages, each with its own case reference', async () => {
    const renderer = createPdfRenderer({ pages: 2 });
    try {
      const references = Array.from({ length: 8 }, (_, i) => `MTH-2026-${String(i + 1).padStart(4, '0')}`);
      const pdfs = await Promise.all(references.map((caseReference) => renderer.render({ html: pagedDocument(2), caseReference })));

      for (const [i, pdf] of pdfs.entries()) {
        const reading = await readPdf(pdf);
        expect(reading.info['Pages']).toBe('2');
        for (const text of reading.pages) expect(text).toContain(`Case ${references[i]}`);
      }
    } finally {
      await renderer.close();
    }
  });

  it('fails a request with PdfBusyError when no page frees up within the queue wait, and goes on', async () => {
    const renderer = createPdfRenderer({ pages: 1, queueTimeoutMs: 50 });
    try {
      await renderer.warmUp();
      const long = renderer.render({ html: flowingDocument(600), caseReference: CASE });
      const waiting = renderer.render({ html: pagedDocument(1), caseReference: CASE });

      await expect(waiting).rejects.toThrow(PdfBusyError);
      await expect(waiting).rejects.toThrow('PDF renderer busy: all 1 pages were in use for 50 ms');
      expect((await readPdf(await long)).pages.length).toBeGreaterThan(10);
      expect((await readPdf(await renderer.render({ html: pagedDocument(1), caseReference: CASE }))).pages).toHaveLength(1);
    } finally {
      await renderer.close();
    }
  });

  it('stops a document that takes longer than the render timeout, and prints the next', async () => {
    const renderer = createPdfRenderer({ pages: 1, renderTimeoutMs: 1500 });
    try {
      // Timed from a warm browser: what is shown is that the document is stopped, not how fast Chromium starts on a loaded machine.
      await renderer.warmUp();
      const started = Date.now();
      await expect(renderer.render({ html: flowingDocument(4000), caseReference: CASE })).rejects.toThrow(PdfRenderError);
      expect(Date.now() - started).toBeLessThan(5000);

      expect((await readPdf(await renderer.render({ html: pagedDocument(1), caseReference: CASE }))).pages).toHaveLength(1);
    } finally {
      await renderer.close();
    }
  });
});

describe('the browser', () => {
  it('is restarted when it dies, and the document it was printing still comes out', async () => {
    const renderer = createPdfRenderer({ pages: 2 });
    try {
      await renderer.warmUp();
      const [browser] = ownChildren('chromium');
      expect(browser).toBeDefined();

      const printing = renderer.render({ html: flowingDocument(300), caseReference: CASE });
      await new Promise((resolve) => setTimeout(resolve, 100));
      process.kill(browser as number, 'SIGKILL');

      expect(Number((await readPdf(await printing)).info['Pages'])).toBeGreaterThan(5);
      expect((await readPdf(await renderer.render({ html: pagedDocument(1), caseReference: CASE }))).pages[0]).toContain(CASE);
      expect(ownChildren('chromium')).not.toContain(browser);
    } finally {
      await renderer.close();
    }
  });

  it('is stopped by close(), which lets a document being printed finish and refuses the next', async () => {
    const renderer = createPdfRenderer();
    await renderer.warmUp();
    expect(ownChildren('chromium')).toHaveLength(1);

    const printing = renderer.render({ html: pagedDocument(2), caseReference: CASE });
    await renderer.close();

    expect((await readPdf(await printing)).info['Pages']).toBe('2');
    expect(await renderer.isAvailable()).toBe(false);
    await expect(renderer.render({ html: pagedDocument(1), caseReference: CASE })).rejects.toThrow(PdfUnavailableError);
    expect(ownChildren('chromium')).toHaveLength(0);
  });
});
