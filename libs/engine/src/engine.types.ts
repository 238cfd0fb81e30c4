/**
 * The engine's public surface. Callers (HTTP controllers, pages, the deadline worker) use only
 * these; every state change goes through `open` or `send` and commits in one transaction.
 */
import type { Actor, DeadlinePolicy, Role } from '@tacu/domain';
import type { CaseRow, DocumentAudience, NewFamilyMember, SensitiveDetails } from '@tacu/persistence';
import type { EntityManager } from 'typeorm';
import type { NextSteps, WaitingEvent } from './machine-rules';

/** Where time comes from; tests inject a clock they can move weeks ahead. */
export interface Clock {
  now(): Date;
}

export interface CaseAttributes {
  areaId: string;
  familyId?: string | null;
  childPersonId?: string | null;
  origin?: string | null;
  /** A reopened case links to the episode it follows. */
  previousEpisodeId?: string | null;
  /** The pre-request checklist the request came from: not a column of the case, recorded in its OPEN_CASE audit event. */
  preRequestChecklistId?: string | null;
}

export interface OpenCommand {
  workflowId: string;
  /** Defaults to the latest version of the workflow. */
  workflowVersion?: number;
  /** Workflow-specific input (WorkflowDefinition.input args, without `now`). */
  input: Record<string, unknown>;
  attributes: CaseAttributes;
  actor: Actor;
  /** Chosen by the caller (e.g. to name it in `input`); otherwise generated. */
  caseId?: string;
  /**
   * Makes a retry answer the first result: scoped to the actor (two people's same key are two
   * commands), serialised on the key, checked before anything else is asked or written. The
   * same key with another request → IDEMPOTENCY_KEY_REUSED.
   */
  idempotencyKey?: string;
  /**
   * What the idempotency key stands for, hashed (e.g. the API's request body): a retry of the same
   * request is the same command even though the caller chose a new `caseId` for it. Default: the
   * command's own workflow, input, attributes and case id.
   */
  request?: unknown;
  /**
   * The caller's part of the opening, asked inside the transaction once the key (if any) is known
   * to be new, so a replay never runs it again: it makes the caller's checks (throw to refuse;
   * nothing is written) and answers the family's rows for the engine to write in its commit, with
   * the id the case will have. Without it the case names `attributes.familyId/childPersonId` as given.
   */
  prepare?: (manager: EntityManager, caseId: string) => Promise<OpenRecords>;
}

/**
 * The rows a case is opened with, written by the engine in the opening's commit (family first,
 * then the child, then the other members, before the case row), and the caller's rows that refer
 * to the new case (`link`, after it). The engine sets the case's `familyId` and `childPersonId`
 * from the rows it wrote.
 */
export interface OpenRecords {
  /** The family: one already recorded (its id), or a new one of the case's area, created by the actor. */
  family: { id: string } | { new: { sensitive?: SensitiveDetails } };
  /** The child the case is for: a member already recorded (a reopened episode's), or a new member of the family. */
  child: { id: string } | { new: NewFamilyMember };
  /** Other members of the family to record, written after the child. */
  members?: readonly NewFamilyMember[];
  /** Attributes known only once the caller's checks ran (e.g. the pre-request checklist the case comes from). */
  attributes?: Pick<CaseAttributes, 'preRequestChecklistId'>;
  /** Workflow input known only once the caller's checks ran (e.g. the checklist's baseline ratings), laid over the command's. */
  input?: Record<string, unknown>;
  /**
   * Writes the caller's rows that reference the new case (e.g. its pre-request checklist's link),
   * after the case row and before the idempotency record; throw to refuse (everything is undone).
   */
  link?: (manager: EntityManager, caseId: string, now: Date) => Promise<void>;
}

export interface SendCommand {
  caseId: string;
  event: { type: string; [field: string]: unknown };
  actor: Actor;
  idempotencyKey?: string;
  /** Optimistic check (HTTP If-Match): the command applies only to this case version. */
  expectedVersion?: number;
  /**
   * Need to know: the caller's access policy, asked with the locked case row (which carries the
   * actor's `participation`) before anything else, a stored idempotent answer included. It
   * answers the role in which the actor acts on this case (a lead practitioner invited to another
   * lead's meeting acts as an agency practitioner there), or null: then the case answers
   * CASE_NOT_FOUND, exactly as one that does not exist. Decided on the row the transition runs
   * on, in the same transaction, so the decision and the change see the same case. The machine's
   * permissions and the audit trail use the role it answers.
   */
  roleOnCase?: (caseRow: CaseAccessRow) => Role | null;
  /**
   * Checks of the event that need its case (e.g. a meeting is not held before the case opened),
   * asked with the locked row right after `roleOnCase`. Throws to refuse the event (the API throws
   * its 400 validation error); nothing is written.
   */
  checkEvent?: (caseRow: CaseEventCheckRow) => void;
  /**
   * Checks the caller makes inside the transaction, on the locked row, once the event is known to
   * be accepted from this actor in this state (e.g. that the people an event names may be named):
   * throw to refuse; nothing is written.
   */
  check?: (caseRow: CaseRow, manager: EntityManager) => Promise<void>;
}

