/**
 * Model-based tests: for every workflow, paths generated from the machine itself
 * (`xstate/graph`) are driven through the real engine on a real database. Each step must land in
 * the state the machine predicts, with exactly one audit event per step (the open included).
 *
 * Before each step, the event is among the `allowedEvents` the engine gives the role that sends
 * it: a person following the answers is never stuck. Which paths: see `model-paths.ts`.
 */
import { randomUUID } from 'node:crypto';
import type { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import { SYSTEM_ACTOR, type Actor, type Role } from '@tacu/domain';
import { AFTER_PREFIX, createEngine, permittedRoles, type WorkflowEngine } from '@tacu/engine';
import { AuditStore, type TacuDataSource } from '@tacu/persistence';
import { WORKFLOWS, type WorkflowDefinition } from '@tacu/workflows';
import { createTestDataSource, FixedClock, fixtureSampleEvents, fixtureWorkflow } from '@tacu/testing';
// The sample events live beside the machines (workflows/src/testing), outside the package's entry point.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { SAMPLE_INPUT, SAMPLE_NOW, sampleEventsFor } from '../../workflows/src/testing/sample-events';
import { describePath, pathsFor, valueKey, type Model, type Path } from './model-paths';

const MODELS: Model[] = [
  // The graph is explored on the sample calendar (the engine counts on the organisation's own).
  { definition: fixtureWorkflow as WorkflowDefinition, input: { calendar: SAMPLE_INPUT.calendar }, events: fixtureSampleEvents as (s: AnyMachineSnapshot) => AnyEventObject[] },
  ...WORKFLOWS.map((definition) => {
    const { now: _now, caseId: _caseId, ...input } = SAMPLE_INPUT as Record<string, unknown>;
    return { definition, input: { ...input, caseId: 'case-sample' }, events: sampleEventsFor };
  }),
];

/** Role preference when several may send an event: the one who usually drives the case. */
const ROLE_ORDER: Role[] = ['leadPractitioner', 'coordinator', 'parentCarer', 'youngPerson', 'agencyPractitioner', 'designatedLiaisonPerson', 'manager'];

let ds: TacuDataSource;
let engine: WorkflowEngine;
const clock = new FixedClock(SAMPLE_NOW);
const actors = new Map<string, Actor>();
const actorFor = (role: Role): Actor => {
  if (!actors.has(role)) actors.set(role, { id: `${role}-model`, role, areaId: 'area-model' });
  return actors.get(role) as Actor;
};

beforeAll(async () => {
  ds = await createTestDataSource();
  engine = createEngine({ dataSource: ds, workflows: MODELS.map((m) => m.definition), clock });
});

afterAll(async () => {
  await ds?.destroy();
});

async function drive(model: Model, path: Path): Promise<void> {
  const { definition } = model;
  clock.set(SAMPLE_NOW);
  const caseId = randomUUID();
  const opened = await engine.open({ workflowId: definition.id, workflowVersion: definition.version, caseId, input: { ...model.input, caseId }, attributes: { areaId: 'area-model' }, actor: actorFor('leadPractitioner') });
  expect(opened.state).toBe(definition.project(path.steps[0].state).state);

  for (let i = 1; i < path.steps.length; i++) {
    const before = path.steps[i - 1].state;
    const { event, state: predicted } = path.steps[i];
    let by: Actor;
    if (event.type.startsWith(AFTER_PREFIX)) {
      const [timer] = await ds.query(`SELECT due_at FROM timers WHERE case_id = $1 AND send_id = $2 AND active AND fired_at IS NULL`, [caseId, event.type]);
      if (!timer) throw new Error(`step ${i} (${event.type}): the engine has no pending timer for it`);
      if (timer.due_at > clock.now()) clock.set(timer.due_at);
      by = SYSTEM_ACTOR;
    } else {
      const roles = permittedRoles(before, event.type);
      const role = ROLE_ORDER.find((r) => roles.has(r));
      if (!role) throw new Error(`step ${i} (${event.type}) in ${valueKey(before)}: no role may send it (meta.permissions)`);
      by = actorFor(role);
      expect({ step: i, state: valueKey(before), allowed: await engine.allowedEvents(caseId, by) }).toEqual({
        step: i,
        state: valueKey(before),
        allowed: expect.arrayContaining([event.type]),
      });
    }
    const result = await engine.send({ caseId, event, actor: by }).catch((err: Error & { details?: unknown }) => {
      throw new Error(`step ${i} (${event.type}) in ${valueKey(before)} as ${by.role}: ${err.message} ${JSON.stringify(err.details ?? {})}`);
    });
    expect({ step: i, event: event.type, state: result.state }).toEqual({ step: i, event: event.type, state: definition.project(predicted).state });
  }

  const [row] = await ds.query(`SELECT snapshot, version FROM cases WHERE id = $1`, [caseId]);
  expect(row.snapshot.value).toEqual(path.state.value);
  expect(row.version).toBe(path.steps.length);
  expect(await new AuditStore(ds.manager).verifyChain(caseId)).toEqual({ valid: true, length: path.steps.length });
}

describe.each(MODELS.map((m) => [m.definition.id, m] as const))('%s', (_id, model) => {
  const paths = pathsFor(model);
  it('has paths to drive', () => {
    expect(paths.length).toBeGreaterThan(0);
  });
  it.each(paths.map((p) => [describePath(p), p] as const))('%s', async (_name, path) => {
    await drive(model, path);
  });
});
