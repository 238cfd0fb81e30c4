import { CalendarError, type WorkingCalendar } from './calendar';
import { consentPolicyOf, DEFAULT_CONSENT_POLICY } from './consent-policy';
import {
  agreedDayRule,
  agreedReviewRules,
  DEADLINE_NAMES,
  deadlineDelayMs,
  DEFAULT_DEADLINE_POLICY,
  dueAt,
  dueOn,
  isDeadlineName,
  mergeDeadlinePolicy,
  type DeadlinePolicy,
  type DeadlineRule,
  type DeadlineUnit,
} from './deadline-policy';

/**
 * Ireland's public holidays 2026-2028 and the substitute days of those on a weekend, checked by
 * hand against the Organisation of Working Time Act 1997 (St Brigid's Day since 2023: the first
 * Monday of February, or 1 February when it is a Friday), Easter (5 April 2026, 28 March 2027,
 * 16 April 2028) and the calendar.
 */
const IRISH_PUBLIC_HOLIDAYS = [
  ['2026-01-01', "New Year's Day"], ['2026-02-02', "St Brigid's Day"], ['2026-03-17', "St Patrick's Day"], ['2026-04-06', 'Easter Monday'],
  ['2026-05-04', 'May'], ['2026-06-01', 'June'], ['2026-08-03', 'August'], ['2026-10-26', 'October'], ['2026-12-25', 'Christmas Day'],
  ['2026-12-26', "St Stephen's Day (a Saturday)"], ['2026-12-28', "St Stephen's Day, substitute"],
  ['2027-01-01', "New Year's Day"], ['2027-02-01', "St Brigid's Day"], ['2027-03-17', "St Patrick's Day"], ['2027-03-29', 'Easter Monday'],
  ['2027-05-03', 'May'], ['2027-06-07', 'June'], ['2027-08-02', 'August'], ['2027-10-25', 'October'], ['2027-12-25', 'Christmas Day (a Saturday)'],
  ['2027-12-26', "St Stephen's Day (a Sunday)"], ['2027-12-27', 'Christmas Day, substitute'], ['2027-12-28', "St Stephen's Day, substitute"],
  ['2028-01-01', "New Year's Day (a Saturday)"], ['2028-01-03', "New Year's Day, substitute"], ['2028-02-07', "St Brigid's Day"], ['2028-03-17', "St Patrick's Day"],
  ['2028-04-17', 'Easter Monday'], ['2028-05-01', 'May'], ['2028-06-05', 'June'], ['2028-08-07', 'August'], ['2028-10-30', 'October'],
  ['2028-12-25', 'Christmas Day'], ['2028-12-26', "St Stephen's Day"],
] as const;

const IRELAND: WorkingCalendar = { timeZone: 'Europe/Dublin', closedDays: IRISH_PUBLIC_HOLIDAYS.map(([day]) => day), from: '2025-01-01', to: '2029-12-31' };
const NO_HOLIDAYS: WorkingCalendar = { ...IRELAND, closedDays: [] };

const rule = (unit: DeadlineUnit, amount: number): DeadlineRule => ({ unit, amount, basis: 'suggested', description: 'test' });
const WORKING = (n: number) => rule('workingDays', n);

