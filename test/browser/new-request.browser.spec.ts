/**
 * Starting a request for support in a real browser (issue 15): Debian's Chromium through
 * playwright-core, the app on a loopback port with the demo area seeded. A lead practitioner
 * starts from her cases, sends the form once with mistakes (the error summary, each error beside
 * its field), then complete, and lands on the new case's page, where the request's first step
 * opens; with JavaScript off the same with the keyboard alone. Each page is checked with axe (WCAG
 * 2.2 AA: no serious or critical issue) and kept as a screenshot at 1280 and 390 px wide.
 */
import type { Browser, Page } from 'playwright-core';
import { KeyboardUser } from './support/keyboard';
import { checkPage, startBrowserApp, type BrowserApp } from './support/page-checks';

describe('starting a request for support in Chromium', () => {
  let app: BrowserApp;
  let browser: Browser;
  let base: string;
  const visited = new Map<string, string[]>();

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ browser, base } = app);
  });
  afterAll(() => app?.close());

  const navigates = async (page: Page, action: () => Promise<unknown>): Promise<void> => void (await Promise.all([page.waitForEvent('load'), action()]));

  it('js: a lead practitioner starts a request from her cases, corrects what the form says, and lands on the new case', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-IE' });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/app/sign-in`);
      await page.getByLabel('Aoife Byrne').check();
      await navigates(page, () => page.getByRole('button', { name: 'Sign in as this person' }).click());
      await navigates(page, () => page.getByTestId('start-request').click());
      expect(page.url()).toBe(`${base}/app/cases/new`);
      await checkPage(browser, page, 'new-request', visited);

      await page.getByLabel("The child's full name").fill('Caoimhe Ní Bhriain');
      await navigates(page, () => page.getByRole('button', { name: 'Start the request' }).click());
      expect(await page.locator('.govuk-error-summary').innerText()).toContain("Enter the child's date of birth");
      expect(await page.getByLabel("The child's full name").inputValue()).toBe('Caoimhe Ní Bhriain');
      await checkPage(browser, page, 'new-request-errors', visited);

      const born = page.getByRole('group', { name: "The child's date of birth" });
      await born.getByLabel('Day', { exact: true }).fill('3');
      await born.getByLabel('Month', { exact: true }).fill('2');
      await born.getByLabel('Year', { exact: true }).fill('2017');
      await page.getByRole('group', { name: 'Who asked for support?' }).getByLabel('A school').check();
      await page.getByLabel('Their full name').fill('Máire Ní Bhriain');
      await page.getByLabel('Their relationship to the child').fill('mother');
      await page.getByRole('group', { name: 'Do they have parental responsibility?' }).getByLabel('Yes').check();
      await navigates(page, () => page.getByRole('button', { name: 'Start the request' }).click());
      expect(page.url()).toMatch(new RegExp(`^${base}/app/cases/[0-9a-f-]{36}$`));
      expect(await page.getByTestId('case-heading').innerText()).toBe('Caoimhe Ní Bhriain');
      await checkPage(browser, page, 'new-request-case', visited);
      await navigates(page, () => page.getByTestId('next-step').getByRole('link', { name: 'Record the details of the request', exact: true }).click());
      expect(await page.getByTestId('form-heading').innerText()).toBe('Record the details of the request');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('no-js: the same with the keyboard alone', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 }, locale: 'en-IE' });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/app/sign-in`);
      await page.getByLabel('Aoife Byrne').check();
      await navigates(page, () => page.getByRole('button', { name: 'Sign in as this person' }).click());
      await page.goto(`${base}/app/cases/new`);
      const keys = new KeyboardUser(page);
      await keys.typeInto(page.getByLabel("The child's full name"), 'Oisín Ó Briain');
      const born = page.getByRole('group', { name: "The child's date of birth" });
      await keys.typeDay(born, '9', '11', '2016');
      await keys.choose(page.getByRole('group', { name: 'Who asked for support?' }).getByLabel('The family itself'));
      await keys.typeInto(page.getByLabel('Their full name'), 'Pádraig Ó Briain');
      await keys.typeInto(page.getByLabel('Their relationship to the child'), 'father');
      await keys.choose(page.getByRole('group', { name: 'Do they have parental responsibility?' }).getByLabel('Yes'));
      await keys.follow(page.getByRole('button', { name: 'Start the request' }));
      expect(await page.getByTestId('case-heading').innerText()).toBe('Oisín Ó Briain');
      await checkPage(browser, page, 'no-js-new-request-case', visited, false);
    } finally {
      await context.close();
    }
  }, 120_000);
});
