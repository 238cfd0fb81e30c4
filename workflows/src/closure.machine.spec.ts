import { closureWorkflow as wf } from './closure.machine';
import { accept, ctx, start, stateOf, reach } from './testing';

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
});
