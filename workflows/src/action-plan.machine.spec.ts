import { actionPlanWorkflow as wf } from './action-plan.machine';
import type { AnyMachineSnapshot } from 'xstate';
import type { PlanDocumentSent } from '@tacu/domain';
import { accept, ctx, restore, send, stateOf, reach } from './testing';

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

  describe('a sign-off names the exact document signed', () => {
    const doc = (planVersion: number, audience: 'professional' | 'family', hex: string): PlanDocumentSent => ({ planVersion, id: `doc-${hex}`, version: 1, audience, locale: 'en', sha256: hex.repeat(64) });
    const SENT = [doc(1, 'professional', 'a'), doc(1, 'family', 'b'), doc(0, 'family', 'c')];
    /** The plan awaiting sign-off, with the documents the engine writes into the case before the transition. */
    const awaitingWith = (sent: PlanDocumentSent[]): AnyMachineSnapshot => {
      const awaiting = reach(wf, ['RECORD_CONSENT', 'DRAFT_PLAN', 'SUBMIT_PLAN_FOR_SIGN_OFF']);
      const json = JSON.parse(JSON.stringify(wf.machine.getPersistedSnapshot(awaiting)));
      return restore(wf, { ...json, context: { ...json.context, plansSentForSignOff: sent } });
    };
    const sign = (documentSha256?: string) => ({ type: 'SIGN_OFF_PLAN' as const, planVersion: 1, signedBy: { name: 'Parent A', as: 'parentCarer' as const }, method: 'inPerson' as const, ...(documentSha256 ? { documentSha256 } : {}) });

    it('recordSignOff: without a hash, the family version in English sent for the version signed', () => {
      const signedOff = accept(wf, awaitingWith(SENT), sign()).snapshot;
      expect(ctx(signedOff).plan.signOffs[0]?.document).toEqual(SENT[1]);
    });

    it('recordSignOff: with the hash of the professional version read with the family, that document', () => {
      const signedOff = accept(wf, awaitingWith(SENT), sign('a'.repeat(64))).snapshot;
      expect(ctx(signedOff).plan.signOffs[0]?.document).toEqual(SENT[0]);
    });

    it('signedDocumentIsOfThisVersion: the hash of a document of another version is refused and changes nothing', () => {
      const awaiting = awaitingWith(SENT);
      const refused = send(wf, awaiting, sign('c'.repeat(64)));
      expect(refused.snapshot.context).toEqual(awaiting.context);
      expect(stateOf(refused.snapshot)).toBe('awaitingFamilySignOff');
    });

    it('a case from before documents were stored signs as before, naming no document', () => {
      const signedOff = accept(wf, awaitingWith([]), sign()).snapshot;
      expect(stateOf(signedOff)).toBe('active');
      expect(ctx(signedOff).plan.signOffs[0]?.document).toBeNull();
    });
  });

  it('owners report progress while the plan is active', () => {
    const s = accept(wf, signed(), 'REPORT_ACTION_PROGRESS').snapshot;
    expect(ctx(s).plan.actions[0].status).toBe('inProgress');
  });

  it('a revision supersedes the active version', () => {
    const s = accept(wf, signed(), 'REVISE_PLAN').snapshot;
    expect(stateOf(s)).toBe('superseded');
    expect(s.status).toBe('done');
    // The superseded version is its stored document; the plan says which version it revises and why.
    expect(ctx(s).plan.revision).toEqual({ fromVersion: 1, reason: expect.any(String), at: ctx(s).now });
    expect(ctx(s).plan).not.toHaveProperty('history');
  });

  it('planSignOff: reminders go no further than the first overdue notice', () => {
    const drafting = reach(wf, ['DRAFT_PLAN']);
    const fired = accept(wf, drafting, 'xstate.after.planSignOff.actionPlan.drafting' as never);
    expect(ctx(fired.snapshot).overdue.planSignOff).toBeDefined();
    const again = send(wf, accept(wf, fired.snapshot, 'SUBMIT_PLAN_FOR_SIGN_OFF').snapshot, { type: 'xstate.after.planSignOff.actionPlan.awaitingFamilySignOff' });
    expect(again.actions.filter((a) => a.type === 'notify')).toEqual([]);
  });
});
