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

/** An event that carries nothing but its type, for asking a machine about an event type. */
export interface BareEvent {
  readonly event: { readonly type: string };
  /** True once anything (a guard) read a field of the event other than `type`. */
  readonly readPayload: () => boolean;
}

/**
 * An event of this type with no payload that notices when a guard reads its payload. A guard
 * that refused without reading the payload refuses the event whatever it carries (guards are
 * pure functions of context and event), so its refusal can be told before the event is sent.
 */
export function bareEvent(type: string): BareEvent {
  let read = false;
  const event = new Proxy(
    { type },
    {
      get(target, key, receiver) {
        if (key !== 'type' && typeof key === 'string') read = true;
        return Reflect.get(target, key, receiver);
      },
      has(target, key) {
        if (key !== 'type') read = true;
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        read = true;
        return Reflect.ownKeys(target);
      },
    },
  );
  return { event, readPayload: () => read };
}

/**
 * How the machine answers an event type in a snapshot, before any payload is known:
 * `unhandled`: no active state listens for it; `forbidden`: it is taken but does nothing (a
 * forbidden transition), whatever it carries; `refusedByCase`: guards that read only the case
 * refuse it now; `open`: it is accepted, or its guards depend on what the event will carry.
 */
export type EventOutlook = 'unhandled' | 'forbidden' | 'refusedByCase' | 'open';

export function eventOutlook(snapshot: AnyMachineSnapshot, type: string): EventOutlook {
  if (snapshot.status !== 'active' || candidateTransitions(snapshot, type).length === 0) return 'unhandled';
  const probe = bareEvent(type);
  let enabled: AnyTransitionDefinition[];
  try {
    enabled = snapshot.machine.getTransitionData(snapshot, probe.event as never);
  } catch {
    return 'open'; // a guard needed the payload it does not have
  }
  if (probe.readPayload()) return 'open';
  if (enabled.length === 0) return 'refusedByCase';
  return enabled.every(isForbidden) ? 'forbidden' : 'open';
}

/** An event this caller may send in this state that the rules refuse as the case stands, and why. */
export interface WaitingEvent {
  event: string;
  /** What the rules need first, in words a practitioner can act on. */
  reasons: string[];
}

/** What a caller may do next: the events they may send now, and which of those wait for the case to change. */
export interface NextSteps {
  /**
   * Event types this role may send in this state (guards aside: an event whose guards read what
   * it carries is listed, and its payload is checked when it is sent).
   */
  allowedEvents: string[];
  /** The listed events that guards reading only the case refuse now, with the reasons. */
  waitingEvents: WaitingEvent[];
}

function userEventTypes(snapshot: AnyMachineSnapshot): string[] {
  const types = new Set<string>();
  for (const t of getNextTransitions(snapshot)) {
    const type = t.eventType;
    if (type && !type.startsWith('xstate.') && !type.includes('*')) types.add(type);
  }
  return [...types];
}

/**
 * Event types this role may send now: handled by an active state, permitted for the role, and
 * not a forbidden transition. Guards aside (see `NextSteps`); the engine refuses a listed event
 * only with GUARD_FAILED (or INVALID_INPUT for a malformed payload).
 */
export function allowedEventsFor(snapshot: AnyMachineSnapshot, role: string): string[] {
  if (snapshot.status !== 'active') return [];
  return userEventTypes(snapshot).filter((type) => permittedRoles(snapshot, type).has(role) && eventOutlook(snapshot, type) !== 'forbidden');
}

