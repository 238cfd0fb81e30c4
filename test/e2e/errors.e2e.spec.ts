/**
 * Every error class a person can act on, with its status, its code and a message that says
 * what to do, always as application/problem+json and never with a stack trace.
 */
import { SignJWT } from 'jose';
import { fullJourney, journeyTo } from './support/api';
import { at, drive, get, openCase, openCaseBody, OTHER_COORDINATOR, SECRET, send, startHarness, USERS, type Harness } from './support/harness';

function expectProblem(res: { status: number; headers: Record<string, string>; body: Record<string, unknown>; text: string }, status: number, code: string) {
  expect({ status: res.status, code: res.body['code'] }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^urn:tacu:problem:/), title: expect.any(String), detail: expect.any(String) });
  expect(res.body['requestId']).toBe(res.headers['x-request-id']);
  expect(res.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  expect(res.text).not.toContain('stack');
}

describe('errors a person can act on', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  describe('400 invalid input', () => {
    it('lists every invalid field of an event and why, and rejects unknown fields', async () => {
      const { id } = await openCase(h);
      const res = await send(h, id, { type: 'RECORD_REQUEST_DETAILS', reasonForRequest: '', colour: 'blue', preRequestChecklist: { ratings: [{ outcome: 'happiness?', rating: 11, reason: 'x' }], completedWithParent: 'yes', completedWithChild: false } }, USERS.lead);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      const fields = Object.fromEntries(res.body.errors.map((e: { field: string; problems: string[] }) => [e.field, e.problems.join(' | ')]));
      expect(fields).toMatchObject({
        reasonForRequest: expect.stringContaining('must not be empty'),
        colour: expect.stringContaining('should not exist'),
        'preRequestChecklist.completedWithParent': expect.stringContaining('true or false'),
        'preRequestChecklist.ratings.0.outcome': expect.stringContaining("must be the id of an outcome or side of the case's framework"),
        'preRequestChecklist.ratings.0.rating': expect.any(String),
      });
    });

    it('names the known event types when the type is unknown', async () => {
      const { id } = await openCase(h);
      const res = await send(h, id, { type: 'DELETE_CASE' }, USERS.lead);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'type', problems: [expect.stringContaining('unknown event type "DELETE_CASE"; known types: RECORD_REQUEST_DETAILS')] }]);
    });

    it('checks the body of a new case field by field', async () => {
      const res = await h.http
        .post('/cases')
        .auth(await h.token(USERS.lead), { type: 'bearer' })
        .send({ areaId: 'dublin-south-central', origin: 'internet', child: { name: 'A', dateOfBirth: '2018-02-30' }, familyMembers: [], nickname: 'x' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['child.dateOfBirth', 'familyMembers', 'nickname', 'origin']);
    });

    it('says so when the area, the lead practitioner or the family is not known', async () => {
      const token = await h.token(USERS.lead);
      const lead = await h.http.post('/cases').auth(token, { type: 'bearer' }).send(openCaseBody({ leadPractitionerId: USERS.coordinator }));
      expectProblem(lead, 400, 'VALIDATION_FAILED');
      expect(lead.body.errors[0]).toEqual({ field: 'leadPractitionerId', problems: ['leadPractitionerId names u-coord-0001, whose role is coordinator: choose an active lead practitioner'] });
      const family = await h.http.post('/cases').auth(token, { type: 'bearer' }).send(openCaseBody({ familyId: '3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f' }));
      expectProblem(family, 400, 'VALIDATION_FAILED');
      expect(family.body.errors[0].field).toBe('familyId');
    });

    it('rejects unknown and malformed query parameters, headers and JSON', async () => {
      const list = await get(h, '/cases?limit=500&colour=blue&overdue=maybe', USERS.coordinator);
      expectProblem(list, 400, 'VALIDATION_FAILED');
      expect(list.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'limit', 'overdue']);
      const { id } = await openCase(h);
      const header = await send(h, id, at(fullJourney(USERS.lead), 0).event, USERS.lead, { 'If-Match': 'yesterday', 'Idempotency-Key': 'has spaces' });
      expectProblem(header, 400, 'VALIDATION_FAILED');
      expect(header.body.errors.map((e: { field: string }) => e.field)).toEqual(['Idempotency-Key', 'If-Match']);
      const json = await h.http.post(`/cases/${id}/events`).auth(await h.token(USERS.lead), { type: 'bearer' }).set('content-type', 'application/json').send('{"type": ');
      expectProblem(json, 400, 'BAD_REQUEST');
      expect(json.body.detail).toMatch(/not valid JSON/);
    });

    it('answers 400 for an unknown workflow', async () => {
      const res = await get(h, '/workflows/adoption/diagram', USERS.lead);
      expectProblem(res, 400, 'UNKNOWN_WORKFLOW');
      expect(res.body.detail).toContain('There is no workflow "adoption"');
    });
  });

  describe('401 who is calling', () => {
    it('asks for a bearer token when there is none', async () => {
      const res = await h.http.get('/cases');
      expectProblem(res, 401, 'UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="tacu"');
      expect(res.body.detail).toContain('Authorization: Bearer <token>');
    });

    it('refuses a token with a bad signature, an expired token and a token without a role', async () => {
      const good = await h.token(USERS.lead);
      const forged = `${good.slice(0, -4)}${good.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
      const bad = await h.http.get('/cases').auth(forged, { type: 'bearer' });
      expectProblem(bad, 401, 'UNAUTHENTICATED');
      const key = new TextEncoder().encode(SECRET);
      const expired = await new SignJWT({ role: 'coordinator', area: 'dublin-south-central' }).setProtectedHeader({ alg: 'HS256' }).setSubject(USERS.coordinator).setIssuer('tacu').setAudience('tacu-api').setExpirationTime(Math.floor(Date.now() / 1000) - 3600).sign(key);
      const late = await h.http.get('/cases').auth(expired, { type: 'bearer' });
      expectProblem(late, 401, 'UNAUTHENTICATED');
      expect(late.body.detail).toBe('The bearer token has expired; ask for a new one.');
      const roleless = await new SignJWT({ area: 'dublin-south-central' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('tacu').setAudience('tacu-api').setExpirationTime('1h').sign(key);
      const none = await h.http.get('/cases').auth(roleless, { type: 'bearer' });
      expectProblem(none, 401, 'UNAUTHENTICATED');
      expect(none.body.detail).toBe('The token does not name a known role (claim "role").');
    });
  });

  describe('403 not for your role', () => {
    it('keeps case narratives from managers and family members (for now)', async () => {
      const res = await get(h, '/cases', USERS.manager);
      expectProblem(res, 403, 'FORBIDDEN');
      expect(res.body.detail).toBe('Your role (manager) may not use this: it needs the "cases:read" permission.');
      await h.dataSource.query(`INSERT INTO users (id, area_id, role, display_name) VALUES ('p-1', 'dublin-south-central', 'parentCarer', 'Siobhán') ON CONFLICT DO NOTHING`);
      const parent = await get(h, '/cases', { id: 'p-1', role: 'parentCarer', areaId: 'dublin-south-central' });
      expectProblem(parent, 403, 'FORBIDDEN');
      expect((await get(h, '/workflows', USERS.manager)).status).toBe(200);
    });

    it('lets only lead practitioners and coordinators open cases, in their own area', async () => {
      const agency = await h.http.post('/cases').auth(await h.token(USERS.agency), { type: 'bearer' }).send(openCaseBody());
      expectProblem(agency, 403, 'FORBIDDEN');
      const elsewhere = await h.http.post('/cases').auth(await h.token(OTHER_COORDINATOR), { type: 'bearer' }).send(openCaseBody());
      expectProblem(elsewhere, 403, 'FORBIDDEN');
      expect(elsewhere.body.detail).toBe('You may open cases only in your own area (galway-city).');
    });

    it('refuses an event the role may not send in this state, naming who may and listing what the role may send', async () => {
      const { id } = await openCase(h);
      await drive(h, id, journeyTo('assessment.inProgress', USERS.lead));
      const res = await send(h, id, at(fullJourney(USERS.lead), 5).event, USERS.coordinator);
      expectProblem(res, 403, 'ROLE_NOT_PERMITTED');
      expect(res.body.detail).toBe('A coordinator may not send RECORD_ASSESSMENT while the case is assessment.inProgress: only a lead practitioner may.');
      expect(res.body.permittedRoles).toEqual(['leadPractitioner']);
      expect(res.body.allowedEvents).toEqual(expect.arrayContaining(['ASSIGN_LEAD_PRACTITIONER']));
    });
  });

  describe('404 no such case (or none you may see)', () => {
    it('answers the same for a missing case, a malformed id and a case the caller may not see', async () => {
      const { id } = await openCase(h);
      await drive(h, id, journeyTo('assessment.inProgress', USERS.lead));
      const missing = await get(h, '/cases/6d9b1f7e-7c1e-4c1e-9f0a-2b3c4d5e6f70', USERS.coordinator);
      const malformed = await get(h, '/cases/not-a-case', USERS.coordinator);
      const otherArea = await get(h, `/cases/${id}`, OTHER_COORDINATOR);
      const otherLead = await get(h, `/cases/${id}`, USERS.otherLead);
      const history = await get(h, `/cases/${id}/history`, USERS.otherLead);
      const event = await send(h, id, { type: 'RAISE_CONCERN', category: 'neglect', mandatedReport: false, observed: 'x', immediateSafety: { childSafeNow: true, actionTaken: 'none' } }, USERS.otherLead);
      for (const res of [missing, malformed, otherArea, otherLead, history, event]) {
        expectProblem(res, 404, 'CASE_NOT_FOUND');
        expect(res.body.detail).toBe('There is no case with this id that you can see.');
      }
      const route = await get(h, '/nowhere', USERS.coordinator);
      expectProblem(route, 404, 'NOT_FOUND');
    });
  });

  describe('409 not now', () => {
    it('refuses an event the state does not accept, with the events it does', async () => {
      const { id } = await openCase(h);
      const res = await send(h, id, { type: 'CLOSE_CASE' }, USERS.lead);
      expectProblem(res, 409, 'EVENT_NOT_ALLOWED');
      expect(res.body.detail).toBe('CLOSE_CASE is not accepted while the case is request.draft.');
      expect(res.body.allowedEvents).toEqual(expect.arrayContaining(['RECORD_REQUEST_DETAILS', 'RAISE_CONCERN', 'WITHDRAW_CONSENT']));
    });

    it('says what leads to the state that accepts the event: a request is submitted after consent is asked for and recorded', async () => {
      const { id } = await openCase(h);
      const res = await send(h, id, { type: 'SUBMIT_REQUEST' }, USERS.lead);
      expectProblem(res, 409, 'EVENT_NOT_ALLOWED');
      expect(res.body).toMatchObject({ acceptedIn: 'request.awaitingConsent', leadingEvents: ['REQUEST_CONSENT'] });
      expect(res.body.detail).toBe(
        'SUBMIT_REQUEST is not accepted while the case is request.draft. It is accepted in request.awaitingConsent, which REQUEST_CONSENT leads to. ' +
          'As the case stands, SUBMIT_REQUEST will then need: Consent of a parent/carer with parental responsibility is not recorded: record written consent (RECORD_CONSENT) before submitting.',
      );
    });

    it('lists an event that waits for the case with what it needs, before anyone sends it', async () => {
      const { id } = await openCase(h);
      await drive(h, id, journeyTo('request.awaitingConsent', USERS.lead));
      const seen = await get(h, `/cases/${id}`, USERS.lead);
      expect(seen.body.allowedEvents).toContain('SUBMIT_REQUEST');
      expect(seen.body.waitingEvents).toEqual([{ event: 'SUBMIT_REQUEST', reasons: [expect.stringContaining('(RECORD_CONSENT)')] }]);
      const refused = await send(h, id, { type: 'SUBMIT_REQUEST' }, USERS.lead);
      expectProblem(refused, 422, 'GUARD_FAILED');
      expect(refused.body.reasons).toEqual(seen.body.waitingEvents[0].reasons);
    });

    it('refuses a change based on a stale version, naming the current one', async () => {
      const { id } = await openCase(h);
      const [first, second] = [at(fullJourney(USERS.lead), 0), at(fullJourney(USERS.lead), 1)];
      expect((await send(h, id, first.event, USERS.lead, { 'If-Match': '"1"' })).status).toBe(200);
      const stale = await send(h, id, second.event, USERS.lead, { 'If-Match': '"1"' });
      expectProblem(stale, 409, 'VERSION_CONFLICT');
      expect(stale.body).toMatchObject({ currentVersion: 2, expectedVersion: 1 });
      expect(stale.body.detail).toContain('Reload it and try again');
      expect((await send(h, id, second.event, USERS.lead, { 'If-Match': 'W/"2"' })).status).toBe(200);
    });
  });

  describe('422 a rule of the practice model', () => {
    it('refuses to submit a request without the consent of the parent/carer, saying so', async () => {
      const { id } = await openCase(h);
      const steps = fullJourney(USERS.lead);
      await drive(h, id, [at(steps, 0), at(steps, 1)]);
      const res = await send(h, id, { type: 'SUBMIT_REQUEST' }, USERS.lead);
      expectProblem(res, 422, 'GUARD_FAILED');
      expect(res.body.detail).toMatch(/consent/i);
      expect(res.body.reasons).toEqual([expect.stringMatching(/consent/i)]);
    });

    it('refuses an idempotency key used for another command', async () => {
      const { id } = await openCase(h);
      const first = at(fullJourney(USERS.lead), 0);
      expect((await send(h, id, first.event, USERS.lead, { 'Idempotency-Key': 'key-reused-1' })).status).toBe(200);
      const res = await send(h, id, { type: 'RECORD_REQUEST_DETAILS', reasonForRequest: 'Something else entirely.' }, USERS.lead, { 'Idempotency-Key': 'key-reused-1' });
      expectProblem(res, 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(res.body.detail).toContain('Use a new key for a new command');
    });
  });
});
