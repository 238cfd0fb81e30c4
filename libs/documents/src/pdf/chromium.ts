/**
 * Debian's Chromium, started through playwright-core: where it is, how it is launched, and a
 * browser context in which a stored document can fetch nothing.
 */
import { access, constants } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import { FONT_FAMILIES } from './print-layout';

/** Where Debian's `chromium` package puts the browser. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The executable to use: the option, else `CHROMIUM_PATH`, else Debian's path. */
export function resolveExecutablePath(option?: string): string {
  return option ?? (process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH);
}

/** Whether a file exists at `path` and this process may execute it. Never throws. */
export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Chromium's flags: the stack notes' set for a headless server (no sandbox in a container, no GPU,
 * /tmp instead of a small /dev/shm, no background traffic), plus a host resolver that resolves
 * nothing, so that even what request routing never sees (preconnects, prefetches) cannot open
 * a connection.
 */
export const LAUNCH_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

/** A running browser and the one context every pooled page lives in. */
export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
}

/**
 * Starts Chromium and its printing context. Throws what Playwright throws when the browser does
 * not start (the caller turns it into `PdfUnavailableError`).
 */
export async function launchSession(executablePath: string, timeoutMs: number): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath,
    args: [...LAUNCH_ARGS],
    timeout: timeoutMs,
    // The application owns its signals and shuts us down with close(); Playwright's own handlers
    // would keep a SIGTERM from ending the process. On exit Playwright still kills the browser.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  try {
    return { browser, context: await printingContext(browser) };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

/**
 * A context for stored documents: no JavaScript (templates need none; no script can fetch, loop
 * or open a socket), offline, and every request answered inside the browser: a navigation
 * (meta refresh, frame) gets "204 No Content", which leaves the document in place, anything
 * else is refused. The document itself is set with `setContent`, never fetched.
 */
async function printingContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  await context.route('**/*', blockRequest);
  return context;
}

function blockRequest(route: Route): Promise<void> {
  return route.request().isNavigationRequest() ? route.fulfill({ status: 204 }) : route.abort('blockedbyclient');
}

/** A new page of the session whose generic font families (serif, sans-serif, …) are Liberation's. */
export async function openPage(session: BrowserSession): Promise<Page> {
  const page = await session.context.newPage();
  try {
    // Pinned rather than left to fontconfig, so a server with other fonts installed still prints
    // with fonts that carry the fadas and embed with a Unicode map.
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Page.setFontFamilies', { fontFamilies: { ...FONT_FAMILIES } });
    await cdp.detach();
    return page;
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
}
