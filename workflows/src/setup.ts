/**
 * The one `setup` every machine of the case is written with: the context, the event catalogue,
 * the guards (named after the rules of domain.md, each calling its pure rule), the effects (named
 * actions with params and no implementation: the engine turns them into outbox rows) and the
 * delays (stage deadlines, named after the policy's `DeadlineName`s).
 */
import { assertEvent, assign, setup, type AnyEventObject } from 'xstate';
import {
  agencyInviteesCoveredByConsent,
  allOf,
  assessmentHasNeeds,
  childsViewRecorded,
  closureReasonExplained,
  consentStillStands,
  deadlineDelayMs,
  dueAt,
  DEADLINE_NAMES,
  everyActionHasOwnerAndDueDate,
  everyInviteeApprovedByFamily,
  fail,
  hasValidConsent,
  OK,
  parentsInformedOrReasonGiven,
  planChangedSinceSignOff,
  requestDetailsRecorded,
  signOffNamesCurrentPlanVersion,
  toConsentRecord,
  type CaseEvent,
  type ClosureReason,
  type DeadlineName,
  type Role,
  type RuleResult,
  type Stage,
} from '@tacu/domain';
import type { StateMeta } from './definition';
import { createCaseContext, currentReview, openConcern, reviewsRecorded, type CaseContext, type CaseInput, type ReviewCycle } from './context';

type Ev = CaseEvent | AnyEventObject;
type E<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>;

function is<T extends CaseEvent['type']>(event: Ev, type: T): event is E<T> {
  return event.type === type;
}

/**
 * The rules a guard checks, by guard name. Each returns the rule's result so that the same
 * function is the guard (`.ok`) and its explanation (`.reason`).
 */
