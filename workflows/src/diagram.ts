/**
 * `toMermaid(machine)`: a Mermaid stateDiagram-v2 of a machine, with nested states, guards and
 * named delays on the arrows. Pure: the same machine always gives the same text.
 */
import type { AnyStateMachine } from 'xstate';
import { guardNames } from './explain';

interface Node {
  id: string;
  key: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  states: Record<string, Node>;
  initial?: { target: Node[] };
  transitions: Map<string, Transition[]>;
  always?: Transition[];
  meta?: { description?: string };
  history?: 'shallow' | 'deep' | false;
}

interface Transition {
  eventType: string;
  target?: Node[];
  guard?: unknown;
  actions?: readonly unknown[];
  reenter?: boolean;
}

/** A transition that only stops an event from reaching the parent's (`EVENT: {}`): not an arrow. */
function isForbidden(t: Transition): boolean {
  return (!t.target || t.target.length === 0) && (t.actions?.length ?? 0) === 0 && !t.reenter;
}

/** The descendants of `node` that forbid `eventType` (a parent's transition does not apply there). */
function forbiddenIn(node: Node, eventType: string): string[] {
  return Object.values(node.states).flatMap((child) => [
    ...((child.transitions.get(eventType) ?? []).some(isForbidden) ? [child.key] : []),
    ...forbiddenIn(child, eventType),
  ]);
}

const AFTER = /^xstate\.after\.([^.]+)\./;
const DONE = /^xstate\.done\.state\./;

function mermaidId(node: Node): string {
  return node.id.replace(/[^A-Za-z0-9_]/g, '_');
}

function label(t: Transition): string {
  const after = AFTER.exec(t.eventType);
  let text = after ? `after ${after[1]}` : DONE.test(t.eventType) ? 'done' : t.eventType;
  const guards = guardNames(t.guard);
  if (guards.length > 0) text += ` [${guards.join(' and ')}]`;
  return text.replace(/[:;]/g, ' ');
}

function render(node: Node, lines: string[], indent: string): void {
  const children = Object.values(node.states);
  for (const child of children) {
    const id = mermaidId(child);
    if (child.type === 'history') {
      lines.push(`${indent}state "${child.key} (${child.history === 'deep' ? 'H*' : 'H'})" as ${id}`);
      continue;
    }
    if (child.type === 'compound' || child.type === 'parallel') {
      lines.push(`${indent}state "${child.key}" as ${id} {`);
      render(child, lines, indent + '  ');
      lines.push(`${indent}}`);
    } else {
      lines.push(`${indent}state "${child.key}" as ${id}`);
    }
    if (child.meta?.description) lines.push(`${indent}${id} : ${child.meta.description.replace(/[:;]/g, ',')}`);
  }
  if (node.initial && node.initial.target.length > 0) {
    lines.push(`${indent}[*] --> ${mermaidId(node.initial.target[0])}`);
  }
  for (const child of children) {
    if (child.type === 'final') lines.push(`${indent}${mermaidId(child)} --> [*]`);
  }
}

function edges(node: Node, lines: string[]): void {
  const all: Transition[] = [...[...node.transitions.values()].flat(), ...(node.always ?? [])].filter((t) => !isForbidden(t));
  for (const t of all) {
    const targets = t.target && t.target.length > 0 ? t.target : [node];
    for (const target of targets) {
      const text = t.eventType === '' || t.eventType === undefined ? 'always' : label(t);
      const shown = node.type === 'final' ? null : text;
      if (shown !== null) lines.push(`  ${mermaidId(node)} --> ${mermaidId(target)} : ${shown}`);
    }
  }
  for (const child of Object.values(node.states)) edges(child, lines);
}

export function toMermaid(machine: AnyStateMachine): string {
  const root = machine.root as unknown as Node;
  const lines = ['stateDiagram-v2', `  %% ${machine.id} version ${machine.version ?? '-'}`];
  if (root.meta?.description) lines.push(`  %% ${root.meta.description}`);
  render(root, lines, '  ');
  // Transitions of the root itself (case-wide events, the 12-month check) are drawn as notes.
  const rootTransitions = [...root.transitions.values()].flat().filter((t) => !isForbidden(t));
  if (rootTransitions.length > 0) {
    const first = Object.values(root.states)[0];
    if (first) {
      lines.push(`  note right of ${mermaidId(first)}`);
      for (const t of rootTransitions) {
        const to = t.target && t.target.length > 0 ? ` to ${t.target.map((n) => n.key).join(', ')}` : '';
        const but = forbiddenIn(root, t.eventType);
        lines.push(`    any state${but.length > 0 ? ` but ${but.join(', ')}` : ''}: ${label(t)}${to}`);
      }
      lines.push('  end note');
    }
  }
  for (const child of Object.values(root.states)) edges(child, lines);
  return lines.join('\n') + '\n';
}