/** `allowedEventsFor`, plus the reasons of those that guards reading only the case refuse now. */
export function nextStepsFor(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, role: string): NextSteps {
  const allowedEvents: string[] = [];
  const waitingEvents: WaitingEvent[] = [];
  if (snapshot.status !== 'active') return { allowedEvents, waitingEvents };
  for (const type of userEventTypes(snapshot)) {
    if (!permittedRoles(snapshot, type).has(role)) continue;
    const outlook = eventOutlook(snapshot, type);
    if (outlook === 'forbidden') continue;
    allowedEvents.push(type);
    if (outlook === 'refusedByCase') waitingEvents.push({ event: type, reasons: caseReasons(definition, snapshot.context, candidateTransitions(snapshot, type), type) });
  }
  return { allowedEvents, waitingEvents };
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

/**
 * Why the guards of these transitions refuse an event of this type, as the case stands: only
 * guards that decide without reading the event's payload are explained (the payload is not
 * known yet). Falls back to a general sentence when no guard says more (unless `fallback` is false).
 */
export function caseReasons(definition: WorkflowDefinition, context: unknown, candidates: readonly AnyTransitionDefinition[], type: string, fallback = true): string[] {
  const reasons = new Set<string>();
  for (const guard of new Set(candidates.flatMap((t) => guardNames(t.guard)))) {
    const probe = bareEvent(type);
    let reason: string | undefined;
    try {
      reason = definition.explainGuard(guard, context, probe.event);
    } catch {
      continue; // the guard needs the payload
    }
    if (reason && !probe.readPayload()) reasons.add(reason);
  }
  if (reasons.size === 0 && fallback) reasons.add(`The rules of this stage do not allow ${type} yet.`);
  return [...reasons];
}

/** The way to a state where an event is accepted: the events that lead there from the current state. */
export interface WayToEvent {
  /** Dotted state where the event is accepted, e.g. "request.awaitingConsent". */
  state: string;
  /** Events to send, in order, to get there from the current state (stage hand-overs are automatic). */
  events: string[];
}

type StateNodeLike = AnyMachineSnapshot['_nodes'][number];

const DONE_PREFIX = 'xstate.done.state.';

/** The atomic or final states entered when a transition targets `node` (a compound state enters its initial state). */
function entered(node: StateNodeLike): StateNodeLike[] {
  if (node.type === 'compound') return (node.initial?.target ?? []).flatMap((n) => entered(n as StateNodeLike));
  if (node.type === 'parallel') return Object.values(node.states).flatMap((n) => entered(n as StateNodeLike));
  // A history state resumes where a stage was: the machine alone cannot say where that is.
  if (node.type === 'history') return [];
  return [node];
}

function acceptsHere(node: StateNodeLike, type: string): boolean {
  for (let n: StateNodeLike | undefined = node; n; n = n.parent) {
    for (const [descriptor, transitions] of n.transitions) {
      if (descriptorMatches(descriptor, type) && transitions.some((t) => !isForbidden(t))) return true;
    }
  }
  return false;
}

/**
 * Where the machine goes from an atomic (or final) state, by which event: the transitions of
 * the state and its ancestors that have a target. A final state hands over through its parent's
 * done transition when there is exactly one (several are a choice the machine makes from data
 * the path does not know, so the way stops there). Timers are left out: a person cannot send them.
 */
function nextStates(node: StateNodeLike): Array<{ event: string | null; to: StateNodeLike }> {
  const out: Array<{ event: string | null; to: StateNodeLike }> = [];
  if (node.type === 'final') {
    const parent = node.parent;
    const handover = parent?.transitions.get(`${DONE_PREFIX}${parent.id}`) ?? [];
    if (handover.length === 1) for (const target of handover[0].target ?? []) for (const to of entered(target as StateNodeLike)) out.push({ event: null, to });
    return out;
  }
  for (let n: StateNodeLike | undefined = node; n; n = n.parent) {
    for (const [descriptor, transitions] of n.transitions) {
      if (descriptor.startsWith('xstate.') || descriptor.includes('*')) continue;
      for (const t of transitions) for (const target of t.target ?? []) for (const to of entered(target as StateNodeLike)) out.push({ event: descriptor, to });
    }
  }
  return out;
}

function dotted(node: StateNodeLike): string {
  return node.path.join('.');
}

/** The nearest state accepting an event, as a state node, and the events leading there. */
function nearestAccepting(snapshot: AnyMachineSnapshot, type: string): { node: StateNodeLike; events: string[] } | null {
  if (snapshot.status !== 'active') return null;
  const start = snapshot._nodes.filter((n) => n.type === 'atomic' || n.type === 'final');
  const seen = new Set<StateNodeLike>(start);
  let frontier = start.map((node) => ({ node, events: [] as string[] }));
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { node, events } of frontier) {
      for (const { event, to } of nextStates(node)) {
        if (seen.has(to)) continue;
        seen.add(to);
        const way = event === null ? events : [...events, event];
        if (acceptsHere(to, type)) return { node: to, events: way };
        next.push({ node: to, events: way });
      }
    }
    frontier = next;
  }
  return null;
}

