/**
 * The case machine's deadlines as practice counts them: on the organisation's local calendar in
 * context (time zone, closed days), from the day a person gave where practice counts from it,
 * each stage keeping the rule it started with.
 */
import type { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import { DEFAULT_DEADLINE_POLICY, mergeDeadlinePolicy, type DeadlineName, type DeadlinePolicy, type WorkingCalendar } from '@tacu/domain';
import { caseWorkflow as wf } from './case.machine';
import { frameworkOf } from './context';
import { accept, ctx, MAIN_PATH, RAISE_CONCERN_SAMPLE, restore, SAMPLE_CALENDAR, samplesOf, walk } from './testing';

function upTo(type: (typeof MAIN_PATH)[number]): AnyMachineSnapshot {
  const snapshots = walk(wf, MAIN_PATH.slice(0, MAIN_PATH.indexOf(type)));
  return snapshots[snapshots.length - 1];
}

/** The instant each delay raised by a transition at `now` is due. */
function dues(now: string, actions: readonly AnyEventObject[]): Record<string, string> {
  const raised = (actions as unknown as { type: string; params: { id: string; delay?: number } }[]).filter((a) => a.type === 'xstate.raise' && typeof a.params.delay === 'number');
  return Object.fromEntries(raised.map((a) => [a.params.id, new Date(Date.parse(now) + (a.params.delay ?? 0)).toISOString()]));
}

const due = (s: AnyMachineSnapshot, name: DeadlineName) => wf.deadlineDue?.(s.context, name)?.toISOString() ?? null;

/** The snapshot as the engine hands it to the next transition after writing `policy` and `calendar` into it. */
function asEngineWrites(s: AnyMachineSnapshot, facts: { policy?: DeadlinePolicy; calendar?: WorkingCalendar }): AnyMachineSnapshot {
  const json = JSON.parse(JSON.stringify(wf.machine.getPersistedSnapshot(s)));
  json.context = { ...json.context, ...facts };
  return restore(wf, json);
}

describe('deadlines count on the local calendar', () => {
  it('SUBMIT_REQUEST at 00:30 Irish summer time on Monday 15 June 2026 counts from Monday: due at the end of Monday 22 June, not on a Saturday', () => {
    const at = '2026-06-14T23:30:00.000Z';
    const { snapshot, actions } = accept(wf, upTo('SUBMIT_REQUEST'), 'SUBMIT_REQUEST', at);
    expect(dues(at, actions)).toEqual({ 'xstate.after.requestRegistration.case.request.submitted': '2026-06-22T23:00:00.000Z' });
    expect(due(snapshot, 'requestRegistration')).toBe('2026-06-22T23:00:00.000Z');
  });

  it('a concern raised at 00:30 Irish time on a Saturday must be reported by the end of that Saturday, not thirty minutes later', () => {
    const summer = '2026-06-19T23:30:00.000Z'; // Saturday 20 June 2026, 00:30 IST
    expect(dues(summer, accept(wf, upTo('HOLD_MEETING'), RAISE_CONCERN_SAMPLE, summer).actions)).toEqual({
      'xstate.after.concernReported.case.escalation.raised': '2026-06-20T23:00:00.000Z',
    });
    const winter = '2026-11-28T00:30:00.000Z'; // Saturday 28 November 2026, 00:30 GMT
    expect(dues(winter, accept(wf, upTo('HOLD_MEETING'), RAISE_CONCERN_SAMPLE, winter).actions)).toEqual({
      'xstate.after.concernReported.case.escalation.raised': '2026-11-29T00:00:00.000Z',
    });
  });

  it('a closed day the engine writes into the calendar later moves a running deadline (recounted with deadlineDue)', () => {
    const submitted = accept(wf, upTo('SUBMIT_REQUEST'), 'SUBMIT_REQUEST', '2026-11-23T09:00:00.000Z').snapshot;
    expect(due(submitted, 'requestRegistration')).toBe('2026-12-01T00:00:00.000Z');
    const closedWednesday = asEngineWrites(submitted, { calendar: { ...SAMPLE_CALENDAR, closedDays: [...SAMPLE_CALENDAR.closedDays, '2026-11-25'].sort() } });
    expect(due(closedWednesday, 'requestRegistration')).toBe('2026-12-02T00:00:00.000Z');
    expect(due(closedWednesday, 'assessmentCompletion')).toBeNull(); // not running
  });
});

describe('deadlines count from the day a person gave', () => {
  it('minutes count from the day the meeting was held: held on 1 October 2026 and recorded on 30 November, they are overdue at once', () => {
    const recordedAt = '2026-11-30T10:00:00.000Z';
    const { snapshot, actions } = accept(wf, upTo('HOLD_MEETING'), { type: 'HOLD_MEETING', heldOn: '2026-10-01', attendance: [{ name: 'Parent A' }], apologies: [] }, recordedAt);
    // 10 working days after Thursday 1 October 2026: Thursday 15 October (Irish summer time).
    expect(due(snapshot, 'minutesDistributed')).toBe('2026-10-15T23:00:00.000Z');
    expect(dues(recordedAt, actions)).toEqual({ 'xstate.after.minutesDistributed.case.meeting.held': recordedAt }); // delay 0: due now
  });

  it("the action plan's sign-off counts from the day the meeting was held, not from when the minutes went out", () => {
    const { snapshot } = accept(wf, upTo('DISTRIBUTE_MINUTES'), 'DISTRIBUTE_MINUTES', '2026-12-21T09:00:00.000Z');
    expect(ctx(snapshot).deadlineStarts.planSignOff).toBe('2026-12-10');
    // 10 working days after Thursday 10 December 2026: Christmas Day, St Stephen's Day (a Saturday) and its substitute are skipped.
    expect(due(snapshot, 'planSignOff')).toBe('2026-12-25T00:00:00.000Z');
  });

  it('a revised plan counts from the day the review that revised it was held', () => {
    const recorded = accept(wf, accept(wf, upTo('HOLD_REVIEW'), 'HOLD_REVIEW').snapshot, 'RECORD_REVIEW').snapshot;
    const revised = accept(wf, recorded, { type: 'REVISE_PLAN', reason: 'Add homework support.' }, '2027-02-15T09:00:00.000Z').snapshot;
    expect(ctx(revised).deadlineStarts.planSignOff).toBe('2027-01-20');
    // 10 working days after Wednesday 20 January 2027, St Brigid's Day (Monday 1 February) skipped: Thursday 4 February.
    expect(due(revised, 'planSignOff')).toBe('2027-02-05T00:00:00.000Z');
  });

  it('closure proposed at a review counts from the day the review was held; proposed outside a review, from the proposal', () => {
    const recorded = accept(wf, accept(wf, upTo('HOLD_REVIEW'), 'HOLD_REVIEW').snapshot, 'RECORD_REVIEW').snapshot;
    const atReview = accept(wf, recorded, 'PROPOSE_CLOSURE', '2027-02-15T09:00:00.000Z').snapshot;
    expect(ctx(atReview).deadlineStarts.closureCompletion).toBe('2027-01-20');
    const inAssessment = accept(wf, upTo('RECORD_ASSESSMENT'), { type: 'PROPOSE_CLOSURE', reason: 'familyDisengaged' }, '2026-11-24T09:00:00.000Z').snapshot;
    expect(ctx(inAssessment).deadlineStarts.closureCompletion).toBe('2026-11-24T09:00:00.000Z');
  });

  it('the next review cycle counts from the day the last review was held, the first from the plan sign-off', () => {
    const first = upTo('HOLD_REVIEW');
    expect(ctx(first).deadlineStarts.reviewOverdue).toBe(ctx(first).now);
    const recorded = accept(wf, accept(wf, first, 'HOLD_REVIEW').snapshot, 'RECORD_REVIEW').snapshot;
    const next = accept(wf, recorded, 'CONTINUE_PLAN', '2027-02-15T09:00:00.000Z').snapshot;
    expect(ctx(next).deadlineStarts).toMatchObject({ reviewReminder: '2027-01-20', reviewOverdue: '2027-01-20' });
  });

  it('the written report counts from the time of the urgent phone report (reportedAt), else from when it was recorded', () => {
    const consulted = accept(wf, accept(wf, upTo('HOLD_MEETING'), RAISE_CONCERN_SAMPLE).snapshot, 'CONSULT_LIAISON').snapshot;
    const phone = { type: 'SUBMIT_REPORT', statutoryService: 'Tusla', method: 'phone', jointReport: false, parentsInformed: true } as const;
    const late = accept(wf, consulted, { ...phone, reportedAt: '2026-11-20T16:40:00+00:00' }, '2026-11-23T09:00:00.000Z').snapshot;
    expect(due(late, 'writtenReportAfterPhone')).toBe('2026-11-24T00:00:00.000Z'); // Friday 20 + 3 days: the end of Monday 23
    const now = accept(wf, consulted, phone, '2026-11-23T09:00:00.000Z').snapshot;
    expect(due(now, 'writtenReportAfterPhone')).toBe('2026-11-27T00:00:00.000Z');
  });

  it('a stage resumed after an escalation counts from the resumption, not from the old meeting', () => {
    const drafting = accept(wf, upTo('DISTRIBUTE_MINUTES'), 'DISTRIBUTE_MINUTES').snapshot;
    let s = accept(wf, drafting, RAISE_CONCERN_SAMPLE).snapshot;
    s = accept(wf, s, 'CONSULT_LIAISON').snapshot;
    const resumed = accept(wf, s, { type: 'DECIDE_NOT_TO_REPORT', reason: 'Below threshold.' }, '2027-03-01T09:00:00.000Z').snapshot;
    expect(ctx(resumed).deadlineStarts.planSignOff).toBe('2027-03-01T09:00:00.000Z');
  });
});

describe('stage lengths are policy: a stage keeps the rule it started with', () => {
  const shorter = mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, { deadlines: { meetingHeld: { amount: 5 }, minutesDistributed: { amount: 2 } } });

  it('a running stage keeps its length when the policy changes; the next stage takes the new one', () => {
    const proposed = upTo('INVITE_TO_MEETING');
    expect(ctx(proposed).deadlineRules.meetingHeld).toEqual(DEFAULT_DEADLINE_POLICY.deadlines.meetingHeld);
    const changed = asEngineWrites(proposed, { policy: shorter });
    const invited = accept(wf, changed, 'INVITE_TO_MEETING', '2026-11-30T09:00:00.000Z');
    // Re-armed in `invited` with the 15 working days it started with: still the end of Monday 14 December.
    expect(dues('2026-11-30T09:00:00.000Z', invited.actions)).toEqual({ 'xstate.after.meetingHeld.case.meeting.invited': '2026-12-15T00:00:00.000Z' });
    const held = accept(wf, invited.snapshot, 'HOLD_MEETING').snapshot;
    expect(ctx(held).deadlineRules.minutesDistributed).toEqual(shorter.deadlines.minutesDistributed);
    expect(due(held, 'minutesDistributed')).toBe('2026-12-15T00:00:00.000Z'); // 2 working days after Thursday 10 December
  });

  it('a deadline that ends forgets its rule and its start', () => {
    const held = accept(wf, upTo('HOLD_MEETING'), 'HOLD_MEETING').snapshot;
    const drafting = accept(wf, held, 'DISTRIBUTE_MINUTES').snapshot;
    // caseOpenCheck and noContactWithFamily run case-wide, whatever the stage.
    expect(Object.keys(ctx(held).deadlineRules).sort()).toEqual(['caseOpenCheck', 'minutesDistributed', 'noContactWithFamily']);
    expect(Object.keys(ctx(drafting).deadlineRules).sort()).toEqual(['caseOpenCheck', 'noContactWithFamily', 'planSignOff']);
    expect(Object.keys(ctx(drafting).deadlineStarts).sort()).toEqual(['caseOpenCheck', 'noContactWithFamily', 'planSignOff']);
  });
});

