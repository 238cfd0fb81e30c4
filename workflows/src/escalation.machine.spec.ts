import { escalationWorkflow as wf } from './escalation.machine';
import { accept, ctx, start, stateOf, walk, WITHDRAW, reach } from './testing';

describe('escalation machine', () => {
  it('the case is on hold while the escalation is open', () => {
    expect(wf.project(start(wf).snapshot)).toEqual(expect.objectContaining({ stage: 'escalation', status: 'onHold', state: 'raised' }));
  });

  it('concernReported: reported the same day (from 09:00 UTC, 15 hours)', () => {
    const raise = start(wf).actions.find((a) => a.type === 'xstate.raise') as unknown as { params: { delay: number } };
    expect(raise.params.delay).toBe(15 * 3_600_000);
  });

  it('raised → liaisonConsulted → reported → acknowledged → outcome', () => {
    const states = walk(wf, ['CONSULT_LIAISON', 'SUBMIT_REPORT', 'ACKNOWLEDGE_REPORT', 'RECORD_CONCERN_OUTCOME']).map(stateOf);
    expect(states).toEqual(['raised', 'liaisonConsulted', 'reported.inWriting', 'acknowledged', 'outcome']);
  });

  it('the designated liaison person may decide not to report', () => {
    expect(stateOf(reach(wf, ['CONSULT_LIAISON', 'DECIDE_NOT_TO_REPORT']))).toBe('notReported');
  });

  it('consent never blocks it: a withdrawal is recorded and the escalation goes on', () => {
    let s = accept(wf, start(wf).snapshot, WITHDRAW).snapshot;
    expect(stateOf(s)).toBe('raised');
    expect(ctx(s).consents[0]?.withdrawn).toBeDefined();
    s = accept(wf, s, 'CONSULT_LIAISON').snapshot;
    expect(stateOf(s)).toBe('liaisonConsulted');
  });
});
