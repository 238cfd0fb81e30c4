/**
 * Builds the `WorkflowDefinition`s the engine runs: the projection to the case row, the guard
 * explanations, the due-date delays.
 */
import type { AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';
import { consentCoversAgency, DEADLINE_NAMES, isDeadlineName, type CaseStatus, type DeadlineName, type Stage } from '@tacu/domain';
import { consentOf } from './consent';
import { upgradeCaseContext, type CaseContext, type CaseInput } from './context';
import type { CaseParticipant, CaseProjection, WorkflowDefinition } from './definition';
import { deadlineDue, isExplainedGuard } from './setup';

/** Deadlines that are a stage's due date (the reminder, the 12-month check and the no-contact alert are not). */
export const DUE_DATE_DELAYS: ReadonlySet<DeadlineName> = new Set(
  DEADLINE_NAMES.filter((n) => n !== 'reviewReminder' && n !== 'caseOpenCheck' && n !== 'noContactWithFamily'),
);

/** "escalation.reported.phoned" from { escalation: { reported: 'phoned' } }. */
export function toDotted(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([key, child]) => (child === undefined || (typeof child === 'object' && Object.keys(child).length === 0) ? key : `${key}.${toDotted(child)}`))
    .join(',');
}

/**
 * Why a named guard of this machine fails, in words a practitioner can act on: the guard's own
 * `explain` (rules and routing guards made with `defineRules` and `explainedGuard`); undefined
 * when it passes, or for a guard that says nothing.
 */
export function guardExplainer(machine: AnyStateMachine): WorkflowDefinition['explainGuard'] {
  const guards: Record<string, unknown> = machine.implementations.guards;
  return (guard, context, event) => {
    const implementation = Object.hasOwn(guards, guard) ? guards[guard] : undefined;
    return isExplainedGuard(implementation) ? implementation.explain(context as CaseContext, event) : undefined;
  };
}

/**
 * The practitioners a case's record names: the lead practitioner, every meeting invitee who comes
 * from an agency and is named by id, every action owner named by id; an invitee or an action
 * owner only while what every required consent allows covers sharing with their agency (consent
 * first: one parent narrowing their consent, or asking that an agency is not shared with, ends
 * that agency's access at once; so does a withdrawal that stops processing). Family members
 * (invited, or owning an action) carry no agency and are not practitioners. And every designated
 * liaison person who handled a concern (`liaison`): consulted about it by id, or who recorded a
 * report, a decision not to report or its outcome; they keep their record of it (consent never
 * limits an escalation). Ids that name no user are dropped by the engine's store.
 */
export function participantsOf(context: CaseContext): CaseParticipant[] {
  const found = new Map<string, CaseParticipant>();
  const add = (userId: string | undefined | null, kind: CaseParticipant['kind']) => {
    if (typeof userId === 'string' && userId !== '') found.set(`${kind}:${userId}`, { userId, kind });
  };
  const consent = consentOf(context);
  const shared = (agency: string) => consentCoversAgency(consent, agency).ok;
  add(context.leadPractitionerId, 'lead');
  for (const invitee of context.meeting?.invitation?.invitees ?? []) {
    if (invitee.agency !== undefined && shared(invitee.agency)) add(invitee.personId, 'invitee');
  }
  for (const action of context.plan?.actions ?? []) {
    const owner = action.owner;
    if (owner && (owner.personId === context.leadPractitionerId || (owner.agency !== undefined && shared(owner.agency)))) add(owner.personId, 'actionOwner');
  }
  for (const concern of context.concerns ?? []) {
    add(concern.liaison?.liaison.personId, 'liaison');
    const actedOnIt = [...(concern.reports ?? []).map((r) => r.reporter), concern.decidedNotToReport?.by, concern.outcome?.by];
    for (const actor of actedOnIt) if (actor?.role === 'designatedLiaisonPerson') add(actor.id, 'liaison');
  }
  return [...found.values()];
}

interface DefineOptions {
  id: string;
  version: number;
  machine: AnyStateMachine;
  /** The stage a snapshot is in. */
  stage(topState: string, snapshot: AnyMachineSnapshot): Stage;
  status(topState: string, snapshot: AnyMachineSnapshot): CaseStatus;
}

export type WorkflowInputArgs = Omit<CaseInput, 'now'>;

export function defineWorkflow(options: DefineOptions): WorkflowDefinition<WorkflowInputArgs> {
  return {
    id: options.id,
    version: options.version,
    machine: options.machine,
    input: (args) => ({
      caseId: args.caseId,
      now: args.now,
      ...(args.policy ? { policy: args.policy } : {}),
      ...(args.calendar ? { calendar: args.calendar } : {}),
      ...(args.outcomeFramework ? { outcomeFramework: args.outcomeFramework } : {}),
      leadPractitionerId: args.leadPractitionerId ?? null,
      origin: args.origin ?? null,
      ...(args.youngPersonOfAge !== undefined ? { youngPersonOfAge: args.youngPersonOfAge } : {}),
      ...(args.preRequestChecklist ? { preRequestChecklist: args.preRequestChecklist } : {}),
    }),
    upgrade: upgradePersistedSnapshot,
    project(snapshot): CaseProjection {
      const value = snapshot.value as StateValue;
      const top = typeof value === 'string' ? value : (Object.keys(value)[0] ?? '');
      const context = snapshot.context as CaseContext;
      return {
        state: toDotted(value),
        stage: options.stage(top, snapshot),
        status: options.status(top, snapshot),
        leadPractitionerId: context.leadPractitionerId ?? null,
        closureReason: context.closure?.closedAt ? context.closure.reason : null,
        participants: participantsOf(context),
      };
    },
    explainGuard: guardExplainer(options.machine),
    dueDateDelays: DUE_DATE_DELAYS,
    deadlineDue: (context, delayName) => (isDeadlineName(delayName) ? deadlineDue(context as CaseContext, delayName) : null),
  };
}

/**
 * A persisted snapshot of any case workflow with its context brought to the current shape
 * (`upgradeCaseContext`); anything else comes back as it is.
 */
export function upgradePersistedSnapshot(persisted: unknown): unknown {
  const context = (persisted as { context?: unknown } | null)?.context;
  if (context === null || typeof context !== 'object' || Array.isArray(context)) return persisted;
  return { ...(persisted as object), context: upgradeCaseContext(context as Record<string, unknown>) };
}

/** A process machine on its own: always in its one stage; closed when it reaches a final state. */
export function defineProcessWorkflow(id: string, machine: AnyStateMachine, stage: Stage): WorkflowDefinition<WorkflowInputArgs> {
  return defineWorkflow({
    id,
    version: 1,
    machine,
    stage: () => stage,
    status: (_top, snapshot) => (snapshot.status === 'done' ? 'closed' : stage === 'escalation' ? 'onHold' : 'active'),
  });
}
