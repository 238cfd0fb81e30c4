import { caseWorkflow as wf } from './case.machine';
import { explainRejection, guardNames } from './explain';
import { MAIN_PATH, reach } from './testing';

describe('explainRejection', () => {
  it('gives the failing rules of the candidate transitions, including those inside a composite guard', () => {
    const proposed = reach(wf, MAIN_PATH.slice(0, MAIN_PATH.indexOf('INVITE_TO_MEETING')));
    const reasons = explainRejection(proposed, {
      type: 'INVITE_TO_MEETING',
      scheduledFor: '2026-12-10T10:00:00Z',
      location: 'School',
      chair: { name: 'L' },
      minuteTaker: { name: 'C' },
      invitees: [{ name: 'Uncle B', approvedByFamily: false }],
    } as never);
    expect(reasons).toEqual([expect.stringMatching(/has not approved Uncle B/)]);
  });

  it('is empty when the event is accepted', () => {
    const awaiting = reach(wf, MAIN_PATH.slice(0, MAIN_PATH.indexOf('SUBMIT_REQUEST')));
    expect(explainRejection(awaiting, { type: 'SUBMIT_REQUEST' })).toEqual([]);
  });

  it('explains a missing consent at submission', () => {
    const awaiting = reach(wf, MAIN_PATH.slice(0, MAIN_PATH.indexOf('RECORD_CONSENT')));
    expect(explainRejection(awaiting, { type: 'SUBMIT_REQUEST' })).toEqual([expect.stringMatching(/^Consent of a parent\/carer/)]);
  });

  it('guardNames unfolds strings, objects with params and and([...]) guards', () => {
    expect(guardNames('a')).toEqual(['a']);
    expect(guardNames({ type: 'resumesIn', params: { stage: 'meeting' } })).toEqual(['resumesIn']);
    expect(guardNames(Object.assign(() => false, { guards: ['a', { type: 'b' }] }))).toEqual(['a', 'b']);
    expect(guardNames(undefined)).toEqual([]);
  });
});
