/**
 * Every event a person can send to a case, with its data. The names are the practice model's
 * verbs (domain.md); machines, the engine, the API's DTOs and the audit trail use exactly these.
 * Dates are ISO strings (YYYY-MM-DD for days, full ISO for instants).
 */
import type { ActionStatus, ClosureReason, ConcernCategory, ConcernOutcome, ContactMethod, OutcomeRatingValue, ReportMethod } from './vocabulary';

/** A named person in a record: a family member or a practitioner. */
export interface PersonRef {
  name: string;
  /** Id of a family member or user, where the system knows them. */
  personId?: string;
}

/** A rating on one outcome of the case's framework (outcome-frameworks.ts), on its scale. */
export interface OutcomeRating {
  /** The id of an outcome of the case's framework (Ireland's: one of NATIONAL_OUTCOMES). */
  outcome: string;
  rating: OutcomeRatingValue;
  reason: string;
}

/** A view recorded in the person's own words, or the reason it could not be recorded. */
export type RecordedView = { words: string } | { reasonNotRecorded: string };

// ---- Request for support ---------------------------------------------------------------

export interface RecordRequestDetails {
  type: 'RECORD_REQUEST_DETAILS';
  reasonForRequest: string;
  /** The pre-request checklist: baseline ratings on the outcomes of the case's framework. */
  preRequestChecklist?: {
    ratings: OutcomeRating[];
    completedWithParent: boolean;
    completedWithChild: boolean;
  };
}

export interface RequestConsent {
  type: 'REQUEST_CONSENT';
}

/** Whose own consent a record is: a parent/carer's (with parental responsibility), or the young person's. */
export type ConsentAs = 'parentCarer' | 'youngPerson';

/** What one person's consent covers, scope by scope. */
export interface ConsentScopes {
  takePart: boolean;
  keepRecords: boolean;
  /** Agencies this person agrees information may be shared with. */
  shareWithAgencies: string[];
  /**
   * Agencies this person asks that nothing is shared with, whatever anyone else's consent says.
   * An agency may not be in both lists.
   */
  doNotShareWith?: string[];
  /** Who receives a copy of the action plan (people or agencies); not an agency of `doNotShareWith`. */
  planCopyTo?: string[];
  /** A named practitioner the service may contact. */
  contactPractitioner?: string;
}

/**
 * One person's written consent, scope by scope: each person with parental responsibility gives
 * (or refuses) their own, and the young person their own (`givenBy.as: 'youngPerson'`). From the
 * same person again it widens or narrows their consent; from another person it is added beside.
 */
export interface RecordConsent {
  type: 'RECORD_CONSENT';
  /** Who gives it; `as` says whose own consent it is (default `parentCarer`). */
  givenBy: PersonRef & { hasParentalResponsibility: boolean; as?: ConsentAs };
  /** false: the person refuses consent (recorded; a refusal never widens what the case may do). Default true. */
  given?: boolean;
  scopes: ConsentScopes;
  /**
   * On a parent/carer's form: the young person's own consent, or why it was not sought. Required
   * there; left out of the young person's own consent.
   */
  youngPersonConsent?: { given: boolean; reasonNotSought?: string };
  /** Day the written consent was signed. */
  signedOn: string;
}

export interface SubmitRequest {
  type: 'SUBMIT_REQUEST';
}

export interface RegisterRequest {
  type: 'REGISTER_REQUEST';
  /** Confirms the proposed lead practitioner or assigns another (user id). */
  leadPractitionerId: string;
}

export interface RedirectRequest {
  type: 'REDIRECT_REQUEST';
  service: string;
  reason: string;
}

export interface DeclineRequest {
  type: 'DECLINE_REQUEST';
  reason: string;
}

// ---- Strengths and needs assessment ------------------------------------------------------

export interface StrengthOrNeed {
  /** The id of a side of the child's world in the case's framework (Ireland's: one of WORLD_SIDES). */
  side: string;
  description: string;
  /** Optional 0-10 scale (e.g. Signs of Safety style), 10 the best. */
  scale?: number;
  /** For needs: a category counted in reports (e.g. "school attendance"). */
  category?: string;
}

