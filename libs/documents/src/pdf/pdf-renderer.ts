/**
 * PDF from stored stage-document HTML through one warm headless Chromium: the browser is
 * started once (on first use or `warmUp()`) and restarted if it dies; documents are printed on a
 * bounded pool of reused pages, never on a cold browser per request.
 */
import { availableParallelism } from 'node:os';
import type { Page } from 'playwright-core';
import { isExecutable, launchSession, openPage, resolveExecutablePath, type BrowserSession } from './chromium';
import { causeText, PdfError, PdfRenderError, PdfUnavailableError } from './errors';
import { BoundedPool } from './page-pool';
import { pdfOptions, type PrintLocale } from './print-layout';

/** How the renderer runs. Every field is optional. */
export interface PdfRendererOptions {
  /** Chromium executable (default: env `CHROMIUM_PATH`, else `/usr/bin/chromium`). */
  executablePath?: string;
  /** Most pages printing at once (default: one per core, at most 4). Requests beyond them queue. */
  pages?: number;
  /** Longest a request waits in the queue for a page, in ms (default 10,000), then `PdfBusyError`. */
  queueTimeoutMs?: number;
  /** Longest one document may take to load and print, in ms (default 30,000), then `PdfRenderError`. */
  renderTimeoutMs?: number;
  /** Longest Chromium may take to start, in ms (default 30,000), then `PdfUnavailableError`. */
  launchTimeoutMs?: number;
}

/** One document to print. */
export interface PdfRenderRequest {
  /** The stored document (trusted template output); it is printed as is, and may fetch nothing. */
  html: string;
  /** The case's reference, printed in the header of every page. Required, non-blank. */
  caseReference: string;
  /** Printed in the header beside the reference, and the PDF's title. */
  title?: string;
  /** The document's issue (its stored version), printed after the title: "issue 2" / "eisiúint 2". */
  issue?: number;
  /** Language of the header and footer words, "Page X of Y" or "Leathanach X de Y" (default `en`). */
  locale?: PrintLocale;
}

/** Prints stored documents as PDF. See `createPdfRenderer`. */
export interface PdfRenderer {
  /**
   * The PDF (A4, case reference and "Page X of Y" on every page) of a stored document.
   * Throws `PdfUnavailableError` (no browser, or closed), `PdfBusyError` (every page busy for
   * the whole queue wait), `PdfRenderError` (too slow, or the browser failed twice), and
   * `TypeError` for a request without HTML or case reference.
   */
  render(request: PdfRenderRequest): Promise<Buffer>;
  /** Whether a render can be tried: a Chromium executable is installed and the renderer is open. */
  isAvailable(): Promise<boolean>;
  /** Starts the browser and one page now instead of at the first render. Throws `PdfUnavailableError`. */
  warmUp(): Promise<void>;
  /** Refuses new and queued requests, lets those printing finish, and stops the browser. Idempotent. */
  close(): Promise<void>;
}

// One page per core: printing is CPU work in Chromium, and more pages than cores only take the
// cores from the API and the database (see the README's figures). At most 4: about 25–30 MB each.
const DEFAULTS = { pages: Math.min(4, availableParallelism()), queueTimeoutMs: 10_000, renderTimeoutMs: 30_000, launchTimeoutMs: 30_000 };

/**
 * A renderer that starts Chromium lazily. Throws `RangeError` for a pool size below 1 or a
 * negative wait; a missing browser is reported by `isAvailable()` and by `render`, not here.
 */
export function createPdfRenderer(options: PdfRendererOptions = {}): PdfRenderer {
  return new ChromiumPdfRenderer({
    executablePath: resolveExecutablePath(options.executablePath),
    pages: options.pages ?? DEFAULTS.pages,
    queueTimeoutMs: options.queueTimeoutMs ?? DEFAULTS.queueTimeoutMs,
    renderTimeoutMs: options.renderTimeoutMs ?? DEFAULTS.renderTimeoutMs,
    launchTimeoutMs: options.launchTimeoutMs ?? DEFAULTS.launchTimeoutMs,
  });
}

type Settings = Required<PdfRendererOptions>;

/** Keeps one browser running: launched on demand, forgotten when it disconnects so the next use relaunches. */
class BrowserKeeper {
  private current: Promise<BrowserSession> | undefined;
  private running: BrowserSession | undefined;

  constructor(
    private readonly settings: Settings,
    private readonly onLost: () => void,
  ) {}

  session(): Promise<BrowserSession> {
    // A browser that died may not have said so yet ('disconnected' comes as an event).
    if (this.current && this.running && !this.running.browser.isConnected()) this.forget(this.current);
    if (!this.current) {
      const launching = this.launch();
      this.current = launching;
      launching.then(
        (session) => {
          if (this.current === launching) this.running = session;
          session.browser.on('disconnected', () => this.forget(launching));
        },
        () => this.forget(launching),
      );
    }
    return this.current;
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    this.running = undefined;
    const session = await current?.catch(() => undefined);
    await session?.browser.close().catch(() => undefined);
  }

  private forget(session: Promise<BrowserSession>): void {
    if (this.current !== session) return;
    this.current = undefined;
    this.running = undefined;
    this.onLost();
  }

