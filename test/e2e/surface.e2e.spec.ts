/**
 * The rest of the surface: health, workflows and their diagrams, the OpenAPI document and UI,
 * request ids, who sees what of a case (need to know, sensitive details), and the deadline
 * policy file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journeyTo, sampleEvent } from './support/api';
import { drive, get, openCase, openCaseBody, OTHER_COORDINATOR, send, startHarness, USERS, type Harness } from './support/harness';

describe('the API surface', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('answers /health with the database status, without a token', async () => {
    const res = await h.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    expect((await h.http.get('/health/live')).body).toEqual({ status: 'ok' });
  });

  it('lists the machines with their versions and draws each as Mermaid', async () => {
    const list = await get(h, '/workflows', USERS.coordinator);
    expect(list.status).toBe(200);
    const ids = list.body.items.map((w: { id: string }) => w.id);
    expect(ids).toEqual(expect.arrayContaining(['case', 'requestForSupport', 'escalation']));
    expect(list.body.items.find((w: { id: string }) => w.id === 'case')).toMatchObject({ version: 1, latest: true, states: expect.arrayContaining(['request', 'review', 'closed']) });
    const diagram = await get(h, '/workflows/case/diagram', USERS.coordinator);
    expect(diagram.status).toBe(200);
    expect(diagram.body).toMatchObject({ id: 'case', version: 1, format: 'mermaid' });
    expect(diagram.body.diagram).toMatch(/^stateDiagram-v2/);
    const old = await get(h, '/workflows/case/diagram?version=7', USERS.coordinator);
    expect(old.status).toBe(400);
    expect(old.body.detail).toBe('Workflow "case" has no version 7; it has 1.');
  });

  it('serves the OpenAPI document, with one schema per event, and the UI at /docs', async () => {
    const doc = await h.http.get('/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/cases', '/cases/{id}', '/cases/{id}/events', '/cases/{id}/history', '/workflows', '/workflows/{id}/diagram', '/health']),
    );
    const body = doc.body.paths['/cases/{id}/events'].post.requestBody.content['application/json'].schema;
    expect(body.oneOf).toHaveLength(39);
    expect(body.discriminator.propertyName).toBe('type');
    expect(doc.body.components.schemas).toHaveProperty('RecordConsent');
    expect(doc.body.components.securitySchemes).toHaveProperty('bearer');
    const ui = await h.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });

  it('gives every answer a request id, keeping a safe one the caller sent', async () => {
    const generated = await h.http.get('/health/live');
    // Answers carry children's data: nothing keeps a copy.
    expect(generated.headers['cache-control']).toBe('no-store');
    expect((await get(h, '/cases', USERS.coordinator)).headers['cache-control']).toBe('no-store');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await h.http.get('/health/live').set('x-request-id', 'client-req-0001');
    expect(given.headers['x-request-id']).toBe('client-req-0001');
    const unsafe = await h.http.get('/health/live').set('x-request-id', 'Siobhán Murphy <script>');
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows a case to those who need to know, and sensitive details only to its lead and the coordinator', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('meeting.invited', USERS.lead));
    const agency = await get(h, `/cases/${id}`, USERS.agency);
    expect(agency.status).toBe(200);
    expect(agency.body.allowedEvents).toEqual(['RAISE_CONCERN', 'RECORD_CONTACT']);
    const mother = (res: { body: { familyMembers: { relationship: string; sensitive?: unknown }[] } }) => res.body.familyMembers.find((m) => m.relationship === 'mother');
    expect(mother(agency)).not.toHaveProperty('sensitive');
    expect(mother(await get(h, `/cases/${id}`, USERS.coordinator))).toHaveProperty('sensitive', expect.objectContaining({ address: expect.any(String) }));
    expect(mother(await get(h, `/cases/${id}`, USERS.lead))).toHaveProperty('sensitive');
    expect((await get(h, `/cases/${id}`, USERS.otherLead)).status).toBe(404);
    expect((await get(h, `/cases/${id}`, USERS.dlp)).status).toBe(404);
    await send(h, id, sampleEvent('RAISE_CONCERN'), USERS.agency);
    const dlp = await get(h, `/cases/${id}`, USERS.dlp);
    expect(dlp.status).toBe(200);
    expect(mother(dlp)).not.toHaveProperty('sensitive');
  });

  it('puts every read of case data in the audit trail, with who, what and the request id; refused reads leave no trace', async () => {
    const { id } = await openCase(h, USERS.coordinator, { leadPractitionerId: USERS.lead });
    const reads = () => h.dataSource.query(`SELECT actor_id, actor_role, what, request_id FROM case_reads WHERE case_id = $1 ORDER BY id`, [id]);
    // Opening answers the case, so the opener's read is the first one.
    expect(await reads()).toEqual([{ actor_id: USERS.coordinator, actor_role: 'coordinator', what: 'case', request_id: expect.any(String) }]);
    const token = await h.token(USERS.lead);
    expect((await h.http.get(`/cases/${id}`).auth(token, { type: 'bearer' }).set('x-request-id', 'read-case-0001')).status).toBe(200);
    expect((await h.http.get(`/cases/${id}/history`).auth(token, { type: 'bearer' }).set('x-request-id', 'read-history-0001')).status).toBe(200);
    // A coordinator of another area may not see it: 404, and no read is recorded.
    expect((await get(h, `/cases/${id}`, OTHER_COORDINATOR)).status).toBe(404);
    expect((await reads()).slice(1)).toEqual([
      { actor_id: USERS.lead, actor_role: 'leadPractitioner', what: 'case', request_id: 'read-case-0001' },
      { actor_id: USERS.lead, actor_role: 'leadPractitioner', what: 'history', request_id: 'read-history-0001' },
    ]);
    await expect(h.dataSource.query(`DELETE FROM case_reads WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);
  });

  it('puts each case of a listed page in the audit trail as a list read; cases the caller cannot see leave no trace', async () => {
    const mine = await openCase(h, USERS.coordinator, { leadPractitionerId: USERS.lead });
    const sibling = await openCase(h, USERS.coordinator, { leadPractitionerId: USERS.lead, familyId: mine.familyId });
    const listReads = async (id: string) =>
      (await h.dataSource.query(`SELECT actor_id, actor_role, request_id FROM case_reads WHERE case_id = $1 AND what = 'list' ORDER BY id`, [id])) as unknown[];
    const res = await h.http
      .get(`/cases?familyId=${mine.familyId}`)
      .auth(await h.token(USERS.coordinator), { type: 'bearer' })
      .set('x-request-id', 'list-cases-0001');
    expect(res.status).toBe(200);
    expect((res.body as { items: { id: string }[] }).items.map((c) => c.id).sort()).toEqual([mine.id, sibling.id].sort());
    for (const id of [mine.id, sibling.id]) {
      expect(await listReads(id)).toEqual([{ actor_id: USERS.coordinator, actor_role: 'coordinator', request_id: 'list-cases-0001' }]);
    }
    // Another area's coordinator lists the same family: no case comes back, and nothing is recorded.
    const other = await get(h, `/cases?familyId=${mine.familyId}`, OTHER_COORDINATOR);
    expect(other.status).toBe(200);
    expect(other.body).toEqual({ items: [], nextCursor: null });
    expect(await listReads(mine.id)).toHaveLength(1);
  });

  it('a reopened case links the closed episode it follows', async () => {
    const closed = await openCase(h);
    await drive(h, closed.id, journeyTo('request.submitted', USERS.lead));
    await send(h, closed.id, { type: 'DECLINE_REQUEST', reason: 'The family moved area.' }, USERS.coordinator);
    const reopen = openCaseBody({ previousEpisodeId: closed.id, familyId: closed.familyId, familyMembers: [] });
    delete reopen.child;
    const res = await h.http.post('/cases').auth(await h.token(USERS.lead), { type: 'bearer' }).send(reopen);
    expect(res.status).toBe(201);
    expect(res.body['previousEpisodeId']).toBe(closed.id);
    const active = await openCase(h);
    const refused = await h.http.post('/cases').auth(await h.token(USERS.lead), { type: 'bearer' }).send(openCaseBody({ previousEpisodeId: active.id }));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'previousEpisodeId', problems: ['previousEpisodeId must name a closed case: only a closed case is reopened as a new episode'] }]);
  });
});

describe('the deadline policy file', () => {
  it('changes the stage deadlines the machines count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tacu-policy-'));
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ deadlines: { requestRegistration: { unit: 'calendarDays', amount: 1 } } }));
    const h = await startHarness({ DEADLINE_POLICY_FILE: file });
    try {
      const { id } = await openCase(h);
      const res = await drive(h, id, journeyTo('request.submitted', USERS.lead));
      // Submitted on Monday 2 March 2026: one calendar day is the end of Tuesday 3 March, Dublin time (GMT).
      expect(res).toMatchObject({ dueAt: '2026-03-04T00:00:00.000Z', dueOn: '2026-03-03', timeZone: 'Europe/Dublin' });
    } finally {
      await h.close();
    }
  });
});

describe('when something breaks inside', () => {
  it('answers 500 without internals, and /health 503 when the database is gone', async () => {
    const h = await startHarness();
    try {
      await h.dataSource.query('ALTER TABLE family_members RENAME TO family_members_gone');
      const res = await h.http.post('/cases').auth(await h.token(USERS.lead), { type: 'bearer' }).send(openCaseBody());
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toEqual({
        type: 'urn:tacu:problem:internal',
        title: 'Internal error',
        status: 500,
        code: 'INTERNAL',
        detail: 'Something went wrong on our side. It has been logged; try again, and tell the service desk the request id if it persists.',
        requestId: res.headers['x-request-id'],
      });
      expect(res.text).not.toMatch(/family_members|QueryFailedError|\.ts:\d+/);
      await h.dataSource.destroy();
      const health = await h.http.get('/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    } finally {
      await h.app.close();
    }
  });
});
