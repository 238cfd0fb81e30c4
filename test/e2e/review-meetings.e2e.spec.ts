/**
 * Reviews and closure are meetings (the open issue "What practitioners really record", point 4),
 * over HTTP: a review meeting's attendance, apologies, chair and minutes; the day of the next
 * review it sets, which the next review is due on; the review record due 10 working days after
 * the meeting; the closing meeting, from whose day the closing summary counts, and whose minutes
 * come with the Closure and Feedback record; and a case stored before any of this, which carries on.
 */
import { journeyTo, sampleEvent } from './support/api';
import { drive, get, openCase, send, startHarness, USERS, type Harness } from './support/harness';

type Res = { status: number; body: Record<string, unknown> };

function refusal(res: Res): Record<string, string> {
  expect({ status: res.status, code: res.body['code'] }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  return Object.fromEntries((res.body['errors'] as { field: string; problems: string[] }[]).map((e) => [e.field, e.problems.join(' | ')]));
}

const ok = (res: Res, state: string) => expect({ status: res.status, state: res.body['state'], body: res.status === 200 ? undefined : res.body }).toEqual({ status: 200, state, body: undefined });

const REVIEW_MEETING = {
  type: 'HOLD_REVIEW',
  heldOn: '2026-03-02',
  attendance: [{ name: 'Siobhán Murphy' }, { name: 'Aoife Byrne', personId: 'u-lp-0001' }],
  apologies: [{ name: 'Orla Doyle' }],
  chair: { name: 'Aoife Byrne', personId: 'u-lp-0001' },
};

describe('reviews and closure are meetings', () => {
  let h: Harness;
  beforeAll(async () => {
    // The harness clock: Monday 2 March 2026, 09:00 UTC; cases open that day.
    h = await startHarness();
  });
  afterAll(() => h.close());
  afterEach(() => h.clock.set('2026-03-02T09:00:00.000Z'));

  const read = async (id: string) => (await get(h, `/cases/${id}`, USERS.lead)).body;
  const deadline = (body: Record<string, unknown>, name: string) => (body['deadlines'] as { name: string; dueOn: string }[]).find((d) => d.name === name)?.dueOn;

  it('a review meeting: who attended, sent apologies and chaired, its minutes; the record is due 10 working days after it; the next review is due on the day it set', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('review.scheduled', USERS.lead));
    // Before any review set a day: the policy's 8 weeks from the plan's sign-off.
    expect(deadline(await read(id), 'reviewOverdue')).toBe('2026-04-27');

    const held = await send(h, id, REVIEW_MEETING, USERS.lead);
    ok(held, 'review.held');
    // 10 working days after Monday 2 March 2026, as the support meeting's minutes: Monday 16 March.
    expect(held.body).toMatchObject({ dueOn: '2026-03-16', timeZone: 'Europe/Dublin' });

    const recorded = await send(h, id, { ...sampleEvent('RECORD_REVIEW'), nextReviewOn: '2026-04-08' }, USERS.lead);
    ok(recorded, 'review.recorded');
    ok(await send(h, id, sampleEvent('CONTINUE_PLAN'), USERS.lead), 'review.scheduled');

    const next = await read(id);
    expect(next).toMatchObject({ dueOn: '2026-04-08' });
    expect(deadline(next, 'reviewOverdue')).toBe('2026-04-08');
    expect(deadline(next, 'reviewReminder')).toBe('2026-03-25'); // two weeks before, as the policy's 6 and 8 weeks
    const review = (next['record'] as { review: { previous: Record<string, unknown> } }).review.previous;
    expect(review).toMatchObject({
      heldOn: '2026-03-02',
      meeting: { attendance: REVIEW_MEETING.attendance, apologies: REVIEW_MEETING.apologies, chair: REVIEW_MEETING.chair },
      record: { minutes: sampleEvent('RECORD_REVIEW').minutes, nextReviewOn: '2026-04-08' },
    });
  });

  it('the next review on or before the day of the review, or more than 6 months after it, is refused naming the field; nothing is written', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('review.held', USERS.lead));
    const version = (await read(id))['version'];
    expect(refusal(await send(h, id, { ...sampleEvent('RECORD_REVIEW'), nextReviewOn: '2026-03-02' }, USERS.lead))).toEqual({
      nextReviewOn: 'nextReviewOn is 2026-03-02, not after 2026-03-02, the day this review was held: the next review comes after it',
    });
    expect(refusal(await send(h, id, { ...sampleEvent('RECORD_REVIEW'), nextReviewOn: '2026-09-03' }, USERS.lead))).toEqual({
      nextReviewOn: expect.stringContaining('at most 6 months after the review held on 2026-03-02'),
    });
    const { minutes: _minutes, ...withoutMinutes } = sampleEvent('RECORD_REVIEW');
    expect(refusal(await send(h, id, withoutMinutes, USERS.lead))).toEqual({ minutes: 'minutes is required (text of at most 50000 characters)' });
    expect((await read(id))['version']).toBe(version);
    const meetingWithoutChair = await send(h, id, { ...REVIEW_MEETING, chair: undefined }, USERS.lead);
    expect(refusal(meetingWithoutChair)).toEqual({ chair: 'chair is required (an object)' });
  });

  it('the closing meeting: the closing summary counts from its day; its minutes come with the feedback, and it is held once', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('closure.proposed', USERS.lead));
    // From the review that proposed closure (2 March): 10 working days.
    expect((await read(id))['dueOn']).toBe('2026-03-16');

    h.clock.set('2026-03-20T09:00:00.000Z');
    const held = await send(h, id, { ...sampleEvent('HOLD_CLOSING_MEETING'), heldOn: '2026-03-19' }, USERS.lead);
    ok(held, 'closure.meetingHeld');
    // 10 working days after Thursday 19 March 2026: Thursday 2 April, and no longer overdue.
    expect(held.body).toMatchObject({ dueOn: '2026-04-02' });
    expect((await read(id))['overdue']).toBe(false);
    const again = await send(h, id, sampleEvent('HOLD_CLOSING_MEETING'), USERS.lead);
    expect({ status: again.status, code: again.body['code'] }).toEqual({ status: 409, code: 'EVENT_NOT_ALLOWED' });

    const noMinutes = await send(h, id, sampleEvent('RECORD_CLOSURE_FEEDBACK'), USERS.lead);
    expect({ status: noMinutes.status, code: noMinutes.body['code'], reasons: noMinutes.body['reasons'] }).toEqual({
      status: 422,
      code: 'GUARD_FAILED',
      reasons: ['The closing meeting was held on 2026-03-19: record its minutes with the feedback (minutes), in plain language the family can read.'],
    });
    ok(await send(h, id, { ...sampleEvent('RECORD_CLOSURE_FEEDBACK'), minutes: 'Agreed the Meitheal has done its work.' }, USERS.lead), 'closure.feedbackCollected');
    ok(await send(h, id, sampleEvent('CLOSE_CASE'), USERS.lead), 'closed');
    const closure = ((await read(id))['record'] as { closure: Record<string, unknown> }).closure;
    expect(closure).toMatchObject({
      meeting: { heldOn: '2026-03-19', attendance: sampleEvent('HOLD_CLOSING_MEETING').attendance, chair: sampleEvent('HOLD_CLOSING_MEETING').chair },
      feedback: { minutes: 'Agreed the Meitheal has done its work.' },
    });
  });

  it('a closure without a closing meeting records the feedback without minutes; minutes of a meeting not recorded are refused', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('closure.proposed', USERS.lead));
    const minutes = await send(h, id, { ...sampleEvent('RECORD_CLOSURE_FEEDBACK'), minutes: 'Minutes of a meeting nobody recorded.' }, USERS.lead);
    expect({ status: minutes.status, reasons: minutes.body['reasons'] }).toEqual({
      status: 422,
      reasons: ['No closing meeting is recorded: record it first (HOLD_CLOSING_MEETING), or leave out minutes when the case closes without one.'],
    });
    ok(await send(h, id, sampleEvent('RECORD_CLOSURE_FEEDBACK'), USERS.lead), 'closure.feedbackCollected');
  });

  it('a case stored before reviews were meetings (no meeting, no review-record deadline, no outcome framework) carries on to closure', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('review.held', USERS.lead));
    // The stored case as an earlier release wrote it.
    await h.dataSource.query(
      `UPDATE cases SET snapshot = jsonb_set(snapshot, '{context,reviews}', jsonb_build_array(snapshot #> '{context,review,current}') #- '{0,meeting}')
         #- '{context,review}' #- '{context,plan,revision}' #- '{context,outcomeFramework}' #- '{context,closure,meeting}'
         #- '{context,deadlineStarts,reviewRecorded}' #- '{context,deadlineRules,reviewRecorded}' WHERE id = $1`,
      [id],
    );
    await h.dataSource.query(`UPDATE timers SET active = false, cancelled_at = now() WHERE case_id = $1 AND delay_name = 'reviewRecorded'`, [id]);
    const old = await read(id);
    expect(old['record']).not.toHaveProperty('outcomeFramework');
    // Read in the current shape: the list of every review an earlier release kept becomes the review state.
    expect(old['record']).toMatchObject({ review: { cycles: 1, recorded: 0, current: { cycle: 1, heldOn: '2026-03-02' }, previous: null }, plan: { revision: null } });
    expect(old['record']).not.toHaveProperty('reviews');

    ok(await send(h, id, sampleEvent('RECORD_REVIEW'), USERS.lead), 'review.recorded');
    ok(await send(h, id, sampleEvent('PROPOSE_CLOSURE'), USERS.lead), 'closure.proposed');
    ok(await send(h, id, sampleEvent('HOLD_CLOSING_MEETING'), USERS.lead), 'closure.meetingHeld');
    ok(await send(h, id, { ...sampleEvent('RECORD_CLOSURE_FEEDBACK'), minutes: 'Agreed the Meitheal has done its work.' }, USERS.lead), 'closure.feedbackCollected');
    ok(await send(h, id, sampleEvent('CLOSE_CASE'), USERS.lead), 'closed');
    const history = (await get(h, `/cases/${id}/history`, USERS.lead)).body as { events: { eventType: string }[] };
    expect(history.events.slice(-5).map((e) => e.eventType)).toEqual(['RECORD_REVIEW', 'PROPOSE_CLOSURE', 'HOLD_CLOSING_MEETING', 'RECORD_CLOSURE_FEEDBACK', 'CLOSE_CASE']);
  });
});
