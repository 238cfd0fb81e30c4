/**
 * Starting a request for support from the pages (`/app/cases/new`) over HTTP, on the assembled
 * app: a lead practitioner's form opens the case in the request stage, led by them, with the child
 * and the parent as written; what is missing is said beside each field and nothing is written; a
 * double submit opens one case; a coordinator chooses the lead; those who may not open a case get
 * the forbidden page; the form needs its token.
 */
import type { Response } from 'supertest';
import { pageSessions, startHarness, USERS, type Harness, textOf } from './support/harness';

describe('pages: starting a request for support', () => {
  let h: Harness;
  const session = pageSessions(() => h);
  const page = async (who: string, path: string): Promise<Response> => h.http.get(path).set('cookie', (await session(who)).cookie);
  const keyOf = (html: string): string => /name="_key" value="([^"]+)"/.exec(html)?.[1] ?? '';
  async function post(who: string, fields: Record<string, string>, { withToken = true } = {}): Promise<Response> {
    const s = await session(who);
    return h.http
      .post('/app/cases/new')
      .set('cookie', s.cookie)
      .type('form')
      .send(new URLSearchParams({ ...(withToken ? { _csrf: s.csrf } : {}), ...fields }).toString());
  }
  const caseCount = async (): Promise<number> => (await h.dataSource.query(`SELECT count(*)::int AS n FROM cases`))[0].n as number;
  const filled = (key: string): Record<string, string> => ({
    _key: key,
    childName: 'Caoimhe Ní Bhriain',
    'childDateOfBirth.day': '3',
    'childDateOfBirth.month': '2',
    'childDateOfBirth.year': '2017',
    origin: 'school',
    parentName: 'Máire Ní Bhriain',
    parentRelationship: 'mother',
    parentalResponsibility: 'yes',
  });

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('my cases offers it to those who may open a case', async () => {
    expect((await page(USERS.lead, '/app/cases')).text).toContain('href="/app/cases/new"');
    expect((await page(USERS.coordinator, '/app/cases')).text).toContain('href="/app/cases/new"');
    expect((await page(USERS.agency, '/app/cases')).text).not.toContain('href="/app/cases/new"');
  });

  it("a lead practitioner's request opens a case in the request stage, led by them, the child and the parent as written; a double submit opens one", async () => {
    const form = await page(USERS.lead, '/app/cases/new');
    expect(form.status).toBe(200);
    expect(textOf(form.text)).toContain('Start a request for support');
    // A lead practitioner leads the requests they start: no choice of lead.
    expect(form.text).not.toContain('name="leadPractitionerId"');
    const before = await caseCount();
    const first = await post(USERS.lead, filled(keyOf(form.text)));
    expect(first.status).toBe(303);
    const id = /^\/app\/cases\/([0-9a-f-]{36})$/.exec(first.headers['location'] as string)?.[1];
    expect(id).toBeDefined();
    const again = await post(USERS.lead, filled(keyOf(form.text)));
    expect(again.headers['location']).toBe(first.headers['location']);
    expect(await caseCount()).toBe(before + 1);

    const opened = await h.http.get(`/cases/${id}`).auth(await h.token(USERS.lead), { type: 'bearer' });
    expect(opened.body).toMatchObject({ state: 'request.draft', origin: 'school', leadPractitionerId: USERS.lead });
    const members = opened.body.familyMembers as Array<{ name: string; relationship: string; dateOfBirth: string | null; hasParentalResponsibility: boolean }>;
    expect(members.map((m) => [m.name, m.relationship, m.dateOfBirth, m.hasParentalResponsibility])).toEqual(
      expect.arrayContaining([
        ['Caoimhe Ní Bhriain', 'child', '2017-02-03', false],
        ['Máire Ní Bhriain', 'mother', null, true],
      ]),
    );
    const casePage = await page(USERS.lead, `/app/cases/${id}`);
    expect(casePage.status).toBe(200);
    expect(textOf(casePage.text)).toContain('Caoimhe Ní Bhriain');
  });

  it('what is missing or wrong is said beside each field, what was typed is kept, and nothing is written', async () => {
    const form = await page(USERS.lead, '/app/cases/new');
    const before = await caseCount();
    const res = await post(USERS.lead, { _key: keyOf(form.text), childName: 'Caoimhe', 'childDateOfBirth.day': '31', 'childDateOfBirth.month': '2', 'childDateOfBirth.year': '2017' });
    expect(res.status).toBe(400);
    const text = textOf(res.text);
    for (const problem of [
      "The child's date of birth must be a real date, for example 21 9 2018",
      'Select who asked for support',
      "Enter the parent's or carer's full name",
      'Enter their relationship to the child',
      'Select whether they have parental responsibility',
    ]) {
      expect(text).toContain(problem);
    }
    expect(text).not.toContain("Enter the child's full name");
    expect(res.text).toContain('href="#childDateOfBirth-day"');
    expect(res.text).toContain('href="#parentName"');
    expect(res.text).toMatch(/id="childName" name="childName" type="text" spellcheck="false" autocomplete="off" value="Caoimhe"/);
    expect(await caseCount()).toBe(before);
  });

  it("what the API refuses comes back beside its field (a date of birth in the future)", async () => {
    const form = await page(USERS.lead, '/app/cases/new');
    const before = await caseCount();
    const res = await post(USERS.lead, { ...filled(keyOf(form.text)), 'childDateOfBirth.year': '2099' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('href="#childDateOfBirth-day"');
    expect(res.text).toContain('govuk-form-group--error');
    expect(await caseCount()).toBe(before);
  });

  it('a coordinator chooses the lead practitioner from the area\'s leads', async () => {
    const form = await page(USERS.coordinator, '/app/cases/new');
    expect(form.text).toContain(`value="${USERS.otherLead}"`);
    const missing = await post(USERS.coordinator, filled(keyOf(form.text)));
    expect(missing.status).toBe(400);
    expect(textOf(missing.text)).toContain('Select the lead practitioner');
    const res = await post(USERS.coordinator, { ...filled(keyOf(form.text)), childName: 'Oisín Ó Briain', leadPractitionerId: USERS.otherLead });
    expect(res.status).toBe(303);
    const id = (res.headers['location'] as string).split('/').at(-1);
    expect((await h.http.get(`/cases/${id}`).auth(await h.token(USERS.coordinator), { type: 'bearer' })).body.leadPractitionerId).toBe(USERS.otherLead);
  });

  it('those who may not open a case get the forbidden page; the form needs its token', async () => {
    for (const who of [USERS.agency, USERS.dlp, USERS.manager]) {
      expect({ who, status: (await page(who, '/app/cases/new')).status }).toEqual({ who, status: 403 });
      expect({ who, status: (await post(who, filled('k-1'))).status }).toEqual({ who, status: 403 });
    }
    const before = await caseCount();
    expect((await post(USERS.lead, filled('k-2'), { withToken: false })).status).toBe(403);
    expect(await caseCount()).toBe(before);
  });
});
