/**
 * Properties every machine has: meta with a description on every state, permissions for every
 * event a state handles, a diagram naming every state, and (with the sample events) a model
 * graph that reaches every state.
 */
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
// xstate/graph ships inside xstate; the boundary rule lists only the package root.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { ROLES } from '@tacu/domain';
import type { StateMeta } from './definition';
import { getWorkflow, toMermaid, WORKFLOWS } from './index';
import { SAMPLE_INPUT, handledEventTypes, sampleEventsFor } from './testing';

interface NodeLike {
  id: string;
  key: string;
  type: string;
  parent?: NodeLike;
  meta?: StateMeta;
  states: Record<string, NodeLike>;
  transitions: Map<string, { eventType: string; meta?: StateMeta }[]>;
}

function allNodes(machine: AnyStateMachine): NodeLike[] {
  const out: NodeLike[] = [];
  const visit = (n: NodeLike) => {
    out.push(n);
    Object.values(n.states).forEach(visit);
  };
  visit(machine.root as unknown as NodeLike);
  return out;
}

/** States a snapshot can rest in (history pseudo-states and the case's hand-over finals excluded). */
function restingNodes(machine: AnyStateMachine): NodeLike[] {
  return allNodes(machine).filter((n) => {
    if (n.type === 'history') return false;
    // In the case machine a stage's final state hands over at once (onDone): never a resting state.
    if (machine.id === 'case' && n.type === 'final' && n.parent?.parent) return false;
    return true;
  });
}

function pathsOf(workflow: (typeof WORKFLOWS)[number]) {
  return getShortestPaths(workflow.machine, {
    events: sampleEventsFor,
    input: workflow.input({ ...SAMPLE_INPUT }),
  } as never) as unknown as { state: AnyMachineSnapshot; steps: unknown[] }[];
}

