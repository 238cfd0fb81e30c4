/**
 * The one context every machine of the case shares. It holds what the process needs to decide
 * what may happen next (and what the documents of each stage are made of), nothing more:
 * no addresses, no contact details. `now`, `policy`, `calendar` and `actor` are written by the
 * engine before every transition: the machines read time, stage lengths, closed days and who
 * acts as data.
 */
import {
  DEFAULT_DEADLINE_POLICY,
  type ActorRef,
  noWorkingCalendar,
  type AssessmentRecord,
  type ClosureReason,
  type ConcernOutcome,
  type ConsentRecord,
  type DeadlineName,
  type DeadlinePolicy,
  type DeadlineRule,
  type HoldMeeting,
  type InviteToMeeting,
  type PersonRef,
  type PlannedAction,
  type RaiseConcern,
  type RecordClosureFeedback,
  type RecordRequestDetails,
  type RecordReview,
  type RecordedView,
  type RequestOrigin,
  type SignOffPlan,
  type Stage,
  type SubmitReport,
  type WorkingCalendar,
} from '@tacu/domain';

export type PlanStatus = 'none' | 'drafting' | 'awaitingFamilySignOff' | 'active';

export interface PlanSignOff {
  planVersion: number;
  signedBy: SignOffPlan['signedBy'];
  method: SignOffPlan['method'];
  at: string;
}

/** A version of the action plan that a revision replaced. */
export interface SupersededPlanVersion {
  version: number;
  actions: PlannedAction[];
  childViews: RecordedView | null;
  signOffs: PlanSignOff[];
  status: 'superseded';
  supersededAt: string;
  reason: string;
}

export interface ReviewCycle {
  /** 1 for the first review of the plan, 2 for the next... */
  cycle: number;
  scheduledAt: string;
  heldOn: string | null;
  record: Omit<RecordReview, 'type'> | null;
  decision: 'continue' | 'revise' | 'close' | 'escalate' | null;
  reviseReason: string | null;
}

export type ConcernStatus = 'raised' | 'liaisonConsulted' | 'reported' | 'acknowledged' | 'closed';

export interface ConcernRecord extends Omit<RaiseConcern, 'type'> {
  raisedAt: string;
  /** The stage the case was in when the concern was raised (where it resumes). */
  raisedInStage: Stage | null;
  status: ConcernStatus;
  liaison: { liaison: PersonRef; advice: string; at: string } | null;
  /** Each report to the statutory service: what it said, and who made it (the signed-in user who recorded it). */
  reports: ReportRecord[];
  acknowledgedReference: string | null;
  decidedNotToReport: { reason: string; at: string; by: ActorRef | null } | null;
  outcome: { outcome: ConcernOutcome; notes: string; at: string; by: ActorRef | null } | null;
}

/**
 * A report to the statutory service as the record keeps it. `reporter` is who made it: the
 * signed-in user who recorded it (the engine's actor), with `jointReporter` when made jointly;
 * null only when a machine runs without the engine (tests).
 */
export type ReportRecord = Omit<SubmitReport, 'type'> & { at: string; reporter: ActorRef | null };

