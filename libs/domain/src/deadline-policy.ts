/**
 * Stage deadlines (domain.md "The processes"): the policy (how long each stage may take) and
 * how a due date is counted on the organisation's working calendar.
 *
 * `basis` says whether the default comes from published practice guidance or is only a
 * suggested default; the product shows which. Organisations override any entry. The policy is
 * policy, the calendar is fact: a stage keeps the rule it started with (the machine records it),
 * while holidays declared later move the deadlines they fall inside (the engine recounts).
 *
 * Counting (see `dueOn`): every deadline is due at the *end of a local day* of the organisation,
 * i.e. at 00:00 local time of the next day, stored as that instant. The count starts on the local
 * day of the start instant, or on the day a person gave (a meeting's `heldOn`):
 * - `workingDays`: the n-th working day after the start day (not Saturday, Sunday, a public
 *   holiday, a substitute day or a closure day; the start day itself never counts);
 * - `calendarDays`: n days after the start day; `weeks`: 7n days after (on local days, so a week
 *   over a DST change is still a week);
 * - `sameDay`: the start day itself (n days after it, for n > 0), whatever day it is: a concern
 *   raised at 00:30 on a Saturday is reported by the end of that Saturday;
 * - `onDay`: the `day` people agreed (the next review a review meeting set), whatever the start:
 *   never a policy's unit, only a running deadline's (see `agreedDayRule`).
 * Calendar days, weeks, the same day and an agreed day are not moved off a closed day: they are
 * the published wording's own measures (a written report within 3 days), kept as strict as
 * written, or a day people chose.
 */
import { addDays, addWorkingDays, CalendarError, daysBetween, endOfLocalDay, isLocalDay, localDayOf, type LocalDay, type WorkingCalendar } from './calendar';
import { DEFAULT_CONSENT_POLICY, type ConsentPolicy } from './consent-policy';

export type DeadlineUnit = 'workingDays' | 'calendarDays' | 'weeks' | 'sameDay' | 'onDay';

export interface DeadlineRule {
  unit: DeadlineUnit;
  /** How many units; a whole number of at least 0 (0 for `onDay`). */
  amount: number;
  /** Published guidance, a suggested default, or a day the people at a meeting agreed (`onDay`). */
  basis: 'published' | 'suggested' | 'agreed';
  /** What a person reads next to the due date. */
  description: string;
  /** For `onDay`: the local day (YYYY-MM-DD) it is due, at its end. */
  day?: LocalDay;
}

export const DEADLINE_NAMES = [
  'requestRegistration',
  'assessmentCompletion',
  'meetingHeld',
  'minutesDistributed',
  'planSignOff',
  'reviewReminder',
  'reviewOverdue',
  'closureCompletion',
  'concernReported',
  'writtenReportAfterPhone',
  'caseOpenCheck',
  'noContactWithFamily',
  'reviewRecorded',
] as const;
export type DeadlineName = (typeof DEADLINE_NAMES)[number];

/**
 * The organisation's policy the engine writes into every case: the stage deadlines, and the
 * consent rules (`consent-policy.ts`). The consent rules are optional in the type because a
 * snapshot written before they existed carries a policy without them: read them with
 * `consentPolicyOf`, which gives the defaults.
 */
export interface DeadlinePolicy extends Partial<ConsentPolicy> {
  deadlines: Record<DeadlineName, DeadlineRule>;
}

/** True when `name` is one of the policy's deadlines. */
export function isDeadlineName(name: unknown): name is DeadlineName {
  return (DEADLINE_NAMES as readonly unknown[]).includes(name);
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  deadlines: {
    requestRegistration: { unit: 'workingDays', amount: 5, basis: 'suggested', description: 'Request registered by the coordinator' },
    assessmentCompletion: { unit: 'workingDays', amount: 20, basis: 'suggested', description: 'Strengths and needs assessment completed' },
    meetingHeld: { unit: 'workingDays', amount: 15, basis: 'suggested', description: 'Child and Family Support Meeting held' },
    minutesDistributed: { unit: 'workingDays', amount: 10, basis: 'suggested', description: 'Meeting minutes distributed' },
    planSignOff: { unit: 'workingDays', amount: 10, basis: 'suggested', description: 'Action plan signed off by the family' },
    reviewReminder: { unit: 'weeks', amount: 6, basis: 'published', description: 'Review due soon (usually every 6-8 weeks)' },
    reviewOverdue: { unit: 'weeks', amount: 8, basis: 'published', description: 'Review held (usually every 6-8 weeks)' },
    closureCompletion: { unit: 'workingDays', amount: 10, basis: 'suggested', description: 'Closing summary completed' },
    concernReported: { unit: 'sameDay', amount: 0, basis: 'published', description: 'Concern reported to the statutory service the same day' },
    writtenReportAfterPhone: { unit: 'calendarDays', amount: 3, basis: 'published', description: 'Written report within 3 days of an urgent phone report' },
    caseOpenCheck: { unit: 'calendarDays', amount: 365, basis: 'suggested', description: 'Coordinator check of a case open 12 months' },
    noContactWithFamily: { unit: 'weeks', amount: 4, basis: 'suggested', description: 'Contact with the family at least every 4 weeks (else the coordinator is alerted)' },
    // The same figure as the support meeting's minutes (minutesDistributed): a review is a meeting, its record is its minutes.
    reviewRecorded: { unit: 'workingDays', amount: 10, basis: 'suggested', description: 'Review record completed and shared (within 10 working days of the review meeting)' },
  },
  ...DEFAULT_CONSENT_POLICY,
};

