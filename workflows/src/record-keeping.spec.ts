/**
 * What the record-keeping actions write into the case's record, field by field, as the forms
 * record it: the request (reason, pre-request checklist, when consent was asked for, when it was
 * submitted, its outcome or where it was redirected), the support meeting (a cancellation and
 * why, the minutes and who they went to). Each field a person would read back is asserted, so an
 * action that forgot one fails here.
 */
import { caseWorkflow as wf, explainGuard } from './case.machine';
import { commonRules } from './setup';
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

describe("childsViewRecorded: the reason says where the child's views go for each event", () => {
  const context = ctx(upTo('REGISTER_REQUEST'));
  const where = (event: Record<string, unknown>) => {
    const result = commonRules.rules.childsViewRecorded(context, event as never);
    return result.ok ? 'recorded' : (result.reason.match(/own words (in .*?), or/)?.[1] ?? result.reason);
  };

  it('each event that records the child’s views names its own place', () => {
    expect(where({ type: 'RECORD_ASSESSMENT', views: {} })).toBe('in the assessment (RECORD_ASSESSMENT)');
    expect(where({ type: 'RECORD_REVIEW' })).toBe('in the review record (RECORD_REVIEW)');
    expect(where({ type: 'RECORD_CLOSURE_FEEDBACK' })).toBe('in the closure feedback (RECORD_CLOSURE_FEEDBACK)');
    expect(where({ type: 'DRAFT_PLAN' })).toBe('in the action plan (DRAFT_PLAN)');
    expect(where({ type: 'SUBMIT_PLAN_FOR_SIGN_OFF' })).toBe('in the action plan (DRAFT_PLAN)');
    // Any other moment reads the assessment's record.
    expect(where({ type: 'COMPLETE_ASSESSMENT' })).toBe('in the assessment (RECORD_ASSESSMENT)');
  });

  it('views given in the event are read from the event, not from the record', () => {
    expect(where({ type: 'RECORD_ASSESSMENT', views: { child: { words: 'I like football.' } } })).toBe('recorded');
    expect(where({ type: 'RECORD_REVIEW', childViews: { reasonNotRecorded: 'Asleep at the time of the visit.' } })).toBe('recorded');
    expect(where({ type: 'RECORD_CLOSURE_FEEDBACK', childFeedback: { words: 'Thanks.' } })).toBe('recorded');
    expect(where({ type: 'DRAFT_PLAN', childViews: { words: 'OK.' } })).toBe('recorded');
  });
});

describe('record-keeping: the action plan', () => {
  it('startPlanDrafting and recordPlanSubmitted: the plan’s status as the family would be told it', () => {
    expect(ctx(upTo('DRAFT_PLAN')).plan.status).toBe('drafting');
    expect(ctx(upTo('SUBMIT_PLAN_FOR_SIGN_OFF')).plan.status).toBe('awaitingFamilySignOff');
    expect(ctx(upTo('SIGN_OFF_PLAN')).plan.status).toBe('active');
  });

  it('recordActionProgress: only the action reported on changes', () => {
    const drafted = ctx(upTo('DRAFT_PLAN')).plan;
    const [sample] = drafted.actions;
    const plan = { type: 'DRAFT_PLAN', actions: [sample, { ...sample, id: 'second', what: 'A second action.' }], childViews: drafted.childViews };
    const steps = MAIN_PATH.slice(0, MAIN_PATH.indexOf('SIGN_OFF_PLAN') + 1).map((step) => (step === 'DRAFT_PLAN' ? plan : step));
    const s = reach(wf, [...steps, { type: 'REPORT_ACTION_PROGRESS', actionId: sample?.id, status: 'done', progress: 'Finished early.' }]);
    const after = ctx(s).plan.actions;
    expect(after[0]).toMatchObject({ id: sample?.id, status: 'done', progress: 'Finished early.' });
    expect(after[1]).toEqual({ ...sample, id: 'second', what: 'A second action.' });
  });
});

