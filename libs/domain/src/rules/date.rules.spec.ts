import type { CaseEvent } from '../events';
import { dateOfBirthProblems, eventDateProblems, type DateContext } from './date.rules';

const context: DateContext = { today: '2026-03-02', openedOn: '2026-02-20', timeZone: 'Europe/Dublin' };
const fieldsOf = (event: CaseEvent, ctx: DateContext = context) => eventDateProblems(event, ctx).map((p) => p.field);

describe('a date of birth a person could have', () => {
  const child = (day: string) => dateOfBirthProblems('child.dateOfBirth', day, 'child', '2026-03-02', 'Europe/Dublin');
  const member = (day: string) => dateOfBirthProblems('familyMembers.0.dateOfBirth', day, 'familyMember', '2026-03-02', 'Europe/Dublin');

  it('a child was born today or in the 18 years before: a child is under 18', () => {
    expect(child('2026-03-02')).toEqual([]);
    expect(child('2008-03-03')).toEqual([]);
    expect(child('2008-03-02')).toEqual([
      { field: 'child.dateOfBirth', problem: 'child.dateOfBirth is 2008-03-02: a child is under 18 (the case closes as childTurned18), so a child\'s date of birth is after 2008-03-02' },
    ]);
    expect(child('1896-03-02')).toHaveLength(1);
  });

  it('nobody is born in the future', () => {
    expect(child('2026-03-03')).toEqual([{ field: 'child.dateOfBirth', problem: 'child.dateOfBirth is 2026-03-03, after today (2026-03-02 in Europe/Dublin): a date of birth cannot be in the future' }]);
    expect(member('2999-01-01')).toHaveLength(1);
  });

  it('a family member is younger than 120', () => {
    expect(member('1950-06-01')).toEqual([]);
    expect(member('1906-03-03')).toEqual([]);
    expect(member('1906-03-02')).toEqual([{ field: 'familyMembers.0.dateOfBirth', problem: 'familyMembers.0.dateOfBirth is 1906-03-02: nobody in a family supported today is 120 or older; check the year' }]);
  });
});

