/** Without a browser, the renderer says so and how to install one (the API answers 503). */
import { createPdfRenderer, PdfUnavailableError } from './index';
import { pagedDocument } from './testing/sample-documents';

const request = { html: pagedDocument(1), caseReference: 'MTH-2026-0042' };

describe('PDF without a browser', () => {
  it('is not available, and a render fails with the apt-get line that installs one', async () => {
    const renderer = createPdfRenderer({ executablePath: '/opt/nowhere/chromium' });

    expect(await renderer.isAvailable()).toBe(false);
    const failure = renderer.render(request);
    await expect(failure).rejects.toThrow(PdfUnavailableError);
    await expect(failure).rejects.toMatchObject({ code: 'PDF_UNAVAILABLE', reason: 'noBrowser' });
    await expect(failure).rejects.toThrow('no Chromium at /opt/nowhere/chromium. Install one with `apt-get install -y chromium fonts-liberation`');
    await renderer.close();
  });

  it('looks where CHROMIUM_PATH says', async () => {
    const before = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/opt/elsewhere/chromium';
    try {
      const renderer = createPdfRenderer();
      expect(await renderer.isAvailable()).toBe(false);
      await expect(renderer.render(request)).rejects.toThrow('no Chromium at /opt/elsewhere/chromium');
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = before;
    }
  });

  it('fails with the install line when the executable is not a working Chromium', async () => {
    const renderer = createPdfRenderer({ executablePath: '/bin/false' });

    expect(await renderer.isAvailable()).toBe(true);
    const failure = renderer.render(request);
    await expect(failure).rejects.toMatchObject({ code: 'PDF_UNAVAILABLE', reason: 'launchFailed' });
    await expect(failure).rejects.toThrow('apt-get install -y chromium fonts-liberation');
    await renderer.close();
  });
});
