/**
 * The next step as a form in a real browser (issue 15 §5): Debian's Chromium through
 * playwright-core, the app on a loopback port with the demo area seeded. A lead practitioner takes
 * a new case from the request for support through the forms (details, consent asked, consent
 * recorded, the request sent, after a form sent with mistakes); the coordinator registers it; the
 * lead records the assessment, has it agreed, invites to and records the support meeting, sends the
 * minutes, drafts a plan of two actions ("Add another"), sends it for sign-off and records the
 * family's sign-off. With JavaScript on and with JavaScript off. The whole journey (the request to
 * closure, two reviews) once more with the keyboard alone: focus visible where it lands, the error
 * summary focused after a mistake and its link taking the focus to the field.
 * Every form page and error state is checked with axe (WCAG 2.2 AA tags: no serious or critical
 * issue) and kept as a screenshot at 1280 and 390 pixels wide under reports/pages/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { KeyboardUser } from './support/keyboard';
import { checkPage, startBrowserApp, type BrowserApp } from './support/page-checks';
import { journeyTo } from '../e2e/support/api';
import { drive, openCase, USERS, type Harness } from '../e2e/support/harness';

describe('the next-step forms in Chromium', () => {
  let app: BrowserApp;
  let h: Harness;
  let browser: Browser;
  let base: string;
  /** Each page checked by axe and photographed: name → serious or critical violations. */
  const visited = new Map<string, string[]>();

  beforeAll(async () => {
    app = await startBrowserApp({ ORGANISATION_NAME: 'Dublin South Central Family Support Network' });
    ({ h, browser, base } = app);
  });
  afterAll(() => app?.close());

  async function newPage(javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 }, locale: 'en-IE' });
    return { context, page: await context.newPage() };
  }

  const check = (page: Page, name: string, javaScriptEnabled = true): Promise<void> => checkPage(browser, page, name, visited, javaScriptEnabled);

  async function navigates(page: Page, action: () => Promise<unknown>): Promise<void> {
    await Promise.all([page.waitForEvent('load'), action()]);
  }

  async function signInAs(page: Page, name: string): Promise<void> {
    await page.goto(`${base}/app/sign-in`);
    await page.getByLabel(name).check();
    await navigates(page, () => page.getByRole('button', { name: 'Sign in as this person' }).click());
    // A liaison person starts at the concerns waiting for them; everyone else at their cases.
    expect(page.url()).toBe(`${base}/app/${name === 'Patrick Ryan' ? 'concerns' : 'cases'}`);
  }

  const stateOf = async (id: string): Promise<string> => (await h.http.get(`/cases/${id}`).auth(await h.token(USERS.lead), { type: 'bearer' })).body.state as string;

  /** From the case page, opens the form of a next step by its link, checks it, and returns. */
  async function openStep(page: Page, title: string, shot: string, js: boolean): Promise<void> {
    await navigates(page, () => page.getByTestId('next-step').getByRole('link', { name: title, exact: true }).click());
    expect(page.url()).toMatch(/\/app\/cases\/[0-9a-f-]{36}\/next\/[A-Z_]+$/);
    expect(await page.getByTestId('form-heading').innerText()).toBe(title);
    await check(page, shot, js);
  }

  /** Sends the form and expects the case page with the success banner. */
  async function save(page: Page, title: string): Promise<void> {
    await navigates(page, () => page.getByRole('button', { name: 'Save and continue' }).click());
    expect({ url: page.url(), summary: await page.locator('.govuk-error-summary').count() }).toEqual({ url: expect.stringMatching(/\/app\/cases\/[0-9a-f-]{36}\?recorded=[A-Z_]+$/), summary: 0 });
    expect(await page.getByTestId('recorded-banner').innerText()).toContain(`“${title}” is recorded.`);
  }

  const group = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
  const fillDate = async (page: Page, legend: string, day: string, month: string, year: string): Promise<void> => {
    const g = group(page, legend);
    await g.getByLabel('Day', { exact: true }).fill(day);
    await g.getByLabel('Month', { exact: true }).fill(month);
    await g.getByLabel('Year', { exact: true }).fill(year);
  };

  for (const javaScriptEnabled of [true, false]) {
    const js = javaScriptEnabled ? 'js' : 'no-js';

    it(`${js}: a lead practitioner takes a new case from the request to the family's sign-off of the plan, through the forms; the coordinator registers it`, async () => {
      const child = javaScriptEnabled ? 'Róisín Kinsella' : 'Darragh Kinsella';
      const opened = await openCase(h, USERS.lead, { child: { name: child, dateOfBirth: '2017-05-09' } });
      const { context, page } = await newPage(javaScriptEnabled);
      try {
        await signInAs(page, 'Aoife Byrne');
        await navigates(page, () => page.getByTestId('case-child').filter({ hasText: child }).click());
        expect(await page.getByTestId('case-heading').innerText()).toBe(child);
        expect(await page.getByRole('heading', { name: 'What you can do next' }).count()).toBe(1);
        await check(page, `${js}-forms-case-draft`, javaScriptEnabled);

        // 1. The details of the request: first sent empty, the error summary links to the field.
        await openStep(page, 'Record the details of the request', `${js}-form-record-request-details`, javaScriptEnabled);
        await navigates(page, () => page.getByRole('button', { name: 'Save and continue' }).click());
        const summary = page.locator('.govuk-error-summary');
        expect(await summary.innerText()).toContain('Enter an answer to “Why is the family asking for support?”');
        expect(await page.title()).toMatch(/^Error: /);
        expect(await page.getByTestId('field-error').first().innerText()).toContain('Enter an answer to “Why is the family asking for support?”');
        if (javaScriptEnabled) {
          // The design system's script moves focus to the summary; its link then focuses the field.
          expect(await page.evaluate('document.activeElement && document.activeElement.className')).toContain('govuk-error-summary');
        }
        await check(page, `${js}-form-record-request-details-error`, javaScriptEnabled);
        await summary.getByRole('link').first().click();
        await page.getByLabel('Why is the family asking for support?').fill('Róisín has missed school most Mondays since her father moved out; her mother asked the school for help.');
        const ratings = page.getByTestId('row');
        expect(await ratings.count()).toBe(5);
        await ratings.nth(1).getByLabel(/^1: /).check();
        await ratings.nth(1).getByLabel('Why', { exact: true }).fill('Attendance at 70%.');
        await group(page, 'Was the checklist completed with the parent or carer?').getByLabel('Yes').check();
        await group(page, 'Was the checklist completed with the child?').getByLabel('No').check();
        await save(page, 'Record the details of the request');
        expect(await stateOf(opened.id)).toBe('request.draft');

        // 2. Consent asked: a form with nothing to fill in.
        await openStep(page, 'Ask the family for consent', `${js}-form-request-consent`, javaScriptEnabled);
        await save(page, 'Ask the family for consent');
        expect(await stateOf(opened.id)).toBe('request.awaitingConsent');
        // Sending the request now: the rule's reason, in plain words, on the case page and on the form.
        expect(await page.getByTestId('waiting-reasons').first().innerText()).toMatch(/consent/i);
        await openStep(page, 'Send the request for support', `${js}-form-submit-request-waiting`, javaScriptEnabled);
        await navigates(page, () => page.getByRole('button', { name: 'Save and continue' }).click());
        expect(await page.locator('.govuk-error-summary').innerText()).toMatch(/consent/i);
        await check(page, `${js}-form-submit-request-guard`, javaScriptEnabled);
        await navigates(page, () => page.getByTestId('back-to-case').click());

        // 3. The mother's written consent.
        await openStep(page, 'Record consent', `${js}-form-record-consent`, javaScriptEnabled);
        await group(page, 'Whose consent is this?').getByLabel('Siobhán Murphy (mother)').check();
        await group(page, 'Do they have parental responsibility for the child?').getByLabel('Yes').check();
        await group(page, 'Do they consent to take part in Meitheal?').getByLabel('Yes').check();
        await group(page, 'Do they consent to records being kept?').getByLabel('Yes').check();
        await page.getByLabel('Agencies information may be shared with').fill('Scoil Bhríde National School\nPublic Health Nursing');
        await group(page, 'Did the young person give their own consent?').getByLabel('No').check();
        await page.getByLabel('If not, why was it not sought?').fill('Róisín is 8; her views are sought in the assessment.');
        await fillDate(page, 'Day the written consent was signed', '2', '3', '2026');
        await save(page, 'Record consent');

        // 4. The request goes to the coordinator.
        await openStep(page, 'Send the request for support', `${js}-form-submit-request`, javaScriptEnabled);
        await save(page, 'Send the request for support');
        expect(await stateOf(opened.id)).toBe('request.submitted');
        await check(page, `${js}-forms-case-submitted`, javaScriptEnabled);
      } finally {
        await context.close();
      }

      // 5. The coordinator registers it, confirming Aoife as lead.
      const coordinator = await newPage(javaScriptEnabled);
      try {
        await signInAs(coordinator.page, 'Deirdre Walsh');
        await coordinator.page.goto(`${base}/app/cases/${opened.id}`);
        await openStep(coordinator.page, 'Register the request', `${js}-form-register-request`, javaScriptEnabled);
        expect(await group(coordinator.page, 'Who will be the lead practitioner?').getByLabel('Aoife Byrne').isChecked()).toBe(true);
        await save(coordinator.page, 'Register the request');
        expect(await stateOf(opened.id)).toBe('assessment.inProgress');
      } finally {
        await coordinator.context.close();
      }

      const lead = await newPage(javaScriptEnabled);
      const p = lead.page;
      try {
        await signInAs(p, 'Aoife Byrne');
        await p.goto(`${base}/app/cases/${opened.id}`);

        // 6. The assessment: a strength, a need, what the family wants, the three views.
        await openStep(p, 'Record the strengths and needs assessment', `${js}-form-record-assessment`, javaScriptEnabled);
        const strength = p.getByTestId('list-strengths').getByTestId('row').first();
        await strength.getByLabel('How I grow and develop', { exact: true }).check();
        await strength.getByLabel('What it is', { exact: true }).fill('Loves drawing; proud of her art prize.');
        const need = p.getByTestId('list-needs').getByTestId('row').first();
        await need.getByLabel('How I grow and develop', { exact: true }).check();
        await need.getByLabel('What it is', { exact: true }).fill('Misses school on Mondays.');
        await p.getByLabel('What the family wants to be different').fill('Róisín goes to school every day');
        await group(p, "The child's views").getByLabel('In their own words').fill('I miss Dad on Mondays.');
        await group(p, "The parents' views").getByLabel('In their own words').fill('Mornings are hard since the move.');
        await p.getByLabel('Your view as practitioner').fill('A close family; attendance first.');
        await save(p, 'Record the strengths and needs assessment');
        await openStep(p, 'Complete the assessment', `${js}-form-complete-assessment`, javaScriptEnabled);
        await save(p, 'Complete the assessment');
        await openStep(p, 'Record that the family agreed the assessment', `${js}-form-agree-assessment`, javaScriptEnabled);
        await group(p, 'Who in the family agreed it?').getByLabel('Siobhán Murphy (mother)').check();
        await save(p, 'Record that the family agreed the assessment');
        expect(await stateOf(opened.id)).toBe('meeting.proposed');

        // 7. The support meeting: invited (a day and a time), held, minutes sent.
        await openStep(p, 'Invite people to the support meeting', `${js}-form-invite-to-meeting`, javaScriptEnabled);
        await fillDate(p, 'When the meeting takes place', '15', '4', '2026');
        await group(p, 'When the meeting takes place').getByLabel('Time', { exact: true }).fill('10:00');
        await p.getByLabel('Where the meeting takes place').fill('Family Resource Centre, room 2');
        await group(p, 'Who chairs the meeting').getByLabel('Aoife Byrne (Scoil Bhríde National School)').check();
        await group(p, 'Who takes the minutes').getByLabel('Someone else', { exact: true }).check();
        await group(p, 'Who takes the minutes').getByLabel('Their name, if someone else').fill('Ciarán Walsh');
        const invitee = p.getByTestId('list-invitees').getByTestId('row').first();
        await invitee.getByLabel('Siobhán Murphy (mother)').check();
        await invitee.getByRole('group', { name: 'Did the family approve this person?' }).getByLabel('Yes').check();
        await save(p, 'Invite people to the support meeting');
        await openStep(p, 'Record the support meeting', `${js}-form-hold-meeting`, javaScriptEnabled);
        await fillDate(p, 'Day it was held', '2', '3', '2026');
        await group(p, 'Who attended').getByLabel('Siobhán Murphy (mother)').check();
        await group(p, 'Who attended').getByLabel('Aoife Byrne (Scoil Bhríde National School)').check();
        await group(p, 'Who sent apologies').getByLabel('Other people').fill('Orla Doyle');
        await save(p, 'Record the support meeting');
        await openStep(p, 'Send out the minutes', `${js}-form-distribute-minutes`, javaScriptEnabled);
        await p.getByLabel('Minutes', { exact: true }).fill('Present: Siobhán (Mam), Aoife Byrne. Agreed: breakfast club from Monday.');
        await group(p, 'Who the minutes were sent to').getByLabel('Siobhán Murphy (mother)').check();
        await save(p, 'Send out the minutes');
        expect(await stateOf(opened.id)).toBe('actionPlan.drafting');

        // 8. The plan: one action, then "Add another" (the server adds a row, keeping what was typed), a second.
        await openStep(p, 'Draft the action plan', `${js}-form-draft-plan`, javaScriptEnabled);
        const first = p.getByTestId('row').nth(0);
        await first.getByLabel('The need or outcome it answers').fill('Róisín goes to school every day');
        await first.getByLabel('What will be done').fill('Breakfast club place from Monday.');
        await first.getByRole('group', { name: 'Owner' }).getByLabel('Aoife Byrne (Scoil Bhríde National School)').check();
        await first.getByLabel('Their agency').fill('Scoil Bhríde National School');
        await fillDate(p, 'Due date', '29', '5', '2026');
        await first.getByRole('group', { name: 'Where it stands' }).getByLabel('Not started').check();
        await navigates(p, () => p.getByRole('button', { name: /^Add another/ }).click());
        expect(await p.getByTestId('row').count()).toBe(2);
        expect(await p.getByTestId('row').nth(0).getByLabel('What will be done').inputValue()).toBe('Breakfast club place from Monday.');
        await check(p, `${js}-form-draft-plan-two-rows`, javaScriptEnabled);
        const second = p.getByTestId('row').nth(1);
        await second.getByLabel('The need or outcome it answers').fill('Mam gets some time for herself');
        await second.getByLabel('What will be done').fill('Parent support group on Wednesdays.');
        await second.getByRole('group', { name: 'Owner' }).getByLabel('Siobhán Murphy (mother)').check();
        await second.getByRole('group', { name: 'Due date' }).getByLabel('Day', { exact: true }).fill('6');
        await second.getByRole('group', { name: 'Due date' }).getByLabel('Month', { exact: true }).fill('5');
        await second.getByRole('group', { name: 'Due date' }).getByLabel('Year', { exact: true }).fill('2026');
        await second.getByRole('group', { name: 'Where it stands' }).getByLabel('Not started').check();
        await group(p, "The child's views on the plan").getByLabel('In their own words').fill('Breakfast club is OK.');
        await save(p, 'Draft the action plan');
        const plan = (await h.http.get(`/cases/${opened.id}`).auth(await h.token(USERS.lead), { type: 'bearer' })).body.record.plan as { version: number; actions: Array<{ id: string; what: string; owner: { name: string } }> };
        expect(plan.actions.map((a) => [a.id, a.what, a.owner.name])).toEqual([
          ['a1', 'Breakfast club place from Monday.', 'Aoife Byrne'],
          ['a2', 'Parent support group on Wednesdays.', 'Siobhán Murphy'],
        ]);

        // 9. Sent to the family, and signed off by the mother (the plan's version filled in).
        await openStep(p, 'Send the plan to the family to sign off', `${js}-form-submit-plan`, javaScriptEnabled);
        await save(p, 'Send the plan to the family to sign off');
        await openStep(p, "Record the family's sign-off of the plan", `${js}-form-sign-off-plan`, javaScriptEnabled);
        expect(await p.getByLabel('Version of the plan signed').inputValue()).toBe(String(plan.version));
        await group(p, 'Who signed').getByLabel('Siobhán Murphy (mother)').check();
        expect(await group(p, 'Signed by').count()).toBe(1);
        await group(p, 'They sign as').getByLabel('A parent or carer').check();
        await group(p, 'How it was signed').getByLabel('In person').check();
        await save(p, "Record the family's sign-off of the plan");
        expect(await stateOf(opened.id)).toBe('review.scheduled');
        await check(p, `${js}-forms-case-review-scheduled`, javaScriptEnabled);
      } finally {
        await lead.context.close();
      }
    }, 300_000);
  }

  it('no-js: a concern raised by the lead and returned by the liaison person, two reviews, the closing meeting, feedback and closure, through the forms', async () => {
    const opened = await openCase(h, USERS.lead, { child: { name: 'Senan Kinsella', dateOfBirth: '2015-11-02' } });
    await drive(h, opened.id, journeyTo('review.scheduled', USERS.lead));
    const js = false;
    const lead = await newPage(js);
    const p = lead.page;
    try {
      await signInAs(p, 'Aoife Byrne');
      await p.goto(`${base}/app/cases/${opened.id}`);
      // The concern: the case goes on hold.
      await navigates(p, () => p.getByTestId('next-step').getByRole('link', { name: 'Raise a child protection concern', exact: true }).click());
      await check(p, 'no-js-form-raise-concern', js);
      await group(p, 'What kind of concern is it?').getByLabel('Neglect').check();
      await group(p, 'Is this a mandated report?').getByLabel('Yes').check();
      await p.getByLabel('What was seen or said').fill('Arrived without a coat for the third day running.');
      await group(p, 'Is the child safe now?').getByLabel('Yes').check();
      await p.getByLabel('What was done').fill('Stayed in school with the class teacher.');
      await save(p, 'Raise a child protection concern');
      expect(await stateOf(opened.id)).toBe('escalation.raised');
      expect(await p.getByTestId('case-status').innerText()).toBe('On hold');
    } finally {
      await lead.context.close();
    }
    const dlp = await newPage(js);
    try {
      const q = dlp.page;
      await signInAs(q, 'Patrick Ryan');
      await q.goto(`${base}/app/cases/${opened.id}`);
      await openStep(q, 'Record the advice of the designated liaison person', 'no-js-form-consult-liaison', js);
      await group(q, 'Which designated liaison person was consulted?').getByLabel(/^Patrick Ryan/).check();
      await q.getByLabel('Their advice').fill('Report to Tusla today through the portal.');
      await save(q, 'Record the advice of the designated liaison person');
      await openStep(q, 'Record the report of the concern', 'no-js-form-submit-report', js);
      await q.getByLabel('The statutory service the concern was reported to').fill('Tusla Social Work, Dublin South Central');
      await group(q, 'How was the report made?').getByLabel('Online').check();
      await group(q, 'Was the report made jointly with someone else?').getByLabel('No').check();
      await group(q, 'Were the parents told of the report?').getByLabel('Yes').check();
      await save(q, 'Record the report of the concern');
      await openStep(q, 'Record that the report was acknowledged', 'no-js-form-acknowledge-report', js);
      await q.getByLabel("The statutory service's reference").fill('TUS-2026-000002');
      await save(q, 'Record that the report was acknowledged');
      await openStep(q, 'Record the outcome of the concern', 'no-js-form-record-concern-outcome', js);
      await group(q, 'What was the outcome?').getByLabel('Back to early intervention').check();
      await q.getByLabel('Notes on the outcome').fill('Screened; family support continues.');
      await save(q, 'Record the outcome of the concern');
      expect(await stateOf(opened.id)).toBe('review.scheduled');
    } finally {
      await dlp.context.close();
    }
    const back = await newPage(js);
    try {
      const r = back.page;
      await signInAs(r, 'Aoife Byrne');
      await r.goto(`${base}/app/cases/${opened.id}`);
      for (const round of [1, 2]) {
        await openStep(r, 'Record the review meeting', `no-js-form-hold-review-${round}`, js);
        await fillDate(r, 'Day the review was held', '2', '3', '2026');
        await group(r, 'Who attended').getByLabel('Siobhán Murphy (mother)').check();
        await group(r, 'Who attended').getByLabel('Aoife Byrne (Scoil Bhríde National School)').check();
        await group(r, 'Who chaired').getByLabel('Aoife Byrne (Scoil Bhríde National School)').check();
        await save(r, 'Record the review meeting');
        await openStep(r, 'Record the review', `no-js-form-record-review-${round}`, js);
        // A row per action of the plan, each named by the action.
        const progress = r.getByTestId('list-progress').getByTestId('row');
        expect(await progress.count()).toBe(2);
        expect(await progress.nth(0).locator('legend').first().innerText()).toMatch(/^a1: Breakfast club/);
        await progress.nth(0).getByRole('group', { name: 'Where it stands' }).getByLabel(round === 1 ? 'In progress' : 'Done', { exact: true }).check();
        await progress.nth(0).getByLabel('Note on progress').fill(`Attendance up (review ${round}).`);
        await group(r, "The family's views").getByLabel('In their own words').fill('Mornings are easier now.');
        await group(r, "The child's views").getByLabel('In their own words').fill('Breakfast club is class.');
        await r.getByLabel('Minutes', { exact: true }).fill(`Review ${round}: attendance up.`);
        if (round === 1) await fillDate(r, 'Day of the next review (if the meeting set one)', '13', '4', '2026');
        await save(r, 'Record the review');
        if (round === 1) {
          await openStep(r, 'Continue the plan as it is', 'no-js-form-continue-plan', js);
          await save(r, 'Continue the plan as it is');
        }
      }
      await openStep(r, 'Propose closing the case', 'no-js-form-propose-closure', js);
      await r.getByLabel('Why does the case close?').selectOption({ label: 'The needs are met' });
      await save(r, 'Propose closing the case');
      await openStep(r, 'Record the closing meeting', 'no-js-form-hold-closing-meeting', js);
      await fillDate(r, 'Day the closing meeting was held', '2', '3', '2026');
      await group(r, 'Who attended').getByLabel('Siobhán Murphy (mother)').check();
      await group(r, 'Who chaired').getByLabel('Aoife Byrne (Scoil Bhríde National School)').check();
      await save(r, 'Record the closing meeting');
      await openStep(r, "Record the family's feedback", 'no-js-form-record-closure-feedback', js);
      await group(r, "The family's feedback").getByLabel('In their own words').fill('Having everyone around one table made the difference.');
      await group(r, "The child's feedback").getByLabel('Or: why their view could not be recorded').fill('Did not want to talk about it on the day.');
      await r.getByLabel('Services the family is referred on to').fill('Local youth club');
      await r.getByLabel('Minutes of the closing meeting').fill('The plan has done its work.');
      await save(r, "Record the family's feedback");
      await openStep(r, 'Close the case', 'no-js-form-close-case', js);
      await save(r, 'Close the case');
      expect(await stateOf(opened.id)).toBe('closed');
      expect(await r.getByTestId('case-status').innerText()).toBe('Closed');
      expect(await r.getByTestId('no-next-steps').innerText()).toBe('There is nothing for you to do on this case now.');
      await check(r, 'no-js-forms-case-closed', js);
    } finally {
      await back.context.close();
    }
  }, 300_000);

  it('in Irish: the consent form and its errors, the words not yet translated marked English', async () => {
    const opened = await openCase(h, USERS.lead, { child: { name: 'Cillian Kinsella', dateOfBirth: '2014-07-07' } });
    await drive(h, opened.id, journeyTo('request.awaitingConsent', USERS.lead));
    const { context, page } = await newPage();
    try {
      await signInAs(page, 'Aoife Byrne');
      await page.goto(`${base}/app/cases/${opened.id}`);
      await navigates(page, () => page.getByTestId('language-ga').click());
      expect(await page.getByRole('heading', { name: 'Cad is féidir leat a dhéanamh ina dhiaidh sin' }).count()).toBe(1);
      await navigates(page, () => page.getByTestId('next-step').getByRole('link', { name: 'Taifead toiliú', exact: true }).click());
      expect(await page.locator('html').getAttribute('lang')).toBe('ga');
      expect(await page.getByTestId('form-heading').innerText()).toBe('Taifead toiliú');
      expect(await page.locator('label[for="scopes-contactPractitioner"]').getAttribute('lang')).toBe('en');
      await check(page, 'js-form-record-consent-irish');
      await navigates(page, () => page.getByRole('button', { name: 'Sábháil agus lean ar aghaidh' }).click());
      expect(await page.locator('.govuk-error-summary').innerText()).toContain('Roghnaigh freagra ar “Cé leis an toiliú seo?”');
      await check(page, 'js-form-record-consent-irish-error');
      await navigates(page, () => page.getByTestId('language-en').click());
    } finally {
      await context.close();
    }
  });

  it('keyboard only: the whole journey, from the request to closure, with Tab, Shift+Tab, the arrow keys, Space, Enter and typing', async () => {
    const child = 'Éabha Kinsella';
    const opened = await openCase(h, USERS.lead, { child: { name: child, dateOfBirth: '2016-01-20' } });
    const formAt = (page: Page) => page.getByTestId('next-step-form');
    const stepLink = (page: Page, title: string) => page.getByTestId('next-step').getByRole('link', { name: title, exact: true });
    const option = (page: Page, legend: string, label: string) => group(page, legend).getByLabel(label, { exact: true });
    const mother = 'Siobhán Murphy (mother)';
    const aoife = 'Aoife Byrne (Scoil Bhríde National School)';

    /** Signs in on the demo sign-in page: the person's radio with the arrow keys, the button with Enter. */
    async function keyboardSignIn(page: Page, keys: KeyboardUser, name: string): Promise<void> {
      await page.goto(`${base}/app/sign-in`);
      await keys.choose(page.getByLabel(name, { exact: true }));
      await keys.follow(page.getByRole('button', { name: 'Sign in as this person' }));
      expect(page.url()).toBe(`${base}/app/cases`);
    }
    /** From the case page, Tab to a next step's link and Enter. */
    async function openByKeys(page: Page, keys: KeyboardUser, title: string): Promise<void> {
      await keys.follow(stepLink(page, title));
      expect(await page.getByTestId('form-heading').innerText()).toBe(title);
    }
    /** Tab to "Save and continue" and Enter: the case page says it is recorded. */
    async function saveByKeys(page: Page, keys: KeyboardUser, title: string): Promise<void> {
      await keys.follow(page.getByTestId('form-submit'));
      expect({ url: page.url(), summary: await page.locator('.govuk-error-summary').count() }).toEqual({ url: expect.stringMatching(/\/app\/cases\/[0-9a-f-]{36}\?recorded=[A-Z_]+$/), summary: 0 });
      expect(await page.getByTestId('recorded-banner').innerText()).toContain(`“${title}” is recorded.`);
    }
    /** The error summary has the focus (the design system's script moves it there), visibly. */
    async function summaryFocused(page: Page, keys: KeyboardUser): Promise<void> {
      const focused = await keys.focus();
      expect(focused.className).toContain('govuk-error-summary');
      await keys.expectFocusVisible();
      expect(await page.title()).toMatch(/^Error: /);
    }

    const lead = await newPage();
    let p = lead.page;
    let keys = new KeyboardUser(p);
    try {
      await keyboardSignIn(p, keys, 'Aoife Byrne');
      // My cases to the case: its link, focused visibly (the design system's yellow).
      await keys.tabTo(p.getByTestId('case-child').filter({ hasText: child }));
      await keys.expectFocusVisible();
      await keys.enterAndWait();
      expect(await p.getByTestId('case-heading').innerText()).toBe(child);

      // 1. The request's details, sent empty first: the summary takes the focus, its link takes it to the field.
      await openByKeys(p, keys, 'Record the details of the request');
      await keys.follow(p.getByTestId('form-submit'));
      await summaryFocused(p, keys);
      const toReason = p.getByTestId('error-summary').getByRole('link', { name: 'Enter an answer to “Why is the family asking for support?”' });
      await keys.tabTo(toReason);
      await keys.expectFocusVisible();
      const href = await toReason.getAttribute('href');
      await p.keyboard.press('Enter');
      expect(`#${(await keys.focus()).id}`).toBe(href);
      expect(await keys.isFocused(p.getByLabel('Why is the family asking for support?'))).toBe(true);
      await keys.expectFocusVisible();
      await p.keyboard.type('Éabha has missed school most Mondays; her mother asked the school for help.');
      const attendance = p.getByTestId('row').nth(1);
      await keys.choose(attendance.getByLabel(/^1: /));
      await keys.expectFocusVisible();
      await keys.typeInto(attendance.getByLabel('Why', { exact: true }), 'Attendance at 70%.');
      await keys.choose(option(p, 'Was the checklist completed with the parent or carer?', 'Yes'));
      await keys.choose(option(p, 'Was the checklist completed with the child?', 'No'));
      await saveByKeys(p, keys, 'Record the details of the request');

      // 2. Consent asked; the request sent too early is refused, the rule's reason focused in the summary.
      await openByKeys(p, keys, 'Ask the family for consent');
      await saveByKeys(p, keys, 'Ask the family for consent');
      await openByKeys(p, keys, 'Send the request for support');
      await keys.follow(p.getByTestId('form-submit'));
      await summaryFocused(p, keys);
      expect(await p.getByTestId('error-summary').innerText()).toMatch(/consent/i);
      // Back up the page with Shift+Tab to the link back to the case.
      await keys.tabTo(p.getByTestId('back-to-case'), { back: true });
      await keys.enterAndWait();

      // 3. The mother's written consent: radios by arrow keys, text typed, the day's three boxes.
      await openByKeys(p, keys, 'Record consent');
      await keys.choose(option(p, 'Whose consent is this?', mother));
      await keys.choose(option(p, 'Do they have parental responsibility for the child?', 'Yes'));
      await keys.choose(option(p, 'Do they consent to take part in Meitheal?', 'Yes'));
      await keys.choose(option(p, 'Do they consent to records being kept?', 'Yes'));
      await keys.typeInto(p.getByLabel('Agencies information may be shared with'), 'Scoil Bhríde National School');
      await p.keyboard.press('Enter');
      await p.keyboard.type('Public Health Nursing');
      await keys.choose(option(p, 'Did the young person give their own consent?', 'No'));
      await keys.typeInto(p.getByLabel('If not, why was it not sought?'), 'Éabha is 10; her views are sought in the assessment.');
      await keys.typeDay(group(p, 'Day the written consent was signed'), '2', '3', '2026');
      // Enter in a text box sends the form (its default button is the form's own, not "Add another").
      await keys.enterAndWait();
      expect(await p.getByTestId('recorded-banner').innerText()).toContain('“Record consent” is recorded.');

      // 4. The request goes to the coordinator.
      await openByKeys(p, keys, 'Send the request for support');
      await saveByKeys(p, keys, 'Send the request for support');
      expect(await stateOf(opened.id)).toBe('request.submitted');
    } finally {
      await lead.context.close();
    }

    // 5. The coordinator registers it, Aoife already chosen as lead.
    const coordinator = await newPage();
    try {
      const q = coordinator.page;
      const coordinatorKeys = new KeyboardUser(q);
      await keyboardSignIn(q, coordinatorKeys, 'Deirdre Walsh');
      await q.goto(`${base}/app/cases/${opened.id}`);
      await openByKeys(q, coordinatorKeys, 'Register the request');
      expect(await option(q, 'Who will be the lead practitioner?', 'Aoife Byrne').isChecked()).toBe(true);
      await saveByKeys(q, coordinatorKeys, 'Register the request');
      expect(await stateOf(opened.id)).toBe('assessment.inProgress');
    } finally {
      await coordinator.context.close();
    }

    const back = await newPage();
    p = back.page;
    keys = new KeyboardUser(p);
    try {
      await keyboardSignIn(p, keys, 'Aoife Byrne');
      await p.goto(`${base}/app/cases/${opened.id}`);

      // 6. The assessment, completed and agreed.
      await openByKeys(p, keys, 'Record the strengths and needs assessment');
      const strength = p.getByTestId('list-strengths').getByTestId('row').first();
      await keys.choose(strength.getByLabel('How I grow and develop', { exact: true }));
      await keys.typeInto(strength.getByLabel('What it is', { exact: true }), 'Loves drawing.');
      const need = p.getByTestId('list-needs').getByTestId('row').first();
      await keys.choose(need.getByLabel('How I grow and develop', { exact: true }));
      await keys.typeInto(need.getByLabel('What it is', { exact: true }), 'Misses school on Mondays.');
      await keys.typeInto(p.getByLabel('What the family wants to be different'), 'Éabha goes to school every day');
      await keys.typeInto(group(p, "The child's views").getByLabel('In their own words'), 'I miss Dad on Mondays.');
      await keys.typeInto(group(p, "The parents' views").getByLabel('In their own words'), 'Mornings are hard.');
      await keys.typeInto(p.getByLabel('Your view as practitioner'), 'A close family; attendance first.');
      await saveByKeys(p, keys, 'Record the strengths and needs assessment');
      await openByKeys(p, keys, 'Complete the assessment');
      await saveByKeys(p, keys, 'Complete the assessment');
      await openByKeys(p, keys, 'Record that the family agreed the assessment');
      await keys.choose(option(p, 'Who in the family agreed it?', mother));
      await saveByKeys(p, keys, 'Record that the family agreed the assessment');
      expect(await stateOf(opened.id)).toBe('meeting.proposed');

      // 7. The support meeting: invited, held, minutes sent.
      await openByKeys(p, keys, 'Invite people to the support meeting');
      await keys.typeDay(group(p, 'When the meeting takes place'), '15', '4', '2026');
      await keys.typeInto(group(p, 'When the meeting takes place').getByLabel('Time', { exact: true }), '10:00');
      await keys.typeInto(p.getByLabel('Where the meeting takes place'), 'Family Resource Centre, room 2');
      await keys.choose(option(p, 'Who chairs the meeting', aoife));
      await keys.choose(option(p, 'Who takes the minutes', 'Someone else'));
      await keys.typeInto(group(p, 'Who takes the minutes').getByLabel('Their name, if someone else'), 'Ciarán Walsh');
      const invitee = p.getByTestId('list-invitees').getByTestId('row').first();
      await keys.choose(invitee.getByLabel(mother, { exact: true }));
      await keys.choose(invitee.getByRole('group', { name: 'Did the family approve this person?' }).getByLabel('Yes', { exact: true }));
      await saveByKeys(p, keys, 'Invite people to the support meeting');
      await openByKeys(p, keys, 'Record the support meeting');
      await keys.typeDay(group(p, 'Day it was held'), '2', '3', '2026');
      await keys.tick(option(p, 'Who attended', mother));
      await keys.expectFocusVisible();
      await keys.tick(option(p, 'Who attended', aoife));
      await keys.typeInto(group(p, 'Who sent apologies').getByLabel('Other people'), 'Orla Doyle');
      await saveByKeys(p, keys, 'Record the support meeting');
      await openByKeys(p, keys, 'Send out the minutes');
      await keys.typeInto(p.getByLabel('Minutes', { exact: true }), 'Agreed: breakfast club from Monday.');
      await keys.tick(option(p, 'Who the minutes were sent to', mother));
      await saveByKeys(p, keys, 'Send out the minutes');
      expect(await stateOf(opened.id)).toBe('actionPlan.drafting');

      // 8. The plan: one action, "Add another" with Enter on its button, then a second.
      await openByKeys(p, keys, 'Draft the action plan');
      const first = p.getByTestId('row').first();
      await keys.typeInto(first.getByLabel('The need or outcome it answers'), 'Éabha goes to school every day');
      await keys.typeInto(first.getByLabel('What will be done'), 'Breakfast club place from Monday.');
      await keys.choose(first.getByRole('group', { name: 'Owner' }).getByLabel(aoife, { exact: true }));
      await keys.typeInto(first.getByLabel('Their agency'), 'Scoil Bhríde National School');
      await keys.typeDay(first.getByRole('group', { name: 'Due date' }), '29', '5', '2026');
      await keys.choose(first.getByRole('group', { name: 'Where it stands' }).getByLabel('Not started', { exact: true }));
      await keys.follow(p.getByRole('button', { name: /^Add another/ }));
      expect(await p.getByTestId('row').count()).toBe(2);
      const second = p.getByTestId('row').nth(1);
      await keys.typeInto(second.getByLabel('The need or outcome it answers'), 'Mam gets some time for herself');
      await keys.typeInto(second.getByLabel('What will be done'), 'Parent support group on Wednesdays.');
      await keys.choose(second.getByRole('group', { name: 'Owner' }).getByLabel(mother, { exact: true }));
      await keys.typeDay(second.getByRole('group', { name: 'Due date' }), '6', '5', '2026');
      await keys.choose(second.getByRole('group', { name: 'Where it stands' }).getByLabel('Not started', { exact: true }));
      await keys.typeInto(group(p, "The child's views on the plan").getByLabel('In their own words'), 'Breakfast club is OK.');
      await saveByKeys(p, keys, 'Draft the action plan');

      // 9. Sent to the family, and signed off by the mother.
      await openByKeys(p, keys, 'Send the plan to the family to sign off');
      await saveByKeys(p, keys, 'Send the plan to the family to sign off');
      await openByKeys(p, keys, "Record the family's sign-off of the plan");
      await keys.choose(option(p, 'Who signed', mother));
      await keys.choose(option(p, 'They sign as', 'A parent or carer'));
      await keys.choose(option(p, 'How it was signed', 'In person'));
      // The document signed: the family's plan in English, issue 1, already chosen; Tab stops on it.
      const document = group(p, 'Which document did they sign?').getByLabel(/^The plan for the family, in English: issue 1, /);
      expect(await document.isChecked()).toBe(true);
      await keys.choose(document);
      await keys.expectFocusVisible();
      await saveByKeys(p, keys, "Record the family's sign-off of the plan");
      expect(await stateOf(opened.id)).toBe('review.scheduled');

      // 10. Two reviews, the plan continued after the first.
      for (const round of [1, 2]) {
        await openByKeys(p, keys, 'Record the review meeting');
        await keys.typeDay(group(p, 'Day the review was held'), '2', '3', '2026');
        await keys.tick(option(p, 'Who attended', mother));
        await keys.tick(option(p, 'Who attended', aoife));
        await keys.choose(option(p, 'Who chaired', aoife));
        await saveByKeys(p, keys, 'Record the review meeting');
        await openByKeys(p, keys, 'Record the review');
        const progress = p.getByTestId('list-progress').getByTestId('row');
        await keys.choose(progress.nth(0).getByRole('group', { name: 'Where it stands' }).getByLabel(round === 1 ? 'In progress' : 'Done', { exact: true }));
        await keys.typeInto(progress.nth(0).getByLabel('Note on progress'), `Attendance up (review ${round}).`);
        await keys.typeInto(group(p, "The family's views").getByLabel('In their own words'), 'Mornings are easier now.');
        await keys.typeInto(group(p, "The child's views").getByLabel('In their own words'), 'Breakfast club is class.');
        await keys.typeInto(p.getByLabel('Minutes', { exact: true }), `Review ${round}: attendance up.`);
        if (round === 1) await keys.typeDay(group(p, 'Day of the next review (if the meeting set one)'), '13', '4', '2026');
        await saveByKeys(p, keys, 'Record the review');
        if (round === 1) {
          await openByKeys(p, keys, 'Continue the plan as it is');
          await saveByKeys(p, keys, 'Continue the plan as it is');
        }
      }
      expect(await stateOf(opened.id)).toMatch(/^review\./);

      // 11. Closure: the reason from a select with the arrow keys, the closing meeting, feedback, closed.
      await openByKeys(p, keys, 'Propose closing the case');
      await keys.select(p.getByLabel('Why does the case close?'), 'The needs are met');
      await keys.expectFocusVisible();
      await saveByKeys(p, keys, 'Propose closing the case');
      await openByKeys(p, keys, 'Record the closing meeting');
      await keys.typeDay(group(p, 'Day the closing meeting was held'), '2', '3', '2026');
      await keys.tick(option(p, 'Who attended', mother));
      await keys.choose(option(p, 'Who chaired', aoife));
      await saveByKeys(p, keys, 'Record the closing meeting');
      await openByKeys(p, keys, "Record the family's feedback");
      await keys.typeInto(group(p, "The family's feedback").getByLabel('In their own words'), 'Everyone around one table made the difference.');
      await keys.typeInto(group(p, "The child's feedback").getByLabel('Or: why their view could not be recorded'), 'Did not want to talk about it on the day.');
      await keys.typeInto(p.getByLabel('Minutes of the closing meeting'), 'The plan has done its work.');
      await saveByKeys(p, keys, "Record the family's feedback");
      await openByKeys(p, keys, 'Close the case');
      await keys.tabTo(p.getByTestId('form-submit'));
      await keys.expectFocusVisible();
      await keys.enterAndWait();
      expect(await stateOf(opened.id)).toBe('closed');
      expect(await p.getByTestId('case-status').innerText()).toBe('Closed');
      expect(await formAt(p).count()).toBe(0);
    } finally {
      await back.context.close();
    }
  }, 300_000);

  it('checked every form page it visited', () => {
    expect([...visited.keys()].length).toBeGreaterThanOrEqual(57);
  });
});
