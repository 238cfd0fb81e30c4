/**
 * The pages in a real browser (issue 15 §1-3, 8): Debian's Chromium through playwright-core, the
 * app listening on a loopback port with the demo area seeded, and a real OpenID Connect provider
 * (oidc-provider, in its own process) for the organisation's sign-in. A practitioner signs in
 * (the demo's "sign in as", and OIDC), sees their cases, filters and searches them, switches to
 * Irish and back, and signs out; with JavaScript on, with JavaScript off, and with the keyboard
 * only. Every page visited is checked with axe (WCAG 2.2 AA tags: no serious or critical issue)
 * and kept as a screenshot at 1280 and 390 pixels wide under reports/pages/ to review by eye.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, checkPage, freePort, LAUNCH_ARGS, REPORTS } from './support/page-checks';
import { seedDemo } from '../e2e/support/api';
import { startHarness, type Harness } from '../e2e/support/harness';


/** Starts the OpenID provider; resolves with its issuer URL once it listens. */
function startProvider(redirectUri: string): Promise<{ issuer: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [join(__dirname, 'support', 'oidc-provider.mjs'), redirectUri], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const issuer = /issuer (\S+)/.exec(out)?.[1];
      if (issuer) resolve({ issuer, process: child });
    });
    child.once('exit', (code) => reject(new Error(`the OpenID provider stopped (${code}): ${out}`)));
  });
}

