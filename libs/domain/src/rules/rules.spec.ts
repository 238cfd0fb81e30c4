import { assessmentHasNeeds } from './assessment.rules';
import { closureReasonExplained } from './closure.rules';
import { parentsInformedOrReasonGiven, reportersNamed } from './escalation.rules';
import { everyInviteeApprovedByFamily } from './meeting.rules';
import { everyActionHasOwnerAndDueDate, planChangedSinceSignOff, signOffNamesCurrentPlanVersion } from './plan.rules';
import { requestDetailsRecorded } from './request.rules';
import { allOf, fail, isBlank, OK } from './rule-result';
import { childsViewRecorded } from './voice.rules';

const reason = (r: { ok: boolean; reason?: string }) => (r.ok ? undefined : r.reason);

describe('everyInviteeApprovedByFamily', () => {
  it('holds when the family approved everyone invited', () => {
    expect(everyInviteeApprovedByFamily([{ name: 'Gran', approvedByFamily: true }]).ok).toBe(true);
  });
  it('names the people the family has not approved, and refuses an empty invitation', () => {
    expect(reason(everyInviteeApprovedByFamily([{ name: 'Uncle B', approvedByFamily: false }, { name: 'Gran', approvedByFamily: true }]))).toMatch(/not approved Uncle B/);
    expect(reason(everyInviteeApprovedByFamily([]))).toMatch(/Nobody is invited/);
  });
  it('an invitation with no invitee list at all is refused like an empty one, saying how to invite', () => {
    expect(reason(everyInviteeApprovedByFamily(undefined))).toBe(
      'Nobody is invited: add the people the family agreed to, then send the invitation (INVITE_TO_MEETING).',
    );
  });
  it('one person not approved is "this person"; several are listed, comma-separated, as "these people"', () => {
    expect(reason(everyInviteeApprovedByFamily([{ name: 'Uncle B', approvedByFamily: false }]))).toBe(
      'The family has not approved Uncle B: ask the family whether they agree to this person coming, or remove them from the invitation.',
    );
    expect(
      reason(
        everyInviteeApprovedByFamily([
          { name: 'Uncle B', approvedByFamily: false },
          { name: 'Gran', approvedByFamily: true },
          { name: 'Cousin C', approvedByFamily: false },
        ]),
      ),
    ).toBe('The family has not approved Uncle B, Cousin C: ask the family whether they agree to these people coming, or remove them from the invitation.');
  });
});