  private async launch(): Promise<BrowserSession> {
    const { executablePath, launchTimeoutMs } = this.settings;
    if (!(await isExecutable(executablePath))) throw new PdfUnavailableError('noBrowser', executablePath);
    try {
      return await launchSession(executablePath, launchTimeoutMs);
    } catch (error) {
      throw new PdfUnavailableError('launchFailed', executablePath, { cause: error });
    }
  }
}

class ChromiumPdfRenderer implements PdfRenderer {
  private readonly browser: BrowserKeeper;
  private readonly pool: BoundedPool<Page>;
  private readonly printing = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly settings: Settings) {
    this.browser = new BrowserKeeper(settings, () => this.pool.forgetIdle());
    this.pool = new BoundedPool<Page>(settings.pages, settings.queueTimeoutMs, {
      open: async () => openPage(await this.browser.session()),
      isUsable: (page) => !page.isClosed() && page.context().browser()?.isConnected() === true,
      dispose: (page) => page.close().catch(() => undefined),
    });
  }

  async render(request: PdfRenderRequest): Promise<Buffer> {
    checkRequest(request);
    if (this.closed) throw this.closedError();
    const job = this.renderRetryingOnce(request);
    this.printing.add(job);
    try {
      return await job;
    } finally {
      this.printing.delete(job);
    }
  }

  async isAvailable(): Promise<boolean> {
    return !this.closed && (await isExecutable(this.settings.executablePath));
  }

  async warmUp(): Promise<void> {
    if (this.closed) throw this.closedError();
    this.pool.release(await this.acquirePage().catch((error: unknown) => Promise.reject(unwrap(error))));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.close(this.closedError());
    await Promise.allSettled([...this.printing]);
    await this.browser.close();
  }

  // A browser that died under a document (killed, out of memory) is restarted and the document
  // printed once more; a second failure is the document's.
  private async renderRetryingOnce(request: PdfRenderRequest): Promise<Buffer> {
    try {
      return await this.renderOnce(request);
    } catch (error) {
      if (!(error instanceof BrowserLostError) || this.closed) throw unwrap(error);
      return this.renderOnce(request).catch((again: unknown) => {
        throw unwrap(again);
      });
    }
  }

  private async renderOnce(request: PdfRenderRequest): Promise<Buffer> {
    const page = await this.acquirePage();
    try {
      const pdf = await printWithin(page, request, this.settings.renderTimeoutMs);
      this.pool.release(page);
      return pdf;
    } catch (error) {
      const browserLost = page.context().browser()?.isConnected() !== true;
      this.pool.discard(page);
      if (error instanceof PdfRenderError) throw error;
      if (browserLost) throw new BrowserLostError(error);
      throw new PdfRenderError(causeText(error), { cause: error });
    }
  }

  // Our own errors pass; anything else came from a browser that could not open a page, which
  // in practice means it has just died: worth the retry on a new one.
  private async acquirePage(): Promise<Page> {
    try {
      return await this.pool.acquire();
    } catch (error) {
      throw error instanceof PdfError ? error : new BrowserLostError(error);
    }
  }

  private closedError(): PdfUnavailableError {
    return new PdfUnavailableError('closed', this.settings.executablePath);
  }
}

/** Internal: the browser disconnected while printing; worth one retry on a new browser. */
class BrowserLostError extends Error {
  constructor(readonly original: unknown) {
    super('the browser stopped while printing');
  }
}

function unwrap(error: unknown): unknown {
  if (!(error instanceof BrowserLostError)) return error;
  return new PdfRenderError(`${error.message} (${causeText(error.original)})`, { cause: error.original });
}

function checkRequest(request: PdfRenderRequest): void {
  if (typeof request?.html !== 'string') throw new TypeError('render needs the document as an HTML string');
  if (typeof request.caseReference !== 'string' || request.caseReference.trim() === '') {
    throw new TypeError('render needs the case reference: it is printed on every page');
  }
}

/**
 * Loads and prints one document on a page, within `timeoutMs` in all. On timeout the page is
 * closed, which stops the print, and `PdfRenderError` says how long it was given.
 */
async function printWithin(page: Page, request: PdfRenderRequest, timeoutMs: number): Promise<Buffer> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new PdfRenderError(`the document took longer than ${timeoutMs} ms to print`));
      void page.close().catch(() => undefined);
    }, timeoutMs);
  });
  try {
    return await Promise.race([printDocument(page, request, timeoutMs), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function printDocument(page: Page, request: PdfRenderRequest, timeoutMs: number): Promise<Buffer> {
  // NFC: a fada typed as a combining accent (a + U+0301) becomes one letter (á), so it is
  // searched, copied and read aloud as one; the text is the same to a reader.
  await page.setContent(request.html.normalize('NFC'), { waitUntil: 'load', timeout: timeoutMs });
  // The PDF's Title metadata is the document's title. An expression, not a function: a function's
  // source would carry a coverage or mutation tool's instrumentation into the page.
  if (request.title) await page.evaluate(`document.title = ${JSON.stringify(request.title)}`);
  return page.pdf(pdfOptions(request));
}
