/**
 * The lists of decisions and the start of a request in a real browser (issue 15 §5-7): Debian's
 * Chromium through playwright-core, the app on a loopback port with the demo area seeded. The
 * coordinator goes from the menu to the requests waiting to be registered and registers one
 * through its form; the designated liaison person starts at the open concerns and opens the report
 * form from there (JavaScript off). A lead practitioner starts a request for support from her
 * cases, corrects what the form says, and lands on the new case; with JavaScript off the same
 * with the keyboard alone. Each page is checked with axe (WCAG 2.2 AA: no serious or critical issue) and
 * kept as a screenshot at 1280 and 390 pixels wide under reports/pages/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { KeyboardUser } from './support/keyboard';
import { checkPage, startBrowserApp, type BrowserApp } from './support/page-checks';

describe('the lists of decisions and a new request in Chromium', () => {
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

  it('js: a lead practitioner starts a request from her cases, corrects what the form says, and lands on the new case', async () => {
    const { context, page } = await signedIn('Aoife Byrne', true);
    try {
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

  it('no-js: a lead practitioner starts a request with the keyboard alone', async () => {
    const { context, page } = await signedIn('Aoife Byrne', false);
    try {
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
