import { CASE_EVENT_TYPES, type CaseEventType } from '@tacu/domain';
import { EVENT_DTOS, parseCaseEvent, type FieldError } from './index';
import { CASE_EVENT_SAMPLES, sampleEvent } from './samples';

/** The problems reported for each field, as a map: easier to read in a failing test. */
function errorsOf(body: unknown): Record<string, string[]> {
  const result = parseCaseEvent(body);
  if (result.ok) throw new Error(`expected errors, got a valid ${result.event.type}`);
  return Object.fromEntries(result.errors.map((e: FieldError) => [e.field, e.problems]));
}

describe('EVENT_DTOS', () => {
  it('has one DTO per event type of CaseEvent, and no other', () => {
    expect(Object.keys(EVENT_DTOS).sort()).toEqual([...CASE_EVENT_TYPES].sort());
    expect(new Set(Object.values(EVENT_DTOS)).size).toBe(CASE_EVENT_TYPES.length);
  });

  it('has a sample of every event type', () => {
    expect(Object.keys(CASE_EVENT_SAMPLES).sort()).toEqual([...CASE_EVENT_TYPES].sort());
  });
});

describe('parseCaseEvent accepts', () => {
  it.each(CASE_EVENT_TYPES.map((type) => [type]))('a valid %s and returns it as plain data', (type: CaseEventType) => {
    const result = parseCaseEvent(sampleEvent(type));
    expect(result).toEqual({ ok: true, event: CASE_EVENT_SAMPLES[type] });
    if (result.ok) {
      expect(Object.getPrototypeOf(result.event)).toBe(Object.prototype);
      expect(JSON.parse(JSON.stringify(result.event))).toEqual(result.event);
    }
  });

  it('optional fields left out', () => {
    const body = sampleEvent('RECORD_REQUEST_DETAILS');
    delete body.preRequestChecklist;
    expect(parseCaseEvent(body).ok).toBe(true);
    expect(parseCaseEvent({ type: 'DRAFT_PLAN', actions: [{ id: 'a1', answers: 'x', what: 'y', status: 'notStarted' }], childViews: { words: 'ok' } }).ok).toBe(true);
  });

  it('a view that could not be recorded', () => {
    const body = sampleEvent('DRAFT_PLAN');
    body.childViews = { reasonNotRecorded: 'Too young to give a view (18 months).' };
    expect(parseCaseEvent(body).ok).toBe(true);
  });

  it('scale at the ends of 0 to 10', () => {
    const body = sampleEvent('RECORD_ASSESSMENT');
    body.strengths = [{ side: 'myWiderWorld', description: 'Good neighbours', scale: 0 }];
    body.needs = [{ side: 'myWiderWorld', description: 'No club nearby', scale: 10 }];
    expect(parseCaseEvent(body).ok).toBe(true);
  });
});