export interface RecordAssessment {
  type: 'RECORD_ASSESSMENT';
  strengths: StrengthOrNeed[];
  needs: StrengthOrNeed[];
  desiredOutcomes: string[];
  views: {
    child: RecordedView;
    parents: RecordedView;
    practitioner: string;
  };
  ratings?: OutcomeRating[];
}

export interface CompleteAssessment {
  type: 'COMPLETE_ASSESSMENT';
}

export interface AgreeAssessment {
  type: 'AGREE_ASSESSMENT';
  agreedBy: PersonRef;
}

export interface ReopenAssessment {
  type: 'REOPEN_ASSESSMENT';
  reason: string;
}

// ---- Child and Family Support Meeting ----------------------------------------------------

export interface Invitee extends PersonRef {
  /** The agency they come from; absent for family members. */
  agency?: string;
  approvedByFamily: boolean;
}

export interface InviteToMeeting {
  type: 'INVITE_TO_MEETING';
  /** ISO instant of the meeting. */
  scheduledFor: string;
  location: string;
  chair: PersonRef;
  minuteTaker: PersonRef;
  invitees: Invitee[];
}

export interface HoldMeeting {
  type: 'HOLD_MEETING';
  heldOn: string;
  attendance: PersonRef[];
  apologies: PersonRef[];
}

export interface CancelMeeting {
  type: 'CANCEL_MEETING';
  reason: string;
}

export interface RescheduleMeeting {
  type: 'RESCHEDULE_MEETING';
}

export interface DistributeMinutes {
  type: 'DISTRIBUTE_MINUTES';
  minutes: string;
  distributedTo: PersonRef[];
}

// ---- Action plan -------------------------------------------------------------------------

export interface PlannedAction {
  /** Stable id of the action across plan versions (chosen by the client, e.g. "a1"). */
  id: string;
  /** The need or desired outcome the action answers. */
  answers: string;
  what: string;
  /**
   * Who owns it: a practitioner and their agency, or a member of the family (their `personId`
   * from the case, and no agency).
   */
  owner?: PersonRef & { agency?: string };
  /** Day it is due (YYYY-MM-DD). */
  dueDate?: string;
  status: ActionStatus;
  progress?: string;
}

export interface DraftPlan {
  type: 'DRAFT_PLAN';
  actions: PlannedAction[];
  childViews: RecordedView;
}

export interface SubmitPlanForSignOff {
  type: 'SUBMIT_PLAN_FOR_SIGN_OFF';
}

export interface SignOffPlan {
  type: 'SIGN_OFF_PLAN';
  /** The exact plan version the family signs; must be the current one. */
  planVersion: number;
  signedBy: PersonRef & { as: 'parentCarer' | 'youngPerson' };
  method: 'inPerson' | 'portal';
  /**
   * SHA-256 (lowercase hex) of the plan document the signer read: one issued when this plan
   * version was sent for sign-off (GET /cases/{id}/documents). Left out: the family's version in
   * English sent for sign-off is the one signed.
   */
  documentSha256?: string;
}

export interface RequestPlanChanges {
  type: 'REQUEST_PLAN_CHANGES';
  changesRequested: string;
}

export interface ReportActionProgress {
  type: 'REPORT_ACTION_PROGRESS';
  actionId: string;
  status: ActionStatus;
  progress: string;
}

// ---- Review ------------------------------------------------------------------------------

/** The review meeting was held: who came, who sent apologies, who chaired. */
export interface HoldReview {
  type: 'HOLD_REVIEW';
  heldOn: string;
  attendance: PersonRef[];
  apologies: PersonRef[];
  chair: PersonRef;
}

