import { reviewWorkflow as wf } from './review.machine';
import { ctx, RAISE_CONCERN_SAMPLE, start, stateOf, reach } from './testing';

describe('review machine', () => {
  const recorded = ['HOLD_REVIEW', 'RECORD_REVIEW'] as const;

  it('continue: a new cycle; revise and close end the review', () => {
    const s = reach(wf, [...recorded, 'CONTINUE_PLAN', ...recorded, 'REVISE_PLAN']);
    expect(stateOf(s)).toBe('planRevised');
    expect(ctx(s).reviews.map((r) => r.decision)).toEqual(['continue', 'revise']);
    expect(stateOf(reach(wf, [...recorded, 'PROPOSE_CLOSURE']))).toBe('closureProposed');
  });

  it('escalate: a concern raised at review ends it as concernRaised', () => {
    const s = reach(wf, [...recorded, RAISE_CONCERN_SAMPLE]);
    expect(stateOf(s)).toBe('concernRaised');
    expect(ctx(s).concerns).toHaveLength(1);
  });

  it('reviewReminder at 6 weeks, reviewOverdue at 8 (published), to the end of the local day; only the overdue one is a due date', () => {
    const { snapshot, actions } = start(wf);
    expect(ctx(snapshot).reviews).toEqual([expect.objectContaining({ cycle: 1, decision: null })]);
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
});
