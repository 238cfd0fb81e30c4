/**
 * Why an event is refused in a snapshot, in the words of the rules: the engine's GUARD_FAILED
 * details. Walks the transitions the active states have for the event and explains each named
 * guard that fails (including those inside `and([...])`).
 */
import type { AnyMachineSnapshot } from 'xstate';
import { guardExplainer } from './workflow-kit';

type GuardRef = string | { type: string } | { guards?: unknown[] } | ((...args: unknown[]) => unknown) | undefined;

/** The guard names a transition's guard refers to. */
export function guardNames(guard: GuardRef | unknown): string[] {
  if (!guard) return [];
  if (typeof guard === 'string') return [guard];
  const g = guard as { type?: unknown; guards?: unknown[] };
  if (Array.isArray(g.guards)) return g.guards.flatMap(guardNames);
  if (typeof g.type === 'string') return [g.type];
  return [];
}

interface NodeLike {
  transitions: Map<string, { guard?: unknown }[]>;
}

/** Reasons (one per failing rule) the event cannot be taken now; empty when it can or no state handles it. */
export function explainRejection(snapshot: AnyMachineSnapshot, event: { type: string }): string[] {
  if (snapshot.can(event as never)) return [];
  const nodes = (snapshot as unknown as { _nodes: NodeLike[] })._nodes;
  const explainGuard = guardExplainer(snapshot.machine);
  const reasons = new Set<string>();
  for (const node of [...nodes].reverse()) {
    for (const t of node.transitions.get(event.type) ?? []) {
      for (const name of guardNames(t.guard)) {
        const reason = explainGuard(name, snapshot.context, event);
        if (reason) reasons.add(reason);
      }
    }
  }
  return [...reasons];
}
