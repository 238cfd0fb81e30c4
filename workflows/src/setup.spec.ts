/**
 * Where a stage deadline counts from (`countStart`, `meetingDayOf`, `endOfStage`): the policy's
 * working days count from the meeting that was held, from the time a phone report was made, from
 * the contact with the family, or else from now (domain.md, "Deadlines").
 */
import type { AnyCaseEvent } from './setup';
import { countStart, endOfStage, isExplainedGuard, meetingDayOf } from './setup';
import { caseWorkflow as wf } from './case.machine';
import { ctx, MAIN_PATH, reach, SAMPLE_NOW } from './testing';

const upTo = (type: (typeof MAIN_PATH)[number]) => ctx(reach(wf, MAIN_PATH.slice(0, MAIN_PATH.indexOf(type) + 1)));
const ev = (event: Record<string, unknown>) => event as unknown as AnyCaseEvent;

describe('countStart: where a deadline starting now is counted from', () => {
  const context = upTo('REGISTER_REQUEST');

  it('from the time a phone report was made, when it says when', () => {
    expect(countStart(context, ev({ type: 'SUBMIT_REPORT', method: 'phone', reportedAt: '2026-11-20T15:00:00Z' }), 'phoneReport')).toBe('2026-11-20T15:00:00Z');
    // Without the time, or counted from something else, it is now.
    expect(countStart(context, ev({ type: 'SUBMIT_REPORT', method: 'phone' }), 'phoneReport')).toBe(SAMPLE_NOW);
    expect(countStart(context, ev({ type: 'SUBMIT_REPORT', method: 'phone', reportedAt: '2026-11-20T15:00:00Z' }), 'now')).toBe(SAMPLE_NOW);
    expect(countStart(context, ev({ type: 'RECORD_CONTACT', contactedOn: '2026-11-20T15:00:00Z' }), 'phoneReport')).toBe(SAMPLE_NOW);
  });

  it('from the contact with the family, for a contact', () => {
    expect(countStart(context, ev({ type: 'RECORD_CONTACT', contactedOn: '2026-11-21T10:00:00Z' }), 'contact')).toBe('2026-11-21T10:00:00Z');
    expect(countStart(context, ev({ type: 'RECORD_CONTACT', contactedOn: '2026-11-21T10:00:00Z' }), 'now')).toBe(SAMPLE_NOW);
    expect(countStart(context, ev({ type: 'SUBMIT_REPORT', reportedAt: '2026-11-20T15:00:00Z' }), 'contact')).toBe(SAMPLE_NOW);
  });

  it('from the day of the meeting held, else now', () => {
    expect(countStart(context, ev({ type: 'HOLD_MEETING', heldOn: '2026-11-19' }), 'meeting')).toBe('2026-11-19');
    expect(countStart(context, ev({ type: 'COMPLETE_ASSESSMENT' }), 'meeting')).toBe(SAMPLE_NOW);
    expect(countStart(context, ev({ type: 'COMPLETE_ASSESSMENT' }))).toBe(SAMPLE_NOW);
  });
});

describe('meetingDayOf and endOfStage', () => {
  it('the day a meeting, review or closing meeting was held, from the event itself', () => {
    const context = upTo('REGISTER_REQUEST');
    for (const type of ['HOLD_MEETING', 'HOLD_REVIEW', 'HOLD_CLOSING_MEETING']) expect(meetingDayOf(context, ev({ type, heldOn: '2026-11-18' }))).toBe('2026-11-18');
    expect(meetingDayOf(context, ev({ type: 'DISTRIBUTE_MINUTES' }))).toBeNull();
  });

  it('at the end of the meeting stage, the day the support meeting was held', () => {
    const context = upTo('DISTRIBUTE_MINUTES');
    expect(meetingDayOf(context, ev({ type: 'xstate.done.state.case.meeting' }))).toBe(context.meeting.held?.heldOn);
    expect(meetingDayOf(upTo('REGISTER_REQUEST'), ev({ type: 'xstate.done.state.case.meeting' }))).toBeNull();
  });

  it('at the end of a review, or when the plan continues, the day of the latest review held', () => {
    const context = upTo('RECORD_REVIEW');
    const latest = context.review.current?.heldOn;
    expect(latest).toBeDefined();
    expect(meetingDayOf(context, ev({ type: 'CONTINUE_PLAN' }))).toBe(latest);
    expect(meetingDayOf(context, ev({ type: 'xstate.done.state.case.review' }))).toBe(latest);
    expect(meetingDayOf(upTo('SIGN_OFF_PLAN'), ev({ type: 'CONTINUE_PLAN' }))).toBeNull();
  });

  it('endOfStage names the stage whose end the event is', () => {
    expect(endOfStage(ev({ type: 'xstate.done.state.case.meeting' }), 'meeting')).toBe(true);
    expect(endOfStage(ev({ type: 'xstate.done.state.case.meeting' }), 'review')).toBe(false);
    expect(endOfStage(ev({ type: 'xstate.done.state.case.review' }), 'review')).toBe(true);
    expect(endOfStage(ev({ type: 'HOLD_MEETING' }), 'meeting')).toBe(false);
  });

  it('isExplainedGuard: a guard with an explanation, and nothing else', () => {
    const explained = Object.assign(() => true, { explain: () => undefined });
    expect(isExplainedGuard(explained)).toBe(true);
    expect(isExplainedGuard(() => true)).toBe(false);
    expect(isExplainedGuard({ explain: () => undefined })).toBe(false);
    expect(isExplainedGuard(Object.assign(() => true, { explain: 'not a function' }))).toBe(false);
  });
});
