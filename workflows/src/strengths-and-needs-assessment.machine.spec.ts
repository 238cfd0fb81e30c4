import { strengthsAndNeedsAssessmentWorkflow as wf } from './strengths-and-needs-assessment.machine';
import { accept, ctx, RECORD_CONSENT_SAMPLE, samplesOf, start, stateOf } from './testing';

describe('strengths and needs assessment machine', () => {
  it('consentStillStands: no assessment is recorded before consent', () => {
    const s = start(wf).snapshot;
    const record = samplesOf('RECORD_ASSESSMENT', ctx(s))[0];
    expect(s.can(record)).toBe(false);
    expect(wf.explainGuard('consentStillStands', s.context, record)).toMatch(/RECORD_CONSENT/);
    expect(accept(wf, accept(wf, s, RECORD_CONSENT_SAMPLE).snapshot, record).snapshot.context).toEqual(
      expect.objectContaining({ assessment: expect.objectContaining({ record: expect.objectContaining({ desiredOutcomes: ['The child attends school every day.'] }) }) }),
    );
  });

  it("assessmentHasNeeds and childsViewRecorded: completing needs needs and the child's voice", () => {
    let s = accept(wf, start(wf).snapshot, RECORD_CONSENT_SAMPLE).snapshot;
    expect(s.can({ type: 'COMPLETE_ASSESSMENT' })).toBe(false);
    s = accept(wf, s, { ...samplesOf('RECORD_ASSESSMENT', ctx(s))[0], views: { child: { reasonNotRecorded: '' }, parents: { words: 'x' }, practitioner: 'y' } } as never).snapshot;
    expect(s.can({ type: 'COMPLETE_ASSESSMENT' })).toBe(false);
    expect(wf.explainGuard('assessmentReadyToComplete', s.context, { type: 'COMPLETE_ASSESSMENT' })).toMatch(/child's views are not recorded/);
    s = accept(wf, s, 'RECORD_ASSESSMENT').snapshot;
    s = accept(wf, s, 'COMPLETE_ASSESSMENT').snapshot;
    expect(stateOf(s)).toBe('completed');
  });

  it('the family agrees it, or it is reopened for more work', () => {
    let s = accept(wf, start(wf).snapshot, RECORD_CONSENT_SAMPLE).snapshot;
    s = accept(wf, accept(wf, s, 'RECORD_ASSESSMENT').snapshot, 'COMPLETE_ASSESSMENT').snapshot;
    const reopened = accept(wf, s, 'REOPEN_ASSESSMENT').snapshot;
    expect(stateOf(reopened)).toBe('inProgress');
    expect(ctx(reopened).assessment.reopenReasons).toHaveLength(1);
    const agreed = accept(wf, s, 'AGREE_ASSESSMENT').snapshot;
    expect(agreed.status).toBe('done');
    expect(ctx(agreed).assessment.agreedBy).toEqual({ name: 'Parent A' });
  });

  it('consentStillStands: consent narrowed below taking part stops further recording', () => {
    let s = accept(wf, start(wf).snapshot, RECORD_CONSENT_SAMPLE).snapshot;
    s = accept(wf, s, { ...RECORD_CONSENT_SAMPLE, scopes: { ...RECORD_CONSENT_SAMPLE.scopes, takePart: false } }).snapshot;
    expect(s.can(samplesOf('RECORD_ASSESSMENT', ctx(s))[0])).toBe(false);
  });

  it('assessmentCompletion: 20 working days from Monday 23 November 2026 are due at the end of Monday 21 December, Dublin time', () => {
    const { snapshot, actions } = start(wf);
    const raise = actions.find((a) => a.type === 'xstate.raise') as unknown as { params: { id: string; delay: number } };
    expect(raise.params.id).toBe('xstate.after.assessmentCompletion.strengthsAndNeedsAssessment');
    expect(new Date(Date.parse(ctx(snapshot).now) + raise.params.delay).toISOString()).toBe('2026-12-22T00:00:00.000Z');
    expect(wf.deadlineDue?.(snapshot.context, 'assessmentCompletion')?.toISOString()).toBe('2026-12-22T00:00:00.000Z');
  });
});