/**
 * Facts about a case that live outside its record and that its rules need (e.g. whether the young
 * person is of an age to consent, from the family record's date of birth): the engine asks for
 * them before every transition, in the transition's transaction, and writes them into the
 * machine's context beside `now`, `policy` and `calendar`. Values should be as small as the rule
 * needs (a yes/no, not the date of birth): they are kept in the case's snapshot.
 */
export interface CaseFactsSource {
  forCase(manager: EntityManager, caseRow: CaseRow, at: { now: Date; timeZone: string; policy: DeadlinePolicy }): Promise<Record<string, unknown>>;
}

/** The part of a case row that says which machine it runs and where it is. */
export interface CaseSnapshotRow {
  id: string;
  workflowId: string;
  workflowVersion: number;
  snapshot: unknown;
}

/** What an access policy may look at: the case row the engine has locked. */
export interface CaseAccessRow {
  id: string;
  areaId: string;
  stage: string;
  status: string;
  leadPractitionerId: string | null;
  /** How the actor takes part in the case (case_participants kinds), when read for them. */
  participation?: readonly string[];
}

/** What an event check may look at: the locked case row, with when the case opened and what it records. */
export interface CaseEventCheckRow extends CaseAccessRow {
  openedAt: Date;
  /** The persisted snapshot as stored (its `context` is the case's record: its framework, its reviews). */
  snapshot: unknown;
  /** The time zone of the case's organisation: its local days are the days dates are read on. */
  timeZone: string;
}

export interface TransitionResult {
  caseId: string;
  /** Case version after the transition (1 after open). */
  version: number;
  state: string;
  stage: string;
  status: string;
  /** Stage due date (ISO), or null when no deadline runs. */
  dueAt: string | null;
  /** The same as a local day of the organisation (YYYY-MM-DD): the last day the deadline is met. */
  dueOn: string | null;
  /** The organisation's time zone `dueOn` is a day of. */
  timeZone: string;
  /**
   * Event types this actor may send next (guards aside: a listed event is refused only by a rule,
   * GUARD_FAILED, or for a malformed payload).
   */
  allowedEvents: string[];
  /** Listed events that a rule reading only the case refuses now, each with what it needs first. */
  waitingEvents: WaitingEvent[];
  /** Documents produced by the states entered in this transition (their kinds, in document order). */
  documents: string[];
  /** The documents stored for them: each audience and locale, with its version and hash (none without a DocumentSource). */
  issuedDocuments: IssuedDocument[];
  /** True when this answer is the stored answer of an earlier command with the same idempotency key. */
  replayed: boolean;
}

/** Recount a case's open deadlines on its organisation's calendar as it is now. */
export interface RecalculateCommand {
  caseId: string;
  /** Who changed the calendar (the system actor for a new holiday library or configuration). */
  actor: Actor;
  /** Why, for the audit event (e.g. the calendar change: kind, id, the closure day). */
  because: Record<string, unknown>;
}

/** One deadline a recount moved. */
export interface DeadlineMove {
  /** The deadline (delay) name, e.g. `assessmentCompletion`. */
  deadline: string;
  /** The state whose timer it is. */
  stateId: string | null;
  /** Due instants before and after (ISO), and the same as local days. */
  from: string;
  to: string;
  fromDay: string;
  toDay: string;
}

export interface RecalculationResult {
  caseId: string;
  /** The case version after the recount (unchanged when nothing moved). */
  version: number;
  /** The deadlines that moved; empty when none did (and nothing was written). */
  moves: DeadlineMove[];
}

/**
 * A change to what a case records outside its machine: its family's details (the child's school,
 * a parent's parental responsibility...). It is not an event of the workflow (no state changes,
 * no guard, no timer), but it is a change of case data, so it is one version of the case and one
 * event of its hash-chained audit trail, written in the transaction of the change.
 */
