/**
 * The next step as a form (issue 15 §5) over HTTP, on the assembled app with the demo area seeded:
 * the case page lists what the person may do next, each linking to a form built from the event's
 * declaration; a form sent records the event as the signed-in person (the case moves on, its
 * history shows it); bad input, a rule's refusal and a stale version each show the form again,
 * with the error summary and what was typed, and write nothing; a double submit records once; a
 * form without its token is refused; someone who may not see the case gets the case page's 404.
 */
import type { Response } from 'supertest';
import { drive, openCase, pageSession, pageSessions, send, startHarness, USERS, type Harness, textOf } from './support/harness';
import { journeyTo, sampleEvent, seedDemo } from './support/api';

/** The value of a hidden field of the form on a page. */
const hidden = (html: string, name: string): string => {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) throw new Error(`no hidden ${name} on the page`);
  return value;
};

/** The error summary's items: text and where each links. */
const summaryOf = (html: string): Array<{ text: string; href: string | null }> => {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => ({ text: textOf(m[1] as string), href: /href="([^"]+)"/.exec(m[1] as string)?.[1] ?? null }));
};


/** HTML's few entities our views write, back to text. */
const unescape = (text: string): string => text.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** What a browser would send of the next-step form on a page as it stands: inputs (checked ones only), textareas, selects. The CSRF token is left to the sender. */
function formFields(html: string): Array<[string, string]> {
  const form = /<form method="post" action="[^"]*\/next\/[^"]*"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const fields: Array<[string, string]> = [];
  const attr = (attrs: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
  for (const [, attrs = ''] of form.matchAll(/<input ([^>]*)>/g)) {
    const name = attr(attrs, 'name');
    const type = attr(attrs, 'type');
    if (name === undefined || name === '_csrf' || ((type === 'radio' || type === 'checkbox') && !/\schecked\b/.test(attrs))) continue;
    fields.push([name, unescape(attr(attrs, 'value') ?? '')]);
  }
  for (const [, attrs = '', content = ''] of form.matchAll(/<textarea ([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attr(attrs, 'name');
    if (name !== undefined) fields.push([name, unescape(content)]);
  }
  for (const [, attrs = '', options = ''] of form.matchAll(/<select ([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attr(attrs, 'name');
    const selected = /<option value="([^"]*)"[^>]*\sselected/.exec(options)?.[1];
    if (name !== undefined) fields.push([name, unescape(selected ?? '')]);
  }
  return fields;
}

describe('pages: the next step as a form', () => {
  let h: Harness;
  const session = pageSessions(() => h);
  async function page(who: string, path: string): Promise<Response> {
    return h.http.get(path).set('cookie', (await session(who)).cookie);
  }
  /** Sends a form as a browser does (urlencoded, repeated names for checkboxes), with the session's token unless `withToken` is false. */
  async function post(who: string, path: string, fields: Record<string, string | string[]>, { withToken = true } = {}): Promise<Response> {
    const s = await session(who);
    const form = new URLSearchParams();
    if (withToken) form.append('_csrf', s.csrf);
    for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
    return h.http.post(path).set('cookie', s.cookie).type('form').send(form.toString());
  }
  /** Opens the form, then sends it with `fields` and the form's own key and version. */
  async function fill(who: string, caseId: string, type: string, fields: Record<string, string | string[]>): Promise<{ form: Response; sent: Response }> {
    const form = await page(who, `/app/cases/${caseId}/next/${type}`);
    expect({ type, status: form.status }).toEqual({ type, status: 200 });
    const sent = await post(who, `/app/cases/${caseId}/next/${type}`, { _key: hidden(form.text, '_key'), _version: hidden(form.text, '_version'), ...fields });
    return { form, sent };
  }
  /** Opens the form and sends it as a browser would: what the form holds (its defaults, hidden rows), with `changes` typed over it. */
  async function complete(who: string, caseId: string, type: string, changes: Record<string, string | string[]>): Promise<Response> {
    const form = await page(who, `/app/cases/${caseId}/next/${type}`);
    expect({ type, status: form.status }).toEqual({ type, status: 200 });
    const s = await session(who);
    const body = new URLSearchParams([['_csrf', s.csrf]]);
    for (const [name, value] of formFields(form.text)) if (!(name in changes)) body.append(name, value);
    for (const [name, value] of Object.entries(changes)) for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
    const sent = await h.http.post(`/app/cases/${caseId}/next/${type}`).set('cookie', s.cookie).type('form').send(body.toString());
    expect({ type, status: sent.status, summary: summaryOf(sent.text) }).toEqual({ type, status: 303, summary: [] });
    return sent;
  }
  const api = async (who: string, path: string): Promise<Response> => h.http.get(path).auth(await h.token(who), { type: 'bearer' });
  const caseOf = async (id: string) => (await api(USERS.lead, `/cases/${id}`)).body as { version: number; state: string; allowedEvents: string[]; familyMembers: Array<{ id: string; name: string }>; childPersonId: string };
  const historyOf = async (id: string) => ((await api(USERS.lead, `/cases/${id}/history`)).body.events as Array<{ eventType: string }>).map((e) => e.eventType);

  beforeAll(async () => {
    h = await startHarness();
    await seedDemo(h.app);
  });
  afterAll(() => h?.close());

  it('the case page lists what the person may do next, each linking to its form; a form renders for every allowed event of every demo case, for each person', async () => {
    let forms = 0;
    const types = new Set<string>();
    for (const who of [USERS.lead, USERS.otherLead, USERS.coordinator, USERS.dlp, USERS.agency]) {
      const listed = (await api(who, '/cases?limit=100')).body.items as Array<{ id: string }>;
      for (const { id } of listed) {
        const found = (await api(who, `/cases/${id}`)).body as { version: number; allowedEvents: string[] };
        const casePage = await page(who, `/app/cases/${id}`);
        const links = [...casePage.text.matchAll(new RegExp(`href="/app/cases/${id}/next/([A-Z_]+)"`, 'g'))].map((m) => m[1]);
        expect({ who, id, links: [...links].sort() }).toEqual({ who, id, links: [...found.allowedEvents].sort() });
        for (const type of found.allowedEvents) {
          const res = await page(who, `/app/cases/${id}/next/${type}`);
          expect({ who, id, type, status: res.status, store: res.headers['cache-control'] }).toEqual({ who, id, type, status: 200, store: 'no-store' });
          expect(res.text).toContain('name="_csrf"');
          expect(hidden(res.text, '_version')).toBe(String(found.version));
          expect(hidden(res.text, '_key')).toMatch(/^[0-9a-f-]{36}$/);
          // Every input is labelled (a label for its id).
          for (const inputId of [...res.text.matchAll(/<(?:input|textarea|select) class="govuk-[a-z-]+(?: [^"]*)?" id="([^"]+)"/g)].map((m) => m[1])) {
            expect({ type, inputId, labelled: res.text.includes(`for="${inputId}"`) }).toEqual({ type, inputId, labelled: true });
          }
          // No id twice on a page.
          const ids = [...res.text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
          expect({ type, duplicated: ids.filter((x, i) => ids.indexOf(x) !== i) }).toEqual({ type, duplicated: [] });
          types.add(type);
          forms++;
        }
      }
    }
    expect(forms).toBeGreaterThan(30);
    expect(types.size).toBeGreaterThan(12);
  });

  it('a case waiting on a rule says why, in plain words, beside the step', async () => {
    const { id } = await openCase(h, USERS.lead);
    await drive(h, id, journeyTo('request.awaitingConsent', USERS.lead));
    const text = textOf((await page(USERS.lead, `/app/cases/${id}`)).text);
    expect(text).toContain('What you can do next');
    expect(text).toMatch(/Send the request for support Why it cannot be done yet: .*consent/i);
    expect(text).toContain('“Record consent”');
    expect(text).not.toMatch(/\bRECORD_CONSENT\b/);
  });

  it('a form sent records the event as the person signed in: the case moves on, its history and page show it', async () => {
    const { id } = await openCase(h, USERS.lead);
    const before = await caseOf(id);
    const { sent } = await fill(USERS.lead, id, 'RECORD_REQUEST_DETAILS', {
      reasonForRequest: 'Attendance has fallen since the move; Mam asked the school for help.',
      'preRequestChecklist.ratings._rows': '5',
      'preRequestChecklist.ratings.0.outcome': 'activeAndHealthy',
      'preRequestChecklist.ratings.0.rating': '2',
      'preRequestChecklist.ratings.0.reason': 'Sleeps badly.',
      'preRequestChecklist.ratings.1.outcome': 'achievingFullPotential',
      'preRequestChecklist.completedWithParent': 'yes',
      'preRequestChecklist.completedWithChild': 'no',
    });
    expect({ status: sent.status, location: sent.headers.location }).toEqual({ status: 303, location: `/app/cases/${id}?recorded=RECORD_REQUEST_DETAILS` });
    const after = await caseOf(id);
    expect(after.version).toBe(before.version + 1);
    const record = (await api(USERS.lead, `/cases/${id}`)).body.record as { request: { reasonForRequest: string; preRequestChecklist: { ratings: unknown[]; completedWithParent: boolean } } };
    expect(record.request.reasonForRequest).toBe('Attendance has fallen since the move; Mam asked the school for help.');
    // The blank rows (an outcome the form filled in, nothing rated) are left out.
    expect(record.request.preRequestChecklist).toEqual({ ratings: [{ outcome: 'activeAndHealthy', rating: 2, reason: 'Sleeps badly.' }], completedWithParent: true, completedWithChild: false });
    expect(await historyOf(id)).toContain('RECORD_REQUEST_DETAILS');
    const history = (await api(USERS.lead, `/cases/${id}/history`)).body.events as Array<{ eventType: string; actor: { id: string } }>;
    expect(history.find((e) => e.eventType === 'RECORD_REQUEST_DETAILS')?.actor.id).toBe(USERS.lead);
    const shown = textOf((await page(USERS.lead, `/app/cases/${id}?recorded=RECORD_REQUEST_DETAILS`)).text);
    expect(shown).toContain('“Record the details of the request” is recorded.');
    expect(shown).toContain('Aoife Byrne recorded the details of the request');
  });

  it('the first steps of a request, form by form: consent asked, recorded for the mother (a person chosen, scopes, a date), the request sent', async () => {
    const { id } = await openCase(h, USERS.lead);
    await fill(USERS.lead, id, 'RECORD_REQUEST_DETAILS', { reasonForRequest: 'Struggling since a bereavement.' });
    expect((await fill(USERS.lead, id, 'REQUEST_CONSENT', {})).sent.status).toBe(303);
    const mother = (await caseOf(id)).familyMembers.find((m) => m.name === 'Siobhán Murphy');
    const consent = await fill(USERS.lead, id, 'RECORD_CONSENT', {
      'givenBy.person': mother?.id ?? '',
      'givenBy.hasParentalResponsibility': 'yes',
      'scopes.takePart': 'yes',
      'scopes.keepRecords': 'yes',
      'scopes.shareWithAgencies': 'Scoil Bhríde National School\r\nPublic Health Nursing\r\n',
      'youngPersonConsent.given': 'no',
      'youngPersonConsent.reasonNotSought': 'Seán is 7.',
      'signedOn.day': '2',
      'signedOn.month': '3',
      'signedOn.year': '2026',
    });
    expect({ status: consent.sent.status, summary: summaryOf(consent.sent.text) }).toEqual({ status: 303, summary: [] });
    const record = (await api(USERS.lead, `/cases/${id}`)).body.record as { consents: Array<{ key: string; givenBy: { name: string; personId: string }; scopes: { shareWithAgencies: string[] }; signedOn: string }> };
    expect(record.consents).toHaveLength(1);
    expect(record.consents[0]).toMatchObject({
      key: `person:${mother?.id}`,
      givenBy: { name: 'Siobhán Murphy', personId: mother?.id },
      scopes: { takePart: true, keepRecords: true, shareWithAgencies: ['Scoil Bhríde National School', 'Public Health Nursing'] },
      signedOn: '2026-03-02',
    });
    expect((await fill(USERS.lead, id, 'SUBMIT_REQUEST', {})).sent.status).toBe(303);
    expect((await caseOf(id)).state).toBe('request.submitted');
  });

  it('the rest of the journey, form by form: a concern raised and returned by the liaison person, two reviews, the closing meeting, feedback and closure', async () => {
    const { id } = await openCase(h, USERS.lead);
    await drive(h, id, journeyTo('review.scheduled', USERS.lead));
    const mother = (await caseOf(id)).familyMembers.find((m) => m.name === 'Siobhán Murphy')?.id ?? '';
    const day = (name: string, d: string, m: string, y: string) => ({ [`${name}.day`]: d, [`${name}.month`]: m, [`${name}.year`]: y });

    // A concern is raised (the case is on hold), and the designated liaison person takes it to its outcome: back to early intervention.
    await complete(USERS.lead, id, 'RAISE_CONCERN', {
      category: 'neglect',
      mandatedReport: 'yes',
      observed: 'Arrived without a coat for the third day running.',
      'immediateSafety.childSafeNow': 'yes',
      'immediateSafety.actionTaken': 'Stayed in school with the class teacher.',
    });
    expect((await caseOf(id)).state).toBe('escalation.raised');
    await complete(USERS.dlp, id, 'CONSULT_LIAISON', { 'liaison.person': USERS.dlp, advice: 'Report to Tusla today through the portal.' });
    await complete(USERS.dlp, id, 'SUBMIT_REPORT', { statutoryService: 'Tusla Social Work, Dublin South Central', method: 'portal', statutoryReference: 'TUS-2026-000001', jointReport: 'no', parentsInformed: 'yes' });
    await complete(USERS.dlp, id, 'ACKNOWLEDGE_REPORT', { reference: 'TUS-2026-000001' });
    await complete(USERS.dlp, id, 'RECORD_CONCERN_OUTCOME', { outcome: 'returnToEarlyIntervention', notes: 'Screened; family support continues.' });
    expect((await caseOf(id)).state).toBe('review.scheduled');

    // Two reviews: progress on each action of the plan (a row each, filled in by the form), the ratings again (a row per outcome).
    for (const [round, next] of [[1, day('nextReviewOn', '13', '4', '2026')], [2, {}]] as const) {
      await complete(USERS.lead, id, 'HOLD_REVIEW', { ...day('heldOn', '2', '3', '2026'), attendance: [mother, USERS.lead], 'apologies.others': 'Orla Doyle', 'chair.person': USERS.lead });
      const review = await page(USERS.lead, `/app/cases/${id}/next/RECORD_REVIEW`);
      expect(formFields(review.text).filter(([name]) => /^progress\.\d+\.actionId$/.test(name)).map(([, value]) => value)).toEqual(['a1', 'a2']);
      await complete(USERS.lead, id, 'RECORD_REVIEW', {
        'progress.0.status': round === 1 ? 'inProgress' : 'done',
        'progress.0.note': `Attendance up (review ${round}).`,
        'progress.1.status': 'inProgress',
        'progress.1.note': 'Goes most weeks.',
        'ratings.1.rating': '3',
        'ratings.1.reason': 'Attendance at 94%.',
        'familyViews.words': 'Mornings are easier now.',
        'childViews.words': 'Breakfast club is class.',
        minutes: `Review ${round}: attendance up; breakfast club continues.`,
        ...next,
      });
      if (round === 1) await complete(USERS.lead, id, 'CONTINUE_PLAN', {});
    }
    const review = ((await api(USERS.lead, `/cases/${id}`)).body.record as { review: { recorded: number; current: { record: { progress: Array<{ actionId: string; status: string }>; ratings: unknown[] } | null } } }).review;
    expect(review.recorded).toBe(2);
    expect(review.current.record?.progress).toEqual([
      { actionId: 'a1', status: 'done', note: 'Attendance up (review 2).' },
      { actionId: 'a2', status: 'inProgress', note: 'Goes most weeks.' },
    ]);
    expect(review.current.record?.ratings).toEqual([{ outcome: 'achievingFullPotential', rating: 3, reason: 'Attendance at 94%.' }]);

    // Closure: proposed (needs met), the closing meeting, the family's and the child's feedback, closed.
    await complete(USERS.lead, id, 'PROPOSE_CLOSURE', { reason: 'needsMet' });
    await complete(USERS.lead, id, 'HOLD_CLOSING_MEETING', { ...day('heldOn', '2', '3', '2026'), attendance: [mother, USERS.lead], 'chair.person': USERS.lead });
    await complete(USERS.lead, id, 'RECORD_CLOSURE_FEEDBACK', {
      'familyFeedback.words': 'Having everyone around one table made the difference.',
      'childFeedback.reasonNotRecorded': 'Did not want to talk about it on the day.',
      'finalRatings.1.rating': '3',
      'finalRatings.1.reason': 'At school every day.',
      onwardReferrals: 'Local youth club',
      minutes: 'Present: Mam and the lead practitioner. The plan has done its work.',
    });
    await complete(USERS.lead, id, 'CLOSE_CASE', {});
    const closed = await caseOf(id);
    expect(closed.state).toBe('closed');
    const history = await historyOf(id);
    for (const type of ['RAISE_CONCERN', 'CONSULT_LIAISON', 'SUBMIT_REPORT', 'ACKNOWLEDGE_REPORT', 'RECORD_CONCERN_OUTCOME', 'HOLD_REVIEW', 'RECORD_REVIEW', 'CONTINUE_PLAN', 'PROPOSE_CLOSURE', 'HOLD_CLOSING_MEETING', 'RECORD_CLOSURE_FEEDBACK', 'CLOSE_CASE']) {
      expect({ type, recorded: history.includes(type) }).toEqual({ type, recorded: true });
    }
    // A closed case offers nothing more to do.
    expect(textOf((await page(USERS.lead, `/app/cases/${id}`)).text)).toContain('There is nothing for you to do on this case now.');
  });

  it('bad input shows the error summary, each error beside its field, what was typed, and writes nothing', async () => {
    const { id } = await openCase(h, USERS.lead);
    await drive(h, id, journeyTo('request.awaitingConsent', USERS.lead));
    const before = await caseOf(id);
    const typed = 'Niamh Kelly, school completion programme';
    const { sent } = await fill(USERS.lead, id, 'RECORD_CONSENT', {
      'scopes.takePart': 'yes',
      'scopes.contactPractitioner': typed,
      'signedOn.day': '31',
      'signedOn.month': '2',
      'signedOn.year': '2026',
    });
    expect(sent.status).toBe(400);
    expect(sent.headers['cache-control']).toBe('no-store');
    const summary = summaryOf(sent.text);
    expect(summary).toEqual(
      expect.arrayContaining([
        { text: 'Choose an answer to “Whose consent is this?”', href: '#givenBy-person' },
        { text: 'Answer “The young person\'s own consent”', href: '#youngPersonConsent-given' },
        { text: 'Choose an answer to “Do they consent to records being kept?”', href: '#scopes-keepRecords' },
        { text: '“Day the written consent was signed” must be a real date', href: '#signedOn-day' },
      ]),
    );
    // Each link goes to a field on the page, whose error is beside it.
    for (const item of summary) {
      expect(sent.text).toContain(`id="${item.href?.slice(1)}"`);
    }
    expect(textOf(sent.text)).toContain('Error: “Day the written consent was signed” must be a real date');
    expect(sent.text).toMatch(/<title>Error: Record consent/);
    expect(sent.text).toContain(`value="${typed}"`);
    expect(sent.text).toMatch(/id="signedOn-day" name="signedOn.day" type="text" inputmode="numeric" value="31"/);
    expect(sent.text).toMatch(/id="scopes-takePart" name="scopes.takePart" type="radio" value="yes" checked/);
    // The language switch on the form shown again comes back to the form.
    expect(sent.text).toContain(`name="back" value="/app/cases/${id}/next/RECORD_CONSENT"`);
    const after = await caseOf(id);
    expect(after.version).toBe(before.version);
  });

  it('a rule that refuses the step shows its reasons in plain words, and writes nothing', async () => {
    const { id } = await openCase(h, USERS.lead);
    await drive(h, id, journeyTo('request.awaitingConsent', USERS.lead));
    const before = await caseOf(id);
    const { sent } = await fill(USERS.lead, id, 'SUBMIT_REQUEST', {});
    expect(sent.status).toBe(422);
    const summary = summaryOf(sent.text);
    expect(summary.length).toBeGreaterThan(0);
    expect(summary.map((s) => s.text).join(' ')).toMatch(/consent/i);
    expect(summary.map((s) => s.text).join(' ')).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
    expect((await caseOf(id)).version).toBe(before.version);
  });

  it("the sign-off form asks which document was signed: the current plan's, in each language, the family's latest chosen; an earlier plan's is refused in plain words beside the choice", async () => {
    const { id } = await openCase(h, USERS.lead);
    await drive(h, id, journeyTo('actionPlan.awaitingFamilySignOff', USERS.lead));
    type Listed = { kind: string; audience: string; locale: string; version: number; sha256: string };
    const plans = async (): Promise<Listed[]> => ((await api(USERS.lead, `/cases/${id}/documents`)).body.items as Listed[]).filter((d) => d.kind === 'actionPlan');
    const [earlier] = (await plans()).filter((d) => d.audience === 'family' && d.locale === 'en');
    // The family asks for changes (issue 2 records them); version 2 is drafted and sent: its documents are issue 3.
    expect((await send(h, id, { type: 'REQUEST_PLAN_CHANGES', changesRequested: 'Wednesdays, not Tuesdays.' }, USERS.lead)).status).toBe(200);
    expect((await send(h, id, sampleEvent('DRAFT_PLAN'), USERS.lead)).status).toBe(200);
    expect((await send(h, id, sampleEvent('SUBMIT_PLAN_FOR_SIGN_OFF'), USERS.lead)).body.state).toBe('actionPlan.awaitingFamilySignOff');
    const current = (await plans()).filter((d) => d.version === 3);
    const family = current.find((d) => d.audience === 'family' && d.locale === 'en');
    expect({ earlier: earlier?.version, family: family?.version }).toEqual({ earlier: 1, family: 3 });

    const form = await page(USERS.lead, `/app/cases/${id}/next/SIGN_OFF_PLAN`);
    const offered = [...form.text.matchAll(/name="documentSha256" type="radio" value="([0-9a-f]{64})"/g)].map((m) => m[1]);
    expect(new Set(offered)).toEqual(new Set(current.map((d) => d.sha256)));
    expect(offered).not.toContain(earlier?.sha256);
    expect(textOf(form.text)).toContain('The plan for the family, in English: issue 3, Monday 2 March 2026');
    expect(formFields(form.text)).toContainEqual(['documentSha256', family?.sha256]);

    // An earlier plan's document (a form kept open, a paper copy of the old plan): refused, said in plain words beside the choice.
    const mother = (await caseOf(id)).familyMembers.find((m) => m.name === 'Siobhán Murphy');
    const signed = { planVersion: '2', 'signedBy.person': mother?.id ?? '', 'signedBy.as': 'parentCarer', method: 'inPerson' };
    const before = await caseOf(id);
    const { sent } = await fill(USERS.lead, id, 'SIGN_OFF_PLAN', { ...signed, documentSha256: earlier?.sha256 ?? '' });
    expect(sent.status).toBe(422);
    expect(summaryOf(sent.text)).toEqual([
      { text: 'The document signed is an earlier plan: issue 1 of it, sent for version 1, while the plan is now at version 2. Show the family the plan of version 2 and record their sign-off of it.', href: '#documentSha256' },
    ]);
    expect((await caseOf(id)).version).toBe(before.version);

    // The form as shown, sent: the family's document of version 2 is the one the sign-off names.
    await complete(USERS.lead, id, 'SIGN_OFF_PLAN', { 'signedBy.person': mother?.id ?? '', 'signedBy.as': 'parentCarer', method: 'inPerson' });
    const record = (await api(USERS.lead, `/cases/${id}`)).body.record as { plan: { signOffs: Array<{ document: { sha256: string } | null }> } };
    expect(record.plan.signOffs.map((s) => s.document?.sha256)).toEqual([family?.sha256]);
  });

  it('a new action of the plan starts as "not started", on the first row and on a row added', async () => {
    const { id } = await openCase(h, USERS.lead);
    await drive(h, id, journeyTo('actionPlan.drafting', USERS.lead));
    const form = await page(USERS.lead, `/app/cases/${id}/next/DRAFT_PLAN`);
    expect(formFields(form.text)).toContainEqual(['actions.0.status', 'notStarted']);
    const added = await post(USERS.lead, `/app/cases/${id}/next/DRAFT_PLAN`, { _key: hidden(form.text, '_key'), _version: hidden(form.text, '_version'), 'actions._rows': '1', 'actions.0.status': 'inProgress', _add: 'actions' });
    expect(formFields(added.text).filter(([name]) => name.endsWith('.status'))).toEqual([['actions.0.status', 'inProgress'], ['actions.1.status', 'notStarted']]);
    // Sent with only the first row written, the second (only its default) is a blank row, left out.
    await complete(USERS.lead, id, 'DRAFT_PLAN', {
      'actions._rows': '2',
      'actions.0.answers': 'School every day',
      'actions.0.what': 'Breakfast club place from Monday.',
      'actions.1.status': 'notStarted',
      'childViews.words': 'OK.',
    });
    const plan = (await api(USERS.lead, `/cases/${id}`)).body.record.plan as { actions: Array<{ what: string; status: string }> };
    expect(plan.actions.map((a) => [a.what, a.status])).toEqual([['Breakfast club place from Monday.', 'notStarted']]);
  });

  it('a meeting recorded as held before the day it was arranged: the form says so beside the day, and writes nothing', async () => {
    const { id } = await openCase(h, USERS.lead);
    const steps = journeyTo('meeting.invited', USERS.lead);
    await drive(h, id, steps.slice(0, -1));
    try {
      h.clock.set('2026-03-09T09:00:00.000Z');
      expect((await send(h, id, steps[steps.length - 1]?.event ?? {}, USERS.lead)).status).toBe(200);
      const before = await caseOf(id);
      // A session of its own, signed in a week on (the shared one would be idle that long and end).
      const own = await pageSession(h, USERS.lead);
      const form = await h.http.get(`/app/cases/${id}/next/HOLD_MEETING`).set('cookie', own.cookie);
      const body = new URLSearchParams([['_csrf', own.csrf], ['_key', hidden(form.text, '_key')], ['_version', hidden(form.text, '_version')], ['heldOn.day', '5'], ['heldOn.month', '3'], ['heldOn.year', '2026'], ['attendance', before.familyMembers[0]?.id ?? '']]);
      const sent = await h.http.post(`/app/cases/${id}/next/HOLD_MEETING`).set('cookie', own.cookie).type('form').send(body.toString());
      expect(sent.status).toBe(400);
      expect(summaryOf(sent.text)).toEqual([
        { text: '“Day it was held” is 2026-03-05, before 2026-03-09: the day the meeting was arranged (its invitations recorded); a meeting is held on or after it: check the day', href: '#heldOn-day' },
      ]);
      expect((await caseOf(id)).version).toBe(before.version);
    } finally {
      h.clock.set('2026-03-02T09:00:00.000Z');
    }
  });

  it('a form opened before someone else changed the case says so, and overwrites nothing', async () => {
    const { id } = await openCase(h, USERS.lead);
    const form = await page(USERS.lead, `/app/cases/${id}/next/RECORD_REQUEST_DETAILS`);
    // Someone else records the details meanwhile (through the API).
    expect((await send(h, id, { type: 'RECORD_REQUEST_DETAILS', reasonForRequest: 'Recorded by a colleague first.' }, USERS.lead)).status).toBe(200);
    const moved = await caseOf(id);
    const sent = await post(USERS.lead, `/app/cases/${id}/next/RECORD_REQUEST_DETAILS`, { _key: hidden(form.text, '_key'), _version: hidden(form.text, '_version'), reasonForRequest: 'My own words, typed in the form.' });
    expect(sent.status).toBe(409);
    expect(summaryOf(sent.text)).toEqual([{ text: 'Someone changed this case since you opened this form: check the case, then try again', href: `/app/cases/${id}` }]);
    expect(sent.text).toContain('My own words, typed in the form.');
    expect(textOf(sent.text)).toContain('Open this form again with the case as it is now');
    const after = await caseOf(id);
    expect(after.version).toBe(moved.version);
    expect(((await api(USERS.lead, `/cases/${id}`)).body.record as { request: { reasonForRequest: string } }).request.reasonForRequest).toBe('Recorded by a colleague first.');
  });

  it('a double submit (the same key) records once, and both answers go to the case', async () => {
    const { id } = await openCase(h, USERS.lead);
    const form = await page(USERS.lead, `/app/cases/${id}/next/RECORD_REQUEST_DETAILS`);
    const fields = { _key: hidden(form.text, '_key'), _version: hidden(form.text, '_version'), reasonForRequest: 'Sent twice by a double click.' };
    const [first, second] = await Promise.all([post(USERS.lead, `/app/cases/${id}/next/RECORD_REQUEST_DETAILS`, fields), post(USERS.lead, `/app/cases/${id}/next/RECORD_REQUEST_DETAILS`, fields)]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.headers.location).toBe(first.headers.location);
    expect((await historyOf(id)).filter((type) => type === 'RECORD_REQUEST_DETAILS')).toHaveLength(1);
  });

  it('a form without its token is refused (403) and writes nothing', async () => {
    const { id } = await openCase(h, USERS.lead);
    const form = await page(USERS.lead, `/app/cases/${id}/next/RECORD_REQUEST_DETAILS`);
    const before = await caseOf(id);
    const sent = await post(USERS.lead, `/app/cases/${id}/next/RECORD_REQUEST_DETAILS`, { _key: hidden(form.text, '_key'), _version: hidden(form.text, '_version'), reasonForRequest: 'No token.' }, { withToken: false });
    expect(sent.status).toBe(403);
    expect(textOf(sent.text)).toContain('This form has expired');
    expect((await caseOf(id)).version).toBe(before.version);
  });

  it('someone who may not see the case gets the same 404 as the case page, for the form and for sending it', async () => {
    const { id } = await openCase(h, USERS.lead);
    const unknown = '3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f';
    const casePage = await page(USERS.otherLead, `/app/cases/${unknown}`);
    const form = await page(USERS.otherLead, `/app/cases/${id}/next/RECORD_REQUEST_DETAILS`);
    expect(form.status).toBe(404);
    expect(form.text.replaceAll(`/app/cases/${id}/next/RECORD_REQUEST_DETAILS`, `/app/cases/${unknown}`)).toBe(casePage.text);
    const before = await caseOf(id);
    const sent = await post(USERS.otherLead, `/app/cases/${id}/next/RECORD_REQUEST_DETAILS`, { _key: 'k-1', _version: String(before.version), reasonForRequest: 'Not my case.' });
    expect(sent.status).toBe(404);
    expect(textOf(sent.text)).toContain('Page not found');
    expect((await caseOf(id)).version).toBe(before.version);
    // An event that is no event, and a step not open now.
    expect((await page(USERS.lead, `/app/cases/${id}/next/NOT_AN_EVENT`)).status).toBe(404);
    const notNow = await page(USERS.lead, `/app/cases/${id}/next/CLOSE_CASE`);
    expect(notNow.status).toBe(409);
    expect(textOf(notNow.text)).toContain('This step cannot be done now');
  });

  it('"Add another" shows one more row, keeping what was typed, with no JavaScript', async () => {
    const { id } = await openCase(h, USERS.lead);
    await drive(h, id, journeyTo('actionPlan.drafting', USERS.lead));
    const form = await page(USERS.lead, `/app/cases/${id}/next/DRAFT_PLAN`);
    expect(form.text.match(/data-testid="row"/g)).toHaveLength(1);
    const more = await post(USERS.lead, `/app/cases/${id}/next/DRAFT_PLAN`, {
      _key: hidden(form.text, '_key'),
      _version: hidden(form.text, '_version'),
      'actions._rows': '1',
      'actions.0.what': 'Breakfast club from Monday.',
      _add: 'actions',
    });
    expect(more.status).toBe(200);
    expect(more.text.match(/data-testid="row"/g)).toHaveLength(2);
    expect(more.text).toContain('Breakfast club from Monday.');
    expect(hidden(more.text, '_key')).toBe(hidden(form.text, '_key'));
    expect(summaryOf(more.text)).toEqual([]);
  });

  it('in Irish: the form\'s words in Irish, those not yet translated in English and marked so', async () => {
    const { id } = await openCase(h, USERS.lead);
    await drive(h, id, journeyTo('request.awaitingConsent', USERS.lead));
    const s = await session(USERS.lead);
    const ga = await h.http.get(`/app/cases/${id}/next/RECORD_CONSENT`).set('cookie', `${s.cookie}; tacu_lang=ga`);
    expect(ga.status).toBe(200);
    const text = textOf(ga.text);
    expect(text).toContain('Taifead toiliú');
    expect(text).toContain('An dtoilíonn siad páirt a ghlacadh i Meitheal?');
    expect(ga.text).toMatch(/<label class="govuk-label govuk-label--s" for="scopes-contactPractitioner" lang="en">A named practitioner the service may contact \(optional\)<\/label>/);
  });
});