describe('record-keeping: a concern', () => {
  const atAssessment = MAIN_PATH.slice(0, MAIN_PATH.indexOf('REGISTER_REQUEST') + 1);
  const concernAfter = (...steps: Parameters<typeof reach>[1]) => {
    const { concerns, onHold } = ctx(reach(wf, [...atAssessment, 'RAISE_CONCERN', ...steps]));
    return { concern: concerns[concerns.length - 1], onHold, count: concerns.length };
  };

  it('each step of the escalation says where the concern stands', () => {
    expect(concernAfter()).toMatchObject({ concern: { status: 'raised', raisedInStage: 'assessment', liaison: null, reports: [] }, onHold: { stage: 'assessment' }, count: 1 });
    expect(concernAfter('CONSULT_LIAISON').concern).toMatchObject({ status: 'liaisonConsulted', liaison: { advice: expect.any(String), at: SAMPLE_NOW } });
    expect(concernAfter('CONSULT_LIAISON', 'SUBMIT_REPORT').concern).toMatchObject({ status: 'reported', reports: [expect.objectContaining({ at: SAMPLE_NOW })] });
    expect(concernAfter('CONSULT_LIAISON', 'SUBMIT_REPORT', 'ACKNOWLEDGE_REPORT').concern).toMatchObject({ status: 'acknowledged', acknowledgedReference: expect.any(String) });
    expect(concernAfter('CONSULT_LIAISON', 'SUBMIT_REPORT', 'ACKNOWLEDGE_REPORT', 'RECORD_CONCERN_OUTCOME').concern).toMatchObject({ status: 'closed', outcome: { at: SAMPLE_NOW } });
  });

  it('a decision not to report closes the concern, with the reason', () => {
    expect(concernAfter('CONSULT_LIAISON', 'DECIDE_NOT_TO_REPORT').concern).toMatchObject({ status: 'closed', decidedNotToReport: { reason: expect.any(String), at: SAMPLE_NOW }, reports: [] });
  });
});

describe('the case as lists and dashboards see it (project)', () => {
  it('an open case is active in its stage; a closed one is closed in closure', () => {
    expect(wf.project(reach(wf, MAIN_PATH.slice(0, MAIN_PATH.indexOf('REGISTER_REQUEST') + 1)))).toMatchObject({ stage: 'assessment', status: 'active' });
    expect(wf.project(reach(wf, MAIN_PATH))).toMatchObject({ stage: 'closure', status: 'closed' });
  });

  it('a redirected or declined request is closed in the request stage', () => {
    const submitted = MAIN_PATH.slice(0, MAIN_PATH.indexOf('SUBMIT_REQUEST') + 1);
    expect(wf.project(reach(wf, [...submitted, 'REDIRECT_REQUEST']))).toMatchObject({ stage: 'request', status: 'closed' });
    expect(wf.project(reach(wf, [...submitted, 'DECLINE_REQUEST']))).toMatchObject({ stage: 'request', status: 'closed' });
  });

  it('a concern puts the case on hold in the escalation', () => {
    expect(wf.project(reach(wf, [...MAIN_PATH.slice(0, MAIN_PATH.indexOf('REGISTER_REQUEST') + 1), 'RAISE_CONCERN']))).toMatchObject({ stage: 'escalation', status: 'onHold' });
  });
});

describe('record-keeping: a superseded plan is its document, not a copy in the snapshot', () => {
  const signed = MAIN_PATH.slice(0, MAIN_PATH.indexOf('SIGN_OFF_PLAN') + 1);
  const revisedTwice = [...signed, 'HOLD_REVIEW', 'RECORD_REVIEW', 'REVISE_PLAN', 'DRAFT_PLAN', 'SUBMIT_PLAN_FOR_SIGN_OFF', 'SIGN_OFF_PLAN', 'HOLD_REVIEW', 'RECORD_REVIEW', 'REVISE_PLAN'] as const;

  it('supersedePlan: the plan says which version it revises, why and when; the version keeps its own sign-offs until the next draft', () => {
    const plan = ctx(reach(wf, [...revisedTwice])).plan;
    expect(plan.revision).toEqual({ fromVersion: 2, reason: expect.any(String), at: SAMPLE_NOW });
    expect(plan.signOffs.map((o) => o.planVersion)).toEqual([2]);
    expect(plan).not.toHaveProperty('history');
  });

  it('draftPlan: a new version starts with no sign-offs and no change requests', () => {
    const plan = ctx(reach(wf, [...revisedTwice, 'DRAFT_PLAN'])).plan;
    expect([plan.version, plan.signOffs, plan.changeRequests, plan.revision?.fromVersion]).toEqual([3, [], [], 2]);
  });
});