describe('the examples of issue 12, each with its right value', () => {
  it('from Friday 29 January 2027, St Brigid\'s Day (Monday 1 February) is skipped', () => {
    expect(dueOn(WORKING(1), '2027-01-29T10:00:00Z', IRELAND)).toBe('2027-02-02');
    expect(dueOn(WORKING(5), '2027-01-29T10:00:00Z', IRELAND)).toBe('2027-02-08');
    expect(dueOn(WORKING(5), '2027-01-29T10:00:00Z', NO_HOLIDAYS)).toBe('2027-02-05');
    expect(dueAt(WORKING(1), '2027-01-29T10:00:00Z', IRELAND).toISOString()).toBe('2027-02-03T00:00:00.000Z');
  });

  it('from Thursday 24 December 2026, Christmas Day, St Stephen\'s Day (a Saturday) and its substitute Monday 28 December are skipped', () => {
    expect(dueOn(WORKING(1), '2026-12-24T09:00:00Z', IRELAND)).toBe('2026-12-29');
    expect(dueOn(WORKING(3), '2026-12-24T09:00:00Z', IRELAND)).toBe('2026-12-31');
    expect(dueOn(WORKING(5), '2026-12-24T09:00:00Z', IRELAND)).toBe('2027-01-05'); // New Year's Day too
  });

  it('SUBMIT_REQUEST at 00:30 Irish summer time on Monday 15 June 2026 counts from Monday: the end of Monday 22 June, not a Saturday', () => {
    const start = '2026-06-14T23:30:00.000Z';
    expect(dueOn(DEFAULT_DEADLINE_POLICY.deadlines.requestRegistration, start, IRELAND)).toBe('2026-06-22');
    expect(dueAt(DEFAULT_DEADLINE_POLICY.deadlines.requestRegistration, start, IRELAND).toISOString()).toBe('2026-06-22T23:00:00.000Z');
  });

  it('a concern raised at 00:30 Irish time on a Saturday is due at the end of that Saturday, not thirty minutes later', () => {
    const sameDay = DEFAULT_DEADLINE_POLICY.deadlines.concernReported;
    expect(dueAt(sameDay, '2026-06-19T23:30:00.000Z', IRELAND).toISOString()).toBe('2026-06-20T23:00:00.000Z');
    expect(dueAt(sameDay, '2026-11-28T00:30:00.000Z', IRELAND).toISOString()).toBe('2026-11-29T00:00:00.000Z');
    expect(deadlineDelayMs(sameDay, '2026-11-28T00:30:00.000Z', '2026-11-28T00:30:00.000Z', IRELAND)).toBe(23.5 * 3600 * 1000);
  });

  it('minutes of a meeting held on 1 October 2026 and recorded on 30 November are overdue at once', () => {
    const minutes = DEFAULT_DEADLINE_POLICY.deadlines.minutesDistributed;
    expect(dueAt(minutes, '2026-10-01', IRELAND).toISOString()).toBe('2026-10-15T23:00:00.000Z');
    expect(deadlineDelayMs(minutes, '2026-10-01', '2026-11-30T10:00:00.000Z', IRELAND)).toBe(0);
  });
});

describe('every Irish public holiday of 2026, 2027 and 2028 is skipped when counting working days', () => {
  const weekdayHolidays = IRISH_PUBLIC_HOLIDAYS.filter(([day]) => ![0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay()));

  it.each(weekdayHolidays)('%s (%s)', (day) => {
    // One working day counted from the day before the holiday is never the holiday itself.
    const before = new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const due = dueOn(WORKING(1), before, IRELAND);
    expect(due > day).toBe(true);
    expect(IRELAND.closedDays).not.toContain(due);
    expect(dueOn(WORKING(1), before, NO_HOLIDAYS)).toBe(day);
  });

  it('a year has as many working days as its weekdays less its weekday holidays', () => {
    const workingDaysIn = (year: number) => {
      let count = 0;
      for (let day = `${year - 1}-12-31`; ; count++) {
        day = dueOn(WORKING(1), day, IRELAND);
        if (!day.startsWith(String(year))) return count;
      }
    };
    // 261, 261 and 260 weekdays (2028 is a leap year starting on a Saturday); ten public and substitute days on weekdays each year.
    expect([2026, 2027, 2028].map(workingDaysIn)).toEqual([251, 251, 250]);
  });
});

