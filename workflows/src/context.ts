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
  type OutcomeRating,
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

/**
 * The plan's reviews as the machines decide with them: counts, the current cycle, the one before
 * and the latest rating of each outcome. Each review's whole record is its stored review record
 * document (with the view model it was made from) and its events in the case's history: the
 * snapshot does not grow with the cycles (issue "Stage documents" §4).
 */
export interface ReviewState {
  /** Review cycles started, the current one included: the current cycle's number. */
  cycles: number;
  /** Reviews recorded (closing as "needs met" needs one: `closureReasonExplained`). */
  recorded: number;
  /** The current cycle (null before the first). */
  current: ReviewCycle | null;
  /** The cycle before the current one (null before the second): its record sets the current cycle's day. */
  previous: ReviewCycle | null;
  /**
   * The latest rating of each outcome recorded at a review before the current cycle (the
   * current cycle's ratings join when the next cycle starts): what a review record compares with.
   */
  ratedBefore: OutcomeRating[];
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
    /**
     * When the current invitation was recorded (the meeting arranged): a meeting is not held
     * before it. Absent before a meeting was arranged, and in cases from before it was kept.
     */
    arrangedAt?: string | null;
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
    /** The current version's sign-offs (a superseded version's are in its stored document and the history). */
    signOffs: PlanSignOff[];
    /**
     * Why the plan is being revised: the version a review replaced, the reason and when (set by
     * REVISE_PLAN, kept by the version drafted next). The replaced version is its stored document.
     */
    revision: { fromVersion: number; reason: string; at: string } | null;
    /** The family's requests for changes to the current version (a new version starts with none). */
    changeRequests: { planVersion: number; changesRequested: string; at: string }[];
  };
  review: ReviewState;
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

/** What the engine passes to start a case (plus `now`, `policy` and `calendar`). No personal data but the linked checklist's ratings. */
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
  /**
   * The pre-request checklist the case was opened from (POST /cases `preRequestChecklistId`): its
   * ratings are the baseline that reviews and closure rate again (domain.md "The unit of work").
   */
  preRequestChecklist?: RecordRequestDetails['preRequestChecklist'] | null;
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
      preRequestChecklist: input.preRequestChecklist ?? null,
      consentRequestedAt: null,
      submittedAt: null,
      outcome: null,
      redirectedTo: null,
      declineReason: null,
    },
    assessment: { record: null, completedAt: null, agreedBy: null, agreedAt: null, reopenReasons: [] },
    meeting: { invitation: null, held: null, minutes: null, cancellations: [] },
    plan: { version: 0, status: 'none', actions: [], childViews: null, signOffs: [], revision: null, changeRequests: [] },
    review: noReviewsYet(),
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

/** The review state of a plan that has had no review. */
export function noReviewsYet(): ReviewState {
  return { cycles: 0, recorded: 0, current: null, previous: null, ratedBefore: [] };
}

/** Reviews recorded so far. */
export function reviewsRecorded(context: CaseContext): number {
  return context.review.recorded;
}

/** The current review cycle, if one has started. */
export function currentReview(context: CaseContext): ReviewCycle | undefined {
  return context.review.current ?? undefined;
}

/** `ratings` laid over `before`: the latest rating of each outcome, in the order first rated. */
export function latestRatings(before: readonly OutcomeRating[], ratings: readonly OutcomeRating[]): OutcomeRating[] {
  const latest = new Map(before.map((r) => [r.outcome, r]));
  for (const rating of ratings) latest.set(rating.outcome, rating);
  return [...latest.values()];
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
    'review' in context &&
    !planNeedsUpgrade(context['plan']) &&
    !concernsNeedUpgrade(context['concerns'])
  ) {
    return context;
  }
  const { consent, reviews, ...rest } = context;
  return {
    ...rest,
    ...('review' in context ? {} : { review: reviewStateOf(Array.isArray(reviews) ? (reviews as ReviewCycle[]) : []) }),
    ...(planNeedsUpgrade(context['plan']) ? { plan: currentPlanOnly(context['plan'] as LegacyRecord) } : {}),
    consents: Array.isArray(context['consents']) ? context['consents'] : upgradeLegacyConsent((consent ?? null) as LegacyConsentRecord | null),
    youngPersonOfAge: context['youngPersonOfAge'] ?? false,
    consentHold: context['consentHold'] ?? null,
    actor: context['actor'] ?? null,
    lastContactWithFamilyAt: context['lastContactWithFamilyAt'] ?? null,
    ...(Array.isArray(context['concerns']) ? { concerns: context['concerns'].map(upgradeConcern) } : {}),
  };
}

type LegacyRecord = Record<string, unknown>;

/** The review state of an earlier release's list of every review cycle. */
function reviewStateOf(reviews: readonly ReviewCycle[]): ReviewState {
  const current = reviews[reviews.length - 1] ?? null;
  return {
    cycles: reviews.length,
    recorded: reviews.filter((r) => r.record !== null).length,
    current,
    previous: reviews[reviews.length - 2] ?? null,
    ratedBefore: reviews.slice(0, -1).reduce<OutcomeRating[]>((before, r) => latestRatings(before, r.record?.ratings ?? []), []),
  };
}

/**
 * Whether a plan was stored by a release that kept every superseded version, sign-off and change
 * request in the snapshot (and had no `revision`).
 */
function planNeedsUpgrade(plan: unknown): boolean {
  if (plan === null || typeof plan !== 'object') return false;
  const p = plan as LegacyRecord;
  const ofOtherVersions = (list: unknown) => Array.isArray(list) && (list as LegacyRecord[]).some((item) => item['planVersion'] !== p['version']);
  return 'history' in p || !('revision' in p) || ofOtherVersions(p['signOffs']) || ofOtherVersions(p['changeRequests']);
}

/**
 * The current version of an earlier release's plan: superseded versions, and other versions'
 * sign-offs and change requests, left to their documents and events; the last revision kept.
 */
function currentPlanOnly(plan: LegacyRecord): LegacyRecord {
  const { history, ...rest } = plan;
  const ofThisVersion = (list: unknown) => (Array.isArray(list) ? (list as LegacyRecord[]).filter((item) => item['planVersion'] === plan['version']) : []);
  const superseded = Array.isArray(history) ? (history as LegacyRecord[]) : [];
  const last = superseded[superseded.length - 1];
  return {
    ...rest,
    signOffs: ofThisVersion(plan['signOffs']),
    changeRequests: ofThisVersion(plan['changeRequests']),
    revision: last ? { fromVersion: last['version'], reason: last['reason'], at: last['supersededAt'] } : null,
  };
}

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
