import { closureWorkflow as wf } from './closure.machine';
import { accept, ctx, send, start, stateOf, reach } from './testing';

const CLOSING_MEETING = {
  type: 'HOLD_CLOSING_MEETING',
  heldOn: '2026-12-02',
  attendance: [{ name: 'Parent A' }, { name: 'Lead practitioner' }],
  apologies: [{ name: 'Class teacher' }],
  chair: { name: 'Lead practitioner' },
} as const;

const FEEDBACK = {
  type: 'RECORD_CLOSURE_FEEDBACK',
  familyFeedback: { words: 'The help with mornings made a difference.' },
  childFeedback: { words: 'I am on time now.' },
  finalRatings: [{ outcome: 'achievingFullPotential', rating: 3, reason: 'Attending every day.' }],
  onwardReferrals: [],
} as const;

describe('closure machine', () => {
  it('closureReasonExplained: the case cannot close without a reason', () => {
    const s = reach(wf, ['RECORD_CLOSURE_FEEDBACK']);
    expect(s.can({ type: 'CLOSE_CASE' })).toBe(false);
    expect(wf.explainGuard('closureReasonExplained', s.context, { type: 'CLOSE_CASE' })).toMatch(/No reason for closing/);
  });

  it('proposed with a reason, feedback collected, closed', () => {
    let s = accept(wf, start(wf).snapshot, { type: 'PROPOSE_CLOSURE', reason: 'transferredToOtherArea' }).snapshot;
    s = accept(wf, accept(wf, s, 'RECORD_CLOSURE_FEEDBACK').snapshot, 'CLOSE_CASE').snapshot;
    expect(stateOf(s)).toBe('closed');
    expect(wf.project(s)).toEqual(expect.objectContaining({ status: 'closed', closureReason: 'transferredToOtherArea' }));
    expect(ctx(s).closure.feedback?.onwardReferrals).toEqual([]);
  });

  it("childsViewRecorded: the child's feedback at closure is required (words or reason)", () => {
    const s = start(wf).snapshot;
    expect(s.can({ type: 'RECORD_CLOSURE_FEEDBACK', familyFeedback: { words: 'ok' }, childFeedback: { words: '' }, finalRatings: [], onwardReferrals: [] })).toBe(false);
  });

  it('the closing meeting: its day, attendance, apologies and chair, held once; the Closure and Feedback record completed at it carries its minutes', () => {
    const proposed = accept(wf, start(wf).snapshot, { type: 'PROPOSE_CLOSURE', reason: 'familyDisengaged' }).snapshot;
    const held = accept(wf, proposed, CLOSING_MEETING).snapshot;
    expect(stateOf(held)).toBe('meetingHeld');
    expect(ctx(held).closure.meeting).toEqual({ heldOn: '2026-12-02', attendance: CLOSING_MEETING.attendance, apologies: CLOSING_MEETING.apologies, chair: CLOSING_MEETING.chair });
    expect(held.can(CLOSING_MEETING)).toBe(false);
    const collected = accept(wf, held, { ...FEEDBACK, minutes: 'Agreed the Meitheal has done its work.' }).snapshot;
    expect(stateOf(collected)).toBe('feedbackCollected');
    expect(ctx(collected).closure.feedback?.minutes).toBe('Agreed the Meitheal has done its work.');
    expect(collected.can(CLOSING_MEETING)).toBe(false);
  });

  it('closingMeetingMinutes: minutes are required when a closing meeting was held, and refused when none was', () => {
    const proposed = accept(wf, start(wf).snapshot, { type: 'PROPOSE_CLOSURE', reason: 'familyDisengaged' }).snapshot;
    const held = accept(wf, proposed, CLOSING_MEETING).snapshot;
    expect(held.can(FEEDBACK)).toBe(false);
    expect(wf.explainGuard('closureFeedbackComplete', held.context, FEEDBACK)).toBe(
      'The closing meeting was held on 2026-12-02: record its minutes with the feedback (minutes), in plain language the family can read.',
    );
    expect(proposed.can({ ...FEEDBACK, minutes: 'Minutes of a meeting nobody recorded.' })).toBe(false);
    expect(wf.explainGuard('closureFeedbackComplete', proposed.context, { ...FEEDBACK, minutes: 'x' } as { type: string })).toMatch(/^No closing meeting is recorded: record it first \(HOLD_CLOSING_MEETING\)/);
    expect(stateOf(accept(wf, proposed, FEEDBACK).snapshot)).toBe('feedbackCollected');
  });

  it('closureCompletion counts from the closing meeting: the closing summary is due 10 working days after its day, and an overdue mark from the proposal is cleared', () => {
    const proposed = accept(wf, start(wf).snapshot, { type: 'PROPOSE_CLOSURE', reason: 'familyDisengaged' }, '2026-11-23T09:00:00.000Z').snapshot;
    // 10 working days after Monday 23 November 2026: Monday 7 December.
    expect(wf.deadlineDue?.(proposed.context, 'closureCompletion')?.toISOString()).toBe('2026-12-08T00:00:00.000Z');
    const overdue = send(wf, proposed, { type: 'xstate.after.closureCompletion.closure' }, '2026-12-08T09:00:00.000Z').snapshot;
    expect(ctx(overdue).overdue.closureCompletion).toBeDefined();
    const { snapshot, actions } = accept(wf, overdue, { ...CLOSING_MEETING, heldOn: '2026-12-09' }, '2026-12-10T09:00:00.000Z');
    expect(ctx(snapshot).deadlineStarts.closureCompletion).toBe('2026-12-09');
    // 10 working days after Wednesday 9 December 2026: the end of Wednesday 23 December.
    expect(wf.deadlineDue?.(snapshot.context, 'closureCompletion')?.toISOString()).toBe('2026-12-24T00:00:00.000Z');
    expect(ctx(snapshot).overdue.closureCompletion).toBeUndefined();
    // The old timer is cancelled and a new one armed.
    const types = (actions as unknown as { type: string; params?: { id?: string; sendId?: string } }[]).map((a) => `${a.type} ${a.params?.sendId ?? a.params?.id ?? ''}`.trim());
    expect(types).toEqual(expect.arrayContaining(['xstate.cancel xstate.after.closureCompletion.closure', 'xstate.raise xstate.after.closureCompletion.closure']));
  });
});