describe('the pages in Chromium', () => {
  let h: Harness;
  let browser: Browser;
  let provider: ChildProcess;
  let base: string;
  /** Each page checked by axe and photographed: name → serious or critical violations. */
  const visited = new Map<string, string[]>();

  beforeAll(async () => {
    mkdirSync(REPORTS, { recursive: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const started = await startProvider(`${base}/app/sign-in/callback`);
    provider = started.process;
    h = await startHarness({
      OIDC_ISSUER: started.issuer,
      OIDC_CLIENT_ID: 'tacu',
      OIDC_CLIENT_SECRET: 'tacu-test-client-secret-0123456789',
      PUBLIC_URL: base,
      ORGANISATION_NAME: 'Dublin South Central Family Support Network',
    });
    await seedDemo(h.app);
    await h.app.listen({ port, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    provider?.kill('SIGTERM');
  });

  /** A new browser (its own cookies), with or without JavaScript. */
  async function newPage(javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 }, locale: 'en-IE' });
    return { context, page: await context.newPage() };
  }

  const check = (page: Page, name: string, javaScriptEnabled = true): Promise<void> => checkPage(browser, page, name, visited, javaScriptEnabled);

  /** Signs in through the demo's "sign in as" with the mouse. */
  async function signInAs(page: Page, name: string): Promise<void> {
    await page.goto(`${base}/app/sign-in`);
    await page.getByLabel(name).check();
    await page.getByRole('button', { name: 'Sign in as this person' }).click();
    await page.waitForURL(`${base}/app/cases`);
  }

  const caseNames = async (page: Page): Promise<string[]> => page.getByTestId('case-child').allTextContents();

  /** Does `action` and waits for the page it leads to (a form's answer may come back to the same address). */
  async function navigates(page: Page, action: () => Promise<unknown>): Promise<void> {
    await Promise.all([page.waitForEvent('load'), action()]);
  }

  /** The children of the cases GET /cases gives this person (every page of it): what the pages must show them. */
  async function apiChildren(userId: string): Promise<string[]> {
    const res = await h.http.get('/cases?limit=100').auth(await h.token(userId), { type: 'bearer' });
    const ids = (res.body.items as { id: string }[]).map((c) => c.id);
    const rows = await h.dataSource.query(`SELECT m.name FROM cases c JOIN family_members m ON m.id = c.child_person_id WHERE c.id = ANY($1::uuid[])`, [ids]);
    return (rows as { name: string }[]).map((r) => r.name).sort();
  }

  for (const javaScriptEnabled of [true, false]) {
    const js = javaScriptEnabled ? 'js' : 'no-js';

    it(`${js}: a lead practitioner signs in as herself on the demo, sees her cases, filters, searches, switches to Irish and back, signs out`, async () => {
      const { context, page } = await newPage(javaScriptEnabled);
      try {
        await page.goto(`${base}/app/cases`);
        expect(page.url()).toBe(`${base}/app/sign-in`);
        await check(page, `${js}-sign-in`, javaScriptEnabled);

        // A form sent without a choice says what to do, next to the field.
        await navigates(page, () => page.getByRole('button', { name: 'Sign in as this person' }).click());
        expect(await page.locator('.govuk-error-summary').innerText()).toContain('Select the person to sign in as');
        await check(page, `${js}-sign-in-error`, javaScriptEnabled);

        await signInAs(page, 'Aoife Byrne');
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('My cases');
        expect(await page.getByTestId('signed-in-as').innerText()).toBe('Signed in as Aoife Byrne');
        const mine = await caseNames(page);
        expect(mine).toContain('Seán Murphy');
        // Exactly the cases the API gives her (open and closed): the same need to know.
        await page.goto(`${base}/app/cases?show=all`);
        const all = await caseNames(page);
        expect([...all].sort()).toEqual(await apiChildren('u-lp-0001'));
        const everyone = (await h.dataSource.query(`SELECT count(*)::int AS n FROM cases`))[0].n as number;
        expect(all.length).toBeLessThan(everyone);
        await page.goto(`${base}/app/cases`);
        const murphy = page.getByTestId('case').filter({ hasText: 'Seán Murphy' });
        expect(await murphy.getByTestId('case-stage').innerText()).toBe('Strengths and needs assessment');
        expect(await murphy.getByTestId('case-next-step').innerText()).toBe('Finish the strengths and needs assessment');
        expect(await murphy.getByTestId('case-due').innerText()).toMatch(/^(In \d+ working days? by \w+day \d+ \w+ \d{4}|Due today|Overdue by \d+ working days?.*)$/);
        await check(page, `${js}-my-cases`, javaScriptEnabled);

        // Filter: the assessment stage only.
        await page.getByLabel('Stage').selectOption('assessment');
        await page.getByRole('button', { name: 'Apply filters' }).click();
        await page.waitForURL(/stage=assessment/);
        const filtered = page.getByTestId('case-stage');
        expect(await filtered.count()).toBeGreaterThan(0);
        for (const stage of await filtered.allTextContents()) expect(stage).toBe('Strengths and needs assessment');
        await check(page, `${js}-my-cases-filtered`, javaScriptEnabled);

        // Search by name, without the fada: the name goes in a form, never the address.
        await page.goto(`${base}/app/cases`);
        await page.getByLabel("Search by the child's name or the case reference").fill('sean');
        await navigates(page, () => page.getByRole('button', { name: 'Search', exact: true }).click());
        expect(page.url()).not.toMatch(/sean/i);
        expect(await page.getByTestId('searching').innerText()).toBe('Showing cases that match “sean”.');
        const found = await caseNames(page);
        expect(found.length).toBeGreaterThan(0);
        for (const name of found) expect(name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).toContain('sean');
        await check(page, `${js}-my-cases-search`, javaScriptEnabled);
        await navigates(page, () => page.getByTestId('clear-search').click());
        expect(await caseNames(page)).toEqual(mine);

        // Irish, remembered from page to page; then back to English.
        await navigates(page, () => page.getByTestId('language-ga').click());
        expect(await page.locator('html').getAttribute('lang')).toBe('ga');
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Mo chásanna');
        await page.goto(`${base}/app/cases?show=all`);
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Mo chásanna');
        expect(await page.getByTestId('case').filter({ hasText: 'Seán Murphy' }).getByTestId('case-stage').innerText()).toBe('Measúnú ar láidreachtaí agus ar riachtanais');
        await check(page, `${js}-my-cases-irish`, javaScriptEnabled);
        await navigates(page, () => page.getByTestId('language-en').click());
        expect(page.url()).toBe(`${base}/app/cases?show=all`);
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('My cases');

        // Sign out: the pages need signing in again.
        await page.getByTestId('sign-out').click();
        await page.waitForURL(`${base}/app/signed-out`);
        expect(await page.getByTestId('message-title').innerText()).toBe('You have signed out');
        await check(page, `${js}-signed-out`, javaScriptEnabled);
        await page.goto(`${base}/app/cases`);
        expect(page.url()).toBe(`${base}/app/sign-in`);
      } finally {
        await context.close();
      }
    }, 180_000);

    it(`${js}: she opens a case from her cases, sees where it stands, its deadlines, family, timeline and documents, and opens a document`, async () => {
      const { context, page } = await newPage(javaScriptEnabled);
      try {
        await signInAs(page, 'Aoife Byrne');
        await navigates(page, () => page.getByTestId('case-child').filter({ hasText: 'Jack Whelan' }).click());
        expect(page.url()).toMatch(new RegExp(`^${base}/app/cases/[0-9a-f-]{36}$`));
        expect(await page.getByTestId('case-heading').innerText()).toBe('Jack Whelan');
        // The steps: the review is where the case is, the four before it done, closure to come.
        expect(await page.locator('[aria-current="step"]').innerText()).toMatch(/^Review\s+Current step$/);
        expect(await page.getByTestId('step-done').count()).toBe(4);
        expect(await page.getByTestId('step-upcoming').count()).toBe(1);
        expect(await page.getByTestId('case-escalation').count()).toBe(0);
        expect(await page.getByTestId('case-timeline').innerText()).toMatch(/Aoife Byrne recorded consent from [^,]+, \d{1,2} \w+ \d{4}/);
        const documents = page.getByTestId('document');
        expect(await documents.count()).toBeGreaterThan(2);
        await check(page, `${js}-case`, javaScriptEnabled);

        // A document opens through the session, as issued.
        const link = documents.first().getByRole('link').first();
        const title = await link.innerText();
        await navigates(page, () => link.click());
        expect(page.url()).toMatch(new RegExp(`^${base}/app/documents/[0-9a-f-]{36}$`));
        expect((await page.locator('body').innerText()).length).toBeGreaterThan(200);
        expect(title.length).toBeGreaterThan(0);
        await page.goBack();

        // A case on hold: the concern is shown beside the steps, the step it was at marked.
        await page.goto(`${base}/app/cases`);
        await navigates(page, () => page.getByTestId('case-child').filter({ hasText: 'Chloe Dunne' }).click());
        expect(await page.getByTestId('case-status').innerText()).toBe('On hold');
        expect(await page.getByTestId('case-escalation').innerText()).toContain('a child protection concern is open');
        expect(await page.locator('[aria-current="step"]').innerText()).toMatch(/^Strengths and needs assessment\s+Current step$/);
        await check(page, `${js}-case-on-hold`, javaScriptEnabled);

        // In Irish.
        await navigates(page, () => page.getByTestId('language-ga').click());
        expect(await page.getByRole('heading', { level: 2 }).first().innerText()).toBe('Cá bhfuil an cás');
        await check(page, `${js}-case-irish`, javaScriptEnabled);
        await navigates(page, () => page.getByTestId('language-en').click());
      } finally {
        await context.close();
      }
    }, 180_000);
  }

  it('signs in with the organisation\'s identity provider (OpenID Connect, code with PKCE), lands on my cases, and signing out signs out there too', async () => {
    const { context, page } = await newPage();
    const oidcSessions = async (): Promise<number> => (await h.dataSource.query(`SELECT count(*)::int AS n FROM web_sessions WHERE user_id = 'u-lp-0001' AND signed_in_with = 'oidc'`))[0].n;
    const before = await oidcSessions();
    try {
      await page.goto(`${base}/app/sign-in`);
      await page.getByTestId('sign-in-oidc').click();
      // The provider's own login page (its development interactions accept any name).
      await page.waitForURL((url) => !url.href.startsWith(base));
      await page.locator('input[name="login"]').fill('u-lp-0001');
      await page.locator('input[name="password"]').fill('any');
      await page.locator('button[type="submit"]').click();
      // Its consent page, when it asks.
      while (!page.url().startsWith(`${base}/app/`)) {
        await page.locator('button[type="submit"]').first().click();
        await page.waitForLoadState('load');
      }
      await page.waitForURL(`${base}/app/cases`);
      expect(await page.getByTestId('signed-in-as').innerText()).toBe('Signed in as Aoife Byrne');
      expect(await caseNames(page)).toContain('Seán Murphy');
      await check(page, 'oidc-my-cases');
      expect(await oidcSessions()).toBe(before + 1);

      // Signing out ends the provider's session too (RP-initiated logout): on a shared tablet the
      // next person is asked who they are, never passed straight through as Aoife.
      await page.getByTestId('sign-out').click();
      await page.waitForURL((url) => !url.href.startsWith(base));
      await page.locator('button[type="submit"]').first().click(); // the provider's "sign out?" confirmation
      await page.waitForURL(`${base}/app/signed-out`);
      expect(await oidcSessions()).toBe(before);
      await page.goto(`${base}/app/sign-in`);
      await page.getByTestId('sign-in-oidc').click();
      await page.waitForURL((url) => !url.href.startsWith(base));
      expect(await page.locator('input[name="login"]').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('someone the provider knows but this service has no account for is told so, and not signed in', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(`${base}/app/sign-in`);
      await page.getByTestId('sign-in-oidc').click();
      await page.waitForURL((url) => !url.href.startsWith(base));
      await page.locator('input[name="login"]').fill('u-stranger');
      await page.locator('input[name="password"]').fill('any');
      await page.locator('button[type="submit"]').click();
      while (!page.url().startsWith(`${base}/app/`)) {
        await page.locator('button[type="submit"]').first().click();
        await page.waitForLoadState('load');
      }
      expect(await page.getByTestId('message-title').innerText()).toBe('You could not be signed in');
      expect(await page.locator('main').innerText()).toContain('this service has no account for you');
      await check(page, 'oidc-unknown-account');
      await page.goto(`${base}/app/cases`);
      expect(page.url()).toBe(`${base}/app/sign-in`);
    } finally {
      await context.close();
    }
  });

  it('keyboard only: sign in, search my cases, sign out, never touching the mouse', async () => {
    const { context, page } = await newPage();
    /** Presses Tab until the focused element matches, at most `max` times. */
    const tabTo = async (selector: string, max = 40): Promise<void> => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if ((await page.locator(`${selector}:focus`).count()) > 0) return;
      }
      throw new Error(`${selector} was not reached with Tab`);
    };
    try {
      await page.goto(`${base}/app/sign-in`);
      // The first Tab reaches the skip link, which takes focus to the main content.
      await page.keyboard.press('Tab');
      expect((await page.locator(':focus').innerText()).trim()).toBe('Skip to main content');
      await tabTo('input[name="userId"]');
      // Arrow keys move through the radios: the second is Aoife Byrne.
      await page.keyboard.press('ArrowDown');
      expect(await page.locator(':focus').getAttribute('value')).toBe('u-lp-0001');
      await tabTo('button[type="submit"].govuk-button');
      await navigates(page, () => page.keyboard.press('Enter'));
      expect(page.url()).toBe(`${base}/app/cases`);

      await tabTo('#search');
      await page.keyboard.type('Murphy');
      await navigates(page, () => page.keyboard.press('Enter'));
      expect(await page.getByTestId('searching').innerText()).toContain('Murphy');
      for (const name of await caseNames(page)) expect(name).toContain('Murphy');

      // Focus is visible where it lands: the design system's yellow focus colour.
      await tabTo('[data-testid="clear-search"]');
      // An expression, run in the page (this file is compiled without the DOM's types).
      const focus = await page.evaluate('getComputedStyle(document.activeElement).backgroundColor');
      expect(focus).toBe('rgb(255, 221, 0)');
      await navigates(page, () => page.keyboard.press('Enter'));
      expect(await page.getByTestId('searching').count()).toBe(0);

      // A new page starts from the top: Tab through the header to sign out.
      await tabTo('[data-testid="sign-out"]');
      await navigates(page, () => page.keyboard.press('Enter'));
      expect(page.url()).toBe(`${base}/app/signed-out`);
    } finally {
      await context.close();
    }
  });

  it('checked every page it visited', () => {
    expect([...visited.keys()].length).toBeGreaterThanOrEqual(19);
  });
});
