/**
 * A case from request to closure (needsMet) with two review cycles, over HTTP, and what the
 * API shows on the way: state, stage, due dates, version and ETag, allowed events, the audit
 * trail, and sibling cases sharing one family.
 */
import { addDays } from '@tacu/domain';
import { DAY } from '@tacu/testing';
import { fullJourney } from './support/api';
import { get, openCase, send, startHarness, USERS, type Harness } from './support/harness';

describe('a case from request to closure', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('opens in the request stage with the child, the family and the events the lead may send', async () => {
    const res = await h.http.post('/cases').auth(await h.token(USERS.lead), { type: 'bearer' }).send({
      areaId: 'dublin-south-central',
      origin: 'school',
      child: { name: 'Seán Murphy', dateOfBirth: '2018-09-21' },
      familyMembers: [{ name: 'Siobhán Murphy', relationship: 'mother', hasParentalResponsibility: true, sensitive: { address: '12 Church Road' } }],
    });
    expect(res.status).toBe(201);
    expect(res.headers['location']).toBe(`/cases/${res.body.id}`);
    expect(res.headers['etag']).toBe('"1"');
    expect(res.body).toMatchObject({
      workflow: { id: 'case', version: 1 },
      areaId: 'dublin-south-central',
      origin: 'school',
      leadPractitionerId: USERS.lead,
      stage: 'request',
      state: 'request.draft',
      status: 'active',
      version: 1,
      closedAt: null,
      siblingCases: [],
    });
    expect(res.body.allowedEvents).toEqual(expect.arrayContaining(['RECORD_REQUEST_DETAILS', 'RAISE_CONCERN', 'WITHDRAW_CONSENT']));
    expect(res.body.allowedEvents).not.toContain('REGISTER_REQUEST');
    const child = res.body.familyMembers.find((m: { id: string }) => m.id === res.body.childPersonId);
    expect(child).toMatchObject({ relationship: 'child', name: 'Seán Murphy', dateOfBirth: '2018-09-21' });
    // The lead practitioner of the case sees the sensitive details.
    const mother = res.body.familyMembers.find((m: { relationship: string }) => m.relationship === 'mother');
    expect(mother.sensitive).toEqual({ address: '12 Church Road' });
  });

  it('goes through every stage to closure (needsMet) after two reviews, with one audit entry per step', async () => {
    const { id } = await openCase(h);
    const steps = fullJourney(USERS.lead);
    let version = 1;
    for (const step of steps) {
      if (step.event.type === 'HOLD_REVIEW') h.clock.advance(6 * 7 * DAY);
      // Reviews and the closing meeting are held on the day the clock has reached (not before the
      // cycle or the proposal they follow), and the next review is set six weeks after that day.
      const today = h.clock.now().toISOString().slice(0, 10);
      const event =
        step.event.type === 'HOLD_REVIEW' || step.event.type === 'HOLD_CLOSING_MEETING'
          ? { ...step.event, heldOn: today }
          : step.event.type === 'RECORD_REVIEW' && step.event.nextReviewOn !== undefined
            ? { ...step.event, nextReviewOn: addDays(today, 42) }
            : step.event;
      const res = await send(h, id, event, step.by === 'lead' ? USERS.lead : USERS.coordinator, { 'If-Match': `"${version}"` });
      expect({ event: step.event.type, status: res.status, state: res.body.state }).toEqual({ event: step.event.type, status: 200, state: step.state });
      expect(res.body.version).toBe(version + 1);
      expect(res.headers['etag']).toBe(`"${version + 1}"`);
      version = res.body.version;
    }

    const closed = await get(h, `/cases/${id}`, USERS.lead);
    expect(closed.status).toBe(200);
    expect(closed.headers['etag']).toBe(`"${version}"`);
    expect(closed.body).toMatchObject({ stage: 'closure', state: 'closed', status: 'closed', closureReason: 'needsMet', dueAt: null, overdue: false, version });
    expect(closed.body.closedAt).not.toBeNull();
    expect(closed.body.allowedEvents).toEqual([]);
    // The snapshot keeps the counts and the last two cycles; each review is its stored record.
    expect(closed.body.record.review).toMatchObject({ cycles: 2, recorded: 2, previous: { cycle: 1, decision: 'continue' }, current: { cycle: 2, decision: 'close' } });
    const documents = (await get(h, `/cases/${id}/documents`, USERS.lead)).body.items as { kind: string; audience: string; locale: string; version: number }[];
    // Each review's record, issued when recorded and again with its decision (continue; propose closure).
    expect(documents.filter((d) => d.kind === 'reviewRecord' && d.audience === 'professional' && d.locale === 'en').map((d) => d.version).sort()).toEqual([1, 2, 3, 4]);

    const history = await get(h, `/cases/${id}/history`, USERS.lead);
    expect(history.status).toBe(200);
    // The trail has no version of its own to tag.
    expect(history.headers['etag']).toBeUndefined();
    const types = history.body.events.map((e: { eventType: string }) => e.eventType);
    expect(types).toEqual(['OPEN_CASE', ...steps.map((s) => s.event.type)]);
    expect(history.body.events.map((e: { seq: number }) => e.seq)).toEqual(types.map((_: string, i: number) => i + 1));
    expect(history.body.events[5]).toMatchObject({ actor: { id: USERS.coordinator, role: 'coordinator' }, eventType: 'REGISTER_REQUEST', toState: 'assessment.inProgress' });
    expect(history.body.events.every((e: { hash: string }) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
  });

  it('shows the stage due date and marks it overdue when it passes', async () => {
    const { id } = await openCase(h);
    for (const step of fullJourney(USERS.lead).slice(0, 5)) {
      expect((await send(h, id, step.event, step.by === 'lead' ? USERS.lead : USERS.coordinator)).status).toBe(200);
    }
    const inAssessment = await get(h, `/cases/${id}`, USERS.lead);
    expect(inAssessment.body.state).toBe('assessment.inProgress');
    expect(inAssessment.body.dueAt).not.toBeNull();
    expect(inAssessment.body.overdue).toBe(false);
    expect(inAssessment.body.deadlines.map((d: { name: string }) => d.name)).toContain('assessmentCompletion');
    h.clock.set(new Date(Date.parse(inAssessment.body.dueAt) + 1000));
    const late = await get(h, `/cases/${id}`, USERS.lead);
    expect(late.body.overdue).toBe(true);
  });

  it('links a sibling case to the family: the people are shared and each case lists the other', async () => {
    const first = await openCase(h);
    const res = await h.http.post('/cases').auth(await h.token(USERS.lead), { type: 'bearer' }).send({
      areaId: 'dublin-south-central',
      origin: 'school',
      familyId: first.familyId,
      child: { name: 'Aoibhe Murphy', dateOfBirth: '2015-02-11' },
      familyMembers: [],
    });
    expect(res.status).toBe(201);
    expect(res.body.familyId).toBe(first.familyId);
    expect(res.body.childPersonId).not.toBe(first.body['childPersonId']);
    expect(res.body.siblingCases).toEqual([expect.objectContaining({ id: first.id, childPersonId: first.body['childPersonId'] })]);
    const names = res.body.familyMembers.map((m: { name: string }) => m.name).sort();
    expect(names).toEqual(['Aoibhe Murphy', 'Bridget Murphy', 'Seán Murphy', 'Siobhán Murphy']);
    const again = await get(h, `/cases/${first.id}`, USERS.lead);
    expect(again.body.siblingCases.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
    const family = await get(h, `/cases?familyId=${first.familyId}`, USERS.lead);
    expect(family.body.items.map((c: { id: string }) => c.id).sort()).toEqual([first.id, res.body.id].sort());
  });
});
