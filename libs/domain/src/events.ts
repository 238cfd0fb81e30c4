/**
 * Every event a person can send to a case, with its data. The names are the practice model's
 * verbs (domain.md); machines, the engine, the API's DTOs and the audit trail use exactly these.
 * Dates are ISO strings (YYYY-MM-DD for days, full ISO for instants).
 */
import type {
  ActionStatus,
  ClosureReason,
  ConcernCategory,
  ConcernOutcome,
  ContactMethod,
  NationalOutcome,
  OutcomeRatingValue,
  ReportMethod,
  WorldSide,
} from './vocabulary';

/** A named person in a record: a family member or a practitioner. */
export interface PersonRef {
  name: string;
  /** Id of a family member or user, where the system knows them. */
  personId?: string;
}

export interface OutcomeRating {
  outcome: NationalOutcome;
  rating: OutcomeRatingValue;
  reason: string;
}

/** A view recorded in the person's own words, or the reason it could not be recorded. */
export type RecordedView = { words: string } | { reasonNotRecorded: string };

// ---- Request for support ---------------------------------------------------------------

export interface RecordRequestDetails {
  type: 'RECORD_REQUEST_DETAILS';
  reasonForRequest: string;
  /** The pre-request checklist: baseline ratings on the five national outcomes. */
  preRequestChecklist?: {
    ratings: OutcomeRating[];
    completedWithParent: boolean;
    completedWithChild: boolean;
  };
}

export interface RequestConsent {
  type: 'REQUEST_CONSENT';
}

/** Written consent, scope by scope. Also used later to widen or narrow what consent covers. */
export interface RecordConsent {
  type: 'RECORD_CONSENT';
  givenBy: PersonRef & { hasParentalResponsibility: boolean };
  scopes: {
    takePart: boolean;
    keepRecords: boolean;
    /** Agencies the family agrees information may be shared with. */
    shareWithAgencies: string[];
    /** A named practitioner the service may contact. */
    contactPractitioner?: string;
  };
  /** The young person's own consent, or why it was not sought. */
  youngPersonConsent: { given: boolean; reasonNotSought?: string };
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
  side: WorldSide;
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
  owner?: PersonRef & { agency: string };
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

export interface HoldReview {
  type: 'HOLD_REVIEW';
  heldOn: string;
}

export interface RecordReview {
  type: 'RECORD_REVIEW';
  progress: { actionId: string; status: ActionStatus; note: string }[];
  ratings: OutcomeRating[];
  familyViews: RecordedView;
  childViews: RecordedView;
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

export interface RecordClosureFeedback {
  type: 'RECORD_CLOSURE_FEEDBACK';
  familyFeedback: RecordedView;
  childFeedback: RecordedView;
  finalRatings: OutcomeRating[];
  onwardReferrals: string[];
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
  | AssignLeadPractitioner;

export type CaseEventType = CaseEvent['type'];

export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'RECORD_REQUEST_DETAILS', 'REQUEST_CONSENT', 'RECORD_CONSENT', 'SUBMIT_REQUEST', 'REGISTER_REQUEST',
  'REDIRECT_REQUEST', 'DECLINE_REQUEST', 'RECORD_ASSESSMENT', 'COMPLETE_ASSESSMENT', 'AGREE_ASSESSMENT',
  'REOPEN_ASSESSMENT', 'INVITE_TO_MEETING', 'HOLD_MEETING', 'CANCEL_MEETING', 'RESCHEDULE_MEETING',
  'DISTRIBUTE_MINUTES', 'DRAFT_PLAN', 'SUBMIT_PLAN_FOR_SIGN_OFF', 'SIGN_OFF_PLAN', 'REQUEST_PLAN_CHANGES',
  'REPORT_ACTION_PROGRESS', 'HOLD_REVIEW', 'RECORD_REVIEW', 'CONTINUE_PLAN', 'REVISE_PLAN', 'PROPOSE_CLOSURE',
  'RECORD_CLOSURE_FEEDBACK', 'CLOSE_CASE', 'RAISE_CONCERN', 'CONSULT_LIAISON', 'SUBMIT_REPORT',
  'DECIDE_NOT_TO_REPORT', 'ACKNOWLEDGE_REPORT', 'RECORD_CONCERN_OUTCOME', 'WITHDRAW_CONSENT',
  'RECORD_CONTACT', 'ASSIGN_LEAD_PRACTITIONER',
];
