/**
 * The case page over HTTP (issue 15 §4): need to know as the API has it (an outsider's 404 is the
 * page of a case that does not exist; an invited agency practitioner reads no concern and no
 * sensitive details; the lead and the coordinator read both), where the case stands, the deadlines
 * in working days, the timeline in words, and the documents through the session.
 */
import type { Response } from 'supertest';
import { drive, openCase, pageSession, send, startHarness, USERS, type Harness, type PageBrowserSession, textOf } from './support/harness';
import { dayInWords, journeyTo, sampleEvent } from './support/api';

const CONCERN_SAID = `Said there was no dinner at home ${Math.floor(Math.random() * 1e9)}.`;
const ADDRESS = '12 Church Road, Tallaght, Dublin 24';
const ETHNICITY = `Ethnicity ${Math.floor(Math.random() * 1e9)}`;

describe('pages: the case page', () => {
  let h: Harness;
  const sessions = new Map<string, PageBrowserSession>();
  /** The case of the concern: at the meeting (the agency invited), then a concern raised. */
  let held: { id: string };
  /** A case in the assessment, its deadline running. */
  let assessed: { id: string };

  async function page(who: string, path: string): Promise<Response> {
    let session = sessions.get(who);
    if (!session) {
      session = await pageSession(h, who);
      sessions.set(who, session);
    }
    return h.http.get(path).set('cookie', session.cookie);
  }
  const api = async (who: string, path: string): Promise<Response> => h.http.get(path).auth(await h.token(who), { type: 'bearer' });

  beforeAll(async () => {
    h = await startHarness();
    held = await openCase(h, USERS.lead, { child: { name: 'Seán Murphy', dateOfBirth: '2018-09-21', sensitive: { ethnicity: ETHNICITY } } });
    await drive(h, held.id, journeyTo('meeting.invited', USERS.lead));
    const raised = await send(h, held.id, { ...sampleEvent('RAISE_CONCERN'), observed: CONCERN_SAID }, USERS.lead);
    expect(raised.body.state).toBe('escalation.raised');
    assessed = await openCase(h, USERS.lead, { child: { name: 'Aoife Kelly', dateOfBirth: '2017-02-11' } });
    await drive(h, assessed.id, journeyTo('assessment.inProgress', USERS.lead));
  });
  afterAll(() => h?.close());

  it('my cases links each case to its page', async () => {
    const res = await page(USERS.lead, '/app/cases');
    expect(res.text).toContain(`href="/app/cases/${held.id}"`);
    expect(res.text).toContain(`href="/app/cases/${assessed.id}"`);
  });

  it('a case the reader may not see answers the same 404 page as one that does not exist', async () => {
    const unknown = '3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f';
    const outsider = await page(USERS.otherLead, `/app/cases/${held.id}`);
    const missing = await page(USERS.otherLead, `/app/cases/${unknown}`);
    expect(outsider.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(outsider.text.replaceAll(held.id, unknown)).toBe(missing.text);
    expect(textOf(outsider.text)).toContain('Page not found');
    expect(outsider.text).not.toContain('Seán Murphy');
    expect((await page(USERS.otherLead, '/app/cases/not-an-id')).status).toBe(404);
    // Without a session: the sign-in page, nothing of the case.
    const anonymous = await h.http.get(`/app/cases/${held.id}`);
    expect({ status: anonymous.status, location: anonymous.headers.location }).toEqual({ status: 303, location: '/app/sign-in' });
  });

  it('is never kept by a browser or a proxy, and is in the language chosen', async () => {
    const res = await page(USERS.lead, `/app/cases/${held.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const ga = await h.http.get(`/app/cases/${held.id}`).set('cookie', `${sessions.get(USERS.lead)?.cookie}; tacu_lang=ga`);
    expect(ga.headers['content-language']).toBe('ga');
    expect(textOf(ga.text)).toContain('Cá bhfuil an cás');
    expect(textOf(ga.text)).toContain('Thaifead Aoife Byrne toiliú ó Siobhán Murphy, 2 Márta 2026');
  });

  it('shows the steps with the current one marked and the concern holding the case', async () => {
    const text = textOf((await page(USERS.lead, `/app/cases/${held.id}`)).text);
    expect(text).toContain('Request for support Done');
    expect(text).toContain('Strengths and needs assessment Done');
    expect(text).toContain('Support meeting Current step');
    expect(text).toContain('Action plan To come');
    expect(text).toContain('On hold: a child protection concern is open');
    const html = (await page(USERS.lead, `/app/cases/${held.id}`)).text;
    expect(html.match(/aria-current="step"/g)).toHaveLength(1);
    const assessing = textOf((await page(USERS.lead, `/app/cases/${assessed.id}`)).text);
    expect(assessing).toContain('Strengths and needs assessment Current step');
    expect(assessing).not.toContain('On hold');
  });

  it('the lead and the coordinator read the concern and the sensitive details; the invited agency practitioner neither', async () => {
    for (const who of [USERS.lead, USERS.coordinator]) {
      const res = await page(who, `/app/cases/${held.id}`);
      expect({ who, status: res.status }).toEqual({ who, status: 200 });
      const text = textOf(res.text);
      expect({ who, concern: text.includes(CONCERN_SAID), address: text.includes(ADDRESS), ethnicity: text.includes(ETHNICITY), phone: text.includes('+353 87 123 4567') }).toEqual({
        who,
        concern: true,
        address: true,
        ethnicity: true,
        phone: true,
      });
    }
    const agency = await page(USERS.agency, `/app/cases/${held.id}`);
    expect(agency.status).toBe(200);
    const text = textOf(agency.text);
    // The page is theirs: the child, the family, where the case stands.
    expect(text).toContain('Seán Murphy');
    expect(text).toContain('Siobhán Murphy');
    expect(text).toContain('On hold: a child protection concern is open');
    expect({ concern: text.includes(CONCERN_SAID), observedWord: text.includes('no dinner'), address: text.includes(ADDRESS), ethnicity: text.includes(ETHNICITY), phone: text.includes('+353 87 123 4567') }).toEqual({
      concern: false,
      observedWord: false,
      address: false,
      ethnicity: false,
      phone: false,
    });
    // The concern's entry in the timeline says only that something was recorded.
    expect(text).toContain('Something was recorded that is not yours to read, 2 March 2026');
    expect(text).not.toContain('raised a child protection concern');
  });

  it('tells the timeline in words, newest first, from the history the reader may read', async () => {
    const text = textOf((await page(USERS.lead, `/app/cases/${held.id}`)).text);
    expect(text).toContain('Aoife Byrne recorded consent from Siobhán Murphy, 2 March 2026');
    expect(text).toContain('Aoife Byrne opened the case, 2 March 2026');
    expect(text).toContain('Deirdre Walsh registered the request, 2 March 2026');
    expect(text).toContain('Aoife Byrne raised a child protection concern, 2 March 2026');
    expect(text.indexOf('raised a child protection concern')).toBeLessThan(text.indexOf('opened the case'));
    // As many entries as the history the lead reads.
    const history = await api(USERS.lead, `/cases/${held.id}/history`);
    const entries = (await page(USERS.lead, `/app/cases/${held.id}`)).text.match(/data-testid="timeline-entry"/g) ?? [];
    expect(entries).toHaveLength((history.body.events as unknown[]).length);
  });

  it('shows every deadline with its day and how far it is in working days, then overdue', async () => {
    const json = await api(USERS.lead, `/cases/${assessed.id}`);
    const deadlines = json.body.deadlines as Array<{ name: string; dueOn: string }>;
    const assessment = deadlines.find((d) => d.name === 'assessmentCompletion');
    expect(assessment).toBeDefined();
    const dueOn = (assessment as { dueOn: string }).dueOn;
    let text = textOf((await page(USERS.lead, `/app/cases/${assessed.id}`)).text);
    expect((await page(USERS.lead, `/app/cases/${assessed.id}`)).text.match(/data-testid="deadline"/g)).toHaveLength(deadlines.length);
    const ahead = new RegExp(`Finish the assessment ${dayInWords(dueOn, 'en')} In (\\d+) working days`).exec(text);
    expect(ahead).not.toBeNull();
    expect(Number(ahead?.[1])).toBeGreaterThan(1);
    const saved = h.clock.now();
    try {
      // A week after the due day: five working days at most, three at least (a bank holiday or two).
      h.clock.set(new Date(Date.parse(`${dueOn}T09:00:00Z`) + 7 * 24 * 3600 * 1000));
      // A session of that day (the earlier one has ended, idle, by then).
      sessions.delete(USERS.lead);
      text = textOf((await page(USERS.lead, `/app/cases/${assessed.id}`)).text);
      const overdue = new RegExp(`Finish the assessment ${dayInWords(dueOn, 'en')} Overdue by (\\d+) working days`).exec(text);
      expect(overdue).not.toBeNull();
      expect(Number(overdue?.[1])).toBeGreaterThanOrEqual(3);
      expect(Number(overdue?.[1])).toBeLessThanOrEqual(5);
    } finally {
      h.clock.set(saved);
      sessions.delete(USERS.lead);
    }
  });

  it('lists the documents the reader may read, each opened through the session as the API serves it', async () => {
    for (const who of [USERS.lead, USERS.agency]) {
      const listed = await api(who, `/cases/${held.id}/documents`);
      const ids = (listed.body.items as Array<{ id: string }>).map((d) => d.id);
      expect(ids.length).toBeGreaterThan(0);
      const html = (await page(who, `/app/cases/${held.id}`)).text;
      const links = [...html.matchAll(/href="\/app\/documents\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
      expect({ who, links }).toEqual({ who, links: ids });
      expect(html).toContain(`href="/app/documents/${ids[0]}/pdf"`);
      // Each is named by its issue, as its PDF's header does: "version" is the plan's own number inside a plan.
      expect(html).toMatch(/for practitioners, issue 1, /);
      expect(html).not.toMatch(/, version \d/);
      const viaPage = await page(who, `/app/documents/${ids[0]}`);
      const viaApi = await api(who, `/documents/${ids[0]}`);
      expect(viaPage.status).toBe(200);
      expect(viaPage.headers['content-type']).toMatch(/^text\/html/);
      expect(viaPage.headers['content-security-policy']).toMatch(/^default-src 'none'/);
      expect(viaPage.headers['cache-control']).toBe('no-store');
      expect(viaPage.text).toBe(viaApi.text);
    }
    // The PDF, printed from the same HTML, through the session.
    const someId = ((await api(USERS.lead, `/cases/${held.id}/documents`)).body.items as Array<{ id: string }>)[0]?.id;
    const pdf = await h.http.get(`/app/documents/${someId}/pdf`).set('cookie', sessions.get(USERS.lead)?.cookie ?? '').responseType('blob');
    expect({ status: pdf.status, type: pdf.headers['content-type'], cache: pdf.headers['cache-control'] }).toEqual({ status: 200, type: 'application/pdf', cache: 'no-store' });
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Someone who may not see the case reads none of its documents, as if they did not exist.
    const someDocument = ((await api(USERS.lead, `/cases/${held.id}/documents`)).body.items as Array<{ id: string }>)[0]?.id;
    expect((await page(USERS.otherLead, `/app/documents/${someDocument}`)).status).toBe(404);
    expect((await page(USERS.otherLead, `/app/documents/${someDocument}/pdf`)).status).toBe(404);
    expect((await page(USERS.otherLead, '/app/documents/not-an-id')).status).toBe(404);
  });
});

describe('pages: a document\'s PDF without a browser installed', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ CHROMIUM_PATH: '/nonexistent/chromium' });
  });
  afterAll(() => h?.close());

  it('the HTML opens; the PDF is a page that says it cannot be done just now (503)', async () => {
    const { id } = await openCase(h);
    const listed = await h.http.get(`/cases/${id}/documents`).auth(await h.token(USERS.lead), { type: 'bearer' });
    const documentId = (listed.body.items as Array<{ id: string }>)[0]?.id;
    const session = await pageSession(h, USERS.lead);
    expect((await h.http.get(`/app/documents/${documentId}`).set('cookie', session.cookie)).status).toBe(200);
    const pdf = await h.http.get(`/app/documents/${documentId}/pdf`).set('cookie', session.cookie);
    expect(pdf.status).toBe(503);
    expect(pdf.headers['content-type']).toMatch(/^text\/html/);
    expect(textOf(pdf.text)).toContain('This cannot be done just now');
  });
});
