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
  upgradeLegacyConsent,
  DEFAULT_OUTCOME_FRAMEWORK,
  noWorkingCalendar,
  type AssessmentRecord,
  type ClosureReason,
  type ConcernOutcome,
  type LegacyConsentRecord,
  type PersonConsent,
  type DeadlineName,
  type DeadlinePolicy,
  type DeadlineRule,
  type HoldClosingMeeting,
  type HoldMeeting,
  type HoldReview,
  type InviteToMeeting,
  type OutcomeFramework,
  type PersonRef,
  type PlanDocumentSent,
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
  /** The stored plan document signed (null for a plan of a case from before documents were stored; absent in older records). */
  document?: PlanDocumentSent | null;
}

/** Processing stopped after a withdrawal of consent: where the case resumes if the coordinator continues. */
export interface ConsentHold {
  stage: Stage;
  since: string;
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
  /**
   * The review meeting as HOLD_REVIEW recorded it (attendance, apologies, chair); absent in
   * reviews held before a review was recorded as a meeting.
   */
  meeting?: Omit<HoldReview, 'type'> | null;
  /** The review record (reviews recorded before minutes were kept have no `minutes`). */
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
  /**
   * The outcome framework the case started with (a copy of its definition, written when the case
   * opens): every rating of the case is checked against it, whatever the organisation uses later.
   * Absent in cases opened before frameworks were configurable: they are rated on Ireland's
   * national outcomes, the default (`frameworkOf`).
   */
  outcomeFramework?: OutcomeFramework;
  origin: RequestOrigin | null;
  leadPractitionerId: string | null;
  /**
   * Each person's written consent (a parent/carer's, the young person's), in the order first
   * recorded, each with its earlier versions (libs/domain `PersonConsent`). What the case may do
   * is what every required consent allows: read it with `consentOf` (consent.ts).
   */
  consents: PersonConsent[];
  /**
   * The young person has reached the organisation's consent age (`policy.youngPersonConsentAge`)
   * today: a fact of the family record the engine writes before every transition (the date of
   * birth itself stays out of the case).
   */
  youngPersonOfAge: boolean;
  /**
   * The plan documents issued when each plan version was sent for sign-off: a fact of the
   * stored documents the engine writes before every transition (absent before documents were
   * stored). A sign-off names one of them.
   */
  plansSentForSignOff?: PlanDocumentSent[];
  /** While processing is stopped after a withdrawal of consent and the coordinator decides: the stage to resume. */
  consentHold: ConsentHold | null;
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
    /**
     * The closing meeting, where one is held (the Closure and Feedback record is completed at
     * it); absent in closures from before closing meetings were recorded.
     */
    meeting?: Omit<HoldClosingMeeting, 'type'> | null;
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
  /** The outcome framework of the case's organisation (default: Ireland's national outcomes). */
  outcomeFramework?: OutcomeFramework;
  leadPractitionerId?: string | null;
  origin?: RequestOrigin | null;
  /** Whether the young person is of age at the start (tests; the engine writes it before every transition). */
  youngPersonOfAge?: boolean;
}

export function createCaseContext(input: CaseInput): CaseContext {
  return {
    caseId: input.caseId,
    now: input.now,
    policy: input.policy ?? DEFAULT_DEADLINE_POLICY,
    calendar: input.calendar ?? noWorkingCalendar(),
    actor: null,
    // The engine always passes the organisation's; without one the case is on the default (`frameworkOf`).
    ...(input.outcomeFramework ? { outcomeFramework: input.outcomeFramework } : {}),
    origin: input.origin ?? null,
    leadPractitionerId: input.leadPractitionerId ?? null,
    consents: [],
    youngPersonOfAge: input.youngPersonOfAge ?? false,
    consentHold: null,
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
    closure: { reason: null, reasonText: null, proposedAt: null, meeting: null, feedback: null, closedAt: null },
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

/**
 * A case context persisted by an earlier release, brought to the current shape (pure; a current
 * context comes back unchanged): the single `consent` record becomes per-person `consents`
 * (libs/domain `upgradeLegacyConsent`), and fields added since get their starting values. The
 * engine applies it to every snapshot it restores (`WorkflowDefinition.upgrade`), so a case opened
 * before the change continues after it.
 */
export function upgradeCaseContext(context: Record<string, unknown>): Record<string, unknown> {
  if (
    Array.isArray(context['consents']) &&
    'consentHold' in context &&
    'youngPersonOfAge' in context &&
    'lastContactWithFamilyAt' in context &&
    'actor' in context &&
    !concernsNeedUpgrade(context['concerns'])
  ) {
    return context;
  }
  const { consent, ...rest } = context;
  return {
    ...rest,
    consents: Array.isArray(context['consents']) ? context['consents'] : upgradeLegacyConsent((consent ?? null) as LegacyConsentRecord | null),
    youngPersonOfAge: context['youngPersonOfAge'] ?? false,
    consentHold: context['consentHold'] ?? null,
    actor: context['actor'] ?? null,
    lastContactWithFamilyAt: context['lastContactWithFamilyAt'] ?? null,
    ...(Array.isArray(context['concerns']) ? { concerns: context['concerns'].map(upgradeConcern) } : {}),
  };
}

type LegacyRecord = Record<string, unknown>;

/** Whether a concern was recorded before reports said who made them (`reporter`, `jointReport`, `statutoryReference`) and decisions who took them (`by`). */
function concernsNeedUpgrade(concerns: unknown): boolean {
  if (!Array.isArray(concerns)) return false;
  return (concerns as LegacyRecord[]).some((concern) => {
    const reports = Array.isArray(concern['reports']) ? (concern['reports'] as LegacyRecord[]) : [];
    const decided = concern['decidedNotToReport'] as LegacyRecord | null | undefined;
    const outcome = concern['outcome'] as LegacyRecord | null | undefined;
    return (
      reports.some((report) => !('reporter' in report) || !('jointReport' in report) || 'reference' in report) ||
      (decided != null && !('by' in decided)) ||
      (outcome != null && !('by' in outcome))
    );
  });
}

/** A concern of an earlier release: reports by nobody known, the statutory reference under its new name, not joint; decisions by nobody known. */
function upgradeConcern(concern: unknown): unknown {
  if (concern === null || typeof concern !== 'object') return concern;
  const c = concern as LegacyRecord;
  const reports = Array.isArray(c['reports'])
    ? (c['reports'] as LegacyRecord[]).map((report) => {
        const { reference, ...others } = report;
        return {
          ...others,
          ...(reference !== undefined && others['statutoryReference'] === undefined ? { statutoryReference: reference } : {}),
          jointReport: others['jointReport'] ?? false,
          reporter: others['reporter'] ?? null,
        };
      })
    : c['reports'];
  const decided = c['decidedNotToReport'] as LegacyRecord | null | undefined;
  const outcome = c['outcome'] as LegacyRecord | null | undefined;
  return {
    ...c,
    reports,
    ...(decided != null ? { decidedNotToReport: { ...decided, by: decided['by'] ?? null } } : {}),
    ...(outcome != null ? { outcome: { ...outcome, by: outcome['by'] ?? null } } : {}),
  };
}

/** The outcome framework the case is rated on: the one it started with, Ireland's for a case opened before frameworks were configurable. */
export function frameworkOf(context: Pick<CaseContext, 'outcomeFramework'>): OutcomeFramework {
  return context.outcomeFramework ?? DEFAULT_OUTCOME_FRAMEWORK;
}