describe('record-keeping: assessment, review and closure', () => {
  it('recordAssessmentCompleted: when the assessment was completed', () => {
    expect(upToCtx('COMPLETE_ASSESSMENT').assessment.completedAt).toBe(SAMPLE_NOW);
    expect(upToCtx('RECORD_ASSESSMENT').assessment.completedAt).toBeNull();
  });

  it('recordReview: the progress found at the review moves each action it names', () => {
    const plan = upToCtx('SIGN_OFF_PLAN').plan;
    const [action] = plan.actions;
    const reviewed = upToCtx('RECORD_REVIEW');
    const note = reviewed.review.current?.record?.progress.find((p) => p.actionId === action?.id);
    expect(note).toBeDefined();
    expect(reviewed.plan.actions[0]).toMatchObject({ id: action?.id, status: note?.status, progress: note?.note });
  });

  it('recordReviewDecision: a revision keeps its reason; continuing keeps none', () => {
    const afterReview = MAIN_PATH.slice(0, MAIN_PATH.indexOf('RECORD_REVIEW') + 1);
    const revised = ctx(reach(wf, [...afterReview, 'REVISE_PLAN'])).review.current;
    expect(revised).toMatchObject({ decision: 'revise', reviseReason: 'Add support for homework.' });
    // Continuing starts the next review cycle: the review decided is the one before it.
    const review = ctx(reach(wf, [...afterReview, 'CONTINUE_PLAN'])).review;
    expect(review.previous).toMatchObject({ decision: 'continue', reviseReason: null });
    expect(review.current).toMatchObject({ decision: null, record: null });
    expect([review.cycles, review.recorded]).toEqual([2, 1]);
    // The next review record compares with the ratings of the one before.
    expect(review.ratedBefore).toEqual(review.previous?.record?.ratings);
  });

  it('recordClosureProposal: the reason, and its words when it is "other"', () => {
    const afterReview = MAIN_PATH.slice(0, MAIN_PATH.indexOf('RECORD_REVIEW') + 1);
    const other = ctx(reach(wf, [...afterReview, { type: 'PROPOSE_CLOSURE', reason: 'other', reasonText: 'The family moved to Cork.' }])).closure;
    expect(other).toMatchObject({ reason: 'other', reasonText: 'The family moved to Cork.', proposedAt: SAMPLE_NOW });
    expect(ctx(reach(wf, [...afterReview, 'PROPOSE_CLOSURE'])).closure).toMatchObject({ reason: 'needsMet', reasonText: null });
  });
});

function upToCtx(type: (typeof MAIN_PATH)[number]) {
  return ctx(upTo(type));
}

describe('closureFeedbackComplete: the reasons say what the Closure and Feedback record lacks', () => {
  const proposed = () => ctx(reach(wf, MAIN_PATH.slice(0, MAIN_PATH.indexOf('PROPOSE_CLOSURE') + 1)));

  it("feedback without the child's views: the reason points to the closure feedback", () => {
    expect(explainGuard('closureFeedbackComplete', proposed(), { type: 'RECORD_CLOSURE_FEEDBACK', familyFeedback: { words: 'Thanks.' }, finalRatings: [], onwardReferrals: [] } as never)).toBe(
      "The child's views are not recorded: write them in the child's own words in the closure feedback (RECORD_CLOSURE_FEEDBACK), or the reason they could not be recorded (age, capacity).",
    );
  });

  it('closing the case before the feedback is recorded: the same reason, read from the record', () => {
    expect(explainGuard('closureFeedbackComplete', proposed(), { type: 'CLOSE_CASE' } as never)).toMatch(/in the closure feedback \(RECORD_CLOSURE_FEEDBACK\)/);
    const closedWithFeedback = ctx(reach(wf, MAIN_PATH.slice(0, MAIN_PATH.indexOf('RECORD_CLOSURE_FEEDBACK') + 1)));
    expect(explainGuard('closureFeedbackComplete', closedWithFeedback, { type: 'CLOSE_CASE' } as never)).toBeUndefined();
  });
});
