/**
 * The model paths of a workflow: the shortest path to every distinct state value, plus, for
 * every transition of the explored graph (state value, event, next state value) not yet on one
 * of those, the shortest path to its source state followed by that transition. Together they
 * cover every state and every transition once, which keeps a run to seconds (all simple paths
 * would be tens of thousands of steps for the case machine). Shared by the model-based specs.
 */
import type { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import { adjacencyMapToArray, getAdjacencyMap, getShortestPaths, type StatePath } from 'xstate/graph';
import type { WorkflowDefinition } from '@tacu/workflows';
// The sample events live beside the machines (workflows/src/testing), outside the package's entry point.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { SAMPLE_NOW } from '../../workflows/src/testing/sample-events';

export type Path = StatePath<AnyMachineSnapshot, AnyEventObject>;

export interface Model {
  definition: WorkflowDefinition;
  input: Record<string, unknown>;
  events: (snapshot: AnyMachineSnapshot) => AnyEventObject[];
}

export const valueKey = (s: AnyMachineSnapshot) => JSON.stringify(s.value);
export const stateKey = (s: AnyMachineSnapshot) => JSON.stringify({ value: s.value, context: s.context });

/** The paths to drive: every state value, then every transition, each by its shortest route. */
export function pathsFor(model: Model): Path[] {
  const options = {
    events: model.events,
    // Only events the machine accepts: a refused one is a self-loop in the graph but a GUARD_FAILED in the engine.
    filterEvents: (s: AnyMachineSnapshot, e: AnyEventObject) => s.can(e),
    input: model.definition.input({ ...model.input, now: SAMPLE_NOW }),
  };
  const shortest = getShortestPaths(model.definition.machine, options as never) as unknown as Path[];
  const toState = new Map(shortest.map((p) => [stateKey(p.state), p]));
  const edgeKeys = (p: Path) => p.steps.slice(1).map((s, i) => `${valueKey(p.steps[i].state)} -${s.event.type}-> ${valueKey(s.state)}`);

  const chosen: Path[] = [];
  const covered = new Set<string>();
  const take = (p: Path) => {
    chosen.push(p);
    edgeKeys(p).forEach((k) => covered.add(k));
  };
  const byValue = new Map<string, Path>();
  for (const p of shortest) {
    const current = byValue.get(valueKey(p.state));
    if (!current || p.steps.length < current.steps.length) byValue.set(valueKey(p.state), p);
  }
  byValue.forEach(take);

  const edges = adjacencyMapToArray(getAdjacencyMap(model.definition.machine, options as never)) as unknown as Array<{ state: AnyMachineSnapshot; event: AnyEventObject; nextState: AnyMachineSnapshot }>;
  const candidates: Path[] = [];
  for (const edge of edges) {
    const prefix = toState.get(stateKey(edge.state));
    if (!prefix) continue;
    candidates.push({ state: edge.nextState, steps: [...prefix.steps, { event: edge.event, state: edge.nextState }], weight: prefix.weight + 1 });
  }
  candidates.sort((a, b) => a.steps.length - b.steps.length);
  for (const p of candidates) if (edgeKeys(p).some((k) => !covered.has(k))) take(p);

  // Every step of a path is checked, so a path that is the beginning of another adds nothing.
  const eventsOf = (p: Path) => p.steps.map((s) => JSON.stringify(s.event));
  const kept: Path[] = [];
  for (const p of [...chosen].sort((a, b) => b.steps.length - a.steps.length)) {
    const mine = eventsOf(p);
    if (!kept.some((k) => eventsOf(k).slice(0, mine.length).every((e, i) => e === mine[i]))) kept.push(p);
  }
  return kept;
}

export function describePath(p: Path): string {
  return p.steps.map((s) => s.event.type.replace(/^xstate\.after\.([^.]+)\..*$/, 'after:$1')).join(' → ');
}