/** The review record: progress, ratings, views, the minutes, and the day of the next review when one was set. */
export interface RecordReview {
  type: 'RECORD_REVIEW';
  progress: { actionId: string; status: ActionStatus; note: string }[];
  ratings: OutcomeRating[];
  familyViews: RecordedView;
  childViews: RecordedView;
  /** The minutes of the review meeting, in plain language the family can read. */
  minutes: string;
  /**
   * The day of the next review the meeting set (YYYY-MM-DD): the next cycle is due at the end of
   * that day instead of after the policy's weeks.
   */
  nextReviewOn?: string;
}

export interface ContinuePlan {
  type: 'CONTINUE_PLAN';
}

export interface RevisePlan {
  type: 'REVISE_PLAN';
  reason: string;
}

// ---- Closure -----------------------------------------------------------------------------

export interface ProposeClosure {
  type: 'PROPOSE_CLOSURE';
  reason: ClosureReason;
  /** Required when the reason is `other`. */
  reasonText?: string;
}

/** The closing meeting was held: who came, who sent apologies, who chaired. */
export interface HoldClosingMeeting {
  type: 'HOLD_CLOSING_MEETING';
  heldOn: string;
  attendance: PersonRef[];
  apologies: PersonRef[];
  chair: PersonRef;
}

/**
 * The Closure and Feedback record (completed at the closing meeting, where one is held): the
 * family's and the child's feedback, final ratings, onward referrals, and the closing meeting's
 * minutes (only, and always, when a closing meeting was held).
 */
export interface RecordClosureFeedback {
  type: 'RECORD_CLOSURE_FEEDBACK';
  familyFeedback: RecordedView;
  childFeedback: RecordedView;
  finalRatings: OutcomeRating[];
  onwardReferrals: string[];
  minutes?: string;
}

export interface CloseCase {
  type: 'CLOSE_CASE';
}

// ---- Escalation to statutory protection (from any active state) ---------------------------

export interface RaiseConcern {
  type: 'RAISE_CONCERN';
  category: ConcernCategory;
  mandatedReport: boolean;
  /** What was seen or said, in plain words. */
  observed: string;
  immediateSafety: { childSafeNow: boolean; actionTaken: string };
}

export interface ConsultLiaison {
  type: 'CONSULT_LIAISON';
  liaison: PersonRef;
  advice: string;
}

/**
 * A report to the statutory service (Tusla under Children First), made by the person who sends
 * it: the designated liaison person, or any practitioner on the case as a mandated person
 * reporting directly (Children First Act 2015, s. 14(1)), alone or jointly with another person
 * (s. 14(3)). Who reported is not a field: the record takes the signed-in user who sends it.
 */
export interface SubmitReport {
  type: 'SUBMIT_REPORT';
  statutoryService: string;
  method: ReportMethod;
  /** The reference the statutory service gave the report, when known at once (else ACKNOWLEDGE_REPORT records it). */
  statutoryReference?: string;
  /**
   * When the report was made (ISO instant with a zone), if earlier than it is recorded: the
   * written report after an urgent phone report is due 3 days from the call, not from the record.
   */
  reportedAt?: string;
  /** Made jointly with another person, mandated or not (Children First Act 2015, s. 14(3)): name them in `jointReporter`. */
  jointReport: boolean;
  /** The other person who made a joint report with the sender; only with `jointReport: true`. */
  jointReporter?: PersonRef;
  parentsInformed: boolean;
  /** Why parents were not told (it would endanger the child): required when not informed. */
  reasonParentsNotInformed?: string;
}

export interface DecideNotToReport {
  type: 'DECIDE_NOT_TO_REPORT';
  reason: string;
}

export interface AcknowledgeReport {
  type: 'ACKNOWLEDGE_REPORT';
  reference: string;
}

export interface RecordConcernOutcome {
  type: 'RECORD_CONCERN_OUTCOME';
  outcome: ConcernOutcome;
  notes: string;
}

// ---- Any active stage ----------------------------------------------------------------------

export interface WithdrawConsent {
  type: 'WITHDRAW_CONSENT';
  withdrawnBy: PersonRef;
  reason?: string;
}