/**
 * The shortest way, by the machine's structure (guards not evaluated), from the current state
 * to the nearest state where an event of this type is accepted; null when the machine does not
 * say (the case is over, or the way runs through a choice made from data, such as the
 * outcome of a request or an escalation).
 */
export function wayToEvent(snapshot: AnyMachineSnapshot, type: string): WayToEvent | null {
  const found = nearestAccepting(snapshot, type);
  return found ? { state: dotted(found.node), events: found.events } : null;
}

/**
 * `wayToEvent`, and what the rules of the accepting state will need for the event, judged on
 * the case as it stands (`caseReasons`: guards reading only the case); empty when none refuses.
 */
export function wayToEventAndNeeds(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, type: string): { way: WayToEvent; needs: string[] } | null {
  const found = nearestAccepting(snapshot, type);
  if (!found) return null;
  const candidates: AnyTransitionDefinition[] = [];
  for (let n: StateNodeLike | undefined = found.node; n; n = n.parent) {
    for (const [descriptor, transitions] of n.transitions) if (descriptorMatches(descriptor, type)) candidates.push(...transitions);
  }
  // Needs are told only when every way the state takes the event is refused by a rule reading the case.
  const perTransition = candidates.map((t) => caseReasons(definition, snapshot.context, [t], type, false));
  const refused = perTransition.length > 0 && perTransition.every((reasons) => reasons.length > 0);
  return { way: { state: dotted(found.node), events: found.events }, needs: refused ? [...new Set(perTransition.flat())] : [] };
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
  /**
   * Documents the transitions taken name (`meta.document` of a transition: a record that changes
   * while the case stays where it is), then those of the states entered, in document order.
   * `stateId` is the state that names it, or the source state of the transition.
   */
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
 * every action not named `xstate.*` is an outbox row. Documents come from the states entered,
 * those the transition passed through included: `passedThrough` are the snapshots of its
 * microsteps before `next` (an eventless transition leaves a state in the same macrostep, as the
 * signed-off plan hands over to the review cycle), each compared with the one before it.
 * `taken` are the transitions the event took (`documentsOfTransitions`): a transition may name a
 * document in its own meta, issued even when it enters no state (a self-transition re-enters
 * nothing, and re-entering a stage would restart its deadlines).
 */
export function planEffects(
  previous: AnyMachineSnapshot | null,
  next: AnyMachineSnapshot,
  actions: readonly MachineAction[],
  now: Date,
  reentered: ReadonlySet<string> = new Set(),
  passedThrough: readonly AnyMachineSnapshot[] = [],
  taken: readonly AnyTransitionDefinition[] = [],
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
  const documents: EffectPlan['documents'] = documentsOfTransitions(taken);
  let before = new Set((previous?._nodes ?? []).map((n) => n.id));
  let reenteredHere = reentered;
  for (const step of [...passedThrough, next]) {
    for (const node of step._nodes) {
      const entered = !before.has(node.id) || reenteredHere.has(node.id);
      const document = (node.meta as StateMeta | undefined)?.document;
      if (entered && document) documents.push({ document, stateId: node.id });
    }
    before = new Set(step._nodes.map((n) => n.id));
    // Only the first microstep takes the event; the later ones are eventless and reenter nothing.
    reenteredHere = new Set();
  }
  return { timers, cancelled: [...cancelled], outbox, documents };
}

/** The documents transitions name in their own `meta.document`, in the order taken. */
export function documentsOfTransitions(taken: readonly AnyTransitionDefinition[]): EffectPlan['documents'] {
  const documents: EffectPlan['documents'] = [];
  for (const t of taken) {
    const document = (t.meta as StateMeta | undefined)?.document;
    if (document) documents.push({ document, stateId: t.source.id });
  }
  return documents;
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