describe('dates of events', () => {
  it('consent is signed today or before, at most a year before the case opened', () => {
    const consent = (signedOn: string) => ({ type: 'RECORD_CONSENT', signedOn }) as CaseEvent;
    expect(fieldsOf(consent('2026-03-02'))).toEqual([]);
    expect(fieldsOf(consent('2025-02-20'))).toEqual([]);
    expect(eventDateProblems(consent('2999-01-01'), context)).toEqual([
      { field: 'signedOn', problem: 'signedOn is 2999-01-01, after today (2026-03-02 in Europe/Dublin): record consent once it has been signed, with the day it was signed' },
    ]);
    expect(eventDateProblems(consent('2025-02-19'), context)[0]?.problem).toBe(
      'signedOn is 2025-02-19, before 2025-02-20: consent for this request is signed at most 1 year before the case opened (2026-02-20); ask the family to sign again',
    );
  });

  it('a meeting, review or closing meeting is held today or before, and not before the case opened', () => {
    const WHAT = { HOLD_MEETING: 'meeting', HOLD_REVIEW: 'review', HOLD_CLOSING_MEETING: 'closing meeting' } as const;
    for (const type of ['HOLD_MEETING', 'HOLD_REVIEW', 'HOLD_CLOSING_MEETING'] as const) {
      const held = (heldOn: string) => ({ type, heldOn }) as CaseEvent;
      expect(fieldsOf(held('2026-02-20'))).toEqual([]);
      expect(fieldsOf(held('2026-03-02'))).toEqual([]);
      expect(eventDateProblems(held('2099-01-01'), context)).toEqual([
        { field: 'heldOn', problem: `heldOn is 2099-01-01, after today (2026-03-02 in Europe/Dublin): record the ${WHAT[type]} once it has been held, with the day it was held` },
      ]);
      expect(eventDateProblems(held('2026-02-19'), context)).toEqual([
        { field: 'heldOn', problem: `heldOn is 2026-02-19, before 2026-02-20: a ${WHAT[type]} of this case is held on or after the day the case opened` },
      ]);
    }
  });

  it('a meeting is held not before what it follows (arranged, the review cycle started, closing proposed); one reason for a day too early', () => {
    const follows = { ...context, meetingArrangedOn: '2026-02-25', reviewCycleStartedOn: '2026-02-26', closureProposedOn: '2026-02-27' };
    const earliest = { HOLD_MEETING: '2026-02-25', HOLD_REVIEW: '2026-02-26', HOLD_CLOSING_MEETING: '2026-02-27' } as const;
    for (const type of ['HOLD_MEETING', 'HOLD_REVIEW', 'HOLD_CLOSING_MEETING'] as const) {
      const held = (heldOn: string) => ({ type, heldOn }) as CaseEvent;
      expect(fieldsOf(held(earliest[type]), follows)).toEqual([]);
      expect(eventDateProblems(held('2026-02-24'), follows)[0]?.problem).toMatch(new RegExp(`^heldOn is 2026-02-24, before ${earliest[type]}: the day `));
      // Before the case opened too: that reason alone.
      expect(eventDateProblems(held('2026-02-19'), follows).map((p) => p.problem)).toEqual([expect.stringMatching(/held on or after the day the case opened$/)]);
      // Not known (a case from before it was kept): only the other rules.
      expect(fieldsOf(held('2026-02-21'))).toEqual([]);
    }
    expect(eventDateProblems({ type: 'HOLD_MEETING', heldOn: '2026-02-24' } as CaseEvent, follows)[0]?.problem).toBe(
      'heldOn is 2026-02-24, before 2026-02-25: the day the meeting was arranged (its invitations recorded); a meeting is held on or after it: check the day',
    );
  });

  it('a report of a concern is made not before the day the concern was raised', () => {
    const raised = { ...context, concernRaisedOn: '2026-02-27', now: new Date('2026-03-02T09:15:00Z') };
    const report = (reportedAt: string) => ({ type: 'SUBMIT_REPORT', method: 'phone', reportedAt }) as CaseEvent;
    expect(fieldsOf(report('2026-02-27T08:00:00Z'), raised)).toEqual([]);
    expect(eventDateProblems(report('2026-02-26T17:00:00Z'), raised).map((p) => p.problem)).toEqual([
      'reportedAt is 2026-02-26, before 2026-02-27: the day the concern was raised; a report of it is made on or after it: check the day, or leave the time out (now)',
    ]);
  });

  it('a meeting is scheduled from the day the case opened to a year ahead, on the local calendar', () => {
    const invite = (scheduledFor: string) => ({ type: 'INVITE_TO_MEETING', scheduledFor }) as CaseEvent;
    expect(fieldsOf(invite('2026-04-15T10:00:00+01:00'))).toEqual([]);
    // 23:30 UTC on 19 Feb is 19 Feb in Dublin (winter): before the case opened. 23:30 UTC on 19 Jun is 20 Jun in Dublin.
    expect(fieldsOf(invite('2026-02-19T23:30:00Z'))).toEqual(['scheduledFor']);
    expect(fieldsOf(invite('2027-03-02T22:59:00Z'))).toEqual([]);
    expect(fieldsOf(invite('2027-03-03T09:00:00Z'))).toEqual(['scheduledFor']);
    expect(fieldsOf(invite('2027-03-02T23:30:00Z'), { ...context, timeZone: 'Asia/Tokyo' })).toEqual(['scheduledFor']);
    expect(eventDateProblems(invite('2026-02-19T23:30:00Z'), context)).toEqual([
      { field: 'scheduledFor', problem: 'scheduledFor is 2026-02-19, before 2026-02-20: a meeting of this case takes place on or after the day the case opened' },
    ]);
    expect(eventDateProblems(invite('2027-03-03T09:00:00Z'), context)).toEqual([
      { field: 'scheduledFor', problem: 'scheduledFor is 2027-03-03, after 2027-03-02: a meeting is scheduled at most 1 year ahead; check the year' },
    ]);
  });

  it('each action of a plan is due from the day the case opened to two years ahead', () => {
    const plan = { type: 'DRAFT_PLAN', actions: [{ dueDate: '2026-05-29' }, {}, { dueDate: '2026-02-01' }, { dueDate: '2099-12-31' }, { dueDate: '2028-03-02' }] } as CaseEvent;
    expect(fieldsOf(plan)).toEqual(['actions.2.dueDate', 'actions.3.dueDate']);
    expect(eventDateProblems(plan, context)).toEqual([
      { field: 'actions.2.dueDate', problem: 'actions.2.dueDate is 2026-02-01, before 2026-02-20: an action of this case is due on or after the day the case opened' },
      { field: 'actions.3.dueDate', problem: 'actions.3.dueDate is 2099-12-31, after 2028-03-02: an action is due at most 2 years ahead (plans are reviewed every 6-8 weeks); check the year' },
    ]);
    expect(eventDateProblems({ type: 'DRAFT_PLAN', actions: [] } as unknown as CaseEvent, context)).toEqual([]);
  });

  it('a phone report was made at a time that has passed, and not before the case opened', () => {
    const report = (reportedAt?: string) => ({ type: 'SUBMIT_REPORT', ...(reportedAt ? { reportedAt } : {}) }) as CaseEvent;
    expect(eventDateProblems(report(), context)).toEqual([]);
    expect(fieldsOf(report('2026-03-02T08:00:00Z'))).toEqual([]);
    expect(eventDateProblems(report('2026-03-03T09:00:00Z'), context)[0]?.problem).toMatch(/^reportedAt is 2026-03-03, after today \(2026-03-02 in Europe\/Dublin\)/);
    expect(eventDateProblems(report('2026-02-19T12:00:00Z'), context)[0]?.problem).toBe('reportedAt is 2026-02-19, before 2026-02-20: a report about this case is made on or after the day the case opened');
    // Later today than the clock reads: not yet happened (a minute of a fast clock aside).
    const at = { ...context, now: new Date('2026-03-02T09:15:00Z') };
    expect(fieldsOf(report('2026-03-02T09:16:00Z'), at)).toEqual([]);
    expect(eventDateProblems(report('2026-03-02T23:59:00Z'), at)[0]?.problem).toBe(
      'reportedAt is 2026-03-02T23:59:00Z, later than now (2026-03-02T09:15:00.000Z): give the time the report was made, which has passed (or leave it out: now)',
    );
  });

  it('a contact with the family is logged once it has taken place, and not before the case opened', () => {
    const contact = (contactedOn: string) => ({ type: 'RECORD_CONTACT', contactedOn, method: 'homeVisit', with: [], note: 'Visit' }) as CaseEvent;
    expect(fieldsOf(contact('2026-03-02T08:00:00Z'))).toEqual([]);
    expect(fieldsOf(contact('2026-02-20T10:00:00+01:00'))).toEqual([]);
    expect(eventDateProblems(contact('2026-03-03T09:00:00Z'), context)[0]?.problem).toMatch(/^contactedOn is 2026-03-03, after today \(2026-03-02 in Europe\/Dublin\): record a contact once it has taken place/);
    expect(eventDateProblems(contact('2026-02-19T12:00:00Z'), context)[0]?.problem).toBe('contactedOn is 2026-02-19, before 2026-02-20: the contact log of this case starts on the day the case opened');
    const at = { ...context, now: new Date('2026-03-02T09:15:00Z') };
    // On a later day it is said once: after today.
    expect(eventDateProblems(contact('2026-03-04T09:00:00Z'), at)).toEqual([
      { field: 'contactedOn', problem: expect.stringMatching(/^contactedOn is 2026-03-04, after today/) },
    ]);
    expect(eventDateProblems(contact('2026-03-02T18:00:00Z'), at)[0]?.problem).toBe(
      'contactedOn is 2026-03-02T18:00:00Z, later than now (2026-03-02T09:15:00.000Z): record a contact once it has taken place, with the time it took place',
    );
  });

  it('the next review a review sets is after the day it was held, and at most 6 months after it', () => {
    const record = (nextReviewOn?: string) => ({ type: 'RECORD_REVIEW', ...(nextReviewOn ? { nextReviewOn } : {}) }) as CaseEvent;
    const held = { ...context, reviewHeldOn: '2026-02-25' };
    expect(fieldsOf(record(), held)).toEqual([]);
    // No review held to count from (the event is refused as not accepted then): no date rule.
    expect(eventDateProblems(record('2099-01-01'), context)).toEqual([]);
    expect(fieldsOf(record('2026-04-08'), held)).toEqual([]);
    expect(fieldsOf(record('2026-08-25'), held)).toEqual([]);
    // Set when recorded late: a day already past is what the meeting set; the next review is overdue at once.
    expect(fieldsOf(record('2026-02-26'), held)).toEqual([]);
    expect(eventDateProblems(record('2026-02-25'), held)).toEqual([
      { field: 'nextReviewOn', problem: 'nextReviewOn is 2026-02-25, not after 2026-02-25, the day this review was held: the next review comes after it' },
    ]);
    expect(eventDateProblems(record('2026-08-26'), held)).toEqual([
      { field: 'nextReviewOn', problem: 'nextReviewOn is 2026-08-26, after 2026-08-25: the next review is set at most 6 months after the review held on 2026-02-25 (reviews are usually every 6-8 weeks); check the day' },
    ]);
  });

  it('events without dates have no date rules', () => {
    expect(fieldsOf({ type: 'SUBMIT_REQUEST' })).toEqual([]);
  });
});
