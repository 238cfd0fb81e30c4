import { requestForSupportWorkflow as wf } from './request-for-support.machine';
import { accept, ctx, notifications, RECORD_CONSENT_SAMPLE, send, start, stateOf, reach } from './testing';

describe('request for support machine', () => {
  it('requestDetailsRecorded: consent is asked for only once the request says why support is needed', () => {
    const s = start(wf).snapshot;
    expect(s.can({ type: 'REQUEST_CONSENT' })).toBe(false);
    expect(wf.explainGuard('requestDetailsRecorded', s.context, { type: 'REQUEST_CONSENT' })).toMatch(/RECORD_REQUEST_DETAILS/);
  });

  it('a case opened from a pre-request checklist keeps it as the baseline when the details are recorded without one', () => {
    const checklist = { ratings: [{ outcome: 'safeAndProtected', rating: 2 as const, reason: 'Some worries at home.' }], completedWithParent: true, completedWithChild: false };
    const opened = start(wf, { preRequestChecklist: checklist }).snapshot;
    expect(opened.context.request.preRequestChecklist).toEqual(checklist);
    const kept = reach(wf, [{ type: 'RECORD_REQUEST_DETAILS', reasonForRequest: 'Attendance.' }], { preRequestChecklist: checklist });
    expect(kept.context.request.preRequestChecklist).toEqual(checklist);
    // Details that give a checklist record that one.
    const own = { ...checklist, completedWithChild: true };
    const replaced = reach(wf, [{ type: 'RECORD_REQUEST_DETAILS', reasonForRequest: 'Attendance.', preRequestChecklist: own }], { preRequestChecklist: checklist });
    expect(replaced.context.request.preRequestChecklist).toEqual(own);
  });

  it('hasValidConsent: submitted only with written consent; the coordinator is told', () => {
    let s = reach(wf, ['RECORD_REQUEST_DETAILS', 'REQUEST_CONSENT']);
    expect(stateOf(send(wf, s, 'SUBMIT_REQUEST').snapshot)).toBe('awaitingConsent');
    s = accept(wf, s, RECORD_CONSENT_SAMPLE).snapshot;
    const submitted = accept(wf, s, 'SUBMIT_REQUEST');
    expect(stateOf(submitted.snapshot)).toBe('submitted');
    expect(notifications(submitted.actions)).toEqual([{ to: 'coordinator', about: 'SUBMIT_REQUEST' }]);
  });

  it('families may ask for support themselves: a parent/carer may record details and submit', () => {
    const s = reach(wf, ['RECORD_REQUEST_DETAILS', 'REQUEST_CONSENT']);
    const meta = s.getMeta() as Record<string, { permissions?: Record<string, string[]> }>;
    const roles = Object.values(meta).flatMap((m) => m.permissions?.SUBMIT_REQUEST ?? []);
    expect(roles).toContain('parentCarer');
  });

  it.each([
    ['REGISTER_REQUEST', 'registered'],
    ['REDIRECT_REQUEST', 'redirected'],
    ['DECLINE_REQUEST', 'declined'],
  ] as const)('the coordinator decides: %s ends the request as %s', (event, final) => {
    const s = reach(wf, ['RECORD_REQUEST_DETAILS', 'REQUEST_CONSENT', 'RECORD_CONSENT', 'SUBMIT_REQUEST', event]);
    expect(stateOf(s)).toBe(final);
    expect(s.status).toBe('done');
    expect(wf.project(s)).toEqual(expect.objectContaining({ stage: 'request', status: 'closed' }));
  });

  it('registration confirms or assigns the lead practitioner', () => {
    const s = reach(wf, ['RECORD_REQUEST_DETAILS', 'REQUEST_CONSENT', 'RECORD_CONSENT', 'SUBMIT_REQUEST', { type: 'REGISTER_REQUEST', leadPractitionerId: 'lead-7' }]);
    expect(ctx(s).leadPractitionerId).toBe('lead-7');
    expect(ctx(s).request.outcome).toBe('registered');
  });
});