describe('parseCaseEvent rejects', () => {
  it('a body that is not an object', () => {
    for (const body of [null, 'RECORD_CONSENT', 42, [], undefined]) {
      expect(errorsOf(body)).toEqual({ '': [expect.stringContaining('JSON object')] });
    }
  });

  it('a missing type, listing the known types', () => {
    const errors = errorsOf({ reason: 'x' });
    expect(Object.keys(errors)).toEqual(['type']);
    expect(errors['type']?.[0]).toMatch(/type is required/);
    expect(errors['type']?.[0]).toContain('RECORD_CONSENT');
  });

  it('an unknown type, listing the known types', () => {
    const errors = errorsOf({ type: 'DELETE_CASE' });
    expect(errors['type']).toEqual([expect.stringContaining('unknown event type "DELETE_CASE"')]);
    for (const type of CASE_EVENT_TYPES) expect(errors['type']?.[0]).toContain(type);
  });

  it('a type that is not text', () => {
    expect(errorsOf({ type: 7 })['type']?.[0]).toMatch(/type must be text/);
  });

  it('missing required fields, each named', () => {
    expect(errorsOf({ type: 'RECORD_CONSENT' })).toEqual({
      givenBy: ['givenBy is required (an object)'],
      scopes: ['scopes is required (an object)'],
      youngPersonConsent: ['youngPersonConsent is required (an object)'],
      signedOn: ['signedOn is required: a day written YYYY-MM-DD'],
    });
    expect(errorsOf({ type: 'RECORD_CONSENT', givenBy: {}, scopes: {}, youngPersonConsent: {}, signedOn: '2026-03-02' })).toEqual({
      'givenBy.name': ['name is required (text of at most 200 characters)'],
      'givenBy.hasParentalResponsibility': ['hasParentalResponsibility is required: true or false'],
      'scopes.takePart': ['takePart is required: true or false'],
      'scopes.keepRecords': ['keepRecords is required: true or false'],
      'scopes.shareWithAgencies': ['shareWithAgencies is required (a list of texts; it may be empty)'],
      'youngPersonConsent.given': ['given is required: true or false'],
    });
  });

  it('a value outside its vocabulary', () => {
    const body = { ...sampleEvent('RAISE_CONCERN'), category: 'bullying' };
    expect(errorsOf(body)).toEqual({
      category: ['category must be one of neglect, emotionalAbuse, physicalAbuse, sexualAbuse, welfare'],
    });
  });

  it("an outcome rating's shape: an id, and a whole number within any framework's scale (0 to 10); the case's framework decides the rest", () => {
    const body = sampleEvent('RECORD_REVIEW');
    (body.ratings as unknown[]) = [
      { outcome: 'happy days!', rating: 11, reason: 'x' },
      { outcome: 'safeAndProtected', rating: 2.5, reason: 'x' },
    ];
    expect(errorsOf(body)).toEqual({
      'ratings.0.outcome': ["outcome must be the id of an outcome or side of the case's framework: a letter, then letters, digits, - or _ (64 characters at most)"],
      'ratings.0.rating': ['rating must be a whole number from 0 to 10'],
      'ratings.1.rating': ['rating must be a whole number from 0 to 10'],
    });
    // Which outcomes and which points of the scale: the case's framework's (libs/domain framework.rules, checked with the case).
    (body.ratings as unknown[]) = [{ outcome: 'happy', rating: 4, reason: 'x' }];
    expect(parseCaseEvent(body).ok).toBe(true);
  });

  it('scale 11, -1, 2.5 and "5"', () => {
    const body = sampleEvent('RECORD_ASSESSMENT');
    (body.strengths as unknown[]) = [
      { side: 'myWiderWorld', description: 'a', scale: 11 },
      { side: 'myWiderWorld', description: 'b', scale: -1 },
      { side: 'myWiderWorld', description: 'c', scale: 2.5 },
      { side: 'myWiderWorld', description: 'd', scale: '5' },
    ];
    const message = ['scale must be a whole number from 0 to 10'];
    expect(errorsOf(body)).toEqual({
      'strengths.0.scale': message,
      'strengths.1.scale': message,
      'strengths.2.scale': message,
      'strengths.3.scale': message,
    });
  });

  it('an unknown field, at the top and inside a nested object', () => {
    const body = { ...sampleEvent('CANCEL_MEETING'), cancelledBy: 'me' };
    expect(errorsOf(body)).toEqual({ cancelledBy: ['property cancelledBy should not exist'] });
    const nested = sampleEvent('INVITE_TO_MEETING');
    (nested.invitees[1] as unknown as Record<string, unknown>)['role'] = 'teacher';
    expect(errorsOf(nested)).toEqual({ 'invitees.1.role': ['property role should not exist'] });
  });

  it('an invalid action owner, with its dotted path', () => {
    const body = sampleEvent('DRAFT_PLAN');
    (body.actions as unknown[])[1] = { ...body.actions[1], owner: { name: '', agency: 42 } };
    expect(errorsOf(body)).toEqual({
      'actions.1.owner.name': ['name must not be empty'],
      'actions.1.owner.agency': ['agency must be text, not number'],
    });
  });

  it('every invalid field at once, not only the first', () => {
    const body = sampleEvent('DRAFT_PLAN');
    (body.actions as unknown[]) = [
      { id: 'a1', answers: 'x', what: 'y', status: 'started', dueDate: '2026-02-30', owner: { name: 'N' } },
      'do more',
      [],
    ];
    (body.childViews as unknown) = {};
    expect(errorsOf(body)).toEqual({
      'actions.0.owner.agency': ['agency is required for a practitioner; a family member who owns an action is named by personId (their id from the case) and has no agency'],
      'actions.0.dueDate': ['dueDate must be a real day written YYYY-MM-DD (e.g. 2026-03-14)'],
      'actions.0.status': ['status must be one of notStarted, inProgress, done, notDone'],
      'actions.1': ['each item must be an object, not string'],
      'actions.2': ['each item must be an object, not a list'],
      childViews: [expect.stringMatching(/^childViews must have words or reasonNotRecorded/)],
    });
  });

  it('a recorded view with both words and a reason, or with neither', () => {
    const both = sampleEvent('RECORD_REVIEW');
    both.childViews = { words: 'Grand', reasonNotRecorded: 'Asleep' } as unknown as typeof both.childViews;
    expect(errorsOf(both)).toEqual({ childViews: ['childViews must have either words or reasonNotRecorded, not both'] });

    const neither = sampleEvent('RECORD_REVIEW');
    neither.familyViews = {} as typeof neither.familyViews;
    expect(errorsOf(neither)['familyViews']?.[0]).toMatch(/familyViews must have words or reasonNotRecorded/);

    const missing = sampleEvent('RECORD_ASSESSMENT') as unknown as { views: Record<string, unknown> };
    delete missing.views['child'];
    expect(errorsOf(missing)['views.child']?.[0]).toMatch(/^views\.child is required|^child is required/);
  });

  it('a recorded view with empty words or an unknown field', () => {
    const body = sampleEvent('RECORD_CLOSURE_FEEDBACK');
    (body.familyFeedback as unknown) = { words: '   ' };
    (body.childFeedback as unknown) = { reasonNotRecorded: 'Too young', said: 'x' };
    expect(errorsOf(body)).toEqual({
      'familyFeedback.words': ['words must not be empty'],
      'childFeedback.said': ['property said should not exist'],
    });
  });

  it('null for an optional field (absent is left out, not null)', () => {
    const body = { ...sampleEvent('WITHDRAW_CONSENT'), reason: null };
    expect(errorsOf(body)).toEqual({ reason: ['reason must be text, not null'] });
  });

  it('too long a text and too many items', () => {
    const body = { ...sampleEvent('DECLINE_REQUEST'), reason: 'x'.repeat(2001) };
    expect(errorsOf(body)).toEqual({ reason: ['reason must be at most 2000 characters (it has 2001)'] });
    const list = sampleEvent('RECORD_CLOSURE_FEEDBACK');
    list.onwardReferrals = Array.from({ length: 101 }, (_, i) => `service ${i}`);
    expect(errorsOf(list)).toEqual({ onwardReferrals: ['onwardReferrals may have at most 100 items (it has 101)'] });
  });

  it('an empty text in a list of texts, naming its index', () => {
    const body = sampleEvent('RECORD_CONSENT');
    body.scopes.shareWithAgencies = ['Public Health Nursing', ''];
    expect(errorsOf(body)).toEqual({ 'scopes.shareWithAgencies': ['shareWithAgencies.1 must not be empty'] });
  });

  it('the same outcome rated twice, and the same action id twice', () => {
    const review = sampleEvent('RECORD_REVIEW');
    review.ratings = [
      { outcome: 'safeAndProtected', rating: 3, reason: 'a' },
      { outcome: 'safeAndProtected', rating: 2, reason: 'b' },
    ];
    expect(errorsOf(review)).toEqual({ ratings: [expect.stringContaining('outcome "safeAndProtected" more than once')] });
    const plan = sampleEvent('DRAFT_PLAN');
    plan.actions = plan.actions.map((action) => ({ ...action, id: 'a1' }));
    expect(errorsOf(plan)).toEqual({ actions: [expect.stringContaining('id "a1" more than once')] });
  });

  it('a plan with no actions and a meeting with no invitees', () => {
    expect(errorsOf({ ...sampleEvent('DRAFT_PLAN'), actions: [] })).toEqual({ actions: ['actions needs at least 1 item'] });
    expect(errorsOf({ ...sampleEvent('INVITE_TO_MEETING'), invitees: 'everyone' })).toEqual({
      invitees: ['invitees must be a list, not string'],
    });
  });

  it('days and instants that are not', () => {
    expect(errorsOf({ ...sampleEvent('HOLD_REVIEW'), heldOn: '10/06/2026' })).toEqual({
      heldOn: ['heldOn must be a real day written YYYY-MM-DD (e.g. 2026-03-14)'],
    });
    expect(errorsOf({ ...sampleEvent('HOLD_MEETING'), heldOn: '2026-04-15T10:00:00Z' })).toHaveProperty('heldOn');
    const scheduledFor = (value: string) => errorsOf({ ...sampleEvent('INVITE_TO_MEETING'), scheduledFor: value })['scheduledFor'];
    expect(scheduledFor('2026-04-15')).toEqual(['scheduledFor needs a time and a zone, e.g. 2026-04-15T00:00:00Z']);
    expect(scheduledFor('2026-04-15T10:00:00')).toEqual([
      'scheduledFor has no time zone, so it could mean different instants: add Z (UTC) or an offset such as +01:00, e.g. 2026-04-15T10:00:00Z',
    ]);
    for (const impossible of ['2026-02-30T10:00:00Z', '2026-04-15T25:00:00Z', '2026-04-15T10:00:00+15:00', '0000-01-01T00:00:00Z', 'tomorrow']) {
      expect(scheduledFor(impossible)).toEqual([expect.stringContaining('must be a real date and time with a zone')]);
    }
    expect(parseCaseEvent({ ...sampleEvent('INVITE_TO_MEETING'), scheduledFor: '2026-04-15T09:00Z' }).ok).toBe(true);
  });

  it('a plan version that is not a whole number from 1 to 10,000', () => {
    for (const planVersion of [0, 1.5, '2', 10_001]) {
      expect(errorsOf({ ...sampleEvent('SIGN_OFF_PLAN'), planVersion })).toEqual({
        planVersion: ['planVersion must be a whole number from 1 to 10000'],
      });
    }
  });

  it('booleans given as text', () => {
    const body = sampleEvent('RAISE_CONCERN');
    (body as unknown as Record<string, unknown>)['mandatedReport'] = 'true';
    expect(errorsOf(body)).toEqual({ mandatedReport: ['mandatedReport must be true or false, not string'] });
  });
});

