/**
 * The next step as a form in a real browser (issue 15 §5): Debian's Chromium through
 * playwright-core, the app on a loopback port with the demo area seeded. A lead practitioner takes
 * a new case from the request for support through the forms (details, consent asked, consent
 * recorded, the request sent, after a form sent with mistakes); the coordinator registers it; the
 * lead records the assessment, has it agreed, invites to and records the support meeting, sends the
 * minutes, drafts a plan of two actions ("Add another"), sends it for sign-off and records the
 * family's sign-off. With JavaScript on and with JavaScript off; part of it with the keyboard only.
 * Every form page and error state is checked with axe (WCAG 2.2 AA tags: no serious or critical
 * issue) and kept as a screenshot at 1280 and 390 pixels wide under reports/pages/.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, checkPage, freePort, LAUNCH_ARGS, REPORTS } from './support/page-checks';
import { journeyTo, seedDemo } from '../e2e/support/api';
import { drive, openCase, startHarness, USERS, type Harness } from '../e2e/support/harness';


describe('the next-step forms in Chromium', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  /** Each page checked by axe and photographed: name → serious or critical violations. */
  const visited = new Map<string, string[]>();

  beforeAll(async () => {
    mkdirSync(REPORTS, { recursive: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await startHarness({ PUBLIC_URL: base, ORGANISATION_NAME: 'Dublin South Central Family Support Network' });
    await seedDemo(h.app);
    await h.app.listen({ port, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

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

  it('keyboard only: consent asked and the request sent from the case page, never touching the mouse', async () => {
    const opened = await openCase(h, USERS.lead, { child: { name: 'Éabha Kinsella', dateOfBirth: '2016-01-20' } });
    const res = await h.http.post(`/cases/${opened.id}/events`).auth(await h.token(USERS.lead), { type: 'bearer' }).send({ type: 'RECORD_REQUEST_DETAILS', reasonForRequest: 'Asked for by her mother.' });
    expect(res.status).toBe(200);
    const { context, page } = await newPage();
    const tabTo = async (selector: string, max = 80): Promise<void> => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if ((await page.locator(`${selector}:focus`).count()) > 0) return;
      }
      throw new Error(`${selector} was not reached with Tab`);
    };
    try {
      await signInAs(page, 'Aoife Byrne');
      await page.goto(`${base}/app/cases/${opened.id}`);
      await tabTo(`a[href="/app/cases/${opened.id}/next/REQUEST_CONSENT"]`);
      await navigates(page, () => page.keyboard.press('Enter'));
      await tabTo('[data-testid="form-submit"]');
      await navigates(page, () => page.keyboard.press('Enter'));
      expect(await page.getByTestId('recorded-banner').innerText()).toContain('“Ask the family for consent” is recorded.');
      expect(await stateOf(opened.id)).toBe('request.awaitingConsent');

      // The consent form by keyboard: radios with the arrow keys, text typed, the form sent with Enter.
      await tabTo(`a[href="/app/cases/${opened.id}/next/RECORD_CONSENT"]`);
      await navigates(page, () => page.keyboard.press('Enter'));
      await tabTo('input[name="givenBy.person"]');
      const options = await page.locator('input[name="givenBy.person"]').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { labels: Array<{ textContent: string }> }).labels[0]?.textContent ?? ''));
      const mother = options.findIndex((text) => text.startsWith('Siobhán Murphy'));
      await page.keyboard.press('Space');
      for (let i = 0; i < mother; i++) await page.keyboard.press('ArrowDown');
      expect(await page.locator('input[name="givenBy.person"]:checked').evaluate((input) => (input as unknown as { labels: Array<{ textContent: string }> }).labels[0]?.textContent)).toContain('Siobhán Murphy');
      for (const name of ['givenBy.hasParentalResponsibility', 'scopes.takePart', 'scopes.keepRecords']) {
        await tabTo(`input[name="${name}"]`);
        await page.keyboard.press('Space');
      }
      await tabTo('textarea[name="scopes.shareWithAgencies"]');
      await page.keyboard.type('Scoil Bhríde National School');
      await tabTo('input[name="youngPersonConsent.given"]');
      await page.keyboard.press('ArrowRight');
      await tabTo('textarea[name="youngPersonConsent.reasonNotSought"]');
      await page.keyboard.type('Too young to be asked.');
      await tabTo('input[name="signedOn.day"]');
      await page.keyboard.type('2');
      await page.keyboard.press('Tab');
      await page.keyboard.type('3');
      await page.keyboard.press('Tab');
      await page.keyboard.type('2026');
      // Enter in a text box sends the form (its default button is the form's own, not "Add another").
      await navigates(page, () => page.keyboard.press('Enter'));
      expect(await page.getByTestId('recorded-banner').innerText()).toContain('“Record consent” is recorded.');

      await tabTo(`a[href="/app/cases/${opened.id}/next/SUBMIT_REQUEST"]`);
      await navigates(page, () => page.keyboard.press('Enter'));
      await tabTo('[data-testid="form-submit"]');
      await navigates(page, () => page.keyboard.press('Enter'));
      expect(await stateOf(opened.id)).toBe('request.submitted');
    } finally {
      await context.close();
    }
  });

  it('checked every form page it visited', () => {
    expect([...visited.keys()].length).toBeGreaterThanOrEqual(57);
  });
});
