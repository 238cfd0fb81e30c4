import { caseMachine } from './case.machine';
import { toMermaid } from './diagram';
import { escalationMachine } from './escalation.machine';
import { requestForSupportMachine } from './request-for-support.machine';

describe('toMermaid', () => {
  it('labels guards and named delays on the arrows', () => {
    const text = toMermaid(requestForSupportMachine);
    expect(text).toContain('requestForSupport_awaitingConsent --> requestForSupport_submitted : SUBMIT_REQUEST [hasValidConsent]');
    expect(text).toContain('requestForSupport_submitted --> requestForSupport_submitted : after requestRegistration');
  });

  it('nests the stages of the case machine and shows the resume into their history', () => {
    const text = toMermaid(caseMachine);
    expect(text).toContain('state "meeting" as case_meeting {');
    expect(text).toContain('state "hist (H*)" as case_meeting_hist');
    expect(text).toMatch(/case_escalation --> case_meeting_hist : done \[resumesIn\]/);
    expect(text).toContain('case_escalation --> case_closed : done [concernSteppedUp]');
  });

  it('nests sub-states of a state (a phone report awaiting its written report)', () => {
    const text = toMermaid(escalationMachine);
    expect(text).toContain('state "reported" as escalation_reported {');
    expect(text).toContain('escalation_liaisonConsulted --> escalation_reported_phoned : SUBMIT_REPORT [reportMadeByPhone and reportReady]');
    expect(text).toContain('escalation_raised --> escalation_reported : SUBMIT_REPORT [reportReady]');
    expect(text).toContain('after writtenReportAfterPhone');
  });

  it('is pure: the same machine gives the same text', () => {
    expect(toMermaid(caseMachine)).toBe(toMermaid(caseMachine));
  });
});