export const RULE_GUARDS = {
  hasValidConsent: (c: CaseContext) => hasValidConsent(c.consent),
  consentStillStands: (c: CaseContext) => consentStillStands(c.consent),
  requestDetailsRecorded: (c: CaseContext) => requestDetailsRecorded(c.request.reasonForRequest),
  everyInviteeApprovedByFamily: (_c: CaseContext, e: Ev) => everyInviteeApprovedByFamily(is(e, 'INVITE_TO_MEETING') ? e.invitees : undefined),
  agencyInviteesCoveredByConsent: (c: CaseContext, e: Ev) =>
    agencyInviteesCoveredByConsent(c.consent, is(e, 'INVITE_TO_MEETING') ? e.invitees : undefined),
  childsViewRecorded: (c: CaseContext, e: Ev): RuleResult => {
    if (is(e, 'RECORD_ASSESSMENT')) return childsViewRecorded(e.views?.child, 'assessment');
    if (is(e, 'RECORD_REVIEW')) return childsViewRecorded(e.childViews, 'review');
    if (is(e, 'RECORD_CLOSURE_FEEDBACK')) return childsViewRecorded(e.childFeedback, 'closure');
    if (is(e, 'DRAFT_PLAN')) return childsViewRecorded(e.childViews, 'plan');
    if (is(e, 'SUBMIT_PLAN_FOR_SIGN_OFF')) return childsViewRecorded(c.plan.childViews, 'plan');
    return childsViewRecorded(c.assessment.record?.views?.child, 'assessment');
  },
  assessmentHasNeeds: (c: CaseContext) => assessmentHasNeeds(c.assessment.record),
  everyActionHasOwnerAndDueDate: (c: CaseContext) => everyActionHasOwnerAndDueDate(c.plan.actions),
  signOffNamesCurrentPlanVersion: (c: CaseContext, e: Ev) =>
    signOffNamesCurrentPlanVersion(is(e, 'SIGN_OFF_PLAN') ? e.planVersion : undefined, c.plan.version),
  closureReasonExplained: (c: CaseContext, e: Ev) =>
    closureReasonExplained(is(e, 'PROPOSE_CLOSURE') ? e : c.closure, reviewsRecorded(c)),
  parentsInformedOrReasonGiven: (_c: CaseContext, e: Ev) => parentsInformedOrReasonGiven(is(e, 'SUBMIT_REPORT') ? e : null),
  /** SUBMIT_PLAN_FOR_SIGN_OFF: the plan is complete enough to show the family. */
  planReadyForSignOff: (c: CaseContext, e: Ev): RuleResult =>
    allOf(
      everyActionHasOwnerAndDueDate(c.plan.actions),
      RULE_GUARDS.childsViewRecorded(c, e),
      planChangedSinceSignOff(
        c.plan.version,
        c.plan.signOffs.filter((s) => s.signedBy.as === 'parentCarer').map((s) => s.planVersion),
      ),
    ),
  /** COMPLETE_ASSESSMENT: needs named and the child's voice heard. */
  assessmentReadyToComplete: (c: CaseContext, e: Ev): RuleResult => allOf(assessmentHasNeeds(c.assessment.record), RULE_GUARDS.childsViewRecorded(c, e)),
  /** INVITE_TO_MEETING: the family approves everyone, and consent covers every agency invited. */
  inviteesApprovedAndCoveredByConsent: (c: CaseContext, e: Ev): RuleResult =>
    allOf(RULE_GUARDS.everyInviteeApprovedByFamily(c, e), RULE_GUARDS.agencyInviteesCoveredByConsent(c, e)),
  /** A phone report whose parents guard holds: a written report must follow. */
  phoneReportParentsInformedOrReasonGiven: (c: CaseContext, e: Ev): RuleResult =>
    is(e, 'SUBMIT_REPORT') && e.method === 'phone' ? RULE_GUARDS.parentsInformedOrReasonGiven(c, e) : fail('The report was not made by phone.'),
  /** A written (or portal) report following a phone report. */
  writtenReportParentsInformedOrReasonGiven: (c: CaseContext, e: Ev): RuleResult =>
    is(e, 'SUBMIT_REPORT') && e.method !== 'phone'
      ? RULE_GUARDS.parentsInformedOrReasonGiven(c, e)
      : fail('A written report must follow the phone report: submit it in writing or through the portal (SUBMIT_REPORT).'),
  /** REPORT_ACTION_PROGRESS names an action of the current plan. */
  actionIsInPlan: (c: CaseContext, e: Ev): RuleResult =>
    is(e, 'REPORT_ACTION_PROGRESS') && c.plan.actions.some((a) => a.id === e.actionId)
      ? OK
      : fail(`There is no action "${is(e, 'REPORT_ACTION_PROGRESS') ? e.actionId : ''}" in the current action plan: report progress on one of its actions.`),
} satisfies Record<string, (c: CaseContext, e: Ev) => RuleResult>;

export type RuleGuardName = keyof typeof RULE_GUARDS;

function ruleGuard(name: RuleGuardName) {
  return ({ context, event }: { context: CaseContext; event: Ev }) => RULE_GUARDS[name](context, event).ok;
}

/**
 * Where a deadline's count starts when it starts now (the `countsFrom` of `startDeadline`):
 * - `now` (the default): the instant of the transition;
 * - `meeting`: the day of the meeting that leads here, as a person recorded it: HOLD_MEETING's
 *   `heldOn` (the minutes), the support meeting's `heldOn` when its stage ends (the action plan:
 *   "signed off within 10 working days of the meeting"), the last review's `heldOn` when a review
 *   ends in a revision or closure, or when the plan continues into the next review cycle;
 *   the instant of the transition when there was no such meeting (e.g. closure proposed outside
 *   a review, or a stage resumed after an escalation);
 * - `phoneReport`: the time the urgent phone report was made (SUBMIT_REPORT's `reportedAt`),
 *   else the instant it was recorded.
 * A meeting held on 1 October and recorded on 30 November is therefore overdue at once.
 */
export type CountsFrom = 'now' | 'meeting' | 'phoneReport';

