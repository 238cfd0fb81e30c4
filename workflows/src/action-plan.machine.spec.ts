import { actionPlanWorkflow as wf } from './action-plan.machine';
import { accept, ctx, send, stateOf, reach } from './testing';

describe('action plan machine', () => {
  // On its own the machine holds the family's consent too: only someone whose consent is recorded signs.
  const signed = () => reach(wf, ['RECORD_CONSENT', 'DRAFT_PLAN', 'SUBMIT_PLAN_FOR_SIGN_OFF', 'SIGN_OFF_PLAN']);

  it('signOffNamesCurrentPlanVersion: signed off naming version 1, the plan is active', () => {
    const s = signed();
    expect(stateOf(s)).toBe('active');
    expect(ctx(s).plan.signOffs).toEqual([expect.objectContaining({ planVersion: 1 })]);
  });

  it('a sign-off naming another version is refused and changes nothing', () => {
    const awaiting = reach(wf, ['DRAFT_PLAN', 'SUBMIT_PLAN_FOR_SIGN_OFF']);
    const wrong = { type: 'SIGN_OFF_PLAN' as const, planVersion: 7, signedBy: { name: 'P', as: 'parentCarer' as const }, method: 'portal' as const };
    expect(send(wf, awaiting, wrong).snapshot.context).toEqual(awaiting.context);
  });

  it('owners report progress while the plan is active', () => {
    const s = accept(wf, signed(), 'REPORT_ACTION_PROGRESS').snapshot;
    expect(ctx(s).plan.actions[0].status).toBe('inProgress');
  });

  it('a revision supersedes the active version', () => {
    const s = accept(wf, signed(), 'REVISE_PLAN').snapshot;
    expect(stateOf(s)).toBe('superseded');
    expect(s.status).toBe('done');
    expect(ctx(s).plan.history).toEqual([expect.objectContaining({ version: 1, status: 'superseded' })]);
  });

  it('planSignOff: reminders go no further than the first overdue notice', () => {
    const drafting = reach(wf, ['DRAFT_PLAN']);
    const fired = accept(wf, drafting, 'xstate.after.planSignOff.actionPlan.drafting' as never);
    expect(ctx(fired.snapshot).overdue.planSignOff).toBeDefined();
    const again = send(wf, accept(wf, fired.snapshot, 'SUBMIT_PLAN_FOR_SIGN_OFF').snapshot, { type: 'xstate.after.planSignOff.actionPlan.awaitingFamilySignOff' });
    expect(again.actions.filter((a) => a.type === 'notify')).toEqual([]);
  });
});
