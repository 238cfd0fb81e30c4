import type { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import { mergeDeadlinePolicy, DEFAULT_DEADLINE_POLICY } from '@tacu/domain';
import { caseWorkflow } from './case.machine';
import {
  accept,
  ctx,
  MAIN_PATH,
  notifications,
  RAISE_CONCERN_SAMPLE,
  RECORD_CONSENT_SAMPLE,
  SAMPLE_CALENDAR,
  SAMPLE_NOW,
  send,
  start,
  stateOf,
  walk,
  WITHDRAW,
} from './testing';

const wf = caseWorkflow;

/** Every resting state of the main path that is still active, with the snapshot that rests there. */
function activeStatesOfMainPath(): AnyMachineSnapshot[] {
  const seen = new Set<string>();
  return walk(wf, MAIN_PATH).filter((s) => {
    const key = stateOf(s);
    if (s.status !== 'active' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function upTo(type: (typeof MAIN_PATH)[number]): AnyMachineSnapshot {
  const index = MAIN_PATH.indexOf(type);
  const snapshots = walk(wf, MAIN_PATH.slice(0, index));
  return snapshots[snapshots.length - 1];
}

function raised(actions: readonly AnyEventObject[]) {
  return actions
    .filter((a) => a.type === 'xstate.raise' && typeof (a as { params?: { delay?: unknown } }).params?.delay === 'number')
    .map((a) => (a as unknown as { params: { id: string; delay: number } }).params);
}

/** The instant each raised delay is due: the transition's `now` plus the delay. */
function dues(now: string, actions: readonly AnyEventObject[]): Array<[string, string]> {
  return raised(actions).map((r) => [r.id, new Date(Date.parse(now) + r.delay).toISOString()]);
}

function cancelled(actions: readonly AnyEventObject[]): string[] {
  return (actions as unknown as { type: string; params: { sendId: string } }[]).filter((a) => a.type === 'xstate.cancel').map((a) => a.params.sendId);
}

describe('case machine', () => {
  it('runs from a request to closure: request → assessment → meeting → action plan → review → closure', () => {
    const states = walk(wf, MAIN_PATH).map(stateOf);
    expect(states).toEqual([
      'request.draft',
      'request.draft',
      'request.awaitingConsent',
      'request.awaitingConsent',
      'request.submitted',
      'assessment.inProgress',
      'assessment.inProgress',
      'assessment.completed',
      'meeting.proposed',
      'meeting.invited',
      'meeting.held',
      'actionPlan.drafting',
      'actionPlan.drafting',
      'actionPlan.awaitingFamilySignOff',
      'review.scheduled',
      'review.held',
      'review.recorded',
      'closure.proposed',
      'closure.feedbackCollected',
      'closed',
    ]);
    const last = walk(wf, MAIN_PATH).pop() as AnyMachineSnapshot;
    expect(last.status).toBe('done');
    expect(wf.project(last)).toEqual({
      state: 'closed',
      stage: 'closure',
      status: 'closed',
      leadPractitionerId: 'lead-1',
      closureReason: 'needsMet',
      participants: [{ userId: 'lead-1', kind: 'lead' }],
    });
  });

  describe('hasValidConsent: consent first, scope by scope', () => {
    const awaiting = () => upTo('RECORD_CONSENT');

    it('refuses SUBMIT_REQUEST without any consent, with a reason a practitioner can act on', () => {
      const s = awaiting();
      expect(s.can({ type: 'SUBMIT_REQUEST' })).toBe(false);
      expect(send(wf, s, 'SUBMIT_REQUEST').snapshot.value).toEqual({ request: 'awaitingConsent' });
      expect(wf.explainGuard('hasValidConsent', s.context, { type: 'SUBMIT_REQUEST' })).toMatch(/record written consent \(RECORD_CONSENT\)/);
    });

    it.each([
      ['someone without parental responsibility', { givenBy: { name: 'Neighbour', hasParentalResponsibility: false } }, /parental responsibility/],
      ['no consent to take part', { scopes: { ...RECORD_CONSENT_SAMPLE.scopes, takePart: false } }, /taking part/],
      ['no consent to keep records', { scopes: { ...RECORD_CONSENT_SAMPLE.scopes, keepRecords: false } }, /keeping records/],
      ["no young person's consent and no reason", { youngPersonConsent: { given: false } }, /young person's own consent/],
    ])('refuses SUBMIT_REQUEST when consent is given by %s', (_label, patch, reason) => {
      const s = accept(wf, awaiting(), { ...RECORD_CONSENT_SAMPLE, ...patch }).snapshot;
      expect(s.can({ type: 'SUBMIT_REQUEST' })).toBe(false);
      expect(wf.explainGuard('hasValidConsent', s.context, { type: 'SUBMIT_REQUEST' })).toMatch(reason);
    });

    it("accepts the young person's own consent in place of a reason", () => {
      const s = accept(wf, awaiting(), { ...RECORD_CONSENT_SAMPLE, youngPersonConsent: { given: true } }).snapshot;
      expect(accept(wf, s, 'SUBMIT_REQUEST').snapshot.value).toEqual({ request: 'submitted' });
    });

    it('no assessment before consent: the request cannot be registered without submission, which needs consent', () => {
      const s = awaiting();
      expect(s.can({ type: 'REGISTER_REQUEST', leadPractitionerId: 'lead-1' })).toBe(false);
      expect(s.can({ type: 'RECORD_ASSESSMENT' } as never)).toBe(false);
    });

    it('consentCoversAgency: an agency outside the consent cannot be invited until consent is widened', () => {
      let s = upTo('INVITE_TO_MEETING');
      const invite = {
        type: 'INVITE_TO_MEETING' as const,
        scheduledFor: '2026-12-10T10:00:00.000Z',
        location: 'School',
        chair: { name: 'Lead' },
        minuteTaker: { name: 'Coordinator' },
        invitees: [{ name: 'Garda liaison', agency: 'An Garda Síochána', approvedByFamily: true }],
      };
      expect(s.can(invite)).toBe(false);
      expect(wf.explainGuard('inviteesApprovedAndCoveredByConsent', s.context, invite)).toMatch(/does not cover sharing information with An Garda Síochána/);
      // RECORD_CONSENT widens the scope in any active state.
      s = accept(wf, s, { ...RECORD_CONSENT_SAMPLE, scopes: { ...RECORD_CONSENT_SAMPLE.scopes, shareWithAgencies: ['An Garda Síochána'] } }).snapshot;
      expect(accept(wf, s, invite).snapshot.value).toEqual({ meeting: 'invited' });
    });

    it('everyInviteeApprovedByFamily: a person the family has not approved cannot be invited', () => {
      const s = upTo('INVITE_TO_MEETING');
      const invite = {
        type: 'INVITE_TO_MEETING' as const,
        scheduledFor: '2026-12-10T10:00:00.000Z',
        location: 'School',
        chair: { name: 'Lead' },
        minuteTaker: { name: 'Coordinator' },
        invitees: [{ name: 'Uncle B', approvedByFamily: false }],
      };
      expect(s.can(invite)).toBe(false);
      expect(wf.explainGuard('inviteesApprovedAndCoveredByConsent', s.context, invite)).toMatch(/has not approved Uncle B/);
    });
  });

  describe('signOffNamesCurrentPlanVersion: sign-off is bound to the plan version', () => {
    it('every DRAFT_PLAN is a new version and a sign-off of an earlier version is refused', () => {
      let s = upTo('DRAFT_PLAN');
      s = accept(wf, s, 'DRAFT_PLAN').snapshot;
      s = accept(wf, s, 'DRAFT_PLAN').snapshot;
      expect(ctx(s).plan.version).toBe(2);
      s = accept(wf, s, 'SUBMIT_PLAN_FOR_SIGN_OFF').snapshot;
      const old = { type: 'SIGN_OFF_PLAN' as const, planVersion: 1, signedBy: { name: 'Parent A', as: 'parentCarer' as const }, method: 'portal' as const };
      expect(s.can(old)).toBe(false);
      expect(wf.explainGuard('signOffNamesCurrentPlanVersion', s.context, old)).toMatch(/names version 1 .* current version is 2/);
      s = accept(wf, s, { ...old, planVersion: 2 }).snapshot;
      expect(stateOf(s)).toBe('review.scheduled');
      expect(ctx(s).plan.status).toBe('active');
    });

    it('a changed plan needs a new sign-off: after REQUEST_PLAN_CHANGES the redrafted version is signed again', () => {
      let s = upTo('SIGN_OFF_PLAN');
      s = accept(wf, s, 'REQUEST_PLAN_CHANGES').snapshot;
      expect(stateOf(s)).toBe('actionPlan.drafting');
      s = accept(wf, s, 'DRAFT_PLAN').snapshot;
      s = accept(wf, s, 'SUBMIT_PLAN_FOR_SIGN_OFF').snapshot;
      expect(ctx(s).plan.version).toBe(2);
      expect(s.can({ type: 'SIGN_OFF_PLAN', planVersion: 1, signedBy: { name: 'P', as: 'parentCarer' }, method: 'portal' })).toBe(false);
      expect(stateOf(accept(wf, s, 'SIGN_OFF_PLAN').snapshot)).toBe('review.scheduled');
    });

    it("signatoryHasConsented: the young person signs once their own consent is recorded; below the consent age the plan waits for the parent/carer's", () => {
      let s = upTo('SIGN_OFF_PLAN');
      const child = { type: 'SIGN_OFF_PLAN' as const, planVersion: 1, signedBy: { name: 'Child', as: 'youngPerson' as const }, method: 'inPerson' as const };
      expect(s.can(child)).toBe(false);
      expect(wf.explainGuard('planSignOffValid', s.context, child)).toMatch(/Child cannot sign the plan as the young person: their own consent is not recorded/);
      const own = { ...RECORD_CONSENT_SAMPLE, givenBy: { name: 'Child', hasParentalResponsibility: false, as: 'youngPerson' as const } };
      delete (own as { youngPersonConsent?: unknown }).youngPersonConsent;
      s = accept(wf, s, own).snapshot;
      s = accept(wf, s, child).snapshot;
      expect(stateOf(s)).toBe('actionPlan.awaitingFamilySignOff');
      expect(ctx(s).plan.signOffs).toHaveLength(1);
      s = accept(wf, s, 'SIGN_OFF_PLAN').snapshot;
      expect(stateOf(s)).toBe('review.scheduled');
    });

    it('everyActionHasOwnerAndDueDate: a plan with an action without owner cannot go to the family', () => {
      let s = upTo('DRAFT_PLAN');
      s = accept(wf, s, {
        type: 'DRAFT_PLAN',
        actions: [{ id: 'a1', answers: 'Attendance', what: 'Walk to school', status: 'notStarted', dueDate: '2027-01-01' }],
        childViews: { words: 'ok' },
      }).snapshot;
      expect(s.can({ type: 'SUBMIT_PLAN_FOR_SIGN_OFF' })).toBe(false);
      expect(wf.explainGuard('planReadyForSignOff', s.context, { type: 'SUBMIT_PLAN_FOR_SIGN_OFF' })).toMatch(/"Walk to school" has no owner/);
    });

    it('REVISE_PLAN: the plan is redrafted as a new version; the old version is kept as superseded and needs no re-signing to stay recorded', () => {
      let s = upTo('PROPOSE_CLOSURE');
      s = accept(wf, s, { type: 'REVISE_PLAN', reason: 'Add homework support.' }).snapshot;
      expect(stateOf(s)).toBe('actionPlan.drafting');
      expect(ctx(s).plan.revision).toEqual({ fromVersion: 1, reason: 'Add homework support.', at: ctx(s).now });
      // The signed version 1 cannot simply be sent again: a changed plan needs a new sign-off.
      expect(s.can({ type: 'SUBMIT_PLAN_FOR_SIGN_OFF' })).toBe(false);
      expect(wf.explainGuard('planReadyForSignOff', s.context, { type: 'SUBMIT_PLAN_FOR_SIGN_OFF' })).toMatch(/already signed off/);
      s = accept(wf, s, 'DRAFT_PLAN').snapshot;
      s = accept(wf, s, 'SUBMIT_PLAN_FOR_SIGN_OFF').snapshot;
      expect(stateOf(s)).toBe('actionPlan.awaitingFamilySignOff');
      s = accept(wf, s, 'SIGN_OFF_PLAN').snapshot;
      expect(stateOf(s)).toBe('review.scheduled');
      expect(ctx(s).plan.version).toBe(2);
      expect([ctx(s).review.previous?.decision, ctx(s).review.current?.decision]).toEqual(['revise', null]);
      expect(ctx(s).review.cycles).toBe(2);
      // The new version starts with its own sign-offs only; version 1's are in its document.
      expect(ctx(s).plan.signOffs.map((o) => o.planVersion)).toEqual([2]);
      expect(ctx(s).plan.revision?.fromVersion).toBe(1);
    });
  });

  describe('review cycle', () => {
    it('runs the review loop three times, each cycle re-arming the reminder and the overdue deadline', () => {
      let s = upTo('HOLD_REVIEW');
      for (let cycle = 1; cycle <= 3; cycle++) {
        s = accept(wf, s, 'HOLD_REVIEW').snapshot;
        s = accept(wf, s, 'RECORD_REVIEW').snapshot;
        expect(stateOf(s)).toBe('review.recorded');
        const next = accept(wf, s, 'CONTINUE_PLAN');
        s = next.snapshot;
        expect(stateOf(s)).toBe('review.scheduled');
        // Counted from the day the review was held (Wednesday 20 January 2027), not from CONTINUE_PLAN.
        expect(dues(ctx(s).now, next.actions)).toEqual([
          ['xstate.after.reviewReminder.case.review.scheduled', '2027-03-04T00:00:00.000Z'],
          ['xstate.after.reviewOverdue.case.review.scheduled', '2027-03-18T00:00:00.000Z'],
        ]);
      }
      // The snapshot keeps the counts, the current cycle and the one before; each review's record is its document.
      const { review } = ctx(s);
      expect([review.cycles, review.recorded, review.previous?.cycle, review.previous?.decision, review.current?.cycle, review.current?.decision]).toEqual([4, 3, 3, 'continue', 4, null]);
    });

    it('childsViewRecorded: a review without the child\'s views (or the reason) is refused', () => {
      const s = accept(wf, upTo('HOLD_REVIEW'), 'HOLD_REVIEW').snapshot;
      const review = { type: 'RECORD_REVIEW' as const, progress: [], ratings: [], familyViews: { words: 'fine' }, childViews: { words: ' ' } };
      expect(s.can(review)).toBe(false);
      expect(wf.explainGuard('childsViewRecorded', s.context, review)).toMatch(/child's views are not recorded/);
    });

    it('REPORT_ACTION_PROGRESS is accepted while the plan runs under review', () => {
      const s = accept(wf, upTo('HOLD_REVIEW'), { type: 'REPORT_ACTION_PROGRESS', actionId: 'a1', status: 'done', progress: 'Routine in place' }).snapshot;
      expect(ctx(s).plan.actions[0]).toEqual(expect.objectContaining({ status: 'done', progress: 'Routine in place' }));
      expect(s.can({ type: 'REPORT_ACTION_PROGRESS', actionId: 'nope', status: 'done', progress: '' })).toBe(false);
    });
  });

  describe('closureReasonExplained', () => {
    it('needsMet only after a review; other needs words; a disengaged family can close earlier', () => {
      const early = upTo('INVITE_TO_MEETING');
      expect(early.can({ type: 'PROPOSE_CLOSURE', reason: 'needsMet' })).toBe(false);
      expect(early.can({ type: 'PROPOSE_CLOSURE', reason: 'other' })).toBe(false);
      expect(early.can({ type: 'PROPOSE_CLOSURE', reason: 'other', reasonText: 'The family moved to Cork.' })).toBe(true);
      const s = accept(wf, early, { type: 'PROPOSE_CLOSURE', reason: 'familyDisengaged' }).snapshot;
      expect(stateOf(s)).toBe('closure.proposed');
      const closed = accept(wf, accept(wf, s, 'RECORD_CLOSURE_FEEDBACK').snapshot, 'CLOSE_CASE').snapshot;
      expect(wf.project(closed).closureReason).toBe('familyDisengaged');
    });
  });

  describe('RAISE_CONCERN: the case goes on hold in escalation and resumes exactly where it was', () => {
    const states = activeStatesOfMainPath();

    it.each(states.map((s) => [stateOf(s), s] as const))('from %s: on hold, then returned to early intervention, resumes there', (_name, at) => {
      let s = accept(wf, at, RAISE_CONCERN_SAMPLE).snapshot;
      expect(stateOf(s)).toBe('escalation.raised');
      expect(wf.project(s)).toEqual(expect.objectContaining({ stage: 'escalation', status: 'onHold' }));
      for (const step of ['CONSULT_LIAISON', 'SUBMIT_REPORT', 'ACKNOWLEDGE_REPORT'] as const) s = accept(wf, s, step).snapshot;
      s = accept(wf, s, { type: 'RECORD_CONCERN_OUTCOME', outcome: 'returnToEarlyIntervention', notes: 'Continue.' }).snapshot;
      expect(s.value).toEqual(at.value);
      expect(wf.project(s).status).toBe('active');
      expect(ctx(s).onHold).toBeNull();
      expect(ctx(s).concerns).toEqual([expect.objectContaining({ status: 'closed', raisedInStage: stateOf(at).split('.')[0] })]);
    });

    it.each(states.map((s) => [stateOf(s), s] as const))('from %s: stepped up to social work, the case closes as steppedUpToSocialWork', (_name, at) => {
      let s = accept(wf, at, RAISE_CONCERN_SAMPLE).snapshot;
      for (const step of ['CONSULT_LIAISON', 'SUBMIT_REPORT', 'ACKNOWLEDGE_REPORT'] as const) s = accept(wf, s, step).snapshot;
      s = accept(wf, s, { type: 'RECORD_CONCERN_OUTCOME', outcome: 'steppedUp', notes: 'Social work.' }).snapshot;
      expect(s.status).toBe('done');
      expect(wf.project(s)).toEqual(expect.objectContaining({ state: 'closed', status: 'closed', closureReason: 'steppedUpToSocialWork' }));
    });

    it('resumes on no further action and on a decision not to report as well', () => {
      const at = upTo('HOLD_MEETING');
      let s = accept(wf, accept(wf, at, RAISE_CONCERN_SAMPLE).snapshot, 'CONSULT_LIAISON').snapshot;
      expect(accept(wf, s, 'DECIDE_NOT_TO_REPORT').snapshot.value).toEqual(at.value);
      for (const step of ['SUBMIT_REPORT', 'ACKNOWLEDGE_REPORT'] as const) s = accept(wf, s, step).snapshot;
      s = accept(wf, s, { type: 'RECORD_CONCERN_OUTCOME', outcome: 'noFurtherAction', notes: '' }).snapshot;
      expect(s.value).toEqual(at.value);
    });

    it('reportReady: a report that does not say whether parents were told is refused', () => {
      const s = accept(wf, accept(wf, upTo('HOLD_MEETING'), RAISE_CONCERN_SAMPLE).snapshot, 'CONSULT_LIAISON').snapshot;
      const report = { type: 'SUBMIT_REPORT' as const, statutoryService: 'Tusla', method: 'portal' as const, jointReport: false, parentsInformed: false };
      expect(s.can(report)).toBe(false);
      expect(wf.explainGuard('reportReady', s.context, report)).toMatch(/whether the parents were told/);
    });

    it('a phone report asks for the written report within 3 days; the written report ends that deadline', () => {
      let s = accept(wf, accept(wf, upTo('HOLD_MEETING'), RAISE_CONCERN_SAMPLE).snapshot, 'CONSULT_LIAISON').snapshot;
      const phoned = accept(wf, s, { type: 'SUBMIT_REPORT', statutoryService: 'Tusla', method: 'phone', jointReport: false, parentsInformed: true });
      s = phoned.snapshot;
      expect(stateOf(s)).toBe('escalation.reported.phoned');
      // Phoned on Monday 23 November 2026: the written report is due by the end of Thursday 26 November.
      expect(dues(ctx(s).now, phoned.actions)).toEqual([['xstate.after.writtenReportAfterPhone.case.escalation.reported.phoned', '2026-11-27T00:00:00.000Z']]);
      const written = accept(wf, s, { type: 'SUBMIT_REPORT', statutoryService: 'Tusla', method: 'written', jointReport: false, parentsInformed: true });
      expect(stateOf(written.snapshot)).toBe('escalation.reported.inWriting');
      expect(cancelled(written.actions)).toContain('xstate.after.writtenReportAfterPhone.case.escalation.reported.phoned');
    });
  });

  describe('WITHDRAW_CONSENT closes the case as consentWithdrawn from every active state', () => {
    it.each(activeStatesOfMainPath().map((s) => [stateOf(s), s] as const))('from %s', (_name, at) => {
      const { snapshot, actions } = accept(wf, at, WITHDRAW);
      expect(snapshot.status).toBe('done');
      expect(wf.project(snapshot)).toEqual(expect.objectContaining({ state: 'closed', status: 'closed', closureReason: 'consentWithdrawn' }));
      expect(notifications(actions)).toContainEqual({ to: 'peopleInvolved', about: 'WITHDRAW_CONSENT' });
      // Every pending timer of the case is cancelled (the 12-month check included).
      expect(cancelled(actions)).toContain('xstate.after.caseOpenCheck.case');
    });

    it('consent never blocks an escalation: withdrawn while it is open, it is recorded and the escalation goes on', () => {
      const at = upTo('HOLD_REVIEW');
      let s = accept(wf, at, RAISE_CONCERN_SAMPLE).snapshot;
      const withdrawn = accept(wf, s, WITHDRAW);
      s = withdrawn.snapshot;
      expect(stateOf(s)).toBe('escalation.raised');
      expect(ctx(s).consents[0]?.withdrawn).toEqual(expect.objectContaining({ by: { name: 'Parent A' } }));
      expect(notifications(withdrawn.actions)).toContainEqual({ to: 'designatedLiaisonPerson', about: 'WITHDRAW_CONSENT' });
      expect(cancelled(withdrawn.actions)).toEqual([]);
      for (const step of ['CONSULT_LIAISON', 'SUBMIT_REPORT', 'ACKNOWLEDGE_REPORT'] as const) s = accept(wf, s, step).snapshot;
      expect(stateOf(s)).toBe('escalation.acknowledged');
      // consentStillStands: returned to early intervention, the case cannot resume and closes.
      s = accept(wf, s, { type: 'RECORD_CONCERN_OUTCOME', outcome: 'returnToEarlyIntervention', notes: '' }).snapshot;
      expect(wf.project(s)).toEqual(expect.objectContaining({ status: 'closed', closureReason: 'consentWithdrawn' }));
    });

    it('consentStillStands: consent given again during the escalation lets the case resume', () => {
      const at = upTo('HOLD_REVIEW');
      let s = accept(wf, accept(wf, at, RAISE_CONCERN_SAMPLE).snapshot, WITHDRAW).snapshot;
      s = accept(wf, s, RECORD_CONSENT_SAMPLE).snapshot;
      s = accept(wf, s, 'CONSULT_LIAISON').snapshot;
      s = accept(wf, s, 'DECIDE_NOT_TO_REPORT').snapshot;
      expect(s.value).toEqual(at.value);
    });
  });

  describe('case-wide events', () => {
    it.each(activeStatesOfMainPath().map((s) => [stateOf(s), s] as const))('RECORD_CONSENT and ASSIGN_LEAD_PRACTITIONER are accepted in %s', (_name, at) => {
      const assigned = accept(wf, at, { type: 'ASSIGN_LEAD_PRACTITIONER', leadPractitionerId: 'lead-9' });
      expect(assigned.snapshot.value).toEqual(at.value);
      expect(wf.project(assigned.snapshot).leadPractitionerId).toBe('lead-9');
      expect(notifications(assigned.actions)).toContainEqual({ to: 'leadPractitioner', about: 'ASSIGN_LEAD_PRACTITIONER' });
      expect(accept(wf, at, RECORD_CONSENT_SAMPLE).snapshot.value).toEqual(at.value);
    });
  });

  describe('deadlines are named delays computed from the policy in context', () => {
    it('requestRegistration: 5 working days from Monday 23 November 2026 end with Monday 30 November, Dublin time', () => {
      const { actions } = accept(wf, upTo('SUBMIT_REQUEST'), 'SUBMIT_REQUEST', '2026-11-23T09:00:00.000Z');
      expect(dues('2026-11-23T09:00:00.000Z', actions)).toEqual([['xstate.after.requestRegistration.case.request.submitted', '2026-12-01T00:00:00.000Z']]);
    });

    it('requestRegistration: a closed day on the calendar in context adds a working day', () => {
      const calendar = { ...SAMPLE_CALENDAR, closedDays: [...SAMPLE_CALENDAR.closedDays, '2026-11-25'].sort() };
      let s = start(wf, { calendar }).snapshot;
      for (const step of MAIN_PATH.slice(0, 3)) s = accept(wf, s, step).snapshot;
      const { actions } = accept(wf, s, 'SUBMIT_REQUEST', '2026-11-23T09:00:00.000Z');
      expect(dues('2026-11-23T09:00:00.000Z', actions)).toEqual([['xstate.after.requestRegistration.case.request.submitted', '2026-12-02T00:00:00.000Z']]);
    });

    it("an organisation's override changes the deadline (3 working days from Thursday: the end of the next Tuesday)", () => {
      const policy = mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, { deadlines: { requestRegistration: { amount: 3 } } });
      let s = start(wf, { policy }).snapshot;
      for (const step of MAIN_PATH.slice(0, 3)) s = accept(wf, s, step).snapshot;
      const { actions } = accept(wf, s, 'SUBMIT_REQUEST', '2026-11-26T09:00:00.000Z');
      expect(dues('2026-11-26T09:00:00.000Z', actions)).toEqual([['xstate.after.requestRegistration.case.request.submitted', '2026-12-02T00:00:00.000Z']]);
    });

    it('the case root arms the 12-month check and the no-contact alert at the start: the end of the same day a year, and 4 weeks, later', () => {
      const { snapshot, actions } = start(wf);
      expect(dues(ctx(snapshot).now, actions)).toEqual([
        ['xstate.after.caseOpenCheck.case', '2027-11-24T00:00:00.000Z'],
        ['xstate.after.noContactWithFamily.case', '2026-12-22T00:00:00.000Z'],
      ]);
      expect(ctx(snapshot).deadlineStarts).toEqual({ caseOpenCheck: SAMPLE_NOW, noContactWithFamily: SAMPLE_NOW });
    });

    it('a deadline firing notifies the coordinator and marks the stage overdue without changing state', () => {
      const s = accept(wf, upTo('SUBMIT_REQUEST'), 'SUBMIT_REQUEST').snapshot;
      const fired = accept(wf, s, 'xstate.after.requestRegistration.case.request.submitted' as never, '2026-11-30T09:00:00.000Z');
      expect(fired.snapshot.value).toEqual(s.value);
      expect(notifications(fired.actions)).toEqual([{ to: 'coordinator', about: 'requestRegistration' }]);
      expect(ctx(fired.snapshot).overdue).toEqual({ requestRegistration: '2026-11-30T09:00:00.000Z' });
      // Leaving the stage clears the overdue marker and keeps the miss for the figures.
      const registered = accept(wf, fired.snapshot, 'REGISTER_REQUEST').snapshot;
      expect(ctx(registered).overdue).toEqual({});
      expect(ctx(registered).missedDeadlines).toEqual([{ deadline: 'requestRegistration', at: '2026-11-30T09:00:00.000Z' }]);
    });

    it('a review reminder goes to the lead practitioner, the overdue review to the coordinator', () => {
      const s = upTo('HOLD_REVIEW');
      expect(notifications(accept(wf, s, 'xstate.after.reviewReminder.case.review.scheduled' as never).actions)).toEqual([{ to: 'leadPractitioner', about: 'reviewReminder' }]);
      expect(notifications(accept(wf, s, 'xstate.after.reviewOverdue.case.review.scheduled' as never).actions)).toEqual([{ to: 'coordinator', about: 'reviewOverdue' }]);
    });

    it('leaving a stage cancels its timers (xstate.cancel) and entering the next arms its own (xstate.raise with a delay)', () => {
      const { snapshot, actions } = accept(wf, upTo('REGISTER_REQUEST'), 'REGISTER_REQUEST');
      // Registration also starts the no-contact alert again (cancelled, then armed from now).
      expect(cancelled(actions)).toEqual(['xstate.after.requestRegistration.case.request.submitted', 'xstate.after.noContactWithFamily.case']);
      expect(dues(ctx(snapshot).now, actions)).toEqual([
        ['xstate.after.noContactWithFamily.case', '2026-12-22T00:00:00.000Z'],
        ['xstate.after.assessmentCompletion.case.assessment', '2026-12-22T00:00:00.000Z'],
      ]);
      expect(Object.keys(ctx(snapshot).deadlineStarts).sort()).toEqual(['assessmentCompletion', 'caseOpenCheck', 'noContactWithFamily']);
    });

    it('a deadline spanning several states keeps its due date: meetingHeld is re-armed with the time left', () => {
      const proposed = upTo('INVITE_TO_MEETING');
      const later = '2026-11-30T09:00:00.000Z'; // 7 days after the stage started
      const { actions } = accept(wf, proposed, 'INVITE_TO_MEETING', later);
      expect(cancelled(actions)).toEqual(['xstate.after.meetingHeld.case.meeting.proposed']);
      // 15 working days from Monday 23 November 2026: the end of Monday 14 December, whenever re-armed.
      expect(dues(later, actions)).toEqual([['xstate.after.meetingHeld.case.meeting.invited', '2026-12-15T00:00:00.000Z']]);
    });

    it('a deadline spanning several states notifies only once', () => {
      const proposed = upTo('INVITE_TO_MEETING');
      const fired = accept(wf, proposed, 'xstate.after.meetingHeld.case.meeting.proposed' as never, '2026-12-14T09:00:00.000Z');
      expect(notifications(fired.actions)).toHaveLength(1);
      const invited = accept(wf, fired.snapshot, 'INVITE_TO_MEETING', '2026-12-15T09:00:00.000Z');
      expect(raised(invited.actions)[0].delay).toBe(0);
      const again = send(wf, invited.snapshot, { type: 'xstate.after.meetingHeld.case.meeting.invited' });
      expect(notifications(again.actions)).toEqual([]);
    });
  });

  it('dueDateDelays are the stage deadlines, not the reminder nor the 12-month check', () => {
    expect([...wf.dueDateDelays].sort()).toEqual(
      ['assessmentCompletion', 'closureCompletion', 'concernReported', 'meetingHeld', 'minutesDistributed', 'planSignOff', 'requestRegistration', 'reviewOverdue', 'reviewRecorded', 'writtenReportAfterPhone'].sort(),
    );
  });

  it('redirected and declined requests end the case in the request stage', () => {
    const submitted = upTo('REGISTER_REQUEST');
    const redirected = accept(wf, submitted, 'REDIRECT_REQUEST').snapshot;
    expect(wf.project(redirected)).toEqual({ state: 'redirected', stage: 'request', status: 'closed', leadPractitionerId: null, closureReason: null, participants: [] });
    expect(wf.project(accept(wf, submitted, 'DECLINE_REQUEST').snapshot)).toEqual(expect.objectContaining({ state: 'declined', status: 'closed' }));
  });

  it('input keeps personal data out: only case id, time, policy, lead and origin', () => {
    const input = wf.input({ caseId: 'c1', now: '2026-11-23T09:00:00.000Z', leadPractitionerId: 'lead-2', origin: 'health' });
    expect(input).toEqual({ caseId: 'c1', now: '2026-11-23T09:00:00.000Z', leadPractitionerId: 'lead-2', origin: 'health' });
    const s = start(wf, { leadPractitionerId: 'lead-2' }).snapshot;
    expect(ctx(s).policy).toEqual(DEFAULT_DEADLINE_POLICY);
    expect(wf.project(s)).toEqual({ state: 'request.draft', stage: 'request', status: 'active', leadPractitionerId: 'lead-2', closureReason: null, participants: [{ userId: 'lead-2', kind: 'lead' }] });
  });
});