function endOfStage(event: Ev, stage: Stage): boolean {
  return event.type.startsWith('xstate.done.state.') && event.type.endsWith(`.${stage}`);
}

/** The day of the meeting that leads to this transition, or null (see `CountsFrom`). */
export function meetingDayOf(context: CaseContext, event: Ev): string | null {
  if (is(event, 'HOLD_MEETING')) return event.heldOn;
  if (endOfStage(event, 'meeting')) return context.meeting.held?.heldOn ?? null;
  if (endOfStage(event, 'review') || is(event, 'CONTINUE_PLAN')) {
    const held = context.reviews.filter((r) => r.heldOn !== null);
    return held[held.length - 1]?.heldOn ?? null;
  }
  return null;
}

/** Where a deadline starting in this transition is counted from (see `CountsFrom`). */
export function countStart(context: CaseContext, event: Ev, countsFrom: CountsFrom = 'now'): string {
  if (countsFrom === 'meeting') return meetingDayOf(context, event) ?? context.now;
  if (countsFrom === 'phoneReport' && is(event, 'SUBMIT_REPORT') && event.reportedAt) return event.reportedAt;
  return context.now;
}

/**
 * The rule a running deadline counts with: the one it started with; the current policy's for a
 * deadline that recorded none (snapshots written before deadlines recorded their rule).
 */
function ruleOf(context: CaseContext, name: DeadlineName) {
  return context.deadlineRules?.[name] ?? context.policy.deadlines[name];
}

/**
 * When the deadline `name` is due, counted from `deadlineStarts[name]` with the rule it started
 * with, on the calendar in context; null when that deadline is not running.
 */
export function deadlineDue(context: CaseContext, name: DeadlineName): Date | null {
  const start = context.deadlineStarts[name];
  return start === undefined ? null : dueAt(ruleOf(context, name), start, context.calendar);
}

/**
 * Time left (ms) until the deadline `name` is due, 0 once it has passed: the XState delay. A
 * deadline that was never started counts from now with the current policy's rule.
 */
export function remainingMs(context: CaseContext, name: DeadlineName): number {
  return deadlineDelayMs(ruleOf(context, name), context.deadlineStarts[name] ?? context.now, context.now, context.calendar);
}

const delays = Object.fromEntries(
  DEADLINE_NAMES.map((name) => [name, ({ context }: { context: CaseContext }) => remainingMs(context, name)]),
) as Record<DeadlineName, ({ context }: { context: CaseContext }) => number>;

export type NotifyParams = { to: Role | 'peopleInvolved'; about: string };

export type ReviewDecision = NonNullable<ReviewCycle['decision']>;

// `record` may be missing from a snapshot written before it existed (deadlineRules).
const withoutKeys = <T extends object>(record: T | undefined, keys: readonly string[]): T =>
  Object.fromEntries(Object.entries(record ?? {}).filter(([k]) => !keys.includes(k))) as T;