describe('units, counted on local days', () => {
  it('both DST changes: a working day or a week over the last Sunday of March or October keeps the local day', () => {
    // Friday 27 March 2026, 00:30 GMT: one working day is Monday 30 March, ending 23:00 UTC (summer time).
    expect(dueAt(WORKING(1), '2026-03-27T00:30:00Z', IRELAND).toISOString()).toBe('2026-03-30T23:00:00.000Z');
    // A week from Monday 23 March 2026, 10:00 GMT: the end of Monday 30 March, not 7 × 24 hours.
    expect(dueAt(rule('weeks', 1), '2026-03-23T10:00:00Z', IRELAND).toISOString()).toBe('2026-03-30T23:00:00.000Z');
    // Friday 23 October 2026, 23:30 summer time: one working day is Monday 26 October... the October holiday: Tuesday 27.
    expect(dueAt(WORKING(1), '2026-10-23T22:30:00Z', IRELAND).toISOString()).toBe('2026-10-28T00:00:00.000Z');
    expect(dueAt(rule('weeks', 1), '2026-10-19T10:00:00Z', IRELAND).toISOString()).toBe('2026-10-27T00:00:00.000Z');
  });

  it('the same day on the days the clocks change: 23 hours on 29 March 2026, 25 hours on 25 October 2026', () => {
    const sameDay = rule('sameDay', 0);
    expect(dueAt(sameDay, '2026-03-29T00:30:00Z', IRELAND).toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(deadlineDelayMs(sameDay, '2026-03-29T00:00:00Z', '2026-03-29T00:00:00Z', IRELAND)).toBe(23 * 3600 * 1000);
    expect(dueAt(sameDay, '2026-10-24T23:30:00Z', IRELAND).toISOString()).toBe('2026-10-26T00:00:00.000Z');
    expect(deadlineDelayMs(sameDay, '2026-10-24T23:00:00Z', '2026-10-24T23:00:00Z', IRELAND)).toBe(25 * 3600 * 1000);
  });

  it('a leap year: 29 February 2028 is a working day, and counts in calendar days and weeks', () => {
    expect(dueOn(WORKING(1), '2028-02-28', IRELAND)).toBe('2028-02-29');
    expect(dueOn(WORKING(3), '2028-02-25T09:00:00Z', IRELAND)).toBe('2028-03-01');
    expect(dueOn(rule('calendarDays', 1), '2028-02-28T09:00:00Z', IRELAND)).toBe('2028-02-29');
    expect(dueOn(rule('calendarDays', 365), '2027-03-01T09:00:00Z', IRELAND)).toBe('2028-02-29');
    expect(dueOn(rule('weeks', 52), '2028-02-29T09:00:00Z', IRELAND)).toBe('2029-02-27');
  });

  it('calendar days and weeks are not moved off a closed day; working days never land on one', () => {
    expect(dueOn(rule('calendarDays', 3), '2026-12-22T09:00:00Z', IRELAND)).toBe('2026-12-25');
    expect(dueOn(rule('weeks', 1), '2026-12-18T09:00:00Z', IRELAND)).toBe('2026-12-25');
    expect(dueOn(WORKING(3), '2026-12-22T09:00:00Z', IRELAND)).toBe('2026-12-29');
  });

  it('3 calendar days from a Friday phone report: the end of Monday', () => {
    expect(dueAt(rule('calendarDays', 3), '2026-11-20T16:40:00+00:00', IRELAND).toISOString()).toBe('2026-11-24T00:00:00.000Z');
  });

  it('the same day, n days on: the end of the local day n days after', () => {
    expect(dueOn(rule('sameDay', 0), '2026-06-20T10:00:00Z', IRELAND)).toBe('2026-06-20');
    expect(dueOn(rule('sameDay', 1), '2026-06-20T10:00:00Z', IRELAND)).toBe('2026-06-21');
    expect(dueOn(rule('weeks', 0), '2026-06-20T10:00:00Z', IRELAND)).toBe('2026-06-20');
    expect(dueOn(rule('calendarDays', 0), '2026-06-20T10:00:00Z', IRELAND)).toBe('2026-06-20');
    expect(dueOn(WORKING(0), '2026-06-20T10:00:00Z', IRELAND)).toBe('2026-06-20');
  });

  it('an amount that is not a whole number of at least 0 is refused for every unit', () => {
    for (const unit of ['workingDays', 'calendarDays', 'weeks', 'sameDay'] as const) {
      expect(() => dueOn(rule(unit, -1), '2026-06-15', IRELAND)).toThrow(new CalendarError("A deadline's amount must be a whole number of at least 0 (got -1)."));
      expect(() => dueOn(rule(unit, 0.5), '2026-06-15', IRELAND)).toThrow(CalendarError);
    }
  });

  it('a count outside the calendar window or from a zone-less time is refused', () => {
    expect(() => dueOn(WORKING(1), '2024-12-31', IRELAND)).not.toThrow(); // the start itself need not be covered
    expect(() => dueOn(WORKING(1), '2029-12-31', IRELAND)).toThrow(/2030-01-01 is outside it/);
    expect(() => dueOn(WORKING(1), '2026-06-15T09:00:00', IRELAND)).toThrow(/instant with a zone/);
  });
});

describe('a day people agreed (onDay): the next review a review meeting set', () => {
  it('is due at the end of that day whatever the start, not moved off a closed day', () => {
    expect(dueAt(agreedDayRule('2026-07-22', 'Next review'), '2026-06-10', IRELAND).toISOString()).toBe('2026-07-22T23:00:00.000Z');
    expect(dueOn(agreedDayRule('2026-12-25', 'Next review'), '2026-11-23T09:00:00Z', IRELAND)).toBe('2026-12-25');
    expect(() => agreedDayRule('22 July', 'Next review')).toThrow(CalendarError);
    expect(() => dueOn({ unit: 'onDay', amount: 0, basis: 'agreed', description: 'x' }, '2026-06-10', IRELAND)).toThrow(/needs that day/);
  });

  it('the review cycle: overdue on the day set, the reminder as long before it as the policy has it (6 and 8 weeks: two weeks), never before the start', () => {
    const rules = agreedReviewRules(DEFAULT_DEADLINE_POLICY, '2026-06-10', '2026-07-22', IRELAND);
    expect(rules.reviewOverdue).toEqual({ unit: 'onDay', amount: 0, basis: 'agreed', day: '2026-07-22', description: 'Review held on the day the last review set (2026-07-22)' });
    expect(rules.reviewReminder.day).toBe('2026-07-08');
    expect(agreedReviewRules(DEFAULT_DEADLINE_POLICY, '2026-06-10T09:00:00Z', '2026-06-17', IRELAND).reviewReminder.day).toBe('2026-06-10');
    const weekAhead = mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, { deadlines: { reviewReminder: { amount: 7 } } });
    expect(agreedReviewRules(weekAhead, '2026-06-10', '2026-07-22', IRELAND).reviewReminder.day).toBe('2026-07-15');
  });
});

