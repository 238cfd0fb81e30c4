/**
 * Consent per person and sign-off by the organisation's rule, on the case machine: each parent's
 * consent beside the other's, what every required consent allows, one parent's withdrawal
 * (processing stops and the coordinator decides), the young person's own consent and signature
 * where of age, family-owned actions, and a plan the family asked to change. Each test is named
 * after the rule it keeps.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy, type RecordConsent, type SignOffPlan } from '@tacu/domain';
import { caseWorkflow as wf } from './case.machine';
import {
  accept,
  ctx,
  MAIN_PATH,
  notifications,
  RAISE_CONCERN_SAMPLE,
  RECORD_CONSENT_SAMPLE,
  SAMPLE_AGENCIES,
  SECOND_PARENT_CONSENT,
  send,
  stateOf,
  walk,
  WITHDRAW,
} from './testing';
import type { CaseInput } from './context';

type Input = Partial<Omit<CaseInput, 'now'>>;

/** The snapshot just before the first `type` of the main path (with this input). */
function upTo(type: (typeof MAIN_PATH)[number], input: Input = {}): AnyMachineSnapshot {
  const snapshots = walk(wf, MAIN_PATH.slice(0, MAIN_PATH.indexOf(type)), input);
  return snapshots[snapshots.length - 1] as AnyMachineSnapshot;
}

/** Continues `s` along the main path from the step `from` up to (not including) `to`. */
function along(s: AnyMachineSnapshot, from: (typeof MAIN_PATH)[number], to: (typeof MAIN_PATH)[number]): AnyMachineSnapshot {
  for (const step of MAIN_PATH.slice(MAIN_PATH.indexOf(from), MAIN_PATH.indexOf(to))) s = accept(wf, s, step).snapshot;
  return s;
}

const policy = (rules: Partial<DeadlinePolicy>): DeadlinePolicy => ({ ...DEFAULT_DEADLINE_POLICY, ...rules });

const YOUNG_PERSON: RecordConsent = {
  type: 'RECORD_CONSENT',
  givenBy: { name: 'Róisín', hasParentalResponsibility: false, as: 'youngPerson' },
  scopes: { takePart: true, keepRecords: true, shareWithAgencies: SAMPLE_AGENCIES },
  signedOn: '2026-11-23',
};

const sign = (name: string, as: SignOffPlan['signedBy']['as'], planVersion = 1): SignOffPlan => ({ type: 'SIGN_OFF_PLAN', planVersion, signedBy: { name, as }, method: 'inPerson' });

const cancelled = (actions: readonly { type: string; params?: unknown }[]) =>
  actions.filter((a) => a.type === 'xstate.cancel').map((a) => (a.params as { sendId: string }).sendId);

