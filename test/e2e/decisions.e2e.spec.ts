/**
 * The lists of decisions over HTTP (issue 15 §6, §7), on the assembled app: a coordinator's
 * requests waiting to be registered and cases stopped by a withdrawal of consent
 * (`/app/requests`), a designated liaison person's open concerns (`/app/concerns`), each case
 * linking to the forms of the decisions the person may take; only their area's cases; nobody
 * else's list; a case decided leaves the list.
 */
import type { Response } from 'supertest';
import { drive, openCase, OTHER_COORDINATOR, pageSession, pageSessions, send, startHarness, USERS, type Harness, textOf } from './support/harness';
import { caseReferenceOf, journeyTo, sampleEvent } from './support/api';

/** The decision cards of a section of a list page: the child, the reference and the forms each links to. */
function cardsOf(html: string, section: string): Array<{ child: string; reference: string; decisions: string[] }> {
  const part = new RegExp(`data-testid="decisions-${section}"[\\s\\S]*?</section>`).exec(html)?.[0];
  if (part === undefined) throw new Error(`no section ${section} on the page`);
  return part
    .split('data-testid="decision"')
    .slice(1)
    .map((card) => ({
      child: textOf(/data-testid="case-child">([^<]*)</.exec(card)?.[1] ?? ''),
      reference: /data-testid="case-reference">([^<]*)</.exec(card)?.[1] ?? '',
      decisions: [...card.matchAll(/href="(\/app\/cases\/[^"]+\/next\/[A-Z_]+)"/g)].map((m) => m[1] as string),
    }));
}

