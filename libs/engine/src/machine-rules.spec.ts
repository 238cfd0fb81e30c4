/**
 * What the engine tells a person who sent an event too early: the state that accepts it and the
 * events that lead there, read from the case machine's structure.
 */
import { getMicrosteps, transition, type AnyEventObject, type AnyMachineSnapshot } from 'xstate';
import { caseWorkflow } from '@tacu/workflows';
// The test harness lives beside the machines (workflows/src/testing), outside the package's entry point.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { reach, roundTrip, samplesOf } from '../../../workflows/src/testing';
import { planEffects, reenteredNodes, wayToEvent } from './machine-rules';

describe('wayToEvent: what leads to the state where an event is accepted', () => {
  const draft = reach(caseWorkflow, []);
  const assessing = reach(caseWorkflow, ['RECORD_REQUEST_DETAILS', 'REQUEST_CONSENT', 'RECORD_CONSENT', 'SUBMIT_REQUEST', 'REGISTER_REQUEST']);
  const proposed = reach(caseWorkflow, ['RECORD_REQUEST_DETAILS', 'REQUEST_CONSENT', 'RECORD_CONSENT', 'SUBMIT_REQUEST', 'REGISTER_REQUEST', 'RECORD_ASSESSMENT', 'COMPLETE_ASSESSMENT', 'AGREE_ASSESSMENT']);

  it.each([
    ['a request is submitted once consent is asked for', draft, 'SUBMIT_REQUEST', { state: 'request.awaitingConsent', events: ['REQUEST_CONSENT'] }],
    ['the coordinator registers a submitted request', draft, 'REGISTER_REQUEST', { state: 'request.submitted', events: ['REQUEST_CONSENT', 'SUBMIT_REQUEST'] }],
    ['the meeting follows the assessment the family agreed', assessing, 'INVITE_TO_MEETING', { state: 'meeting.proposed', events: ['COMPLETE_ASSESSMENT', 'AGREE_ASSESSMENT'] }],
    ['minutes follow the meeting held after the invitations', proposed, 'DISTRIBUTE_MINUTES', { state: 'meeting.held', events: ['INVITE_TO_MEETING', 'HOLD_MEETING'] }],
    ['a meeting is rescheduled after it was cancelled', proposed, 'RESCHEDULE_MEETING', { state: 'meeting.cancelled', events: ['CANCEL_MEETING'] }],
    ['a liaison person is consulted once a concern is raised', proposed, 'CONSULT_LIAISON', { state: 'escalation.raised', events: ['RAISE_CONCERN'] }],
  ])('%s', (_rule, snapshot, type, way) => {
    expect(wayToEvent(snapshot, type)).toEqual(way);
  });

  it('says nothing when the way runs through a choice the machine makes from data (the request could be declined)', () => {
    expect(wayToEvent(draft, 'RECORD_ASSESSMENT')).toBeNull();
  });

  it('says nothing once the case is closed', () => {
    const closed = reach(caseWorkflow, [{ type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Parent A' }, reason: 'No longer wishes to take part.' }]);
    expect(wayToEvent(closed, 'RECORD_CONSENT')).toBeNull();
  });
});

describe('planEffects: the documents a transition issues', () => {
  /** The documents the engine would issue for `event` on `snapshot`, as `sendIn` plans them. */
  function documentsOf(snapshot: AnyMachineSnapshot, event: AnyEventObject | string): string[] {
    const restored = roundTrip(caseWorkflow, snapshot);
    const sent = typeof event === 'string' ? (samplesOf(event as never, restored.context as never)[0] as AnyEventObject) : event;
    const machine = caseWorkflow.machine;
    const [next, actions] = transition(machine, restored, sent);
    const steps = getMicrosteps(machine, restored, sent).map(([step]) => step);
    const plan = planEffects(restored, next, actions as never, new Date(), reenteredNodes(machine, restored, sent, next), steps.slice(0, -1), machine.getTransitionData(restored, sent));
    return plan.documents.map((d) => d.document);
  }
  const assessing = reach(caseWorkflow, ['RECORD_REQUEST_DETAILS', 'REQUEST_CONSENT', 'RECORD_CONSENT', 'SUBMIT_REQUEST', 'REGISTER_REQUEST']);

  it('a consent recorded where the case stays (a self-transition that enters nothing) issues the consent record, named by the transition', () => {
    expect(documentsOf(reach(caseWorkflow, ['RECORD_REQUEST_DETAILS', 'REQUEST_CONSENT']), 'RECORD_CONSENT')).toEqual(['consentRecord']);
    expect(documentsOf(assessing, 'RECORD_CONSENT')).toEqual(['consentRecord']);
  });

  it('the last consent withdrawn issues the consent record and the closing summary', () => {
    expect(documentsOf(assessing, { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Parent A' }, reason: 'No longer wishes to take part.' })).toEqual(['consentRecord', 'closingSummary']);
  });

  it('a state entered still issues its own document, and an event that changes no record issues none', () => {
    expect(documentsOf(assessing, 'RECORD_ASSESSMENT')).toEqual([]);
    expect(documentsOf(reach(caseWorkflow, ['RECORD_REQUEST_DETAILS', 'REQUEST_CONSENT', 'RECORD_CONSENT']), 'SUBMIT_REQUEST')).toEqual(['requestForSupport']);
  });
});