export interface RecordChangeCommand {
  caseId: string;
  actor: Actor;
  /** The audit event type (e.g. UPDATE_CHILD_DETAILS): not an event type of any machine. */
  eventType: string;
  /** Optimistic check (HTTP If-Match): the change applies only to this case version. */
  expectedVersion?: number;
  /** Need to know, as for `SendCommand.roleOnCase`: null answers CASE_NOT_FOUND. */
  roleOnCase: (caseRow: CaseAccessRow) => Role | null;
  /**
   * Makes the change inside the transaction, on the locked case row, as the actor acting in
   * `role`; throws to refuse it (nothing is written). Answers the audit event's data (say what
   * changed, never values others may not read: the history is read by everyone who reads the
   * case), or null when nothing changed: then nothing is written and the version stays.
   */
  apply: (caseRow: CaseRow, role: Role, manager: EntityManager) => Promise<Record<string, unknown> | null>;
}

export interface RecordChangeResult {
  caseId: string;
  /** The case version after the change (unchanged when nothing changed). */
  version: number;
  changed: boolean;
}

export interface Engine {
  open(command: OpenCommand): Promise<TransitionResult>;
  send(command: SendCommand): Promise<TransitionResult>;
  /** The same, inside a caller's transaction (e.g. to write a family's rows with the case). */
  openIn(manager: EntityManager, command: OpenCommand): Promise<TransitionResult>;
  sendIn(manager: EntityManager, command: SendCommand): Promise<TransitionResult>;
  /**
   * Recounts the case's deadlines still to come on its organisation's current calendar; when one
   * moves, writes the moved timers, the case row (version + 1) and a DEADLINES_RECALCULATED audit
   * event in one transaction. A closed case, or one whose deadlines all stay, writes nothing.
   */
  recalculateDeadlines(command: RecalculateCommand): Promise<RecalculationResult>;
  recalculateDeadlinesIn(manager: EntityManager, command: RecalculateCommand): Promise<RecalculationResult>;
  /**
   * Records a change to the case's data outside its machine (RecordChangeCommand): locks the case,
   * asks need to know, applies the change, and appends its audit event to the case's chain
   * (version + 1), all in the caller's transaction.
   */
  recordChangeIn(manager: EntityManager, command: RecordChangeCommand): Promise<RecordChangeResult>;
  /** Events the actor may send now, with no writes. */
  allowedEvents(caseId: string, actor: Actor): Promise<string[]>;
  /** The same for a case row the caller has already read: no query. */
  allowedEventsOf(caseRow: CaseSnapshotRow, actor: Actor): string[];
  /** Allowed events and, among them, those waiting for the case to change (with reasons): no query. */
  nextStepsOf(caseRow: CaseSnapshotRow, actor: Actor): NextSteps;
}

/** A stage document rendered for a state a transition entered, before the engine stores it. */
export interface RenderedDocument {
  audience: DocumentAudience;
  /** `en` or `ga`. */
  locale: string;
  html: string;
  /** What it was rendered from: kept with it, so the document can be read and re-checked later. */
  viewModel: unknown;
  /** Which templates rendered it (a hash of their sources). */
  templateVersion: string;
}

/** What a document is rendered for: the kind the state names and the case at that moment. */
export interface DocumentRequest {
  /** The document the state names in its `meta` (`actionPlan`, ...). */
  kind: string;
  /** The locked case row (before the transition's write). */
  caseRow: Pick<CaseRow, 'id' | 'areaId' | 'familyId' | 'childPersonId' | 'openedAt'>;
  /** The dotted state the case is in after the transition. */
  state: string;
  /** The machine's context after the transition: the case's record at that moment. */
  context: unknown;
  /** The versions this issue will carry, per audience and locale series (`documentSeries`), so a document can say "version 2". */
  nextVersion(audience: DocumentAudience, locale: string): number;
  now: Date;
  /** The organisation's time zone: dates in documents are its local days. */
  timeZone: string;
}

/**
 * Renders the documents a state names, for each audience and locale they are issued in (the app
 * implements it with libs/documents and the family record). Called inside the transition's
 * transaction: it may read (the family record), never write. Throws only on a fault of its own
 * (a template that fails), which rolls the transition back.
 */
export interface DocumentSource {
  render(manager: EntityManager, request: DocumentRequest): Promise<RenderedDocument[]>;
}

/** A stored document, as a transition's answer names it. */
export interface IssuedDocument {
  id: string;
  kind: string;
  audience: DocumentAudience;
  locale: string;
  version: number;
  /** SHA-256 of the HTML, lowercase hex: what a sign-off names. */
  sha256: string;
}