describe('pages: the decisions waiting for a coordinator or a liaison person', () => {
  let h: Harness;
  let submitted: { id: string };
  let draft: { id: string };
  let stopped: { id: string };
  let raised: { id: string };
  let consulted: { id: string };

  const session = pageSessions(() => h);
  async function page(who: Parameters<typeof pageSession>[1], path: string): Promise<Response> {
    return h.http.get(path).set('cookie', (await session(who)).cookie);
  }
  /** Opens the next-step form at `path` and sends it as a browser would, with `fields` and the form's own key and version. */
  async function sendForm(who: string, path: string, fields: Record<string, string>): Promise<Response> {
    const form = await page(who, path);
    expect({ path, status: form.status }).toEqual({ path, status: 200 });
    const hidden = (name: string): string => new RegExp(`name="${name}" value="([^"]*)"`).exec(form.text)?.[1] ?? '';
    const s = await session(who);
    return h.http
      .post(path)
      .set('cookie', s.cookie)
      .type('form')
      .send(new URLSearchParams({ _csrf: s.csrf, _key: hidden('_key'), _version: hidden('_version'), ...fields }).toString());
  }

  beforeAll(async () => {
    h = await startHarness();
    submitted = await openCase(h, USERS.lead, { child: { name: 'Seán Murphy', dateOfBirth: '2018-09-21' } });
    await drive(h, submitted.id, journeyTo('request.submitted', USERS.lead));
    draft = await openCase(h, USERS.lead, { child: { name: 'Draft Walsh', dateOfBirth: '2017-01-02' } });
    const two = await openCase(h, USERS.lead, {
      child: { name: 'Nóra Brennan', dateOfBirth: '2016-05-05' },
      familyMembers: [
        { name: 'Siobhán Murphy', relationship: 'mother', hasParentalResponsibility: true },
        { name: 'Dónal Murphy', relationship: 'father', hasParentalResponsibility: true },
      ],
    });
    stopped = two;
    await drive(h, stopped.id, journeyTo('assessment.inProgress', USERS.lead));
    const fatherId = (two.body['familyMembers'] as Array<{ id: string; relationship: string }>).find((m) => m.relationship === 'father')?.id;
    expect((await send(h, stopped.id, { ...sampleEvent('RECORD_CONSENT'), givenBy: { name: 'Dónal Murphy', personId: fatherId, hasParentalResponsibility: true } }, USERS.lead)).status).toBe(200);
    expect((await send(h, stopped.id, sampleEvent('WITHDRAW_CONSENT'), USERS.lead)).body.state).toBe('consentWithdrawal');
    raised = await openCase(h, USERS.lead, { child: { name: 'Róisín Byrne', dateOfBirth: '2015-03-03' } });
    await drive(h, raised.id, journeyTo('meeting.invited', USERS.lead));
    expect((await send(h, raised.id, sampleEvent('RAISE_CONCERN'), USERS.lead)).body.state).toBe('escalation.raised');
    consulted = await openCase(h, USERS.lead, { child: { name: 'Senan Kinsella', dateOfBirth: '2015-11-02' } });
    await drive(h, consulted.id, journeyTo('assessment.inProgress', USERS.lead));
    expect((await send(h, consulted.id, sampleEvent('RAISE_CONCERN'), USERS.lead)).body.state).toBe('escalation.raised');
    expect((await send(h, consulted.id, sampleEvent('CONSULT_LIAISON'), USERS.dlp)).body.state).toBe('escalation.liaisonConsulted');
  });
  afterAll(() => h?.close());

  it("a coordinator's requests: those waiting to be registered, each with register, redirect and decline; the cases stopped by a withdrawal, with the decision", async () => {
    const res = await page(USERS.coordinator, '/app/requests');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const text = textOf(res.text);
    expect(text).toContain('Requests waiting for your decision');
    expect(res.text).toMatch(/href="\/app\/requests" aria-current="page" data-testid="nav-decisions">Requests to register</);
    expect(cardsOf(res.text, 'waiting')).toEqual([
      {
        child: 'Seán Murphy',
        reference: caseReferenceOf(submitted.id),
        decisions: ['REGISTER_REQUEST', 'REDIRECT_REQUEST', 'DECLINE_REQUEST'].map((type) => `/app/cases/${submitted.id}/next/${type}`),
      },
    ]);
    expect(cardsOf(res.text, 'withdrawals')).toEqual([{ child: 'Nóra Brennan', reference: caseReferenceOf(stopped.id), decisions: [`/app/cases/${stopped.id}/next/DECIDE_ON_WITHDRAWAL`] }]);
    // A request still being written is the lead's, not the coordinator's, to act on.
    expect(res.text).not.toContain(draft.id);
    // The registration deadline in working days, and since when it waits.
    expect(text).toMatch(/Seán Murphy .*Waiting for the coordinator to register the request Last changed \d+ \w+ 2026/);
    expect(text).toMatch(/Seán Murphy .*Due (In \d+ working days?|Due today)/);
  });

  it("another area's coordinator sees none of these; the lists say so plainly", async () => {
    const res = await page(OTHER_COORDINATOR, '/app/requests');
    expect(res.status).toBe(200);
    const text = textOf(res.text);
    expect(text).toContain('No request for support is waiting to be registered.');
    expect(text).toContain('No case is waiting for a decision on a withdrawal of consent.');
    for (const id of [submitted.id, stopped.id]) expect(res.text).not.toContain(id);
    expect(text).not.toContain('Seán Murphy');
  });

  it("a liaison person's concerns: every open concern of the area, with the decisions of its state; they start there", async () => {
    const res = await page(USERS.dlp, '/app/concerns');
    expect(res.status).toBe(200);
    expect(textOf(res.text)).toContain('Concerns waiting for your decision');
    const cards = cardsOf(res.text, 'open');
    expect(cards.map((c) => c.child).sort()).toEqual(['Róisín Byrne', 'Senan Kinsella']);
    expect(cards.find((c) => c.child === 'Róisín Byrne')?.decisions).toEqual(['CONSULT_LIAISON', 'SUBMIT_REPORT'].map((type) => `/app/cases/${raised.id}/next/${type}`));
    expect(cards.find((c) => c.child === 'Senan Kinsella')?.decisions).toEqual(['SUBMIT_REPORT', 'DECIDE_NOT_TO_REPORT'].map((type) => `/app/cases/${consulted.id}/next/${type}`));
    expect(res.text).not.toContain(submitted.id);
    // The header's home link and the menu lead to the concerns.
    expect(res.text).toContain('class="govuk-generic-header__homepage-link"');
    expect(res.text).toMatch(/<a href="\/app\/concerns" class="govuk-generic-header__homepage-link">/);
    expect(res.text).toMatch(/href="\/app\/concerns" aria-current="page" data-testid="nav-decisions">Concerns</);
    // Each decision's form opens for them.
    for (const card of cards) for (const href of card.decisions) expect({ href, status: (await page(USERS.dlp, href)).status }).toEqual({ href, status: 200 });
  });

  it('in Irish: the list and its wording', async () => {
    const res = await h.http.get('/app/concerns').set('cookie', (await session(USERS.dlp)).cookie).set('accept-language', 'ga');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="ga"');
    expect(textOf(res.text)).toContain('Imní ag fanacht le do chinneadh');
  });

  it("nobody else has these lists: a lead practitioner, an agency practitioner, the liaison person on the coordinator's list and back, a manager", async () => {
    for (const [who, path] of [
      [USERS.lead, '/app/requests'],
      [USERS.lead, '/app/concerns'],
      [USERS.agency, '/app/requests'],
      [USERS.dlp, '/app/requests'],
      [USERS.coordinator, '/app/concerns'],
      [USERS.manager, '/app/requests'],
    ] as const) {
      const res = await page(who, path);
      expect({ who, path, status: res.status }).toEqual({ who, path, status: 403 });
      expect(res.text).not.toContain('Seán Murphy');
    }
    // Their menus have no such link.
    expect((await page(USERS.lead, '/app/cases')).text).not.toContain('data-testid="nav-decisions"');
    // Without a session: the sign-in page.
    const anonymous = await h.http.get('/app/requests');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers['location']).toMatch(/^\/app\/sign-in/);
  });

  it("a coordinator assigns another lead practitioner from the case page: the form lists the area's leads, and the case is theirs", async () => {
    const casePage = await page(USERS.coordinator, `/app/cases/${raised.id}`);
    const path = `/app/cases/${raised.id}/next/ASSIGN_LEAD_PRACTITIONER`;
    expect(casePage.text).toContain(`href="${path}"`);
    expect((await page(USERS.coordinator, path)).text).toContain(`value="${USERS.otherLead}"`);
    expect((await sendForm(USERS.coordinator, path, { leadPractitionerId: USERS.otherLead })).status).toBe(303);
    const api = await h.http.get(`/cases/${raised.id}`).auth(await h.token(USERS.otherLead), { type: 'bearer' });
    expect(api.body).toMatchObject({ leadPractitionerId: USERS.otherLead, state: 'escalation.raised' });
  });

  it('a request registered through its form leaves the list; the case goes on to the assessment, led by the lead chosen', async () => {
    const sent = await sendForm(USERS.coordinator, `/app/cases/${submitted.id}/next/REGISTER_REQUEST`, { leadPractitionerId: USERS.lead });
    expect(sent.status).toBe(303);
    const after = await page(USERS.coordinator, '/app/requests');
    expect(cardsOf(after.text, 'waiting')).toEqual([]);
    expect(textOf(after.text)).toContain('No request for support is waiting to be registered.');
    const api = await h.http.get(`/cases/${submitted.id}`).auth(await h.token(USERS.coordinator), { type: 'bearer' });
    expect(api.body).toMatchObject({ state: 'assessment.inProgress', leadPractitionerId: USERS.lead });
  });
});