describe('snapshots written before deadlines recorded their rule', () => {
  it('still count (with the current policy) and end their deadlines', () => {
    const submitted = accept(wf, upTo('SUBMIT_REQUEST'), 'SUBMIT_REQUEST', '2026-11-23T09:00:00.000Z').snapshot;
    const json = JSON.parse(JSON.stringify(wf.machine.getPersistedSnapshot(submitted)));
    delete json.context.deadlineRules;
    const old = restore(wf, json);
    expect(due(old, 'requestRegistration')).toBe('2026-12-01T00:00:00.000Z');
    const registered = accept(wf, old, 'REGISTER_REQUEST').snapshot;
    // The deadlines started at registration record their rule: the assessment's and the restarted no-contact alert's.
    expect(ctx(registered).deadlineRules).toEqual({
      assessmentCompletion: DEFAULT_DEADLINE_POLICY.deadlines.assessmentCompletion,
      noContactWithFamily: DEFAULT_DEADLINE_POLICY.deadlines.noContactWithFamily,
    });
  });
});

describe('the next review on the day the last review set (RECORD_REVIEW nextReviewOn)', () => {
  const held = () => accept(wf, upTo('HOLD_REVIEW'), 'HOLD_REVIEW').snapshot; // held on Wednesday 20 January 2027
  const recordSetting = (s: AnyMachineSnapshot, nextReviewOn?: string) =>
    accept(wf, s, { ...samplesOf('RECORD_REVIEW', ctx(s))[0], ...(nextReviewOn ? { nextReviewOn } : {}) } as AnyEventObject).snapshot;

  it('the plan continues: the next review is due at the end of the day set, the reminder as long before it as the policy has it (two weeks)', () => {
    const at = '2027-01-25T09:00:00.000Z';
    const { snapshot, actions } = accept(wf, recordSetting(held(), '2027-03-03'), 'CONTINUE_PLAN', at);
    expect(dues(at, actions)).toEqual({
      'xstate.after.reviewReminder.case.review.scheduled': '2027-02-18T00:00:00.000Z',
      'xstate.after.reviewOverdue.case.review.scheduled': '2027-03-04T00:00:00.000Z',
    });
    expect(ctx(snapshot).deadlineRules.reviewOverdue).toEqual({ unit: 'onDay', amount: 0, basis: 'agreed', day: '2027-03-03', description: 'Review held on the day the last review set (2027-03-03)' });
    expect(due(snapshot, 'reviewOverdue')).toBe('2027-03-04T00:00:00.000Z');
  });

  it('no day set: the policy\'s 8 weeks from the day the review was held', () => {
    const next = accept(wf, recordSetting(held()), 'CONTINUE_PLAN', '2027-01-25T09:00:00.000Z').snapshot;
    expect(ctx(next).deadlineRules.reviewOverdue).toEqual(DEFAULT_DEADLINE_POLICY.deadlines.reviewOverdue);
    expect(due(next, 'reviewOverdue')).toBe('2027-03-18T00:00:00.000Z'); // Wednesday 17 March 2027
  });

  it('a next review set a week on: the reminder is due at the end of the day the cycle counts from, never before it', () => {
    const next = accept(wf, recordSetting(held(), '2027-01-27'), 'CONTINUE_PLAN', '2027-01-25T09:00:00.000Z').snapshot;
    expect(due(next, 'reviewReminder')).toBe('2027-01-21T00:00:00.000Z');
    expect(due(next, 'reviewOverdue')).toBe('2027-01-28T00:00:00.000Z');
  });

  it('a revision: the revised plan\'s first review is due on the day the revising review set', () => {
    let s = accept(wf, recordSetting(held(), '2027-03-03'), { type: 'REVISE_PLAN', reason: 'Add homework support.' }).snapshot;
    for (const step of ['DRAFT_PLAN', 'SUBMIT_PLAN_FOR_SIGN_OFF', 'SIGN_OFF_PLAN'] as const) s = accept(wf, s, step, '2027-02-01T09:00:00.000Z').snapshot;
    expect(ctx(s).review.cycles).toBe(2);
    expect(due(s, 'reviewOverdue')).toBe('2027-03-04T00:00:00.000Z');
  });

  it('a review cycle resumed after an escalation counts the policy\'s weeks from the resumption', () => {
    let s = accept(wf, recordSetting(held(), '2027-03-03'), 'CONTINUE_PLAN', '2027-01-25T09:00:00.000Z').snapshot;
    s = accept(wf, s, RAISE_CONCERN_SAMPLE).snapshot;
    s = accept(wf, s, 'CONSULT_LIAISON').snapshot;
    const resumed = accept(wf, s, { type: 'DECIDE_NOT_TO_REPORT', reason: 'Below threshold.' }, '2027-02-01T09:00:00.000Z').snapshot;
    expect(ctx(resumed).deadlineStarts.reviewOverdue).toBe('2027-02-01T09:00:00.000Z');
    expect(ctx(resumed).deadlineRules.reviewOverdue).toEqual(DEFAULT_DEADLINE_POLICY.deadlines.reviewOverdue);
  });
});