/**
 * A deadline due at the end of a day people agreed (`onDay`): the next review a review meeting
 * set, instead of the policy's weeks. Throws CalendarError for a day not written YYYY-MM-DD.
 */
export function agreedDayRule(day: LocalDay, description: string): DeadlineRule {
  if (!isLocalDay(day)) throw new CalendarError(`"${day}" is not a day written YYYY-MM-DD (e.g. 2026-06-15).`);
  return { unit: 'onDay', amount: 0, basis: 'agreed', description, day };
}

/** An organisation's overrides on top of the defaults; unknown names are rejected by the caller. */
export interface DeadlinePolicyOverrides extends Partial<ConsentPolicy> {
  deadlines?: Partial<Record<DeadlineName, Partial<DeadlineRule>>>;
}

/** `base` with an organisation's overrides: each deadline field and each consent rule given replaces the base's. */
export function mergeDeadlinePolicy(base: DeadlinePolicy, overrides: DeadlinePolicyOverrides = {}): DeadlinePolicy {
  const { deadlines: deadlineOverrides, ...consentRules } = overrides;
  const deadlines = { ...base.deadlines };
  for (const name of DEADLINE_NAMES) {
    const o = deadlineOverrides?.[name];
    if (o) deadlines[name] = { ...deadlines[name], ...o };
  }
  const defined = Object.fromEntries(Object.entries(consentRules).filter(([, value]) => value !== undefined));
  return { ...base, ...defined, deadlines };
}

/**
 * The review cycle's deadlines when the last review set the day of the next (RECORD_REVIEW's
 * `nextReviewOn`): overdue at the end of that day instead of after the policy's weeks, and the
 * reminder as many days before it as the policy's reminder comes before its overdue (two weeks by
 * default), but never before the day the cycle counts from (`start`, an instant or a day). Pure;
 * throws CalendarError as `dueOn` does.
 */
export function agreedReviewRules(
  policy: DeadlinePolicy,
  start: string,
  nextReviewOn: LocalDay,
  calendar: WorkingCalendar,
): { reviewReminder: DeadlineRule; reviewOverdue: DeadlineRule } {
  const { reviewReminder, reviewOverdue } = policy.deadlines;
  const lead = Math.max(0, daysBetween(dueOn(reviewReminder, start, calendar), dueOn(reviewOverdue, start, calendar)));
  const startDay = localDayOf(start, calendar.timeZone);
  const reminderDay = addDays(nextReviewOn, -lead);
  return {
    reviewReminder: agreedDayRule(reminderDay > startDay ? reminderDay : startDay, `Review due soon (the last review set the next for ${nextReviewOn})`),
    reviewOverdue: agreedDayRule(nextReviewOn, `Review held on the day the last review set (${nextReviewOn})`),
  };
}

/**
 * The local day a deadline is due (met if done by the end of it): see the module comment for
 * each unit. `start` is an instant with a zone, or a local day a person gave. Pure. Throws
 * CalendarError for an amount that is not a whole number of at least 0, a start that is neither
 * a day nor a zoned instant, an agreed day (`onDay`) that is not a day, or a count that leaves
 * the calendar's window.
 */
export function dueOn(rule: DeadlineRule, start: string, calendar: WorkingCalendar): LocalDay {
  if (!Number.isInteger(rule.amount) || rule.amount < 0) throw new CalendarError(`A deadline's amount must be a whole number of at least 0 (got ${rule.amount}).`);
  const day = localDayOf(start, calendar.timeZone);
  switch (rule.unit) {
    case 'workingDays':
      return addWorkingDays(day, rule.amount, calendar);
    case 'weeks':
      return addDays(day, 7 * rule.amount);
    case 'calendarDays':
    case 'sameDay':
      return addDays(day, rule.amount);
    case 'onDay':
      if (!isLocalDay(rule.day)) throw new CalendarError(`A deadline due on an agreed day needs that day, written YYYY-MM-DD (got ${String(rule.day)}).`);
      return rule.day;
  }
}

/** The instant a deadline is due: the end of its local due day (00:00 local of the next day). */
export function dueAt(rule: DeadlineRule, start: string, calendar: WorkingCalendar): Date {
  return endOfLocalDay(dueOn(rule, start, calendar), calendar.timeZone);
}

/** Milliseconds from the instant `now` until the deadline is due, 0 once it has passed: the length of the XState delay. */
export function deadlineDelayMs(rule: DeadlineRule, start: string, now: string, calendar: WorkingCalendar): number {
  return Math.max(0, dueAt(rule, start, calendar).getTime() - Date.parse(now));
}
