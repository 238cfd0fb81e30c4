/**
 * The lists of decisions in a real browser (issue 15 §6, §7): Debian's Chromium through
 * playwright-core, the app on a loopback port with the demo area seeded. The coordinator goes from
 * the menu to the requests waiting to be registered and registers one through its form; the
 * designated liaison person starts at the open concerns and opens the report form from there
 * (JavaScript off). Each page is checked with axe (WCAG 2.2 AA: no serious or critical issue) and
 * kept as a screenshot at 1280 and 390 pixels wide under reports/pages/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkPage, startBrowserApp, type BrowserApp } from './support/page-checks';

describe('the lists of decisions in Chromium', () => {
  let app: BrowserApp;
  let browser: Browser;
  let base: string;
  const visited = new Map<string, string[]>();

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ browser, base } = app);
  });
  afterAll(() => app?.close());

  async function signedIn(name: string, javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 }, locale: 'en-IE' });
    const page = await context.newPage();
    await page.goto(`${base}/app/sign-in`);
    await page.getByLabel(name).check();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign in as this person' }).click()]);
    return { context, page };
  }
  const navigates = async (page: Page, action: () => Promise<unknown>): Promise<void> => void (await Promise.all([page.waitForEvent('load'), action()]));
  const cardOf = (page: Page, child: string) => page.getByTestId('decision').filter({ has: page.getByRole('link', { name: child, exact: true }) });

  it('js: the coordinator goes from the menu to the requests waiting to be registered, and registers one; it leaves the list', async () => {
    const { context, page } = await signedIn('Deirdre Walsh', true);
    try {
      await navigates(page, () => page.getByTestId('nav-decisions').click());
      expect(page.url()).toBe(`${base}/app/requests`);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Requests waiting for your decision');
      const liam = cardOf(page, 'Liam Kavanagh');
      expect(await liam.count()).toBe(1);
      expect(await liam.getByTestId('case-next-step').innerText()).toContain('Waiting for the coordinator to register the request');
      await checkPage(browser, page, 'decisions-requests', visited);
      await navigates(page, () => liam.getByRole('link', { name: /^Register the request/ }).click());
      expect(await page.getByTestId('form-heading').innerText()).toBe('Register the request');
      await navigates(page, () => page.getByRole('button', { name: 'Save and continue' }).click());
      expect(await page.getByTestId('recorded-banner').innerText()).toContain('“Register the request” is recorded.');
      await navigates(page, () => page.getByTestId('nav-decisions').click());
      expect(await cardOf(page, 'Liam Kavanagh').count()).toBe(0);
      expect(await page.getByTestId('decisions-waiting').innerText()).toContain('No request for support is waiting to be registered.');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('no-js: the liaison person starts at the open concerns and opens the advice form from there', async () => {
    const { context, page } = await signedIn('Patrick Ryan', false);
    try {
      expect(page.url()).toBe(`${base}/app/concerns`);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Concerns waiting for your decision');
      const chloe = cardOf(page, 'Chloe Dunne');
      expect(await chloe.getByTestId('case-next-step').innerText()).toContain('Talk to the designated liaison person');
      await checkPage(browser, page, 'no-js-decisions-concerns', visited, false);
      await navigates(page, () => chloe.getByRole('link', { name: /^Record the advice of the designated liaison person/ }).click());
      expect(await page.getByTestId('form-heading').innerText()).toBe('Record the advice of the designated liaison person');
    } finally {
      await context.close();
    }
  }, 120_000);
});