describe('cases persisted before reviews and closures were recorded as meetings', () => {
  /**
   * The snapshot as stored before: every review cycle in a list and every superseded plan in the
   * plan, no meeting in reviews or closure, no review-record deadline, no outcome framework.
   */
  function oldShape(s: AnyMachineSnapshot): AnyMachineSnapshot {
    const json = JSON.parse(JSON.stringify(wf.machine.getPersistedSnapshot(s)));
    const context = json.context;
    context.reviews = [context.review.previous, context.review.current].filter((r) => r !== null);
    delete context.review;
    const { revision: _revision, ...plan } = context.plan;
    context.plan = { ...plan, history: [] };
    for (const review of context.reviews) delete review.meeting;
    delete context.closure.meeting;
    delete context.outcomeFramework;
    delete context.deadlineStarts.reviewRecorded;
    delete context.deadlineRules.reviewRecorded;
    // Restored as the engine restores every stored case: through the workflow's upgrade.
    return restore(wf, wf.upgrade ? wf.upgrade(json) : json);
  }

  it('a case in review.held continues: the review is recorded with its minutes and the next cycle runs on the policy', () => {
    const old = oldShape(accept(wf, upTo('HOLD_REVIEW'), 'HOLD_REVIEW').snapshot);
    expect(ctx(old).review.current?.meeting).toBeUndefined();
    expect(ctx(old).plan.revision).toBeNull();
    expect(frameworkOf(ctx(old)).id).toBe('ireland-national-outcomes');
    const recorded = accept(wf, old, 'RECORD_REVIEW').snapshot;
    expect(ctx(recorded).review.current?.record?.minutes).toBeDefined();
    const next = accept(wf, recorded, 'CONTINUE_PLAN', '2027-01-25T09:00:00.000Z').snapshot;
    expect(due(next, 'reviewOverdue')).toBe('2027-03-18T00:00:00.000Z');
  });

  it('a case in closure.proposed continues with a closing meeting, or closes without one', () => {
    const recorded = accept(wf, accept(wf, upTo('HOLD_REVIEW'), 'HOLD_REVIEW').snapshot, 'RECORD_REVIEW').snapshot;
    const old = oldShape(accept(wf, recorded, 'PROPOSE_CLOSURE').snapshot);
    expect(ctx(old).closure.meeting).toBeUndefined();
    const withMeeting = accept(wf, old, 'HOLD_CLOSING_MEETING').snapshot;
    expect(ctx(withMeeting).deadlineStarts.closureCompletion).toBe('2027-03-03');
    expect(accept(wf, accept(wf, withMeeting, 'RECORD_CLOSURE_FEEDBACK').snapshot, 'CLOSE_CASE').snapshot.status).toBe('done');
    const without = accept(wf, old, 'RECORD_CLOSURE_FEEDBACK').snapshot;
    expect(ctx(without).closure.feedback?.minutes).toBeUndefined();
    expect(accept(wf, without, 'CLOSE_CASE').snapshot.status).toBe('done');
  });
});