describe('the delay is the time left until the due instant', () => {
  const due = Date.parse('2026-06-22T23:00:00.000Z');
  const start = '2026-06-15T09:00:00.000Z';

  it('counts from now, not from the start, and is 0 once the deadline has passed', () => {
    expect(deadlineDelayMs(WORKING(5), start, start, IRELAND)).toBe(due - Date.parse(start));
    expect(deadlineDelayMs(WORKING(5), start, '2026-06-22T22:59:59.999Z', IRELAND)).toBe(1);
    expect(deadlineDelayMs(WORKING(5), start, '2026-06-22T23:00:00.000Z', IRELAND)).toBe(0);
    expect(deadlineDelayMs(WORKING(5), start, '2026-07-01T00:00:00.000Z', IRELAND)).toBe(0);
  });
});

describe('the deadline policy', () => {
  it('the defaults of domain.md: published where guidance says so, suggested elsewhere', () => {
    const table = Object.fromEntries(DEADLINE_NAMES.map((name) => [name, [DEFAULT_DEADLINE_POLICY.deadlines[name].unit, DEFAULT_DEADLINE_POLICY.deadlines[name].amount, DEFAULT_DEADLINE_POLICY.deadlines[name].basis]]));
    expect(table).toEqual({
      requestRegistration: ['workingDays', 5, 'suggested'],
      assessmentCompletion: ['workingDays', 20, 'suggested'],
      meetingHeld: ['workingDays', 15, 'suggested'],
      minutesDistributed: ['workingDays', 10, 'suggested'],
      planSignOff: ['workingDays', 10, 'suggested'],
      reviewReminder: ['weeks', 6, 'published'],
      reviewOverdue: ['weeks', 8, 'published'],
      closureCompletion: ['workingDays', 10, 'suggested'],
      concernReported: ['sameDay', 0, 'published'],
      writtenReportAfterPhone: ['calendarDays', 3, 'published'],
      caseOpenCheck: ['calendarDays', 365, 'suggested'],
      noContactWithFamily: ['weeks', 4, 'suggested'],
      // The review record as the support meeting's minutes: within 10 working days of the meeting.
      reviewRecorded: ['workingDays', 10, 'suggested'],
    });
    expect(DEFAULT_DEADLINE_POLICY.deadlines.reviewRecorded.amount).toBe(DEFAULT_DEADLINE_POLICY.deadlines.minutesDistributed.amount);
    for (const name of DEADLINE_NAMES) expect(DEFAULT_DEADLINE_POLICY.deadlines[name].description).toMatch(/^[A-Z]\w+( \S+){2,}/);
    expect(Object.keys(DEFAULT_DEADLINE_POLICY)).toEqual(['deadlines', 'consentWithdrawal', 'planSignOff', 'youngPersonConsentAge']);
  });

  it("the consent rules default to: processing stops and the coordinator decides; every consenting parent and the young person of 16 sign", () => {
    expect(DEFAULT_DEADLINE_POLICY).toEqual(expect.objectContaining({ consentWithdrawal: 'stopAndCoordinatorDecides', planSignOff: 'everyConsentingParentAndYoungPerson', youngPersonConsentAge: 16 }));
    const merged = mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, { consentWithdrawal: 'closeCase', planSignOff: 'anyParent' });
    expect(merged).toEqual({ ...DEFAULT_DEADLINE_POLICY, consentWithdrawal: 'closeCase', planSignOff: 'anyParent' });
    // A policy of an earlier release (deadlines only) reads as the defaults.
    expect(consentPolicyOf({ deadlines: DEFAULT_DEADLINE_POLICY.deadlines } as DeadlinePolicy)).toEqual(DEFAULT_CONSENT_POLICY);
  });

  it('an organisation overrides some fields of some deadlines; the rest stay, and the defaults are not changed', () => {
    const merged = mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, { deadlines: { requestRegistration: { amount: 3 }, concernReported: { unit: 'workingDays', description: 'Reported within a working day' } } });
    expect(merged.deadlines.requestRegistration).toEqual({ ...DEFAULT_DEADLINE_POLICY.deadlines.requestRegistration, amount: 3 });
    expect(merged.deadlines.concernReported).toEqual({ unit: 'workingDays', amount: 0, basis: 'published', description: 'Reported within a working day' });
    expect(merged.deadlines.meetingHeld).toBe(DEFAULT_DEADLINE_POLICY.deadlines.meetingHeld);
    expect(DEFAULT_DEADLINE_POLICY.deadlines.requestRegistration.amount).toBe(5);
    expect(mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY)).toEqual(DEFAULT_DEADLINE_POLICY);
    expect(mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, {})).not.toBe(DEFAULT_DEADLINE_POLICY);
  });

  it('knows its deadline names', () => {
    expect(DEADLINE_NAMES.every(isDeadlineName)).toBe(true);
    expect(isDeadlineName('lunch')).toBe(false);
    expect(isDeadlineName(undefined)).toBe(false);
  });
});
