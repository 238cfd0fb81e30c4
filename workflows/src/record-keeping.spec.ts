/**
 * What the record-keeping actions write into the case's record, field by field, as the forms
 * record it: the request (reason, pre-request checklist, when consent was asked for, when it was
 * submitted, its outcome or where it was redirected), the support meeting (a cancellation and
 * why, the minutes and who they went to). Each field a person would read back is asserted, so an
 * action that forgot one fails here.
 */
import { caseWorkflow as wf } from './case.machine';
import { ctx, MAIN_PATH, reach, SAMPLE_NOW } from './testing';

const upTo = (type: (typeof MAIN_PATH)[number]) => reach(wf, MAIN_PATH.slice(0, MAIN_PATH.indexOf(type) + 1));

describe('record-keeping: the request for support', () => {
  it('recordRequestDetails: the reason and the pre-request checklist as given', () => {
    const { request } = ctx(upTo('RECORD_REQUEST_DETAILS'));
    expect(request).toMatchObject({
      reasonForRequest: 'School attendance has dropped and the family asked for help with mornings.',
      preRequestChecklist: { ratings: [{ outcome: 'achievingFullPotential', rating: 1, reason: 'Missed 12 days this term.' }], completedWithParent: true, completedWithChild: false },
      consentRequestedAt: null,
      submittedAt: null,
    });
  });

  it('recordRequestDetails: without a checklist, none is recorded', () => {
    const s = reach(wf, [{ type: 'RECORD_REQUEST_DETAILS', reasonForRequest: 'Asked for help by the family.' }]);
    expect(ctx(s).request).toMatchObject({ reasonForRequest: 'Asked for help by the family.', preRequestChecklist: null });
  });

  it('recordConsentRequested and recordSubmission: when consent was asked for, and when the request was submitted', () => {
    expect(ctx(upTo('REQUEST_CONSENT')).request).toMatchObject({ consentRequestedAt: SAMPLE_NOW, submittedAt: null });
    expect(ctx(upTo('SUBMIT_REQUEST')).request).toMatchObject({ consentRequestedAt: SAMPLE_NOW, submittedAt: SAMPLE_NOW, outcome: null });
    expect(ctx(upTo('REGISTER_REQUEST')).request).toMatchObject({ outcome: 'registered', redirectedTo: null, declineReason: null });
  });

  it('recordRedirect: the service the family is redirected to, and why', () => {
    const s = reach(wf, [...MAIN_PATH.slice(0, MAIN_PATH.indexOf('SUBMIT_REQUEST') + 1), 'REDIRECT_REQUEST']);
    expect(ctx(s).request).toMatchObject({
      outcome: 'redirected',
      redirectedTo: { service: 'Speech and language therapy', reason: 'The need is met by a single service.' },
    });
  });
});

describe('record-keeping: the support meeting', () => {
  it('recordCancellation: the invitation is withdrawn; the cancellation keeps why and when', () => {
    const s = reach(wf, [...MAIN_PATH.slice(0, MAIN_PATH.indexOf('INVITE_TO_MEETING') + 1), 'CANCEL_MEETING']);
    expect(ctx(s).meeting).toMatchObject({ invitation: null, cancellations: [{ reason: 'The parent is unwell.', at: SAMPLE_NOW }] });
  });

  it('recordMinutes: the minutes, who they went to, and when', () => {
    expect(ctx(upTo('DISTRIBUTE_MINUTES')).meeting.minutes).toEqual({ minutes: 'Agreed a morning routine plan.', distributedTo: [{ name: 'Parent A' }], at: SAMPLE_NOW });
    expect(ctx(upTo('HOLD_MEETING')).meeting.minutes).toBeNull();
  });
});
