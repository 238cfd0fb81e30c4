/**
 * The contract between the machines and the engine. The engine runs any `WorkflowDefinition`
 * durably; it knows nothing of family support beyond what this interface exposes.
 *
 * Conventions every machine follows (the engine relies on them):
 * - Context has `now: string` (ISO instant). The engine writes its clock reading there before
 *   every pure transition, so named delays (stage deadlines) can be computed without a clock.
 *   Likewise `calendar` (the organisation's `WorkingCalendar`: time zone and closed days) and
 *   `policy` (its current `DeadlinePolicy`), so deadlines are counted on the local calendar
 *   without the machine reading anything; and `actor` (`{ id, role }` of who sends the event, as
 *   they act on the case; null when nobody does), so a record says who acted without trusting
 *   what the event says.
 * - Each state's `meta` is a `StateMeta`: the document it produces, the roles allowed per event,
 *   and the stage it belongs to; a transition's `meta.document` names a document it issues. Permissions are merged over all active state nodes (root included).
 * - Deadlines are named delays (`after: { assessmentCompletion: ... }`) whose names are
 *   `DeadlineName`s of the policy in context; the delays in `dueDateDelays` set the case's due date,
 *   the others are reminders or checks.
 * - Side effects are named actions with params and no implementation (`notify`, ...): the
 *   engine turns each into an outbox row in the same transaction.
 */
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { CaseStatus, DeadlinePolicy, OutcomeFramework, Role, Stage, WorkingCalendar } from '@tacu/domain';

export interface StateMeta {
  /**
   * Document this state produces when entered (e.g. 'requestForSupport'). Also a transition's
   * meta: the document the transition (re)issues whatever it enters, for a record that changes
   * while the case stays where it is (a consent recorded or withdrawn in any stage).
   */
  document?: string;
  /** Event type → roles that may send it while this state is active. */
  permissions?: Partial<Record<string, readonly Role[]>>;
  /** Human description of the state, shown in diagrams and the UI. */
  description?: string;
}

/**
 * A practitioner the case's record names, by how they take part: its lead practitioner, an
 * agency practitioner invited to the meeting, the owner of an action of the plan, or a designated
 * liaison person who handled a concern of it. The engine keeps these as rows (only ids that name
 * users), so need to know is a lookup.
 */
export interface CaseParticipant {
  userId: string;
  kind: 'lead' | 'invitee' | 'actionOwner' | 'liaison';
}

/** Columns of the case row that dashboards query, derived from a snapshot. */
export interface CaseProjection {
  /** Dotted state value, e.g. "assessment.inProgress" or "escalation.reported". */
  state: string;
  stage: Stage;
  status: CaseStatus;
  leadPractitionerId: string | null;
  closureReason: string | null;
  /** Who the record names (lead, invitees from an agency, action owners), each once per kind. */
  participants: CaseParticipant[];
}

export interface WorkflowDefinition<TInput = unknown> {
  /** Machine id, e.g. "case" or "requestForSupport". */
  id: string;
  version: number;
  machine: AnyStateMachine;
  /**
   * Builds the machine input for a new case (the engine adds `now`, its `policy`, and the
   * organisation's `calendar` and `outcomeFramework`, which the case keeps from then on).
   */
  input(args: TInput & { now: string; policy?: DeadlinePolicy; calendar?: WorkingCalendar; outcomeFramework?: OutcomeFramework }): unknown;
  /** Case-row columns from a snapshot. */
  project(snapshot: AnyMachineSnapshot): CaseProjection;
  /**
   * Why a named guard fails for this event in this context, in words a practitioner can act on
   * ("consent of the parent/carer is not recorded"); undefined when the guard passes.
   */
  explainGuard(guard: string, context: unknown, event: { type: string }): string | undefined;
  /**
   * A snapshot persisted by an earlier release of this workflow, brought to the shape the machine
   * reads now (pure; a current one comes back unchanged). The engine applies it to every snapshot
   * before restoring it, so a change of the context's shape needs no database migration and no
   * new workflow version: cases already running continue. Optional: without it snapshots are
   * restored as stored.
   */
  upgrade?(persisted: unknown): unknown;
  /** Delay names whose timers are the stage's due date (reminders and checks are not). */
  dueDateDelays: ReadonlySet<string>;
  /**
   * The instant the running deadline behind a delay is due, recounted from the context (its
   * start and rule, on `context.calendar`); null when that delay runs no deadline now. The engine
   * stores timers at this exact instant (even one already past: the stage is overdue at once)
   * and recounts open deadlines with it when the calendar changes. Optional: without it a timer
   * is due `delay` ms after the transition and is never recounted.
   */
  deadlineDue?(context: unknown, delayName: string): Date | null;
}