describe.each(WORKFLOWS.map((w) => [w.id, w] as const))('%s', (_id, workflow) => {
  const machine = workflow.machine;

  it('has an id and a version', () => {
    expect(machine.id).toBe(workflow.id);
    expect(machine.version).toBe(String(workflow.version));
    expect(getWorkflow(workflow.id)).toBe(workflow);
    expect(getWorkflow(workflow.id, workflow.version)).toBe(workflow);
  });

  it('every state has meta with a description', () => {
    const missing = allNodes(machine)
      .filter((n) => n.type !== 'history' && !n.meta?.description)
      .map((n) => n.id);
    expect(missing).toEqual([]);
  });

  it('every document a state names is one of the stage documents', () => {
    const documents = allNodes(machine).flatMap((n) => (n.meta?.document ? [n.meta.document] : []));
    for (const d of documents) {
      expect(['requestForSupport', 'consentRecord', 'strengthsAndNeedsRecord', 'meetingRecord', 'actionPlan', 'reviewRecord', 'closingSummary', 'childProtectionReport']).toContain(d);
    }
  });

  it('every document a transition names is one of the stage documents; every transition that changes a consent names the consent record', () => {
    const transitions = allNodes(machine).flatMap((n) => [...n.transitions.values()].flat().map((t) => ({ ...t, source: n.id })));
    for (const t of transitions) {
      if (t.meta?.document) expect(['requestForSupport', 'consentRecord', 'strengthsAndNeedsRecord', 'meetingRecord', 'actionPlan', 'reviewRecord', 'closingSummary', 'childProtectionReport']).toContain(t.meta.document);
    }
    // A consent recorded, changed or withdrawn, or a decision on a withdrawal, is written into the consent record wherever the case is.
    const consentChanges = transitions.filter((t) => ['RECORD_CONSENT', 'WITHDRAW_CONSENT', 'DECIDE_ON_WITHDRAWAL'].includes(t.eventType));
    expect(consentChanges.length).toBeGreaterThan(0);
    expect(consentChanges.filter((t) => t.meta?.document !== 'consentRecord').map((t) => `${t.source} ${t.eventType}`)).toEqual([]);
  });

  it('permissions in meta: every event a reachable state handles is permitted to a known role', () => {
    const problems: string[] = [];
    for (const { state } of pathsOf(workflow)) {
      const metas = state.getMeta() as Record<string, StateMeta | undefined>;
      for (const type of handledEventTypes(state)) {
        if (type.startsWith('xstate.')) continue; // timers are sent by the system
        const roles = Object.values(metas).flatMap((m) => m?.permissions?.[type] ?? []);
        if (roles.length === 0) problems.push(`${JSON.stringify(state.value)}: ${type}`);
        for (const role of roles) expect(ROLES).toContain(role);
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('getShortestPaths with sampleEventsFor reaches every state', () => {
    const reached = new Set(pathsOf(workflow).flatMap(({ state }) => (state as unknown as { _nodes: NodeLike[] })._nodes.map((n) => n.id)));
    const unreached = restingNodes(machine)
      .map((n) => n.id)
      .filter((id) => !reached.has(id));
    expect(unreached).toEqual([]);
  });

  // How long the walk takes is for a benchmark, not a test: here it must end, with paths.
  it('getSimplePaths with sampleEventsFor terminates', () => {
    const paths = getSimplePaths(machine, { events: sampleEventsFor, input: workflow.input({ ...SAMPLE_INPUT }) } as never);
    expect(paths.length).toBeGreaterThan(0);
  });

  it('sampleEventsFor offers only events the snapshot accepts', () => {
    for (const { state } of pathsOf(workflow).slice(0, 200)) {
      for (const event of sampleEventsFor(state)) expect(state.can(event)).toBe(true);
    }
  });

  it("the diagram names every state", () => {
    const diagram = toMermaid(machine);
    expect(diagram.startsWith('stateDiagram-v2')).toBe(true);
    for (const node of allNodes(machine).slice(1)) expect(diagram).toContain(`state "${node.key}`);
  });
});

describe('getWorkflow', () => {
  it('lists the case and the seven process machines', () => {
    expect(WORKFLOWS.map((w) => w.id)).toEqual([
      'case',
      'requestForSupport',
      'strengthsAndNeedsAssessment',
      'supportMeeting',
      'actionPlan',
      'review',
      'closure',
      'escalation',
    ]);
  });

  it('throws UNKNOWN_WORKFLOW for an unknown id or version', () => {
    expect(() => getWorkflow('nope')).toThrow(expect.objectContaining({ code: 'UNKNOWN_WORKFLOW' }));
    expect(() => getWorkflow('case', 99)).toThrow(expect.objectContaining({ code: 'UNKNOWN_WORKFLOW' }));
  });
});

describe('permissions in meta (roles of domain.md)', () => {
  const caseMachine = getWorkflow('case').machine;
  const root = caseMachine.root as unknown as NodeLike;
  const byId = (id: string) => allNodes(caseMachine).find((n) => n.id === id)?.meta?.permissions ?? {};

  it('case-wide events are permitted in the root meta', () => {
    expect(root.meta?.permissions?.WITHDRAW_CONSENT).toEqual(['parentCarer', 'youngPerson', 'leadPractitioner']);
    expect(root.meta?.permissions?.ASSIGN_LEAD_PRACTITIONER).toEqual(['coordinator']);
    expect(root.meta?.permissions?.RAISE_CONCERN).toEqual(expect.arrayContaining(['leadPractitioner', 'coordinator', 'agencyPractitioner']));
    expect(root.meta?.permissions?.RECORD_CONSENT).toEqual(expect.arrayContaining(['parentCarer', 'leadPractitioner']));
  });

  it('the coordinator decides on a request; families may submit one themselves', () => {
    expect(byId('case.request.submitted')).toEqual({
      REGISTER_REQUEST: ['coordinator'],
      REDIRECT_REQUEST: ['coordinator'],
      DECLINE_REQUEST: ['coordinator'],
    });
    expect(byId('case.request.awaitingConsent').SUBMIT_REQUEST).toEqual(['leadPractitioner', 'parentCarer']);
  });

  it('the family (or the lead recording it in person) signs off; the young person may sign', () => {
    expect(byId('case.actionPlan.awaitingFamilySignOff').SIGN_OFF_PLAN).toEqual(['parentCarer', 'youngPerson', 'leadPractitioner']);
    expect(byId('case.assessment.completed').AGREE_ASSESSMENT).toEqual(['parentCarer', 'leadPractitioner']);
  });

  it('agency practitioners report progress while the plan runs; every practitioner on the case may report a concern, the liaison person decides not to', () => {
    expect(byId('case.review').REPORT_ACTION_PROGRESS).toEqual(['agencyPractitioner', 'leadPractitioner']);
    // Children First Act 2015, s. 14: a mandated person reports directly, with or without the liaison person.
    const mandated = ['leadPractitioner', 'coordinator', 'agencyPractitioner', 'designatedLiaisonPerson'];
    expect(byId('case.escalation.liaisonConsulted')).toEqual({ SUBMIT_REPORT: mandated, DECIDE_NOT_TO_REPORT: ['designatedLiaisonPerson'] });
    expect(byId('case.escalation.raised')).toEqual({ CONSULT_LIAISON: ['leadPractitioner', 'designatedLiaisonPerson'], SUBMIT_REPORT: mandated });
    expect(byId('case.escalation.reported.phoned')).toEqual({ SUBMIT_REPORT: mandated });
    expect(byId('case.escalation.reported').ACKNOWLEDGE_REPORT).toEqual(['designatedLiaisonPerson']);
    expect(byId('case.escalation.acknowledged').RECORD_CONCERN_OUTCOME).toEqual(['designatedLiaisonPerson']);
  });

  it('a contact with the family is logged by the lead and the invited agencies, in every active state', () => {
    expect(root.meta?.permissions?.RECORD_CONTACT).toEqual(['leadPractitioner', 'agencyPractitioner']);
  });
});
