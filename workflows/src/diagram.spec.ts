import { caseMachine } from './case.machine';
import { closureMachine } from './closure.machine';
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

  it('draws no arrow for an event a state only refuses (a closing meeting is held once), and says where the stage\'s own transition does not apply', () => {
    const text = toMermaid(closureMachine);
    expect(text).not.toContain('closure_meetingHeld --> closure_meetingHeld : HOLD_CLOSING_MEETING');
    expect(text).not.toContain('closure_feedbackCollected --> closure_feedbackCollected : HOLD_CLOSING_MEETING');
    expect(text).toContain('any state but meetingHeld, feedbackCollected: HOLD_CLOSING_MEETING to meetingHeld');
    expect(toMermaid(caseMachine)).toContain('case_closure --> case_closure_meetingHeld : HOLD_CLOSING_MEETING');
  });
});