describe('fields required by another field', () => {
  it('reasonText when the closure reason is other', () => {
    expect(errorsOf({ type: 'PROPOSE_CLOSURE', reason: 'other' })).toEqual({
      reasonText: ['reasonText is required when reason is other: say why the case closes'],
    });
    expect(parseCaseEvent({ type: 'PROPOSE_CLOSURE', reason: 'other', reasonText: 'Family moved abroad for work.' }).ok).toBe(true);
  });

  it('reasonParentsNotInformed when parents were not informed', () => {
    const body = { ...sampleEvent('SUBMIT_REPORT'), parentsInformed: false };
    expect(errorsOf(body)).toEqual({ reasonParentsNotInformed: [expect.stringContaining('required when parentsInformed is false')] });
    expect(parseCaseEvent({ ...body, reasonParentsNotInformed: 'Telling the father could put the child at risk.' }).ok).toBe(true);
  });

  it("reasonNotSought when the young person's consent was not given", () => {
    const body = sampleEvent('RECORD_CONSENT');
    body.youngPersonConsent = { given: false };
    expect(errorsOf(body)).toEqual({ 'youngPersonConsent.reasonNotSought': [expect.stringContaining('required when given is false')] });
    body.youngPersonConsent = { given: true };
    expect(parseCaseEvent(body).ok).toBe(true);
  });

  it("youngPersonConsent on a parent/carer's consent, and not on the young person's own", () => {
    const parents = sampleEvent('RECORD_CONSENT');
    delete parents.youngPersonConsent;
    expect(errorsOf(parents)).toEqual({ youngPersonConsent: ['youngPersonConsent is required (an object)'] });
    const own = { ...sampleEvent('RECORD_CONSENT'), givenBy: { name: 'Seán Murphy', hasParentalResponsibility: false, as: 'youngPerson' } };
    expect(errorsOf(own)).toEqual({ youngPersonConsent: [expect.stringContaining("left out of the young person's own consent")] });
    delete (own as { youngPersonConsent?: unknown }).youngPersonConsent;
    expect(parseCaseEvent(own).ok).toBe(true);
  });

  it('an agency either shared with or not: never in doNotShareWith and in shareWithAgencies or planCopyTo', () => {
    const body = sampleEvent('RECORD_CONSENT');
    body.scopes = { ...body.scopes, doNotShareWith: [' public health nursing '], planCopyTo: ['Siobhán Murphy'] };
    expect(errorsOf(body)).toEqual({ 'scopes.doNotShareWith': [expect.stringMatching(/^doNotShareWith names Public Health Nursing, also named in shareWithAgencies or planCopyTo/)] });
    body.scopes = { ...body.scopes, doNotShareWith: ['An Garda Síochána'], planCopyTo: ['An Garda Síochána'] };
    expect(Object.keys(errorsOf(body))).toEqual(['scopes.doNotShareWith']);
    body.scopes = { ...body.scopes, planCopyTo: ['Siobhán Murphy'] };
    expect(parseCaseEvent(body).ok).toBe(true);
  });

  it("an action owner's agency, unless the owner is a family member named by personId", () => {
    const body = sampleEvent('DRAFT_PLAN');
    body.actions = [{ id: 'f1', answers: 'x', what: 'Lay out the uniform', owner: { name: 'Siobhán Murphy' }, status: 'notStarted' }];
    expect(errorsOf(body)).toEqual({ 'actions.0.owner.agency': [expect.stringContaining('a family member who owns an action is named by personId')] });
    body.actions = [{ id: 'f1', answers: 'x', what: 'Lay out the uniform', owner: { name: 'Siobhán Murphy', personId: 'fm-0001' }, status: 'notStarted' }];
    expect(parseCaseEvent(body).ok).toBe(true);
  });

  it("the coordinator's decision after a withdrawal: continue or close, with a reason", () => {
    expect(errorsOf({ type: 'DECIDE_ON_WITHDRAWAL', decision: 'wait' })).toEqual({
      decision: ['decision must be one of continueWithRemainingConsent, closeCase'],
      reason: ['reason is required (text of at most 2000 characters)'],
    });
  });
});
