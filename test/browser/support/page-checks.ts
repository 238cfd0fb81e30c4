/**
 * What the browser specs share: where Chromium is and how it is launched, a free loopback port,
 * and the check every page visited gets (axe with the WCAG 2.2 AA tags: no serious or critical
 * issue; a full-page screenshot at 1280 and 390 px wide under reports/pages/).
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { seedDemo } from '../../e2e/support/api';
import { startHarness, type Harness } from '../../e2e/support/harness';

export const REPORTS = join(__dirname, '..', '..', '..', 'reports', 'pages');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const WIDTHS = [1280, 390] as const;

/** A port free now on the loopback interface (an OpenID provider must know the app's address before either starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The app on a loopback port with the demo area seeded, and Chromium launched: what a browser spec runs against. */
export interface BrowserApp {
  h: Harness;
  browser: Browser;
  /** `http://127.0.0.1:<port>`. */
  base: string;
  close(): Promise<void>;
}

/**
 * Starts the assembled app (the e2e harness with `env`, its PUBLIC_URL its own address) on a free
 * loopback port with the demo area seeded, and launches Debian's Chromium. `env` may be a function
 * of the address (an OpenID provider must know it before the app starts).
 */
export async function startBrowserApp(env: Record<string, string> | ((base: string) => Promise<Record<string, string>>) = {}): Promise<BrowserApp> {
  mkdirSync(REPORTS, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const h = await startHarness({ PUBLIC_URL: base, ...(typeof env === 'function' ? await env(base) : env) });
  await seedDemo(h.app);
  await h.app.listen({ port, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  return {
    h,
    browser,
    base,
    close: async () => {
      await browser.close();
      await h.close();
    },
  };
}

/**
 * Checks the page as it stands with axe and keeps a full-page screenshot at each width; records
 * the serious or critical violations under `name` in `visited` and expects none. With JavaScript
 * off, axe (which runs as a script) looks at the very HTML the page shows (a form's answer cannot
 * be asked for again) in a second tab, at its address, with the page's own scripts blocked: what a
 * browser without JavaScript renders.
 */
export async function checkPage(browser: Browser, page: Page, name: string, visited: Map<string, string[]>, javaScriptEnabled = true): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(REPORTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  let axePage = page;
  let scratch: BrowserContext | undefined;
  if (!javaScriptEnabled) {
    const html = await page.content();
    scratch = await browser.newContext();
    axePage = await scratch.newPage();
    await axePage.route('**/*.js', (route) => route.abort());
    await axePage.route(page.url(), (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
    await axePage.goto(page.url());
  }
  const results = await new AxeBuilder({ page: axePage }).withTags(WCAG_22_AA).analyze();
  await scratch?.close();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  visited.set(name, serious);
  expect({ page: name, serious }).toEqual({ page: name, serious: [] });
}
