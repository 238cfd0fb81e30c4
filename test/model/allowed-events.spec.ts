/**
 * `allowedEvents` tells the truth, at every step of every model path (see `model-paths.ts`) of
 * every workflow: for every event type of the catalogue and every role, an event is listed
 * exactly when sending it (each valid sample of it, workflows/src/testing/sample-events.ts) by
 * that role is not refused with EVENT_NOT_ALLOWED or ROLE_NOT_PERMITTED. Guards aside: a listed
 * event may be refused by a rule (GUARD_FAILED), and then `waitingEvents` has said so unless a
 * rule that refused it reads what the event carries (e.g. SUBMIT_REPORT by phone after a phone
 * report); an event listed as waiting is refused, with the reasons given, whatever it carries.
 *
 * The refusal is the engine's own decision (`authoriseEvent`, which `engine.send` runs on the
 * locked case before writing anything); the model-paths spec checks the same through the engine
 * and the database for the role that drives each step.
 */
import type { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import { CASE_EVENT_TYPES, DomainError, DomainErrorCode, ROLES, type Actor, type CaseEventType } from '@tacu/domain';
import { authoriseEvent, bareEvent, nextStepsFor } from '@tacu/engine';
import { WORKFLOWS, type CaseContext, type WorkflowDefinition } from '@tacu/workflows';
// The sample events live beside the machines (workflows/src/testing), outside the package's entry point.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { roundTrip, SAMPLE_INPUT, samplesOf, sampleEventsFor } from '../../workflows/src/testing';
import { pathsFor, stateKey } from './model-paths';

type Outcome = 'accepted' | DomainErrorCode;

function outcomeOf(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, event: AnyEventObject, actor: Actor): { outcome: Outcome; reasons: string[]; guards: string[] } {
  try {
    authoriseEvent(definition, snapshot, JSON.stringify(snapshot.value), event as never, actor);
    return { outcome: 'accepted', reasons: [], guards: [] };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { outcome: err.code, reasons: (err.details.reasons as string[] | undefined) ?? [], guards: (err.details.guards as string[] | undefined) ?? [] };
  }
}

/** Whether the rule of a named guard looks at what the event carries (asked with an event that notices). */
function readsPayload(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, guard: string, type: string): boolean {
  const probe = bareEvent(type);
  try {
    definition.explainGuard(guard, snapshot.context, probe.event);
  } catch {
    return true;
  }
  return probe.readPayload();
}

/** Every distinct snapshot (value and context) met along the model paths, as the engine restores it. */
function snapshotsOnPaths(definition: WorkflowDefinition): AnyMachineSnapshot[] {
  const { now: _now, caseId: _caseId, ...input } = SAMPLE_INPUT as Record<string, unknown>;
  const seen = new Map<string, AnyMachineSnapshot>();
  for (const path of pathsFor({ definition, input: { ...input, caseId: 'case-sample' }, events: sampleEventsFor })) {
    for (const step of path.steps) if (!seen.has(stateKey(step.state))) seen.set(stateKey(step.state), step.state);
  }
  return [...seen.values()].map((s) => roundTrip(definition, s));
}

const refusedForState = (o: Outcome) => o === DomainErrorCode.EVENT_NOT_ALLOWED || o === DomainErrorCode.ROLE_NOT_PERMITTED;

describe.each(WORKFLOWS.map((w) => [w.id, w] as const))('%s: allowedEvents at every step of the model paths', (_id, definition) => {
  const snapshots = snapshotsOnPaths(definition);

  it('meets many states', () => {
    expect(snapshots.length).toBeGreaterThan(definition.id === 'case' ? 50 : 3);
  });

  it('lists an event for a role exactly when sending it is not refused for the state or the role, and explains every rule that reads only the case', () => {
    const wrong: string[] = [];
    let listedAndAccepted = 0;
    for (const snapshot of snapshots) {
      const where = JSON.stringify(snapshot.value);
      for (const role of ROLES) {
        const actor: Actor = { id: `${role}-1`, role, areaId: 'area-1' };
        const { allowedEvents, waitingEvents } = nextStepsFor(definition, snapshot, role);
        const waiting = new Map(waitingEvents.map((w) => [w.event, w.reasons]));
        for (const type of CASE_EVENT_TYPES) {
          const listed = allowedEvents.includes(type);
          for (const sample of samplesOf(type as CaseEventType, snapshot.context as CaseContext)) {
            const { outcome, reasons, guards } = outcomeOf(definition, snapshot, sample, actor);
            const say = (problem: string) => wrong.push(`${where} ${role} ${type}: ${problem} (sending it: ${outcome} ${reasons.join(' ')})`);
            if (listed === refusedForState(outcome)) say(listed ? 'listed but refused' : 'not listed but not refused');
            if (waiting.has(type)) {
              if (outcome !== DomainErrorCode.GUARD_FAILED) say('listed as waiting but not refused by a rule');
              else if (!(waiting.get(type) ?? []).every((r) => reasons.includes(r))) say(`waiting for ${JSON.stringify(waiting.get(type))}, a reason the refusal does not give`);
            } else if (listed && outcome === DomainErrorCode.GUARD_FAILED && !guards.some((g) => readsPayload(definition, snapshot, g, type))) {
              // Refused by rules that read only the case: the answer should have said it waits.
              say('refused by a rule that reads only the case, but waitingEvents did not say so');
            }
            if (listed && outcome === 'accepted') listedAndAccepted++;
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(listedAndAccepted).toBeGreaterThan(snapshots.length);
  });
});