describe('childsViewRecorded', () => {
  it.each(['assessment', 'plan', 'review', 'closure'] as const)('at %s: the words or the reason they could not be recorded', (moment) => {
    expect(childsViewRecorded({ words: 'I like school' }, moment).ok).toBe(true);
    expect(childsViewRecorded({ reasonNotRecorded: 'Aged 2: not yet verbal.' }, moment).ok).toBe(true);
    expect(reason(childsViewRecorded({ words: '' }, moment))).toMatch(/child's views are not recorded/);
    expect(reason(childsViewRecorded(null, moment))).toMatch(/own words/);
  });
  it.each([
    ['assessment', 'in the assessment (RECORD_ASSESSMENT)'],
    ['plan', 'in the action plan (DRAFT_PLAN)'],
    ['review', 'in the review record (RECORD_REVIEW)'],
    ['closure', 'in the closure feedback (RECORD_CLOSURE_FEEDBACK)'],
  ] as const)('at %s, the reason says where to write the child\'s views: %s', (moment, where) => {
    expect(reason(childsViewRecorded(undefined, moment))).toBe(
      `The child's views are not recorded: write them in the child's own words ${where}, or the reason they could not be recorded (age, capacity).`,
    );
  });
  it('blank words, or a blank reason they could not be recorded, are not the child\'s views', () => {
    expect(reason(childsViewRecorded({ words: '   ' }, 'review'))).toMatch(/^The child's views are not recorded/);
    expect(reason(childsViewRecorded({ reasonNotRecorded: ' ' }, 'review'))).toMatch(/^The child's views are not recorded/);
  });
});

describe('assessmentHasNeeds', () => {
  const record = {
    strengths: [],
    needs: [{ side: 'myWiderWorld' as const, description: 'Friends outside school' }],
    desiredOutcomes: ['Joins a club'],
    views: { child: { words: 'ok' }, parents: { words: 'ok' }, practitioner: 'ok' },
  };
  it('holds when a need and a desired outcome are named', () => {
    expect(assessmentHasNeeds(record).ok).toBe(true);
  });
  it('fails without an assessment, without needs, or without desired outcomes', () => {
    expect(reason(assessmentHasNeeds(null))).toMatch(/not recorded yet/);
    expect(reason(assessmentHasNeeds({ ...record, needs: [] }))).toMatch(/names no needs/);
    expect(reason(assessmentHasNeeds({ ...record, desiredOutcomes: [] }))).toMatch(/no desired outcome/);
  });
  it('a need or desired outcome left blank, or not given at all, is not named', () => {
    expect(reason(assessmentHasNeeds({ ...record, needs: [{ side: 'myWiderWorld', description: '  ' }] }))).toBe(
      "The assessment names no needs: record at least one need on one of the three sides of the child's world before completing it.",
    );
    expect(reason(assessmentHasNeeds({ ...record, needs: undefined as never }))).toMatch(/^The assessment names no needs/);
    expect(reason(assessmentHasNeeds({ ...record, desiredOutcomes: [' '] }))).toBe(
      'The assessment names no desired outcome: record what the family want to change before completing it.',
    );
    expect(reason(assessmentHasNeeds({ ...record, desiredOutcomes: undefined as never }))).toMatch(/^The assessment names no desired outcome/);
    expect(reason(assessmentHasNeeds(undefined))).toBe('The strengths and needs assessment is not recorded yet: record it (RECORD_ASSESSMENT) before completing it.');
  });
  it('says both at once when neither a need nor a desired outcome is named', () => {
    expect(reason(assessmentHasNeeds({ ...record, needs: [], desiredOutcomes: [] }))).toBe(
      "The assessment names no needs: record at least one need on one of the three sides of the child's world before completing it. The assessment names no desired outcome: record what the family want to change before completing it.",
    );
  });
  it('one need among blank ones is enough', () => {
    expect(assessmentHasNeeds({ ...record, needs: [{ side: 'myWiderWorld', description: '' }, ...record.needs], desiredOutcomes: ['', 'Joins a club'] }).ok).toBe(true);
  });
});

describe('everyActionHasOwnerAndDueDate', () => {
  const action = { id: 'a1', answers: 'n', what: 'Walk to school', status: 'notStarted' as const, owner: { name: 'Ann', agency: 'FRC' }, dueDate: '2027-01-01' };
  it('holds when there is at least one action and each has an owner and a due date', () => {
    expect(everyActionHasOwnerAndDueDate([action]).ok).toBe(true);
  });
  it('fails with no actions, an action without owner or agency, or without due date', () => {
    expect(reason(everyActionHasOwnerAndDueDate([]))).toMatch(/no actions/);
    expect(reason(everyActionHasOwnerAndDueDate([{ ...action, owner: undefined }]))).toMatch(/"Walk to school" has no owner/);
    expect(reason(everyActionHasOwnerAndDueDate([{ ...action, owner: { name: 'Ann', agency: '' } }]))).toMatch(/no owner/);
    expect(reason(everyActionHasOwnerAndDueDate([{ ...action, dueDate: undefined }]))).toMatch(/no due date/);
  });
});

describe('signOffNamesCurrentPlanVersion / planChangedSinceSignOff', () => {
  it('the sign-off must name the current version', () => {
    expect(signOffNamesCurrentPlanVersion(3, 3).ok).toBe(true);
    expect(reason(signOffNamesCurrentPlanVersion(2, 3))).toMatch(/names version 2 .* current version is 3/);
    expect(reason(signOffNamesCurrentPlanVersion(0, 0))).toMatch(/no drafted plan/);
  });
  it('a version already signed is not sent again: a changed plan is a new version', () => {
    expect(planChangedSinceSignOff(2, [1]).ok).toBe(true);
    expect(reason(planChangedSinceSignOff(1, [1]))).toMatch(/already signed off/);
  });
});

describe('closureReasonExplained', () => {
  it('needs a reason; other needs words; needsMet needs a recorded review', () => {
    expect(reason(closureReasonExplained(null, 0))).toMatch(/No reason for closing/);
    expect(reason(closureReasonExplained({ reason: 'other' }, 1))).toMatch(/not explained/);
    expect(closureReasonExplained({ reason: 'other', reasonText: 'Moved to Cork' }, 0).ok).toBe(true);
    expect(reason(closureReasonExplained({ reason: 'needsMet' }, 0))).toMatch(/after a review/);
    expect(closureReasonExplained({ reason: 'needsMet' }, 1).ok).toBe(true);
    expect(closureReasonExplained({ reason: 'familyDisengaged' }, 0).ok).toBe(true);
  });
});

describe('parentsInformedOrReasonGiven', () => {
  it('parents told, or the reason telling them would endanger the child', () => {
    expect(parentsInformedOrReasonGiven({ parentsInformed: true }).ok).toBe(true);
    expect(parentsInformedOrReasonGiven({ parentsInformed: false, reasonParentsNotInformed: 'Risk to the child.' }).ok).toBe(true);
    expect(reason(parentsInformedOrReasonGiven({ parentsInformed: false }))).toMatch(/whether the parents were told/);
  });
  it('no report at all, or a blank reason, does not say whether the parents were told', () => {
    const expected =
      'The report does not say whether the parents were told: record that they were informed, or why telling them would endanger the child (reasonParentsNotInformed).';
    expect(reason(parentsInformedOrReasonGiven(null))).toBe(expected);
    expect(reason(parentsInformedOrReasonGiven(undefined))).toBe(expected);
    expect(reason(parentsInformedOrReasonGiven({ parentsInformed: false, reasonParentsNotInformed: '  ' }))).toBe(expected);
  });
});

describe('requestDetailsRecorded', () => {
  it('the request says why support is needed', () => {
    expect(requestDetailsRecorded('Attendance').ok).toBe(true);
    expect(reason(requestDetailsRecorded(' '))).toMatch(/RECORD_REQUEST_DETAILS/);
  });
  it('a reason never given (null or missing) is no reason', () => {
    const expected = 'The request does not say why support is needed: record the reason for the request (RECORD_REQUEST_DETAILS) before asking for consent.';
    expect(reason(requestDetailsRecorded(null))).toBe(expected);
    expect(reason(requestDetailsRecorded(undefined))).toBe(expected);
  });
});

describe('isBlank', () => {
  it('nothing, or only spaces, is blank; any word is not', () => {
    expect([undefined, null, '', ' \t\n'].map(isBlank)).toEqual([true, true, true, true]);
    expect(isBlank(' x ')).toBe(false);
  });
});

describe('allOf', () => {
  it('returns every failure at once, in order, or OK', () => {
    expect(allOf(OK, OK)).toEqual(OK);
    expect(allOf()).toEqual(OK);
    expect(allOf(OK, fail('a'), fail('b'))).toEqual({ ok: false, reason: 'a b' });
    expect(allOf(fail('a'), OK)).toEqual({ ok: false, reason: 'a' });
  });
});

describe('reportersNamed (Children First Act 2015, s. 14(3): a report may be made jointly with another person)', () => {
  it('a report made alone names no other reporter; a joint report names the other one', () => {
    expect(reportersNamed({ jointReport: false }, 'u-lp-0001').ok).toBe(true);
    expect(reportersNamed({ jointReport: true, jointReporter: { name: 'Patrick Ryan', personId: 'u-dlp-0001' } }, 'u-lp-0001').ok).toBe(true);
    expect(reportersNamed({ jointReport: true, jointReporter: { name: 'Garda Seán Óg' } }, 'u-lp-0001').ok).toBe(true);
    // No signed-in reporter known (a machine on its own): the other reporter is still named.
    expect(reportersNamed({ jointReport: true, jointReporter: { name: 'Garda Seán Óg' } }, null).ok).toBe(true);
  });
  it('refuses a joint report without the other reporter, another reporter on a report made alone, and oneself as the other', () => {
    expect(reason(reportersNamed({ jointReport: true }, 'u-lp-0001'))).toMatch(/^A joint report names the other person who made it/);
    expect(reason(reportersNamed({ jointReport: true, jointReporter: { name: ' ' } }, 'u-lp-0001'))).toMatch(/^A joint report names the other person/);
    expect(reason(reportersNamed({ jointReport: false, jointReporter: { name: 'Patrick Ryan' } }, 'u-lp-0001'))).toMatch(/^jointReporter names someone, but jointReport is not true/);
    expect(reason(reportersNamed({ jointReport: true, jointReporter: { name: 'Aoife Byrne', personId: 'u-lp-0001' } }, 'u-lp-0001'))).toMatch(/^The joint reporter named is you/);
  });
});