export interface CaseContext {
  caseId: string;
  /** The engine's clock reading (ISO instant), written before every transition. */
  now: string;
  /**
   * The organisation's deadline policy as it is now, written by the engine before every
   * transition. A deadline copies its rule into `deadlineRules` when it starts, so a stage keeps
   * the length it started with and a changed policy applies to stages entered after the change.
   */
  policy: DeadlinePolicy;
  /** The organisation's working calendar (time zone, closed days), written by the engine before every transition. */
  calendar: WorkingCalendar;
  /**
   * Who sends the event, as they act on the case (the signed-in user, or the deadline worker),
   * written by the engine before every transition; null when nobody acts (a case read, a
   * machine run on its own). Records take who acted from here, never from the event.
   */
  actor: ActorRef | null;
  origin: RequestOrigin | null;
  leadPractitionerId: string | null;
  consent: ConsentRecord | null;
  request: {
    reasonForRequest: string | null;
    preRequestChecklist: RecordRequestDetails['preRequestChecklist'] | null;
    consentRequestedAt: string | null;
    submittedAt: string | null;
    outcome: 'registered' | 'redirected' | 'declined' | null;
    redirectedTo: { service: string; reason: string } | null;
    declineReason: string | null;
  };
  assessment: {
    record: AssessmentRecord | null;
    completedAt: string | null;
    agreedBy: PersonRef | null;
    agreedAt: string | null;
    reopenReasons: string[];
  };
  meeting: {
    invitation: Omit<InviteToMeeting, 'type'> | null;
    held: Omit<HoldMeeting, 'type'> | null;
    minutes: { minutes: string; distributedTo: PersonRef[]; at: string } | null;
    cancellations: { reason: string; at: string }[];
  };
  plan: {
    /** 0 before the first draft; every DRAFT_PLAN adds one. */
    version: number;
    status: PlanStatus;
    actions: PlannedAction[];
    childViews: RecordedView | null;
    signOffs: PlanSignOff[];
    changeRequests: { planVersion: number; changesRequested: string; at: string }[];
    history: SupersededPlanVersion[];
  };
  reviews: ReviewCycle[];
  closure: {
    reason: ClosureReason | null;
    reasonText: string | null;
    proposedAt: string | null;
    feedback: Omit<RecordClosureFeedback, 'type'> | null;
    closedAt: string | null;
  };
  concerns: ConcernRecord[];
  /**
   * When the latest contact with the family took place (RECORD_CONTACT's `contactedOn`), null
   * before any. The contact log itself is the case's history (each RECORD_CONTACT event).
   */
  lastContactWithFamilyAt: string | null;
  /** While a concern is open: the stage the case resumes in. */
  onHold: { stage: Stage; since: string } | null;
  /**
   * Where each running deadline is counted from: the instant it started, or the day a person
   * gave (a meeting's `heldOn`) or the time of a phone report, where practice counts from that.
   */
  deadlineStarts: Partial<Record<DeadlineName, string>>;
  /** The rule each running deadline started with (the policy's rule at that moment). */
  deadlineRules: Partial<Record<DeadlineName, DeadlineRule>>;
  /** Deadlines of the current stage that have passed (ISO instant they fired); cleared when the stage ends. */
  overdue: Partial<Record<DeadlineName, string>>;
  /** Every deadline that passed before its stage ended, kept for the coordinator's figures. */
  missedDeadlines: { deadline: DeadlineName; at: string }[];
}

/** What the engine passes to start a case (plus `now`, `policy` and `calendar`). No personal data. */
export interface CaseInput {
  caseId: string;
  now: string;
  policy?: DeadlinePolicy;
  /** The organisation's working calendar; without it no working day can be counted (CalendarError). */
  calendar?: WorkingCalendar;
  leadPractitionerId?: string | null;
  origin?: RequestOrigin | null;
}

export function createCaseContext(input: CaseInput): CaseContext {
  return {
    caseId: input.caseId,
    now: input.now,
    policy: input.policy ?? DEFAULT_DEADLINE_POLICY,
    calendar: input.calendar ?? noWorkingCalendar(),
    actor: null,
    origin: input.origin ?? null,
    leadPractitionerId: input.leadPractitionerId ?? null,
    consent: null,
    request: {
      reasonForRequest: null,
      preRequestChecklist: null,
      consentRequestedAt: null,
      submittedAt: null,
      outcome: null,
      redirectedTo: null,
      declineReason: null,
    },
    assessment: { record: null, completedAt: null, agreedBy: null, agreedAt: null, reopenReasons: [] },
    meeting: { invitation: null, held: null, minutes: null, cancellations: [] },
    plan: { version: 0, status: 'none', actions: [], childViews: null, signOffs: [], changeRequests: [], history: [] },
    reviews: [],
    closure: { reason: null, reasonText: null, proposedAt: null, feedback: null, closedAt: null },
    concerns: [],
    lastContactWithFamilyAt: null,
    onHold: null,
    deadlineStarts: {},
    deadlineRules: {},
    overdue: {},
    missedDeadlines: [],
  };
}

/** The concern being handled now (the first one not closed), if any. */
export function openConcern(context: CaseContext): ConcernRecord | undefined {
  return context.concerns.find((c) => c.status !== 'closed');
}

export function reviewsRecorded(context: CaseContext): number {
  return context.reviews.filter((r) => r.record !== null).length;
}

export function currentReview(context: CaseContext): ReviewCycle | undefined {
  return context.reviews[context.reviews.length - 1];
}