describe('consent per person', () => {
  it("a second parent's consent is added beside the first, never replacing it; the same parent's again updates only theirs", () => {
    let s = accept(wf, upTo('INVITE_TO_MEETING'), SECOND_PARENT_CONSENT).snapshot;
    expect(ctx(s).consents.map((c) => c.givenBy.name)).toEqual(['Parent A', 'Parent B']);
    s = accept(wf, s, { ...SECOND_PARENT_CONSENT, scopes: { ...SECOND_PARENT_CONSENT.scopes, shareWithAgencies: SAMPLE_AGENCIES.slice(0, 1), doNotShareWith: [] } }).snapshot;
    expect(ctx(s).consents.map((c) => [c.givenBy.name, c.history.length])).toEqual([
      ['Parent A', 0],
      ['Parent B', 1],
    ]);
  });

  it('consentCanBeRecorded: an agency both shared with and not to be shared with is refused, saying which', () => {
    const s = upTo('INVITE_TO_MEETING');
    const both = { ...SECOND_PARENT_CONSENT, scopes: { ...SECOND_PARENT_CONSENT.scopes, doNotShareWith: [SAMPLE_AGENCIES[0] as string] } };
    expect(s.can(both)).toBe(false);
    expect(wf.explainGuard('consentCanBeRecorded', s.context, both)).toMatch(/^HSE Public Health Nursing is both in scopes.doNotShareWith and in scopes.shareWithAgencies/);
  });

  it("agencyInviteesCoveredByConsent reads what every consent allows: the second parent's narrower consent stops an invitation", () => {
    const s = accept(wf, upTo('INVITE_TO_MEETING'), SECOND_PARENT_CONSENT).snapshot;
    const invite = {
      type: 'INVITE_TO_MEETING' as const,
      scheduledFor: '2026-12-10T10:00:00.000Z',
      location: 'School',
      chair: { name: 'Lead' },
      minuteTaker: { name: 'Coordinator' },
      invitees: [{ name: 'FRC worker', agency: 'Family Resource Centre', approvedByFamily: true }],
    };
    expect(s.can(invite)).toBe(false);
    expect(wf.explainGuard('inviteesApprovedAndCoveredByConsent', s.context, invite)).toMatch(/cannot be invited: the family's consent does not cover sharing information with Family Resource Centre/);
  });

  describe("one parent withdraws: processing stops and the coordinator decides (policy consentWithdrawal, default 'stopAndCoordinatorDecides')", () => {
    const bothConsented = () => accept(wf, upTo('INVITE_TO_MEETING'), SECOND_PARENT_CONSENT).snapshot;

    it('the withdrawal is recorded against that parent; the case is on hold, its stage kept, the coordinator told', () => {
      const { snapshot: s, actions } = accept(wf, bothConsented(), WITHDRAW);
      expect(stateOf(s)).toBe('consentWithdrawal');
      expect(wf.project(s)).toEqual(expect.objectContaining({ stage: 'meeting', status: 'onHold' }));
      expect(ctx(s).consents.map((c) => [c.givenBy.name, c.withdrawn?.by.name ?? null])).toEqual([
        ['Parent A', 'Parent A'],
        ['Parent B', null],
      ]);
      expect(notifications(actions)).toEqual(expect.arrayContaining([{ to: 'coordinator', about: 'WITHDRAW_CONSENT' }]));
      // The stage's deadline stops with the processing.
      expect(cancelled(actions)).toContain('xstate.after.meetingHeld.case.meeting.proposed');
      expect(s.can({ type: 'INVITE_TO_MEETING' } as never)).toBe(false);
    });

    it('remainingConsentSuffices: continuing resumes exactly where the case was, on what the remaining consent allows', () => {
      const held = accept(wf, bothConsented(), WITHDRAW).snapshot;
      const { snapshot: s, actions } = accept(wf, held, { type: 'DECIDE_ON_WITHDRAWAL', decision: 'continueWithRemainingConsent', reason: "Parent B's consent covers the nurse." });
      expect(stateOf(s)).toBe('meeting.proposed');
      expect(wf.project(s).status).toBe('active');
      expect(ctx(s).consentHold).toBeNull();
      expect(ctx(s).consents[0]?.withdrawn?.decision).toEqual(expect.objectContaining({ decision: 'continueWithRemainingConsent' }));
      expect(notifications(actions)).toEqual(expect.arrayContaining([{ to: 'leadPractitioner', about: 'caseResumed' }]));
      const invite = accept(wf, s, 'INVITE_TO_MEETING').snapshot;
      expect(ctx(invite).meeting.invitation?.invitees.map((i) => i.agency).filter(Boolean)).toEqual(['HSE Public Health Nursing']);
    });

    it('remainingConsentSuffices: the coordinator cannot continue when what remains does not let the case go on', () => {
      const noTakePart = { ...SECOND_PARENT_CONSENT, scopes: { ...SECOND_PARENT_CONSENT.scopes, takePart: false } };
      const held = accept(wf, accept(wf, upTo('INVITE_TO_MEETING'), noTakePart).snapshot, WITHDRAW).snapshot;
      // No parent's consent to take part remains: the last consent withdrawn closes the case at once.
      expect(wf.project(held)).toEqual(expect.objectContaining({ status: 'closed', closureReason: 'consentWithdrawn' }));

      const requested = accept(wf, upTo('SUBMIT_REQUEST', { youngPersonOfAge: true }), YOUNG_PERSON).snapshot;
      const meeting = accept(wf, along(requested, 'SUBMIT_REQUEST', 'INVITE_TO_MEETING'), SECOND_PARENT_CONSENT).snapshot;
      const ofAge = accept(wf, meeting, { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Róisín' } }).snapshot;
      expect(stateOf(ofAge)).toBe('consentWithdrawal');
      const decide = { type: 'DECIDE_ON_WITHDRAWAL' as const, decision: 'continueWithRemainingConsent' as const, reason: 'Her parents consent.' };
      expect(ofAge.can(decide)).toBe(false);
      expect(wf.explainGuard('remainingConsentSuffices', ofAge.context, decide)).toMatch(/^The remaining consent does not let the case continue: .*young person/);
    });

    it('the coordinator closes the case as consentWithdrawn', () => {
      const s = accept(wf, accept(wf, bothConsented(), WITHDRAW).snapshot, { type: 'DECIDE_ON_WITHDRAWAL', decision: 'closeCase', reason: 'The family are not in agreement.' }).snapshot;
      expect(wf.project(s)).toEqual(expect.objectContaining({ state: 'closed', status: 'closed', closureReason: 'consentWithdrawn' }));
    });

    it('withdrawalClosesCase: the second parent withdrawing too (the last consent) closes the case', () => {
      const held = accept(wf, bothConsented(), WITHDRAW).snapshot;
      const s = accept(wf, held, { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Parent B' } }).snapshot;
      expect(wf.project(s)).toEqual(expect.objectContaining({ status: 'closed', closureReason: 'consentWithdrawn' }));
      expect(ctx(s).consentHold).toBeNull();
    });

    it("withdrawalClosesCase: under the policy 'closeCase' any withdrawal closes the case at once", () => {
      const input = { policy: policy({ consentWithdrawal: 'closeCase' }) };
      const s = accept(wf, accept(wf, upTo('INVITE_TO_MEETING', input), SECOND_PARENT_CONSENT).snapshot, WITHDRAW).snapshot;
      expect(wf.project(s)).toEqual(expect.objectContaining({ status: 'closed', closureReason: 'consentWithdrawn' }));
    });

    it('a concern raised while processing is stopped is handled; then the decision is still the coordinator’s', () => {
      let s = accept(wf, accept(wf, bothConsented(), WITHDRAW).snapshot, RAISE_CONCERN_SAMPLE).snapshot;
      expect(stateOf(s)).toBe('escalation.raised');
      for (const step of ['CONSULT_LIAISON', 'DECIDE_NOT_TO_REPORT'] as const) s = accept(wf, s, step).snapshot;
      expect(stateOf(s)).toBe('consentWithdrawal');
      expect(ctx(s).consentHold?.stage).toBe('meeting');
      s = accept(wf, s, { type: 'DECIDE_ON_WITHDRAWAL', decision: 'continueWithRemainingConsent', reason: 'ok' }).snapshot;
      expect(stateOf(s)).toBe('meeting.proposed');
    });

    it('withdrawalAwaitsDecision: a withdrawal never stops an escalation; when it ends, the coordinator decides', () => {
      let s = accept(wf, accept(wf, bothConsented(), RAISE_CONCERN_SAMPLE).snapshot, WITHDRAW).snapshot;
      expect(stateOf(s)).toBe('escalation.raised');
      for (const step of ['CONSULT_LIAISON', 'SUBMIT_REPORT', 'ACKNOWLEDGE_REPORT'] as const) s = accept(wf, s, step).snapshot;
      const ended = accept(wf, s, { type: 'RECORD_CONCERN_OUTCOME', outcome: 'returnToEarlyIntervention', notes: '' });
      expect(stateOf(ended.snapshot)).toBe('consentWithdrawal');
      expect(wf.project(ended.snapshot)).toEqual(expect.objectContaining({ stage: 'meeting', status: 'onHold' }));
      expect(notifications(ended.actions)).toContainEqual({ to: 'coordinator', about: 'WITHDRAW_CONSENT' });
    });

    it('consentCanBeRecorded: a parent whose consent stands withdraws it with WITHDRAW_CONSENT, not by recording a refusal', () => {
      const s = bothConsented();
      const refusal = { ...RECORD_CONSENT_SAMPLE, given: false };
      expect(s.can(refusal)).toBe(false);
      expect(wf.explainGuard('consentCanBeRecorded', s.context, refusal)).toMatch(/record WITHDRAW_CONSENT/);
    });
  });

  describe("the young person's own consent where of age (policy youngPersonConsentAge, default 16)", () => {
    it("hasValidConsent: a young person of age gives their own consent; the reason it was not sought does not do", () => {
      let s = upTo('SUBMIT_REQUEST', { youngPersonOfAge: true });
      expect(s.can({ type: 'SUBMIT_REQUEST' })).toBe(false);
      expect(wf.explainGuard('hasValidConsent', s.context, { type: 'SUBMIT_REQUEST' })).toMatch(/young person is of an age to give their own consent/);
      s = accept(wf, s, YOUNG_PERSON).snapshot;
      expect(stateOf(accept(wf, s, 'SUBMIT_REQUEST').snapshot)).toBe('request.submitted');
    });
  });
});

describe('sign-off by the organisation’s rule (policy planSignOff)', () => {
  /** Both parents and the young person of age consented; the plan (version 1) waits for sign-off. */
  function awaitingSignOff(input: Input = {}): AnyMachineSnapshot {
    let s = upTo('RECORD_CONSENT', { youngPersonOfAge: true, ...input });
    const parentB = { ...SECOND_PARENT_CONSENT, scopes: { ...SECOND_PARENT_CONSENT.scopes, shareWithAgencies: SAMPLE_AGENCIES, doNotShareWith: [] } };
    for (const consent of [RECORD_CONSENT_SAMPLE, parentB, YOUNG_PERSON]) s = accept(wf, s, consent).snapshot;
    return along(s, 'SUBMIT_REQUEST', 'SIGN_OFF_PLAN');
  }

  it("planSignedOffByFamily ('everyConsentingParentAndYoungPerson'): the plan becomes active only at the last required signature", () => {
    let s = awaitingSignOff();
    s = accept(wf, s, sign('Parent A', 'parentCarer')).snapshot;
    expect(stateOf(s)).toBe('actionPlan.awaitingFamilySignOff');
    expect(wf.explainGuard('planSignedOffByFamily', s.context, { type: 'SIGN_OFF_PLAN' })).toBe(
      'Version 1 of the action plan is waiting for the sign-off of Parent B and the young person (Róisín): each signs version 1 (SIGN_OFF_PLAN).',
    );
    s = accept(wf, s, sign('Róisín', 'youngPerson')).snapshot;
    expect(stateOf(s)).toBe('actionPlan.awaitingFamilySignOff');
    s = accept(wf, s, sign('Parent B', 'parentCarer')).snapshot;
    expect(stateOf(s)).toBe('review.scheduled');
    expect(ctx(s).plan.signOffs.map((o) => [o.signedBy.name, o.planVersion])).toEqual([
      ['Parent A', 1],
      ['Róisín', 1],
      ['Parent B', 1],
    ]);
  });

  it("planSignedOffByFamily ('anyParent'): one consenting parent's signature activates the plan", () => {
    const s = accept(wf, awaitingSignOff({ policy: policy({ planSignOff: 'anyParent' }) }), sign('Parent B', 'parentCarer')).snapshot;
    expect(stateOf(s)).toBe('review.scheduled');
  });

  it('signatoryHasConsented: someone whose consent is not recorded cannot sign, and is told who can', () => {
    const s = awaitingSignOff();
    const stranger = sign('Uncle Tom', 'parentCarer');
    expect(s.can(stranger)).toBe(false);
    expect(wf.explainGuard('planSignOffValid', s.context, stranger)).toMatch(/^Uncle Tom cannot sign the plan: only a parent\/carer with parental responsibility whose consent is recorded \(Parent A, Parent B\)/);
  });

  it('notSignedAlready: a second signature of the same version by the same person is refused, saying who the plan waits for', () => {
    const s = accept(wf, awaitingSignOff(), sign('Parent A', 'parentCarer')).snapshot;
    expect(s.can(sign('Parent A', 'parentCarer'))).toBe(false);
    expect(wf.explainGuard('planSignOffValid', s.context, sign('Parent A', 'parentCarer'))).toMatch(/Parent A already signed version 1 .*the plan is waiting for Parent B and Róisín/);
  });

  it('planRedraftedSinceChangesRequested: after the family asks for changes the unchanged plan cannot be sent again', () => {
    let s = accept(wf, awaitingSignOff(), { type: 'REQUEST_PLAN_CHANGES', changesRequested: 'Tuesday clashes with my shift.' }).snapshot;
    expect(stateOf(s)).toBe('actionPlan.drafting');
    expect(s.can({ type: 'SUBMIT_PLAN_FOR_SIGN_OFF' })).toBe(false);
    expect(wf.explainGuard('planReadyForSignOff', s.context, { type: 'SUBMIT_PLAN_FOR_SIGN_OFF' })).toMatch(/asked for changes to version 1 .*draft the changes as a new version \(DRAFT_PLAN\)/);
    s = accept(wf, s, 'DRAFT_PLAN').snapshot;
    s = accept(wf, s, 'SUBMIT_PLAN_FOR_SIGN_OFF').snapshot;
    expect(ctx(s).plan.version).toBe(2);
    expect(s.can(sign('Parent A', 'parentCarer', 1))).toBe(false);
    expect(s.can(sign('Parent A', 'parentCarer', 2))).toBe(true);
  });

  it('everyActionHasOwnerAndDueDate: a family member owns an action (no agency); progress on it is recorded', () => {
    let s = upTo('DRAFT_PLAN');
    s = accept(wf, s, {
      type: 'DRAFT_PLAN',
      actions: [{ id: 'f1', answers: 'Mornings are calmer', what: 'Lay out the uniform the night before', owner: { name: 'Parent A', personId: 'fm-parent-a' }, dueDate: '2027-01-10', status: 'notStarted' }],
      childViews: { words: 'I can pick my socks.' },
    }).snapshot;
    for (const step of ['SUBMIT_PLAN_FOR_SIGN_OFF', 'SIGN_OFF_PLAN'] as const) s = accept(wf, s, step).snapshot;
    expect(stateOf(s)).toBe('review.scheduled');
    s = accept(wf, s, { type: 'REPORT_ACTION_PROGRESS', actionId: 'f1', status: 'done', progress: 'Every night this week.' }).snapshot;
    expect(ctx(s).plan.actions[0]).toEqual(expect.objectContaining({ status: 'done', owner: { name: 'Parent A', personId: 'fm-parent-a' } }));
  });
});

describe('a case recorded before consent was per person (snapshot upgrade)', () => {
  /** The persisted snapshot as the earlier release wrote it: one `consent` record, no per-person fields. */
  function legacySnapshot(at: AnyMachineSnapshot): Record<string, unknown> {
    const json = JSON.parse(JSON.stringify(wf.machine.getPersistedSnapshot(at))) as { context: Record<string, unknown> };
    const { consents: _consents, consentHold: _hold, youngPersonOfAge: _age, ...context } = json.context;
    const { type: _type, ...legacy } = RECORD_CONSENT_SAMPLE;
    return { ...json, context: { ...context, consent: legacy } };
  }
  const restoreOld = (json: Record<string, unknown>) => wf.machine.restoreSnapshot((wf.upgrade ? wf.upgrade(json) : json) as never, undefined as never) as AnyMachineSnapshot;

  it('continues after the change: the single consent is that parent’s own, and covers what it covered', () => {
    const old = legacySnapshot(upTo('INVITE_TO_MEETING'));
    const s = restoreOld(old);
    expect(ctx(s).consents).toEqual([expect.objectContaining({ key: 'name:parent a', given: true, scopes: expect.objectContaining({ shareWithAgencies: SAMPLE_AGENCIES }) })]);
    expect(stateOf(accept(wf, s, 'INVITE_TO_MEETING').snapshot)).toBe('meeting.invited');
    // The same parent withdrawing is the last consent: the case closes, as it did before.
    expect(wf.project(send(wf, s, WITHDRAW).snapshot)).toEqual(expect.objectContaining({ status: 'closed', closureReason: 'consentWithdrawn' }));
  });

  it('an old case on hold with its consent withdrawn during the escalation still closes when the escalation ends', () => {
    const raised = accept(wf, upTo('HOLD_REVIEW'), RAISE_CONCERN_SAMPLE).snapshot;
    const old = legacySnapshot(raised);
    const context = old['context'] as Record<string, unknown>;
    context['consent'] = { ...(context['consent'] as object), withdrawn: { by: { name: 'Parent A' }, at: '2026-11-24T10:00:00.000Z' } };
    let s = restoreOld(old);
    for (const step of ['CONSULT_LIAISON', 'DECIDE_NOT_TO_REPORT'] as const) s = accept(wf, s, step).snapshot;
    expect(wf.project(s)).toEqual(expect.objectContaining({ status: 'closed', closureReason: 'consentWithdrawn' }));
  });

  it('a case recorded before the contact log and named reporters continues: starting values for what it lacks', () => {
    let raised = accept(wf, upTo('HOLD_REVIEW'), RAISE_CONCERN_SAMPLE).snapshot;
    for (const step of ['CONSULT_LIAISON', 'SUBMIT_REPORT'] as const) raised = accept(wf, raised, step).snapshot;
    const json = JSON.parse(JSON.stringify(wf.machine.getPersistedSnapshot(raised))) as { context: Record<string, unknown> };
    const { actor: _actor, lastContactWithFamilyAt: _last, concerns, ...context } = json.context;
    const oldConcerns = (concerns as Array<Record<string, unknown>>).map((concern) => ({
      ...concern,
      reports: (concern['reports'] as Array<Record<string, unknown>>).map(({ reporter: _r, jointReport: _j, ...report }) => ({ ...report, reference: 'TUS-OLD' })),
    }));
    const s = restoreOld({ ...json, context: { ...context, concerns: oldConcerns } });
    expect(ctx(s).lastContactWithFamilyAt).toBeNull();
    expect(ctx(s).actor).toBeNull();
    expect(ctx(s).concerns[0].reports).toEqual([expect.objectContaining({ statutoryReference: 'TUS-OLD', jointReport: false, reporter: null })]);
    expect(ctx(s).concerns[0].reports[0]).not.toHaveProperty('reference');
    expect(ctx(s).concerns[0].liaison).not.toBeNull();
    expect(stateOf(s)).toBe(stateOf(raised));
  });

  it('an upgraded context comes back unchanged', () => {
    const json = JSON.parse(JSON.stringify(wf.machine.getPersistedSnapshot(upTo('INVITE_TO_MEETING'))));
    expect(wf.upgrade?.(json)).toEqual(json);
  });
});
