/**
 * What a PDF render can fail with. Each error has a stable `code` the API maps to an answer:
 * `PDF_UNAVAILABLE` and `PDF_BUSY` → 503 (try again later / install a browser),
 * `PDF_RENDER_FAILED` → 500.
 */

/** The apt-get line that installs what the renderer needs on Debian. */
export const INSTALL_HINT = 'apt-get install -y chromium fonts-liberation';

/** Why no PDF can be made right now. */
export type PdfUnavailableReason = 'noBrowser' | 'launchFailed' | 'closed';

/** Common base: `code` is stable, `message` is for people. */
export abstract class PdfError extends Error {
  abstract readonly code: string;
}

/**
 * No browser to print with: none installed at the executable path (`noBrowser`), it would not
 * start (`launchFailed`), or the renderer was closed (`closed`). The first two name the
 * install command.
 */
export class PdfUnavailableError extends PdfError {
  readonly code = 'PDF_UNAVAILABLE';
  constructor(
    readonly reason: PdfUnavailableReason,
    readonly executablePath: string,
    options?: { cause?: unknown },
  ) {
    super(unavailableMessage(reason, executablePath, options?.cause), options);
    this.name = 'PdfUnavailableError';
  }
}

function unavailableMessage(reason: PdfUnavailableReason, executablePath: string, cause: unknown): string {
  switch (reason) {
    case 'noBrowser':
      return `PDF is unavailable: no Chromium at ${executablePath}. Install one with \`${INSTALL_HINT}\`, or set CHROMIUM_PATH to a Chromium executable.`;
    case 'launchFailed':
      return `PDF is unavailable: Chromium at ${executablePath} did not start (${causeText(cause)}). Reinstall it with \`${INSTALL_HINT}\`, or set CHROMIUM_PATH to a working Chromium executable.`;
    case 'closed':
      return 'PDF is unavailable: the PDF renderer has been closed (the application is shutting down).';
  }
}

/** Every page of the pool stayed busy for the whole bounded wait. Retry later. */
export class PdfBusyError extends PdfError {
  readonly code = 'PDF_BUSY';
  constructor(
    readonly pages: number,
    readonly waitedMs: number,
  ) {
    super(`PDF renderer busy: all ${pages} pages were in use for ${waitedMs} ms. Try again shortly.`);
    this.name = 'PdfBusyError';
  }
}

/** This document could not be printed: it took too long, or the browser failed while printing it. */
export class PdfRenderError extends PdfError {
  readonly code = 'PDF_RENDER_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`PDF render failed: ${message}`, options);
    this.name = 'PdfRenderError';
  }
}

/** The first line of an error's message, for messages that quote a cause. */
export function causeText(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.split('\n')[0] ?? text;
}
