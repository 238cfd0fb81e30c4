/**
 * Test helpers that run workflows the way the engine does (persisted snapshot → JSON →
 * `resolveState` → `now` written into the context → pure `transition`), with no database.
 */
import { initialTransition, transition, type AnyEventObject, type AnyMachineSnapshot } from 'xstate';
import type { ActorRef, CaseEventType } from '@tacu/domain';
import type { CaseContext, CaseInput } from '../context';
import type { WorkflowDefinition } from '../definition';
import { toDotted } from '../workflow-kit';
import { SAMPLE_INPUT, SAMPLE_NOW, samplesOf, type Driven } from './sample-events';

export interface ActionLike {
  type: string;
  params?: Record<string, unknown>;
}

export function start(workflow: WorkflowDefinition, input: Partial<Omit<CaseInput, 'now'>> = {}, now = SAMPLE_NOW): Driven {
  const [snapshot, actions] = initialTransition(workflow.machine, workflow.input({ ...SAMPLE_INPUT, ...input, now } as never));
  return { snapshot: snapshot as AnyMachineSnapshot, actions: actions as AnyEventObject[] };
}

/**
 * The snapshot as the engine restores it from its jsonb column, with the clock's reading in
 * `now`. `restoreSnapshot`, not `resolveState`: in XState 5.33 only the former revives the
 * history states a resumed case needs (resolveState keeps them as plain JSON and the next
 * transition into a history state throws).
 */
export function restore(workflow: WorkflowDefinition, json: unknown): AnyMachineSnapshot {
  return workflow.machine.restoreSnapshot(json as never, undefined as never) as AnyMachineSnapshot;
}

/**
 * The snapshot through JSON and back, as the engine stores and restores it, with `now` and
 * (like the engine, which writes who acts before every transition) `actor`: null unless given.
 */
export function roundTrip(workflow: WorkflowDefinition, snapshot: AnyMachineSnapshot, now?: string, actor: ActorRef | null = null): AnyMachineSnapshot {
  const json = JSON.parse(JSON.stringify(workflow.machine.getPersistedSnapshot(snapshot)));
  json.context = { ...json.context, ...(now ? { now } : {}), actor };
  return restore(workflow, json);
}

/** Sends one event (or the sample of an event type for the current context), by `actor` when given. */
export function send(workflow: WorkflowDefinition, snapshot: AnyMachineSnapshot, step: AnyEventObject | CaseEventType, now?: string, actor: ActorRef | null = null): Driven {
  const restored = roundTrip(workflow, snapshot, now ?? (snapshot.context as CaseContext).now, actor);
  const event = typeof step === 'string' ? (step.startsWith('xstate.') ? { type: step } : samplesOf(step, restored.context as CaseContext)[0]) : step;
  const [next, actions] = transition(workflow.machine, restored, event);
  return { snapshot: next as AnyMachineSnapshot, actions: actions as AnyEventObject[] };
}

/** Like `send`, but fails loudly when the event is not accepted. */
export function accept(workflow: WorkflowDefinition, snapshot: AnyMachineSnapshot, step: AnyEventObject | CaseEventType, now?: string, actor: ActorRef | null = null): Driven {
  const restored = roundTrip(workflow, snapshot, now ?? (snapshot.context as CaseContext).now, actor);
  const event = typeof step === 'string' ? (step.startsWith('xstate.') ? { type: step } : samplesOf(step, restored.context as CaseContext)[0]) : step;
  if (!restored.can(event)) throw new Error(`${event.type} is not accepted in ${toDotted(restored.value)}`);
  return send(workflow, restored, event, now, actor);
}

export function stateOf(snapshot: AnyMachineSnapshot): string {
  return toDotted(snapshot.value);
}

export function ctx(snapshot: AnyMachineSnapshot): CaseContext {
  return snapshot.context as CaseContext;
}

/** The case from a new request to closure after one review, one event type per step. */
export const MAIN_PATH: readonly CaseEventType[] = [
  'RECORD_REQUEST_DETAILS',
  'REQUEST_CONSENT',
  'RECORD_CONSENT',
  'SUBMIT_REQUEST',
  'REGISTER_REQUEST',
  'RECORD_ASSESSMENT',
  'COMPLETE_ASSESSMENT',
  'AGREE_ASSESSMENT',
  'INVITE_TO_MEETING',
  'HOLD_MEETING',
  'DISTRIBUTE_MINUTES',
  'DRAFT_PLAN',
  'SUBMIT_PLAN_FOR_SIGN_OFF',
  'SIGN_OFF_PLAN',
  'HOLD_REVIEW',
  'RECORD_REVIEW',
  'PROPOSE_CLOSURE',
  'RECORD_CLOSURE_FEEDBACK',
  'CLOSE_CASE',
];

/** Drives the workflow along `steps` and returns every snapshot on the way (the start included). */
export function walk(workflow: WorkflowDefinition, steps: readonly (AnyEventObject | CaseEventType)[], input: Partial<Omit<CaseInput, 'now'>> = {}): AnyMachineSnapshot[] {
  const snapshots = [start(workflow, input).snapshot];
  for (const step of steps) snapshots.push(accept(workflow, snapshots[snapshots.length - 1], step).snapshot);
  return snapshots;
}

/** Types of the actions, for assertions. */
export function actionTypes(actions: readonly AnyEventObject[]): string[] {
  return actions.map((a) => a.type);
}

export function notifications(actions: readonly AnyEventObject[]): { to: string; about: string }[] {
  return (actions as unknown as ActionLike[]).filter((a) => a.type === 'notify').map((a) => a.params as { to: string; about: string });
}

/** The snapshot at the end of `steps`. */
export function reach(workflow: WorkflowDefinition, steps: readonly (AnyEventObject | CaseEventType)[], input: Partial<Omit<CaseInput, 'now'>> = {}): AnyMachineSnapshot {
  const snapshots = walk(workflow, steps, input);
  return snapshots[snapshots.length - 1];
}