/**
 * An entry of the contact log: a visit, call or message with the family (who, when, how). The
 * practitioner who made it is the signed-in user who records it (the history's actor), never a
 * field. The latest contact restarts the "no contact with the family" alert.
 */
export interface RecordContact {
  type: 'RECORD_CONTACT';
  /** When the contact took place (ISO instant with a zone): not in the future, not before the case opened. */
  contactedOn: string;
  method: ContactMethod;
  /** The members of the family the contact was with (by their personId on this case where they have one). */
  with: PersonRef[];
  /** What the contact was about, briefly. */
  note: string;
}

/**
 * After one person withdrew consent and processing stopped (organisation policy
 * `consentWithdrawal: 'stopAndCoordinatorDecides'`), the coordinator decides: continue with the
 * remaining consent, if it still suffices, or close the case as `consentWithdrawn`.
 */
export interface DecideOnWithdrawal {
  type: 'DECIDE_ON_WITHDRAWAL';
  decision: 'continueWithRemainingConsent' | 'closeCase';
  /** Why, in words the family will read. */
  reason: string;
}

export interface AssignLeadPractitioner {
  type: 'ASSIGN_LEAD_PRACTITIONER';
  leadPractitionerId: string;
}

/** Every event a person may send. Timer events (xstate.after.*) are sent only by the worker. */
export type CaseEvent =
  | RecordRequestDetails
  | RequestConsent
  | RecordConsent
  | SubmitRequest
  | RegisterRequest
  | RedirectRequest
  | DeclineRequest
  | RecordAssessment
  | CompleteAssessment
  | AgreeAssessment
  | ReopenAssessment
  | InviteToMeeting
  | HoldMeeting
  | CancelMeeting
  | RescheduleMeeting
  | DistributeMinutes
  | DraftPlan
  | SubmitPlanForSignOff
  | SignOffPlan
  | RequestPlanChanges
  | ReportActionProgress
  | HoldReview
  | RecordReview
  | ContinuePlan
  | RevisePlan
  | ProposeClosure
  | RecordClosureFeedback
  | CloseCase
  | RaiseConcern
  | ConsultLiaison
  | SubmitReport
  | DecideNotToReport
  | AcknowledgeReport
  | RecordConcernOutcome
  | WithdrawConsent
  | RecordContact
  | DecideOnWithdrawal
  | AssignLeadPractitioner
  | HoldClosingMeeting;

export type CaseEventType = CaseEvent['type'];

export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'RECORD_REQUEST_DETAILS', 'REQUEST_CONSENT', 'RECORD_CONSENT', 'SUBMIT_REQUEST', 'REGISTER_REQUEST',
  'REDIRECT_REQUEST', 'DECLINE_REQUEST', 'RECORD_ASSESSMENT', 'COMPLETE_ASSESSMENT', 'AGREE_ASSESSMENT',
  'REOPEN_ASSESSMENT', 'INVITE_TO_MEETING', 'HOLD_MEETING', 'CANCEL_MEETING', 'RESCHEDULE_MEETING',
  'DISTRIBUTE_MINUTES', 'DRAFT_PLAN', 'SUBMIT_PLAN_FOR_SIGN_OFF', 'SIGN_OFF_PLAN', 'REQUEST_PLAN_CHANGES',
  'REPORT_ACTION_PROGRESS', 'HOLD_REVIEW', 'RECORD_REVIEW', 'CONTINUE_PLAN', 'REVISE_PLAN', 'PROPOSE_CLOSURE',
  'RECORD_CLOSURE_FEEDBACK', 'CLOSE_CASE', 'RAISE_CONCERN', 'CONSULT_LIAISON', 'SUBMIT_REPORT',
  'DECIDE_NOT_TO_REPORT', 'ACKNOWLEDGE_REPORT', 'RECORD_CONCERN_OUTCOME', 'WITHDRAW_CONSENT',
  'RECORD_CONTACT', 'DECIDE_ON_WITHDRAWAL', 'ASSIGN_LEAD_PRACTITIONER', 'HOLD_CLOSING_MEETING',
];
