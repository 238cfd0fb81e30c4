/**
 * Deadlines on Ireland's calendar in local time, over HTTP: the due date as an instant and as a
 * local day with its time zone, a closure day a coordinator adds (and the deadlines it moves, in
 * the case history), the organisation's calendar, the policy file's closure days, and a meeting
 * recorded weeks after it was held.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journeyTo } from './support/api';
import { drive, get, openCase, send, startHarness, USERS, type Harness } from './support/harness';

function closureDay(h: Harness, as: string, body: Record<string, unknown>) {
  return h.token(as).then((token) => h.http.post('/organisation/closure-days').auth(token, { type: 'bearer' }).send(body));
}

describe("deadlines on the organisation's local calendar", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ ORGANISATION_NAME: 'Dublin South Central Family Support Network' });
  });
  afterAll(() => h.close());

  it('SUBMIT_REQUEST at 00:30 Irish summer time on Monday 15 June 2026 is due at the end of Monday 22 June: dueAt, dueOn and the time zone', async () => {
    h.clock.set('2026-06-14T23:30:00.000Z');
    const { id } = await openCase(h);
    const submitted = await drive(h, id, journeyTo('request.submitted', USERS.lead));
    expect(submitted).toMatchObject({ dueAt: '2026-06-22T23:00:00.000Z', dueOn: '2026-06-22', timeZone: 'Europe/Dublin' });
    const read = await get(h, `/cases/${id}`, USERS.coordinator);
    expect(read.body).toMatchObject({ dueAt: '2026-06-22T23:00:00.000Z', dueOn: '2026-06-22', timeZone: 'Europe/Dublin', overdue: false });
    expect(read.body.deadlines).toContainEqual({ name: 'requestRegistration', dueAt: '2026-06-22T23:00:00.000Z', dueOn: '2026-06-22', passed: false });
    expect(read.body.record).not.toHaveProperty('calendar');
    const listed = (await get(h, '/cases?sort=dueAt', USERS.coordinator)).body.items.find((c: { id: string }) => c.id === id);
    expect(listed).toMatchObject({ dueOn: '2026-06-22', timeZone: 'Europe/Dublin' });
  });

  it('a coordinator adds a closure day: the open deadline it falls inside moves, and the case history says from when to when', async () => {
    h.clock.set('2026-06-15T09:00:00.000Z');
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('request.submitted', USERS.lead));
    const added = await closureDay(h, USERS.coordinator, { date: '2026-06-17', name: 'Staff training day' });
    expect(added.status).toBe(201);
    // Both open requests (this one and the one submitted at 00:30 on 15 June) were due after 17 June.
    expect(added.body).toEqual({ organisationId: 'default', date: '2026-06-17', name: 'Staff training day', recount: { cases: 2, moved: 2, failed: 0 } });

    const read = await get(h, `/cases/${id}`, USERS.coordinator);
    expect(read.body).toMatchObject({ dueAt: '2026-06-23T23:00:00.000Z', dueOn: '2026-06-23' });
    const history = await get(h, `/cases/${id}/history`, USERS.coordinator);
    expect(history.body.events.at(-1)).toMatchObject({
      eventType: 'DEADLINES_RECALCULATED',
      actor: { id: USERS.coordinator, role: 'coordinator' },
      fromState: 'request.submitted',
      toState: 'request.submitted',
      data: {
        because: { kind: 'closureDayAdded', date: '2026-06-17', name: 'Staff training day' },
        moves: [{ deadline: 'requestRegistration', fromDay: '2026-06-22', toDay: '2026-06-23', from: '2026-06-22T23:00:00.000Z', to: '2026-06-23T23:00:00.000Z' }],
      },
    });
    expect(history.body.events.at(-1).seq).toBe(read.body.version);

    const again = await closureDay(h, USERS.coordinator, { date: '2026-06-17', name: 'Staff training day' });
    expect(again.status).toBe(409);
    // The organisation's name as configured: the one its pages and documents show.
    expect(again.body.detail).toBe('2026-06-17 is already a closure day of Dublin South Central Family Support Network: nothing changed.');
  });

  it("shows the organisation's calendar for a year: public holidays, substitute days and closure days", async () => {
    const res = await get(h, '/organisation/calendar?year=2026', USERS.lead);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ organisationId: 'default', name: 'Dublin South Central Family Support Network', country: 'IE', region: null, timeZone: 'Europe/Dublin', substituteDays: 'nextWeekday', year: 2026 });
    expect(res.body.holidayLibrary).toMatch(/^date-holidays@/);
    const days = res.body.closedDays.map((d: { date: string; kind: string }) => `${d.date} ${d.kind}`);
    expect(days).toEqual(expect.arrayContaining(['2026-06-01 publicHoliday', '2026-06-17 closureDay', '2026-12-26 publicHoliday', '2026-12-28 substituteDay']));
    expect(days).not.toContain('2026-04-03 publicHoliday'); // Good Friday
    expect((await get(h, '/organisation/calendar?year=1999', USERS.lead)).status).toBe(400);
  });

  it('only coordinators and managers add closure days, and a bad day or name is a 400 that says what to write', async () => {
    const lead = await closureDay(h, USERS.lead, { date: '2026-06-18', name: 'x' });
    expect(lead.status).toBe(403);
    expect(lead.body.detail).toMatch(/calendar:manage/);
    expect((await closureDay(h, USERS.manager, { date: '2026-06-19', name: 'Summer closure' })).status).toBe(201);

    const bad = await closureDay(h, USERS.coordinator, { date: '2026-02-30', name: ' ', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'date', problems: ['date must be a real day of the calendar (e.g. 2026-02-30 does not exist)'] },
        { field: 'name', problems: ['name must be text of 1 to 200 characters, without control characters'] },
        expect.objectContaining({ field: 'colour' }),
      ]),
    );
    expect((await closureDay(h, USERS.coordinator, { date: '24/12/2026', name: 'x' })).body.errors).toEqual([
      { field: 'date', problems: expect.arrayContaining(['date must be a day written YYYY-MM-DD, e.g. 2026-12-24']) },
    ]);
    expect((await closureDay(h, USERS.coordinator, { date: '2026-12-24' })).body.errors).toEqual([{ field: 'name', problems: ['name is required: say why the organisation is closed that day'] }]);
    expect((await closureDay(h, USERS.coordinator, { date: '2026-12-24', name: 'a\u0000b' })).status).toBe(400);
    const far = await closureDay(h, USERS.coordinator, { date: '2031-01-02', name: 'Far away' });
    expect(far.status).toBe(400);
    expect(far.body.errors).toEqual([{ field: 'date', problems: ['date must be from 2025-06-14 to 2028-12-31: a closure day within a year back and up to the end of 2028'] }]);
  });

  it('refuses (409) a closure day on a day the organisation is closed anyway: a weekend, a public holiday, a substitute day', async () => {
    const before = await h.dataSource.query(`SELECT count(*)::int AS n FROM closure_days`);
    const saturday = await closureDay(h, USERS.coordinator, { date: '2026-12-05', name: 'A Saturday' });
    expect(saturday.status).toBe(409);
    expect(saturday.body.detail).toMatch(/^2026-12-05 is a Saturday: .* is closed that day already, and no deadline counts it\.$/);
    const christmas = await closureDay(h, USERS.coordinator, { date: '2026-12-25', name: 'Christmas' });
    expect(christmas.status).toBe(409);
    expect(christmas.body.detail).toMatch(/^2026-12-25 is Christmas Day, a public holiday/);
    expect((await closureDay(h, USERS.coordinator, { date: '2026-12-28', name: 'St Stephen substitute' })).status).toBe(409);
    expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM closure_days`)).toEqual(before);
  });

  it('documents the calendar routes in OpenAPI: the closure day body with its limits, and the 400, 403 and 409 answers', async () => {
    const doc = (await h.http.get('/docs/openapi.json')).body;
    const post = doc.paths['/organisation/closure-days'].post;
    expect(Object.keys(post.responses).sort()).toEqual(['201', '400', '401', '403', '409', '413', '415', '429', '500']);
    expect(doc.components.schemas.AddClosureDayDto).toMatchObject({
      required: ['date', 'name'],
      properties: { date: { format: 'date', maxLength: 10 }, name: { minLength: 1, maxLength: 200 } },
    });
    expect(doc.paths['/organisation/calendar'].get.responses['200']).toBeDefined();
    expect(doc.components.schemas.CaseSummaryResponse.properties).toHaveProperty('dueOn');
    expect(doc.components.schemas.TransitionResponse.properties).toHaveProperty('timeZone');
  });
});

describe('deadlines count from the day a person gave', () => {
  it('a meeting held on 1 October 2026 and recorded on 30 November is overdue at once: the minutes were due on 15 October', async () => {
    const h = await startHarness();
    try {
      h.clock.set('2026-09-28T09:00:00.000Z');
      const { id } = await openCase(h);
      await drive(h, id, journeyTo('meeting.invited', USERS.lead, '2026-09-28'));
      h.clock.set('2026-11-30T10:00:00.000Z');
      const held = await send(h, id, { type: 'HOLD_MEETING', heldOn: '2026-10-01', attendance: [{ name: 'Mam' }], apologies: [] }, USERS.lead);
      expect(held.status).toBe(200);
      expect(held.body).toMatchObject({ state: 'meeting.held', dueAt: '2026-10-15T23:00:00.000Z', dueOn: '2026-10-15' });
      const read = await get(h, `/cases/${id}`, USERS.lead);
      expect(read.body).toMatchObject({ overdue: true, dueOn: '2026-10-15' });
      expect(read.body.deadlines).toContainEqual({ name: 'minutesDistributed', dueAt: '2026-10-15T23:00:00.000Z', dueOn: '2026-10-15', passed: true });
    } finally {
      await h.close();
    }
  });
});

describe("the policy file's calendar", () => {
  it('its closure days apply to the default organisation from start-up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tacu-calendar-'));
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ calendar: { country: 'IE', timeZone: 'Europe/Dublin', closureDays: [{ date: '2026-03-04', name: 'Office move' }] } }));
    const h = await startHarness({ DEADLINE_POLICY_FILE: file });
    try {
      const { id } = await openCase(h); // Monday 2 March 2026
      const submitted = await drive(h, id, journeyTo('request.submitted', USERS.lead));
      // 5 working days without Wednesday 4 March: the end of Tuesday 10 March.
      expect(submitted).toMatchObject({ dueAt: '2026-03-11T00:00:00.000Z', dueOn: '2026-03-10' });
      const calendar = await get(h, '/organisation/calendar', USERS.coordinator);
      expect(calendar.body.year).toBe(2026);
      expect(calendar.body.closedDays).toContainEqual({ date: '2026-03-04', name: 'Office move', kind: 'closureDay' });
    } finally {
      await h.close();
    }
  });
});
