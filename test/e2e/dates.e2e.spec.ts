/**
 * Dates nobody could mean are refused with a 400 that names the field and the rule, on the
 * organisation's local calendar (Europe/Dublin); the refused event writes nothing.
 */
import { DAY } from '@tacu/testing';
import { journeyTo, sampleEvent } from './support/api';
import { at, drive, get, openCase, openCaseBody, send, startHarness, USERS, type Harness } from './support/harness';

type Res = { status: number; body: Record<string, unknown> };

function refusal(res: Res): Record<string, string> {
  expect({ status: res.status, code: res.body['code'] }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  return Object.fromEntries((res.body['errors'] as { field: string; problems: string[] }[]).map((e) => [e.field, e.problems.join(' | ')]));
}

describe('dates nobody could mean', () => {
  let h: Harness;
  beforeAll(async () => {
    // The harness clock: 2026-03-02T09:00Z, a Monday; cases open on 2026-03-02.
    h = await startHarness();
  });
  afterAll(() => h.close());
  afterEach(() => h.clock.set('2026-03-02T09:00:00.000Z'));

  const versionOf = async (id: string) => (await get(h, `/cases/${id}`, USERS.lead)).body['version'];
  const openWith = async (child: { name: string; dateOfBirth: string }, familyMembers = openCaseBody().familyMembers) =>
    h.http.post('/cases').auth(await h.token(USERS.lead), { type: 'bearer' }).send(openCaseBody({ child, familyMembers }));

  it("a child's date of birth is today or in the 18 years before; a family member's not in the future and under 120", async () => {
    const [families] = await h.dataSource.query('SELECT count(*)::int AS n FROM families');
    expect(refusal(await openWith({ name: 'Future Child', dateOfBirth: '2026-03-03' }))).toEqual({
      'child.dateOfBirth': 'child.dateOfBirth is 2026-03-03, after today (2026-03-02 in Europe/Dublin): a date of birth cannot be in the future',
    });
    expect(refusal(await openWith({ name: 'Old Child', dateOfBirth: '1896-03-02' }))).toEqual({ 'child.dateOfBirth': expect.stringContaining('a child is under 18') });
    expect(refusal(await openWith({ name: 'Adult', dateOfBirth: '2008-03-02' }))).toEqual({ 'child.dateOfBirth': expect.stringContaining("a child's date of birth is after 2008-03-02") });
    const members = [
      { name: 'Nan', relationship: 'grandparent', hasParentalResponsibility: false, dateOfBirth: '1896-01-01' },
      { name: 'Mam', relationship: 'mother', hasParentalResponsibility: true, dateOfBirth: '2999-01-01' },
    ];
    expect(Object.keys(refusal(await openWith({ name: 'Seán Murphy', dateOfBirth: '2018-09-21' }, members)))).toEqual(['familyMembers.0.dateOfBirth', 'familyMembers.1.dateOfBirth']);
    expect(await h.dataSource.query('SELECT count(*)::int AS n FROM families')).toEqual([families]);

    const born = await openWith({ name: 'Newborn', dateOfBirth: '2026-03-02' }, [{ ...at(openCaseBody().familyMembers, 0), dateOfBirth: '1990-05-02' }]);
    expect(born.status).toBe(201);
    expect(born.body.familyMembers.find((m: { relationship: string }) => m.relationship === 'mother')).toMatchObject({ dateOfBirth: '1990-05-02' });
    expect((await openWith({ name: 'Nearly 18', dateOfBirth: '2008-03-03' })).status).toBe(201);
  });

  it('consent signed in the future is refused (it counted as given), and the request still waits for consent', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('request.awaitingConsent', USERS.lead));
    const version = await versionOf(id);
    expect(refusal(await send(h, id, { ...sampleEvent('RECORD_CONSENT'), signedOn: '2999-01-01' }, USERS.lead))).toEqual({
      signedOn: 'signedOn is 2999-01-01, after today (2026-03-02 in Europe/Dublin): record consent once it has been signed, with the day it was signed',
    });
    expect(refusal(await send(h, id, { ...sampleEvent('RECORD_CONSENT'), signedOn: '2024-01-01' }, USERS.lead))).toEqual({ signedOn: expect.stringContaining('at most 1 year before the case opened (2026-03-02)') });
    expect(await versionOf(id)).toBe(version);
    const submit = await send(h, id, sampleEvent('SUBMIT_REQUEST'), USERS.lead);
    expect({ status: submit.status, code: submit.body.code }).toEqual({ status: 422, code: 'GUARD_FAILED' });
    expect((await send(h, id, { ...sampleEvent('RECORD_CONSENT'), signedOn: '2026-02-27' }, USERS.lead)).status).toBe(200);
  });

  it('a meeting is held today or before, and not before the case opened', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('meeting.invited', USERS.lead));
    const version = await versionOf(id);
    const hold = (heldOn: string) => send(h, id, { ...sampleEvent('HOLD_MEETING'), heldOn }, USERS.lead);
    expect(refusal(await hold('2099-04-15'))).toEqual({ heldOn: expect.stringContaining('heldOn is 2099-04-15, after today (2026-03-02 in Europe/Dublin)') });
    expect(refusal(await hold('2026-03-01'))).toEqual({ heldOn: 'heldOn is 2026-03-01, before 2026-03-02: a meeting of this case is held on or after the day the case opened' });
    expect(await versionOf(id)).toBe(version);
    h.clock.advance(14 * DAY);
    expect((await hold('2026-03-10')).status).toBe(200);
  });

  it('a meeting is scheduled on or after the day the case opened, and at most a year ahead', async () => {
    const { id } = await openCase(h);
    const steps = journeyTo('meeting.invited', USERS.lead);
    await drive(h, id, steps.slice(0, -1));
    const invite = (scheduledFor: string) => send(h, id, { ...at(steps, steps.length - 1).event, scheduledFor }, USERS.lead);
    expect(Object.keys(refusal(await invite('2026-02-27T10:00:00Z')))).toEqual(['scheduledFor']);
    expect(Object.keys(refusal(await invite('2036-04-15T10:00:00+01:00')))).toEqual(['scheduledFor']);
    expect((await invite('2026-03-20T10:00:00+00:00')).status).toBe(200);
  });

  it('an action of the plan is due on or after the day the case opened, and at most two years ahead', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('actionPlan.drafting', USERS.lead));
    const plan = sampleEvent('DRAFT_PLAN');
    const [first, second] = [at(plan.actions, 0), at(plan.actions, 1)];
    const draft = (dueDates: [string, string]) => send(h, id, { ...plan, actions: [{ ...first, dueDate: dueDates[0] }, { ...second, dueDate: dueDates[1] }] }, USERS.lead);
    expect(Object.keys(refusal(await draft(['2099-05-29', '2025-05-06'])))).toEqual(['actions.0.dueDate', 'actions.1.dueDate']);
    expect((await draft(['2026-03-02', '2028-03-02'])).status).toBe(200);
  });

  it('a review is held today or before, and not before the case opened', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('review.scheduled', USERS.lead));
    const version = await versionOf(id);
    expect(Object.keys(refusal(await send(h, id, { ...sampleEvent('HOLD_REVIEW'), heldOn: '2099-06-10' }, USERS.lead)))).toEqual(['heldOn']);
    expect(Object.keys(refusal(await send(h, id, { ...sampleEvent('HOLD_REVIEW'), heldOn: '2026-01-10' }, USERS.lead)))).toEqual(['heldOn']);
    expect(await versionOf(id)).toBe(version);
  });

  it('a meeting is not recorded as held before the day it was arranged, nor in the future', async () => {
    const { id } = await openCase(h);
    const steps = journeyTo('meeting.invited', USERS.lead);
    await drive(h, id, steps.slice(0, -1));
    // Arranged a week after the case opened, recorded as held three days later.
    h.clock.set('2026-03-09T09:00:00.000Z');
    expect((await send(h, id, at(steps, steps.length - 1).event, USERS.lead)).status).toBe(200);
    h.clock.set('2026-03-12T09:00:00.000Z');
    const version = await versionOf(id);
    const hold = (heldOn: string) => send(h, id, { ...sampleEvent('HOLD_MEETING'), heldOn }, USERS.lead);
    expect(refusal(await hold('2026-03-05'))).toEqual({
      heldOn: 'heldOn is 2026-03-05, before 2026-03-09: the day the meeting was arranged (its invitations recorded); a meeting is held on or after it: check the day',
    });
    expect(refusal(await hold('2026-03-13'))).toEqual({ heldOn: expect.stringContaining('after today (2026-03-12 in Europe/Dublin)') });
    expect(await versionOf(id)).toBe(version);
    expect((await hold('2026-03-09')).status).toBe(200);
  });

  it('a review is not held before its cycle started (the plan signed off), nor in the future', async () => {
    const { id } = await openCase(h);
    const steps = journeyTo('review.scheduled', USERS.lead);
    await drive(h, id, steps.slice(0, -1));
    h.clock.set('2026-03-16T09:00:00.000Z');
    expect((await send(h, id, at(steps, steps.length - 1).event, USERS.lead)).body.state).toBe('review.scheduled');
    h.clock.set('2026-04-20T09:00:00.000Z');
    const version = await versionOf(id);
    const hold = (heldOn: string) => send(h, id, { ...sampleEvent('HOLD_REVIEW'), heldOn }, USERS.lead);
    expect(refusal(await hold('2026-03-10'))).toEqual({ heldOn: expect.stringContaining('heldOn is 2026-03-10, before 2026-03-16: the day this review cycle started (the plan signed off') });
    expect(refusal(await hold('2026-04-21'))).toEqual({ heldOn: expect.stringContaining('after today (2026-04-20 in Europe/Dublin)') });
    expect(await versionOf(id)).toBe(version);
    expect((await hold('2026-04-17')).status).toBe(200);
  });

  it('the closing meeting is not held before closing was proposed', async () => {
    const { id } = await openCase(h);
    const steps = journeyTo('closure.proposed', USERS.lead);
    await drive(h, id, steps.slice(0, -1));
    h.clock.set('2026-03-20T09:00:00.000Z');
    expect((await send(h, id, at(steps, steps.length - 1).event, USERS.lead)).body.state).toBe('closure.proposed');
    h.clock.set('2026-03-25T09:00:00.000Z');
    const hold = (heldOn: string) => send(h, id, { ...sampleEvent('HOLD_CLOSING_MEETING'), heldOn }, USERS.lead);
    expect(refusal(await hold('2026-03-19'))).toEqual({ heldOn: 'heldOn is 2026-03-19, before 2026-03-20: the day closing the case was proposed; the closing meeting is held on or after it: check the day' });
    expect(refusal(await hold('2026-03-26'))).toEqual({ heldOn: expect.stringContaining('after today (2026-03-25 in Europe/Dublin)') });
    expect((await hold('2026-03-20')).status).toBe(200);
  });

  it('a report of a concern (a phone report too) is not made before the day the concern was raised, nor later than now', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('review.scheduled', USERS.lead));
    h.clock.set('2026-03-10T09:00:00.000Z');
    expect((await send(h, id, sampleEvent('RAISE_CONCERN'), USERS.lead)).status).toBe(200);
    expect((await send(h, id, sampleEvent('CONSULT_LIAISON'), USERS.dlp)).status).toBe(200);
    h.clock.set('2026-03-11T09:00:00.000Z');
    const version = await versionOf(id);
    const report = (reportedAt: string) => send(h, id, { ...sampleEvent('SUBMIT_REPORT'), method: 'phone', reportedAt }, USERS.dlp);
    expect(refusal(await report('2026-03-09T16:00:00Z'))).toEqual({
      reportedAt: 'reportedAt is 2026-03-09, before 2026-03-10: the day the concern was raised; a report of it is made on or after it: check the day, or leave the time out (now)',
    });
    expect(refusal(await report('2026-03-11T12:00:00Z'))).toEqual({ reportedAt: expect.stringContaining('later than now') });
    expect(await versionOf(id)).toBe(version);
    expect((await report('2026-03-10T15:00:00Z')).status).toBe(200);
  });

  it("today is the organisation's day: at 23:30 UTC on a summer evening it is already tomorrow in Dublin", async () => {
    h.clock.set('2026-06-14T12:00:00Z');
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('meeting.invited', USERS.lead, '2026-06-14'));
    h.clock.set('2026-06-14T23:30:00Z');
    expect((await send(h, id, { ...sampleEvent('HOLD_MEETING'), heldOn: '2026-06-16' }, USERS.lead)).status).toBe(400);
    expect((await send(h, id, { ...sampleEvent('HOLD_MEETING'), heldOn: '2026-06-15' }, USERS.lead)).status).toBe(200);
  });

  it('a zone-less dueBefore is refused with a 400 that says to add Z or an offset; with a zone it filters', async () => {
    const zoneless = await get(h, '/cases?dueBefore=2026-12-01T00:00:00', USERS.coordinator);
    expect(refusal(zoneless)).toEqual({
      dueBefore: 'dueBefore has no time zone, so it could mean different instants: add Z (UTC) or an offset such as +01:00, e.g. 2026-12-01T00:00:00Z',
    });
    expect(refusal(await get(h, '/cases?dueBefore=2026-12-01', USERS.coordinator))).toEqual({ dueBefore: 'dueBefore needs a time and a zone, e.g. 2026-12-01T00:00:00Z' });
    expect(Object.keys(refusal(await get(h, '/cases?dueBefore=2026-02-30T00:00:00Z', USERS.coordinator)))).toEqual(['dueBefore']);
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('request.submitted', USERS.lead));
    const due = await get(h, `/cases?dueBefore=${encodeURIComponent('2026-12-01T00:00:00+01:00')}&limit=100`, USERS.coordinator);
    expect(due.status).toBe(200);
    expect((due.body.items as { id: string }[]).map((c) => c.id)).toContain(id);
    const none = await get(h, `/cases?dueBefore=${encodeURIComponent('2026-03-02T09:00:00Z')}&limit=100`, USERS.coordinator);
    expect((none.body.items as { id: string }[]).map((c) => c.id)).not.toContain(id);
  });
});
