/**
 * Retrying a command over HTTP with the same Idempotency-Key, listing with filters and cursor
 * pagination, and need to know in lists.
 */
import { DAY } from '@tacu/testing';
import { fullJourney, journeyTo } from './support/api';
import { at, drive, get, openCase, openCaseBody, OTHER_COORDINATOR, send, startHarness, USERS, type Harness } from './support/harness';

describe('idempotent retry', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('a retry with the same key gets the first answer and changes nothing', async () => {
    const { id } = await openCase(h);
    const details = at(fullJourney(USERS.lead), 0);
    const first = await send(h, id, details.event, USERS.lead, { 'Idempotency-Key': 'retry-1', 'If-Match': '"1"' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, replayed: false });
    // The client did not see the answer and sends the very same request again (even with the stale If-Match).
    const retry = await send(h, id, details.event, USERS.lead, { 'Idempotency-Key': 'retry-1', 'If-Match': '"1"' });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ ...first.body, replayed: true });
    const history = await get(h, `/cases/${id}/history`, USERS.lead);
    expect(history.body.events.map((e: { eventType: string }) => e.eventType)).toEqual(['OPEN_CASE', 'RECORD_REQUEST_DETAILS']);
    expect((await get(h, `/cases/${id}`, USERS.lead)).body.version).toBe(2);
  });

  it('opening a case: a retry with the same key answers the first case and writes no second family', async () => {
    const token = await h.token(USERS.lead);
    const body = openCaseBody({ child: { name: 'Retry Child', dateOfBirth: '2015-04-02' } });
    const post = (key: string, payload: object) => h.http.post('/cases').auth(token, { type: 'bearer' }).set('Idempotency-Key', key).send(payload);
    const first = await post('open-retry-1', body);
    expect(first.status).toBe(201);
    const retry = await post('open-retry-1', body);
    expect(retry.status).toBe(201);
    expect({ id: retry.body.id, familyId: retry.body.familyId, version: retry.body.version }).toEqual({ id: first.body.id, familyId: first.body.familyId, version: 1 });
    const families = await h.dataSource.query(`SELECT count(*)::int AS n FROM family_members WHERE name = 'Retry Child'`);
    expect(families).toEqual([{ n: 1 }]);
    // The same key for a different request is refused, and writes nothing either.
    const other = await post('open-retry-1', { ...body, child: { name: 'Another Child', dateOfBirth: '2016-01-01' } });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM family_members WHERE name = 'Another Child'`)).toEqual([{ n: 0 }]);
    // Keys belong to their caller: another practitioner's same key opens their own case.
    const otherCaller = await h.http.post('/cases').auth(await h.token(USERS.otherLead), { type: 'bearer' }).set('Idempotency-Key', 'open-retry-1').send(openCaseBody({ leadPractitionerId: USERS.otherLead }));
    expect(otherCaller.status).toBe(201);
    expect(otherCaller.body.id).not.toBe(first.body.id);
  });

  it('the same key on another case is another command', async () => {
    const a = await openCase(h);
    const b = await openCase(h);
    const details = at(fullJourney(USERS.lead), 0);
    expect((await send(h, a.id, details.event, USERS.lead, { 'Idempotency-Key': 'shared-key' })).body.replayed).toBe(false);
    expect((await send(h, b.id, details.event, USERS.lead, { 'Idempotency-Key': 'shared-key' })).body.replayed).toBe(false);
  });

  it("keys belong to their caller on a case too: the coordinator's command with the lead's key is a command of its own", async () => {
    const { id } = await openCase(h);
    const steps = fullJourney(USERS.lead);
    const first = steps.findIndex((step) => step.by !== 'lead');
    await drive(h, id, steps.slice(0, first - 1));
    const leadsStep = at(steps, first - 1);
    const coordinatorsStep = at(steps, first);
    const lead = await send(h, id, leadsStep.event, USERS.lead, { 'Idempotency-Key': 'team-key' });
    expect(lead.body).toMatchObject({ state: leadsStep.state, replayed: false });
    const coordinator = await send(h, id, coordinatorsStep.event, USERS.coordinator, { 'Idempotency-Key': 'team-key' });
    expect(coordinator.status).toBe(200);
    expect(coordinator.body).toMatchObject({ state: coordinatorsStep.state, version: lead.body.version + 1, replayed: false });
    // Each caller's retry still answers their own first command.
    expect((await send(h, id, leadsStep.event, USERS.lead, { 'Idempotency-Key': 'team-key' })).body).toEqual({ ...lead.body, replayed: true });
    expect((await send(h, id, coordinatorsStep.event, USERS.coordinator, { 'Idempotency-Key': 'team-key' })).body).toEqual({ ...coordinator.body, replayed: true });
  });
});

describe('lists', () => {
  let h: Harness;
  const ids: string[] = [];
  beforeAll(async () => {
    h = await startHarness();
    // 23 cases opened a minute apart: the newest first is the reverse order of opening.
    for (let i = 0; i < 23; i++) {
      ids.push((await openCase(h, i % 2 === 0 ? USERS.lead : USERS.otherLead, { leadPractitionerId: i % 2 === 0 ? USERS.lead : USERS.otherLead })).id);
      h.clock.advance(60_000);
    }
  });
  afterAll(() => h.close());

  async function allPages(path: string, as: string): Promise<{ pages: number[]; ids: string[] }> {
    const seen: string[] = [];
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const url = `${path}${path.includes('?') ? '&' : '?'}limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await get(h, url, as);
      expect(res.status).toBe(200);
      pages.push(res.body.items.length);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return { pages, ids: seen };
  }

  it('pages through every case once, newest first, with an opaque cursor', async () => {
    const { pages, ids: listed } = await allPages('/cases', USERS.coordinator);
    expect(pages).toEqual([10, 10, 3]);
    expect(listed).toEqual([...ids].reverse());
  });

  it('filters by lead practitioner, stage, state, status and area, and shows each person only what they may see', async () => {
    const mine = (await allPages('/cases', USERS.lead)).ids;
    // A lead practitioner sees the requests they made and the cases they lead, not the other requests of the area.
    const led = (await allPages(`/cases?leadPractitionerId=${USERS.lead}`, USERS.coordinator)).ids;
    expect(led).toEqual(ids.filter((_, i) => i % 2 === 0).reverse());
    expect(mine).toEqual(led);
    expect((await allPages('/cases', USERS.otherLead)).ids).toEqual(ids.filter((_, i) => i % 2 === 1).reverse());
    await drive(h, at(ids, 0), journeyTo('assessment.inProgress', USERS.lead));
    expect((await allPages('/cases', USERS.otherLead)).ids).not.toContain(ids[0]);
    expect((await get(h, '/cases?stage=assessment', USERS.coordinator)).body.items.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
    expect((await get(h, '/cases?state=assessment.inProgress&status=active', USERS.lead)).body.items).toHaveLength(1);
    expect((await get(h, '/cases?areaId=dublin-south-central&limit=1', USERS.coordinator)).body.items).toHaveLength(1);
    expect((await get(h, '/cases', OTHER_COORDINATOR)).body).toEqual({ items: [], nextCursor: null });
    expect((await get(h, '/cases', USERS.agency)).body.items).toEqual([]);
  });

  it('finds overdue cases and those due before a date, soonest deadline first', async () => {
    // Two submitted requests (registration due in 5 working days), a day apart, besides the assessment.
    await drive(h, at(ids, 2), journeyTo('request.submitted', USERS.lead));
    h.clock.advance(DAY);
    await drive(h, at(ids, 1), journeyTo('request.submitted', USERS.otherLead), USERS.otherLead);
    const soon = (await get(h, '/cases?sort=dueAt', USERS.coordinator)).body.items;
    const dues = soon.map((c: { dueAt: string }) => Date.parse(c.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(soon.map((c: { id: string }) => c.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await get(h, '/cases?overdue=true', USERS.coordinator)).body.items).toEqual([]);
    const firstDue = Math.min(...dues);
    const before = (await get(h, `/cases?dueBefore=${new Date(firstDue + 1).toISOString()}`, USERS.coordinator)).body.items;
    expect(before.map((c: { dueAt: string }) => c.dueAt)).toEqual([new Date(firstDue).toISOString()]);
    h.clock.advance(60 * DAY);
    const overdue = (await get(h, '/cases?overdue=true&limit=100', USERS.coordinator)).body.items;
    expect(overdue.length).toBe(soon.length);
    expect(overdue.every((c: { overdue: boolean }) => c.overdue)).toBe(true);
    const paged = await allPages('/cases?sort=dueAt&overdue=true', USERS.coordinator);
    expect(paged.ids.sort()).toEqual(overdue.map((c: { id: string }) => c.id).sort());
  });

  it('refuses a cursor it did not give out, or one given for another sort order', async () => {
    const first = await get(h, '/cases?limit=5', USERS.coordinator);
    const wrongSort = await get(h, `/cases?sort=dueAt&cursor=${encodeURIComponent(first.body.nextCursor)}`, USERS.coordinator);
    expect(wrongSort.status).toBe(400);
    expect(wrongSort.body.errors[0].field).toBe('cursor');
    const junk = await get(h, '/cases?cursor=bm90LWEtY3Vyc29y', USERS.coordinator);
    expect(junk.status).toBe(400);
  });
});
