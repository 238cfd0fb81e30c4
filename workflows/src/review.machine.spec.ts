import type { AnyEventObject } from 'xstate';
import { reviewWorkflow as wf } from './review.machine';
import { accept, ctx, notifications, RAISE_CONCERN_SAMPLE, start, stateOf, reach } from './testing';

/** The instant each delay raised by a transition at `now` is due. */
function dues(now: string, actions: readonly AnyEventObject[]): Record<string, string> {
  const raised = (actions as unknown as { type: string; params: { id: string; delay?: number } }[]).filter((a) => a.type === 'xstate.raise' && typeof a.params.delay === 'number');
  return Object.fromEntries(raised.map((a) => [a.params.id, new Date(Date.parse(now) + (a.params.delay ?? 0)).toISOString()]));
}

describe('review machine', () => {
  const recorded = ['HOLD_REVIEW', 'RECORD_REVIEW'] as const;

  it('continue: a new cycle; revise and close end the review', () => {
    const s = reach(wf, [...recorded, 'CONTINUE_PLAN', ...recorded, 'REVISE_PLAN']);
    expect(stateOf(s)).toBe('planRevised');
    expect([ctx(s).review.previous?.decision, ctx(s).review.current?.decision]).toEqual(['continue', 'revise']);
    expect(stateOf(reach(wf, [...recorded, 'PROPOSE_CLOSURE']))).toBe('closureProposed');
  });

  it('escalate: a concern raised at review ends it as concernRaised', () => {
    const s = reach(wf, [...recorded, RAISE_CONCERN_SAMPLE]);
    expect(stateOf(s)).toBe('concernRaised');
    expect(ctx(s).concerns).toHaveLength(1);
  });

  it('reviewReminder at 6 weeks, reviewOverdue at 8 (published), to the end of the local day; only the overdue one is a due date', () => {
    const { snapshot, actions } = start(wf);
    expect(ctx(snapshot).review).toEqual({ cycles: 1, recorded: 0, current: expect.objectContaining({ cycle: 1, decision: null }), previous: null, ratedBefore: [] });
    const dues = (actions as unknown as { type: string; params: { id: string; delay: number } }[])
      .filter((a) => a.type === 'xstate.raise')
      .map((a) => [a.params.id, new Date(Date.parse(ctx(snapshot).now) + a.params.delay).toISOString()]);
    // Started Monday 23 November 2026: the end of Monday 4 January and Monday 18 January 2027.
    expect(dues).toEqual([
      ['xstate.after.reviewReminder.review.scheduled', '2027-01-05T00:00:00.000Z'],
      ['xstate.after.reviewOverdue.review.scheduled', '2027-01-19T00:00:00.000Z'],
    ]);
    expect(wf.dueDateDelays.has('reviewOverdue')).toBe(true);
    expect(wf.dueDateDelays.has('reviewReminder')).toBe(false);
  });

  it('a review is a meeting: HOLD_REVIEW records who attended, who sent apologies and who chaired; RECORD_REVIEW the minutes', () => {
    const held = accept(wf, start(wf).snapshot, {
      type: 'HOLD_REVIEW',
      heldOn: '2027-01-20',
      attendance: [{ name: 'Parent A' }, { name: 'Lead practitioner', personId: 'lead-1' }],
      apologies: [{ name: 'Class teacher' }],
      chair: { name: 'Lead practitioner', personId: 'lead-1' },
    }).snapshot;
    expect(ctx(held).review.current).toMatchObject({
      heldOn: '2027-01-20',
      meeting: { heldOn: '2027-01-20', attendance: [{ name: 'Parent A' }, { name: 'Lead practitioner', personId: 'lead-1' }], apologies: [{ name: 'Class teacher' }], chair: { name: 'Lead practitioner', personId: 'lead-1' } },
    });
    const recorded = accept(wf, held, 'RECORD_REVIEW').snapshot;
    expect(ctx(recorded).review.current?.record?.minutes).toBe('Reviewed the morning routine; attendance is up. The plan continues.');
  });

  it('reviewRecorded: the review record is due 10 working days after the review meeting (as the meeting minutes), counted from the day it was held; overdue to the coordinator', () => {
    const recordedAt = '2027-02-15T09:00:00.000Z';
    const { snapshot, actions } = accept(wf, start(wf).snapshot, 'HOLD_REVIEW', recordedAt);
    // 10 working days after Wednesday 20 January 2027, St Brigid's Day (Monday 1 February) skipped: Thursday 4 February.
    expect(dues(recordedAt, actions)).toEqual({ 'xstate.after.reviewRecorded.review.held': recordedAt }); // already past: due now
    expect(wf.deadlineDue?.(snapshot.context, 'reviewRecorded')?.toISOString()).toBe('2027-02-05T00:00:00.000Z');
    expect(wf.dueDateDelays.has('reviewRecorded')).toBe(true);
    const fired = accept(wf, snapshot, { type: 'xstate.after.reviewRecorded.review.held' });
    expect(notifications(fired.actions)).toEqual([{ to: 'coordinator', about: 'reviewRecorded' }]);
    expect(ctx(fired.snapshot).overdue.reviewRecorded).toBeDefined();
    const recorded = accept(wf, fired.snapshot, 'RECORD_REVIEW').snapshot;
    expect(ctx(recorded).overdue.reviewRecorded).toBeUndefined();
    expect(ctx(recorded).deadlineStarts.reviewRecorded).toBeUndefined();
  });
});
