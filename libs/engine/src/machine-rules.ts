/**
 * Pure questions the engine asks a machine snapshot: which events are handled, who may send
 * them, why a guard refused, and what a transition's actions mean for the database.
 * No I/O: everything here is decided from the snapshot and the action list.
 */
import { getNextTransitions, type AnyMachineSnapshot, type AnyStateMachine, type AnyTransitionDefinition } from 'xstate';
import type { StateMeta, WorkflowDefinition } from '@tacu/workflows';

/** XState's action objects as the engine reads them (its TS type leaves out `xstate.cancel`). */
export interface MachineAction {
  type: string;
  params?: unknown;
}

export const AFTER_PREFIX = 'xstate.after.';

/** True when a transition's event descriptor accepts this event type (`*` and `FOO.*` wildcards included). */
export function descriptorMatches(descriptor: string, type: string): boolean {
  if (descriptor === type || descriptor === '*') return true;
  return descriptor.endsWith('.*') && type.startsWith(descriptor.slice(0, -1));
}

/** The transitions of the active state nodes (root included) that listen for this event, guards not evaluated. */
export function candidateTransitions(snapshot: AnyMachineSnapshot, type: string): AnyTransitionDefinition[] {
  return getNextTransitions(snapshot).filter((t) => Boolean(t.eventType) && descriptorMatches(t.eventType, type));
}

/** Roles allowed to send `type`, merged over the `meta.permissions` of all active state nodes. */
export function permittedRoles(snapshot: AnyMachineSnapshot, type: string): Set<string> {
  const roles = new Set<string>();
  const metas = snapshot.getMeta() as Record<string, StateMeta | undefined>;
  for (const id in metas) {
    const allowed = metas[id]?.permissions?.[type];
    if (allowed) for (const role of allowed) roles.add(role);
  }
  return roles;
}

/** `snapshot.can`, treating a guard that needs the event's payload (and throws without it) as passable. */
function canSend(snapshot: AnyMachineSnapshot, type: string): boolean {
  try {
    return snapshot.can({ type });
  } catch {
    return true;
  }
}

/** Event types this role may send now: handled here, permitted for the role, guards passing. */
export function allowedEventsFor(snapshot: AnyMachineSnapshot, role: string): string[] {
  if (snapshot.status !== 'active') return [];
  const seen = new Set<string>();
  const allowed: string[] = [];
  for (const t of getNextTransitions(snapshot)) {
    const type = t.eventType;
    if (!type || type.startsWith('xstate.') || type.includes('*') || seen.has(type)) continue;
    seen.add(type);
    if (permittedRoles(snapshot, type).has(role) && canSend(snapshot, type)) allowed.push(type);
  }
  return allowed;
}

/** Names of the named guards inside a guard (and/or/not combinators unfolded). */
export function guardNames(guard: unknown): string[] {
  if (!guard) return [];
  if (typeof guard === 'string') return [guard];
  if (typeof guard === 'function') {
    const inner = (guard as { guards?: unknown[] }).guards;
    return Array.isArray(inner) ? inner.flatMap(guardNames) : [];
  }
  if (typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') return [(guard as { type: string }).type];
  return [];
}

/** Practitioner-readable reasons why the candidate transitions' guards refuse this event now. */
export function guardReasons(
  definition: WorkflowDefinition,
  snapshot: AnyMachineSnapshot,
  candidates: readonly AnyTransitionDefinition[],
  event: { type: string },
): { guards: string[]; reasons: string[] } {
  const guards = [...new Set(candidates.flatMap((t) => guardNames(t.guard)))];
  const reasons = new Set<string>();
  for (const guard of guards) {
    const reason = definition.explainGuard(guard, snapshot.context, event);
    if (reason) reasons.add(reason);
  }
  if (reasons.size === 0) reasons.add(`The rules of this stage do not allow ${event.type} now.`);
  return { guards, reasons: [...reasons] };
}

/** A transition XState would take but that does nothing (a forbidden transition). */
export function isForbidden(t: AnyTransitionDefinition): boolean {
  return !t.target && t.actions.length === 0 && !t.reenter;
}

export interface PlannedTimer {
  sendId: string;
  eventType: string;
  delayName: string | null;
  stateId: string | null;
  dueAt: Date;
}

export interface EffectPlan {
  timers: PlannedTimer[];
  /** Send ids of pending timers to deactivate (their state was left). */
  cancelled: string[];
  outbox: Array<{ kind: string; payload: unknown }>;
  /** Documents of the states entered, in document order. */
  documents: Array<{ document: string; stateId: string }>;
}

/** `xstate.after.<delay>.<state id>` → delay name and state id (null for other ids). */
export function parseAfterId(id: string): { delayName: string | null; stateId: string | null } {
  if (!id.startsWith(AFTER_PREFIX)) return { delayName: null, stateId: null };
  const rest = id.slice(AFTER_PREFIX.length);
  const dot = rest.indexOf('.');
  return dot < 0 ? { delayName: rest, stateId: null } : { delayName: rest.slice(0, dot), stateId: rest.slice(dot + 1) };
}

/**
 * Maps the actions of one transition to rows, in action order: a delayed `xstate.raise` is a
 * timer, `xstate.cancel` deactivates one (or drops one raised earlier in the same transition),
 * every action not named `xstate.*` is an outbox row. Documents come from the states entered.
 */
export function planEffects(
  previous: AnyMachineSnapshot | null,
  next: AnyMachineSnapshot,
  actions: readonly MachineAction[],
  now: Date,
  reentered: ReadonlySet<string> = new Set(),
): EffectPlan {
  const timers: PlannedTimer[] = [];
  const cancelled = new Set<string>();
  const outbox: EffectPlan['outbox'] = [];
  for (const action of actions) {
    const params = (action.params ?? {}) as Record<string, unknown>;
    if (action.type === 'xstate.raise') {
      if (typeof params.delay !== 'number') continue;
      const eventType = String((params.event as { type?: unknown } | undefined)?.type ?? params.id);
      const sendId = typeof params.id === 'string' ? params.id : eventType;
      timers.push({ sendId, eventType, ...parseAfterId(sendId), dueAt: new Date(now.getTime() + params.delay) });
    } else if (action.type === 'xstate.cancel') {
      const sendId = String(params.sendId);
      const pending = timers.findIndex((t) => t.sendId === sendId);
      if (pending >= 0) timers.splice(pending, 1);
      else cancelled.add(sendId);
    } else if (!action.type.startsWith('xstate.')) {
      outbox.push({ kind: action.type, payload: action.params ?? {} });
    }
  }
  const before = new Set((previous?._nodes ?? []).map((n) => n.id));
  const documents: EffectPlan['documents'] = [];
  for (const node of next._nodes) {
    const entered = !before.has(node.id) || reentered.has(node.id);
    const document = (node.meta as StateMeta | undefined)?.document;
    if (entered && document) documents.push({ document, stateId: node.id });
  }
  return { timers, cancelled: [...cancelled], outbox, documents };
}

/** Ids of state nodes a reentering transition exits and enters again (the target and its active descendants). */
export function reenteredNodes(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: { type: string }, next: AnyMachineSnapshot): Set<string> {
  const ids = new Set<string>();
  for (const t of machine.getTransitionData(snapshot, event as never)) {
    if (!t.reenter || !t.target) continue;
    for (const target of t.target) {
      for (const node of next._nodes) {
        for (let n: typeof node | undefined = node; n; n = n.parent) {
          if (n === target) {
            ids.add(node.id);
            break;
          }
        }
      }
    }
  }
  return ids;
}
