/**
 * Stage deadlines (domain.md "The processes"). Each is counted from entering the stage.
 * `basis` says whether the default comes from published practice guidance or is only a
 * suggested default; the product shows which. Organisations override any entry.
 */
export type DeadlineUnit = 'workingDays' | 'calendarDays' | 'weeks' | 'sameDay';

export interface DeadlineRule {
  unit: DeadlineUnit;
  amount: number;
  basis: 'published' | 'suggested';
  /** What a person reads next to the due date. */
  description: string;
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
] as const;
export type DeadlineName = (typeof DEADLINE_NAMES)[number];

export interface DeadlinePolicy {
  deadlines: Record<DeadlineName, DeadlineRule>;
  /** Public holidays (ISO dates, YYYY-MM-DD) skipped when counting working days. */
  holidays: string[];
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
  },
  holidays: [],
};

/** An organisation's overrides on top of the defaults; unknown names are rejected by the caller. */
export interface DeadlinePolicyOverrides {
  deadlines?: Partial<Record<DeadlineName, Partial<DeadlineRule>>>;
  holidays?: string[];
}

export function mergeDeadlinePolicy(base: DeadlinePolicy, overrides: DeadlinePolicyOverrides = {}): DeadlinePolicy {
  const deadlines = { ...base.deadlines };
  for (const name of DEADLINE_NAMES) {
    const o = overrides.deadlines?.[name];
    if (o) deadlines[name] = { ...deadlines[name], ...o };
  }
  return { deadlines, holidays: overrides.holidays ?? base.holidays };
}

const DAY_MS = 24 * 60 * 60 * 1000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isWorkingDay(ms: number, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(ms).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(isoDay(ms));
}

/**
 * The absolute due time of a deadline that starts at `startIso`. Working days skip weekends
 * and the policy's holidays (days are counted in UTC; Ireland is UTC or UTC+1).
 * Pure: the start time is given, never read from a clock.
 */
export function dueAt(rule: DeadlineRule, startIso: string, holidays: readonly string[] = []): Date {
  const start = new Date(startIso).getTime();
  if (Number.isNaN(start)) throw new Error(`dueAt: invalid start time "${startIso}"`);
  switch (rule.unit) {
    case 'calendarDays':
      return new Date(start + rule.amount * DAY_MS);
    case 'weeks':
      return new Date(start + rule.amount * 7 * DAY_MS);
    case 'sameDay': {
      const endOfDay = Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth(), new Date(start).getUTCDate() + 1);
      return new Date(endOfDay + rule.amount * DAY_MS);
    }
    case 'workingDays': {
      const off = new Set(holidays);
      let t = start;
      let left = rule.amount;
      while (left > 0) {
        t += DAY_MS;
        if (isWorkingDay(t, off)) left--;
      }
      return new Date(t);
    }
  }
}

/** Milliseconds from `startIso` until the deadline: the length of the XState delay. */
export function deadlineDelayMs(rule: DeadlineRule, startIso: string, holidays: readonly string[] = []): number {
  return Math.max(0, dueAt(rule, startIso, holidays).getTime() - new Date(startIso).getTime());
}