export const caseSetup = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
    meta: {} as StateMeta,
  },
  guards: {
    hasValidConsent: ruleGuard('hasValidConsent'),
    consentStillStands: ruleGuard('consentStillStands'),
    requestDetailsRecorded: ruleGuard('requestDetailsRecorded'),
    everyInviteeApprovedByFamily: ruleGuard('everyInviteeApprovedByFamily'),
    agencyInviteesCoveredByConsent: ruleGuard('agencyInviteesCoveredByConsent'),
    childsViewRecorded: ruleGuard('childsViewRecorded'),
    assessmentHasNeeds: ruleGuard('assessmentHasNeeds'),
    everyActionHasOwnerAndDueDate: ruleGuard('everyActionHasOwnerAndDueDate'),
    signOffNamesCurrentPlanVersion: ruleGuard('signOffNamesCurrentPlanVersion'),
    closureReasonExplained: ruleGuard('closureReasonExplained'),
    parentsInformedOrReasonGiven: ruleGuard('parentsInformedOrReasonGiven'),
    planReadyForSignOff: ruleGuard('planReadyForSignOff'),
    assessmentReadyToComplete: ruleGuard('assessmentReadyToComplete'),
    inviteesApprovedAndCoveredByConsent: ruleGuard('inviteesApprovedAndCoveredByConsent'),
    phoneReportParentsInformedOrReasonGiven: ruleGuard('phoneReportParentsInformedOrReasonGiven'),
    actionIsInPlan: ruleGuard('actionIsInPlan'),
    writtenReportParentsInformedOrReasonGiven: ruleGuard('writtenReportParentsInformedOrReasonGiven'),
    // Routing guards: they read what the stage decided, so a stage's end goes to the right place.
    planSignedOffByParentCarer: ({ context }) =>
      context.plan.version > 0 && context.plan.signOffs.some((s) => s.planVersion === context.plan.version && s.signedBy.as === 'parentCarer'),
    requestOutcomeIs: ({ context }, params: { outcome: 'registered' | 'redirected' | 'declined' }) => context.request.outcome === params.outcome,
    assessmentAgreed: ({ context }) => context.assessment.agreedAt !== null,
    minutesDistributed: ({ context }) => context.meeting.minutes !== null,
    planIsActive: ({ context }) => context.plan.status === 'active',
    reviewDecisionIs: ({ context }, params: { decision: ReviewDecision }) => currentReview(context)?.decision === params.decision,
    closureCompleted: ({ context }) => context.closure.closedAt !== null,
    concernSteppedUp: ({ context }) => {
      const last = context.concerns[context.concerns.length - 1];
      return last?.outcome?.outcome === 'steppedUp';
    },
    concernEnded: ({ context }) => {
      const last = context.concerns[context.concerns.length - 1];
      return last !== undefined && (last.outcome !== null || last.decidedNotToReport !== null);
    },
    /** Consent was given and no longer stands (a request still waiting for consent can resume). */
    consentWithdrawnMeanwhile: ({ context }) => context.consent !== null && !consentStillStands(context.consent).ok,
    resumesIn: ({ context }, params: { stage: Stage }) => context.onHold?.stage === params.stage,
    deadlineNotYetMarked: ({ context }, params: { deadline: DeadlineName }) => context.overdue[params.deadline] === undefined,
  },
  actions: {
    /** Effect: tell someone. The engine writes an outbox row; `about` names the event or deadline. */
    notify: (_, _params: NotifyParams) => {
      // Named effect only: the engine writes the notification to the outbox in the transaction.
    },

    /** A deadline starts: where it counts from, and the policy's rule for it now (kept for the stage). */
    startDeadline: assign(({ context, event }, params: { deadline: DeadlineName; countsFrom?: CountsFrom }) => ({
      deadlineStarts: { ...context.deadlineStarts, [params.deadline]: countStart(context, event, params.countsFrom) },
      deadlineRules: { ...context.deadlineRules, [params.deadline]: context.policy.deadlines[params.deadline] },
    })),
    markOverdue: assign(({ context }, params: { deadline: DeadlineName }) => ({
      overdue: { ...context.overdue, [params.deadline]: context.now },
      missedDeadlines: [...context.missedDeadlines, { deadline: params.deadline, at: context.now }],
    })),
    /** A stage ends: its deadlines no longer run and it is no longer overdue. */
    endDeadlines: assign(({ context }, params: { deadlines: readonly DeadlineName[] }) => ({
      deadlineStarts: withoutKeys(context.deadlineStarts, params.deadlines),
      deadlineRules: withoutKeys(context.deadlineRules, params.deadlines),
      overdue: withoutKeys(context.overdue, params.deadlines),
    })),

    // ---- case-wide
    recordConsent: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_CONSENT');
      return { consent: toConsentRecord(event), request: context.request };
    }),
    recordConsentWithdrawn: assign(({ context, event }) => {
      assertEvent(event, 'WITHDRAW_CONSENT');
      // Withdrawn before any consent was written down: the withdrawal is still recorded.
      const base = context.consent ?? {
        givenBy: { name: event.withdrawnBy.name, hasParentalResponsibility: false },
        scopes: { takePart: false, keepRecords: false, shareWithAgencies: [] },
        youngPersonConsent: { given: false },
        signedOn: '',
      };
      return { consent: { ...base, withdrawn: { by: event.withdrawnBy, reason: event.reason, at: context.now } } };
    }),
    assignLeadPractitioner: assign(({ event }) => {
      assertEvent(event, ['ASSIGN_LEAD_PRACTITIONER', 'REGISTER_REQUEST']);
      return { leadPractitionerId: event.leadPractitionerId };
    }),
    closeAs: assign(({ context }, params: { reason: ClosureReason }) => ({
      closure: { ...context.closure, reason: params.reason, reasonText: null, closedAt: context.now },
    })),

    // ---- request for support
    recordRequestDetails: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_REQUEST_DETAILS');
      return { request: { ...context.request, reasonForRequest: event.reasonForRequest, preRequestChecklist: event.preRequestChecklist ?? null } };
    }),
    recordConsentRequested: assign(({ context }) => ({ request: { ...context.request, consentRequestedAt: context.now } })),
    recordSubmission: assign(({ context }) => ({ request: { ...context.request, submittedAt: context.now } })),
    recordRegistration: assign(({ context, event }) => {
      assertEvent(event, 'REGISTER_REQUEST');
      return { leadPractitionerId: event.leadPractitionerId, request: { ...context.request, outcome: 'registered' as const } };
    }),
    recordRedirect: assign(({ context, event }) => {
      assertEvent(event, 'REDIRECT_REQUEST');
      return { request: { ...context.request, outcome: 'redirected' as const, redirectedTo: { service: event.service, reason: event.reason } } };
    }),
    recordDecline: assign(({ context, event }) => {
      assertEvent(event, 'DECLINE_REQUEST');
      return { request: { ...context.request, outcome: 'declined' as const, declineReason: event.reason } };
    }),

    // ---- strengths and needs assessment
    recordAssessment: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_ASSESSMENT');
      const { type: _type, ...record } = event;
      return { assessment: { ...context.assessment, record } };
    }),
    recordAssessmentCompleted: assign(({ context }) => ({ assessment: { ...context.assessment, completedAt: context.now } })),
    recordAssessmentAgreed: assign(({ context, event }) => {
      assertEvent(event, 'AGREE_ASSESSMENT');
      return { assessment: { ...context.assessment, agreedBy: event.agreedBy, agreedAt: context.now } };
    }),
    reopenAssessment: assign(({ context, event }) => {
      assertEvent(event, 'REOPEN_ASSESSMENT');
      return { assessment: { ...context.assessment, completedAt: null, reopenReasons: [...context.assessment.reopenReasons, event.reason] } };
    }),

    // ---- support meeting
    recordInvitation: assign(({ context, event }) => {
      assertEvent(event, 'INVITE_TO_MEETING');
      const { type: _type, ...invitation } = event;
      return { meeting: { ...context.meeting, invitation } };
    }),
    recordMeetingHeld: assign(({ context, event }) => {
      assertEvent(event, 'HOLD_MEETING');
      const { type: _type, ...held } = event;
      return { meeting: { ...context.meeting, held } };
    }),
    recordCancellation: assign(({ context, event }) => {
      assertEvent(event, 'CANCEL_MEETING');
      return { meeting: { ...context.meeting, invitation: null, cancellations: [...context.meeting.cancellations, { reason: event.reason, at: context.now }] } };
    }),
    recordMinutes: assign(({ context, event }) => {
      assertEvent(event, 'DISTRIBUTE_MINUTES');
      return { meeting: { ...context.meeting, minutes: { minutes: event.minutes, distributedTo: event.distributedTo, at: context.now } } };
    }),

    // ---- action plan
    /** Every draft is a new version: a sign-off of an earlier version no longer counts. */
    draftPlan: assign(({ context, event }) => {
      assertEvent(event, 'DRAFT_PLAN');
      return { plan: { ...context.plan, version: context.plan.version + 1, status: 'drafting' as const, actions: event.actions, childViews: event.childViews } };
    }),
    startPlanDrafting: assign(({ context }) => ({ plan: { ...context.plan, status: 'drafting' as const } })),
    recordPlanSubmitted: assign(({ context }) => ({ plan: { ...context.plan, status: 'awaitingFamilySignOff' as const } })),
    recordSignOff: assign(({ context, event }) => {
      assertEvent(event, 'SIGN_OFF_PLAN');
      return { plan: { ...context.plan, signOffs: [...context.plan.signOffs, { planVersion: event.planVersion, signedBy: event.signedBy, method: event.method, at: context.now }] } };
    }),
    activatePlan: assign(({ context }) => ({ plan: { ...context.plan, status: 'active' as const } })),
    recordPlanChangeRequest: assign(({ context, event }) => {
      assertEvent(event, 'REQUEST_PLAN_CHANGES');
      return {
        plan: {
          ...context.plan,
          status: 'drafting' as const,
          changeRequests: [...context.plan.changeRequests, { planVersion: context.plan.version, changesRequested: event.changesRequested, at: context.now }],
        },
      };
    }),
    recordActionProgress: assign(({ context, event }) => {
      assertEvent(event, 'REPORT_ACTION_PROGRESS');
      return {
        plan: {
          ...context.plan,
          actions: context.plan.actions.map((a) => (a.id === event.actionId ? { ...a, status: event.status, progress: event.progress } : a)),
        },
      };
    }),
    /** REVISE_PLAN: the current version is kept as superseded; the next draft is a new version. */
    supersedePlan: assign(({ context, event }) => {
      assertEvent(event, 'REVISE_PLAN');
      const { plan } = context;
      return {
        plan: {
          ...plan,
          status: 'drafting' as const,
          history: [
            ...plan.history,
            {
              version: plan.version,
              actions: plan.actions,
              childViews: plan.childViews,
              signOffs: plan.signOffs.filter((s) => s.planVersion === plan.version),
              status: 'superseded' as const,
              supersededAt: context.now,
              reason: event.reason,
            },
          ],
        },
      };
    }),

    // ---- review
    /** Entering `review.scheduled`: a new cycle, unless the current one is still undecided (resume). */
    startReviewCycle: assign(({ context }) => {
      const last = currentReview(context);
      if (last && last.decision === null) return {};
      return { reviews: [...context.reviews, { cycle: context.reviews.length + 1, scheduledAt: context.now, heldOn: null, record: null, decision: null, reviseReason: null }] };
    }),
    recordReviewHeld: assign(({ context, event }) => {
      assertEvent(event, 'HOLD_REVIEW');
      return { reviews: updateLast(context.reviews, { heldOn: event.heldOn }) };
    }),
    recordReview: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_REVIEW');
      const { type: _type, ...record } = event;
      const progress = new Map(record.progress.map((p) => [p.actionId, p]));
      return {
        reviews: updateLast(context.reviews, { record }),
        plan: {
          ...context.plan,
          actions: context.plan.actions.map((a) => {
            const p = progress.get(a.id);
            return p ? { ...a, status: p.status, progress: p.note } : a;
          }),
        },
      };
    }),
    recordReviewDecision: assign(({ context, event }, params: { decision: ReviewDecision }) => ({
      reviews: updateLast(context.reviews, { decision: params.decision, reviseReason: event.type === 'REVISE_PLAN' ? (event as E<'REVISE_PLAN'>).reason : null }),
    })),

    // ---- closure
    recordClosureProposal: assign(({ context, event }) => {
      assertEvent(event, 'PROPOSE_CLOSURE');
      return { closure: { ...context.closure, reason: event.reason, reasonText: event.reasonText ?? null, proposedAt: context.now } };
    }),
    recordClosureFeedback: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_CLOSURE_FEEDBACK');
      const { type: _type, ...feedback } = event;
      return { closure: { ...context.closure, feedback } };
    }),
    recordClosed: assign(({ context }) => ({ closure: { ...context.closure, closedAt: context.now } })),

    // ---- escalation
    /** A concern is raised; `stage` is where the case resumes (null: already on hold or no case around). */
    recordConcern: assign(({ context, event }, params: { stage: Stage | null }) => {
      assertEvent(event, 'RAISE_CONCERN');
      const { type: _type, ...concern } = event;
      return {
        concerns: [
          ...context.concerns,
          {
            ...concern,
            raisedAt: context.now,
            raisedInStage: params.stage,
            status: 'raised' as const,
            liaison: null,
            reports: [],
            acknowledgedReference: null,
            decidedNotToReport: null,
            outcome: null,
          },
        ],
        onHold: params.stage && !context.onHold ? { stage: params.stage, since: context.now } : context.onHold,
      };
    }),
    recordLiaisonConsulted: assign(({ context, event }) => {
      assertEvent(event, 'CONSULT_LIAISON');
      return { concerns: updateOpenConcern(context, { status: 'liaisonConsulted', liaison: { liaison: event.liaison, advice: event.advice, at: context.now } }) };
    }),
    recordReport: assign(({ context, event }) => {
      assertEvent(event, 'SUBMIT_REPORT');
      const { type: _type, ...report } = event;
      const open = openConcern(context);
      return { concerns: updateOpenConcern(context, { status: 'reported', reports: [...(open?.reports ?? []), { ...report, at: context.now }] }) };
    }),
    recordDecisionNotToReport: assign(({ context, event }) => {
      assertEvent(event, 'DECIDE_NOT_TO_REPORT');
      return { concerns: updateOpenConcern(context, { status: 'closed', decidedNotToReport: { reason: event.reason, at: context.now } }) };
    }),
    recordReportAcknowledged: assign(({ context, event }) => {
      assertEvent(event, 'ACKNOWLEDGE_REPORT');
      return { concerns: updateOpenConcern(context, { status: 'acknowledged', acknowledgedReference: event.reference }) };
    }),
    recordConcernOutcome: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_CONCERN_OUTCOME');
      return { concerns: updateOpenConcern(context, { status: 'closed', outcome: { outcome: event.outcome, notes: event.notes, at: context.now } }) };
    }),
    /** The escalation ends: every concern is closed and the case is no longer on hold. */
    endHold: assign(({ context }) => ({
      onHold: null,
      concerns: context.concerns.map((c) => (c.status === 'closed' ? c : { ...c, status: 'closed' as const })),
    })),
  },
  delays,
});

function updateLast(reviews: ReviewCycle[], patch: Partial<ReviewCycle>): ReviewCycle[] {
  if (reviews.length === 0) return reviews;
  return [...reviews.slice(0, -1), { ...reviews[reviews.length - 1], ...patch }];
}

function updateOpenConcern(context: CaseContext, patch: Partial<CaseContext['concerns'][number]>): CaseContext['concerns'] {
  const open = openConcern(context);
  return context.concerns.map((c) => (c === open ? { ...c, ...patch } : c));
}

/** The config a machine is written in, derived from the shared setup so names are type-checked. */
export type CaseMachineConfig = Parameters<typeof caseSetup.createMachine>[0];
/** One state node's config (a stage embedded in the case machine, or one of its states). */
export type StateConfig = NonNullable<CaseMachineConfig['states']>[string];

export const contextFromInput = ({ input }: { input: CaseInput }): CaseContext => createCaseContext(input);
