/**
 * Dates nobody could mean (domain.md "The processes"): the rule each day or date-time of an event,
 * or of a new case, is held to on the organisation's local calendar. Pure: `today` (the local day
 * of the clock's reading) and `openedOn` (the local day the case opened) come from the caller.
 *
 * The bounds and where they come from:
 * - A child is a person under 18 (UN Convention on the Rights of the Child, art. 1; Child Care Act
 *   1991, s. 2); the practice model closes a case as `childTurned18`. So a child's date of birth is
 *   today or in the 18 years before, and never in the future (an expected baby has no case yet).
 * - A family member (a parent, a grandparent, a sibling) is younger than 120: the oldest person
 *   whose age was ever verified lived to 122, and a family supported today has nobody that old.
 * - What happened (consent signed, a meeting or review held, a report made, a contact with the
 *   family) happened today or before (a date-time: not later than now).
 * - A meeting, review or closing meeting of the case is held, a report made and a contact logged
 *   on or after the day the case opened.
 * - What follows something recorded happened on or after the day of what it follows: the support
 *   meeting is held on or after the day it was arranged (the invitations recorded), a review on or
 *   after the day its cycle started (the plan signed off, or the review before decided), the
 *   closing meeting on or after the day closing was proposed, and a report of a concern made on or
 *   after the day the concern was raised. A day before is a typing slip, or something recorded in
 *   the wrong order; the message says which step to record first.
 * - The next review a review meeting sets is after the day that review was held and at most
 *   6 months after it (suggested: reviews are "usually every 6-8 weeks", published; a day further
 *   out is a typing slip). It may have passed when the review is recorded late: the next review is
 *   then overdue at once, as it truly is.
 * - Consent is signed at most a year before the case opened (suggested: consent is given for the
 *   request being made; an older form is asked for again).
 * - A meeting is scheduled on or after the day the case opened, and at most a year ahead; an
 *   action of the plan is due on or after the day the case opened, and at most two years ahead
 *   (suggested: plans are reviewed every 6-8 weeks, so a date further out is a typing slip).
 */
import type { CaseEvent } from '../events';
import { addMonths, addYears, localDay } from '../local-day';

/** Age limits in whole years, and how far ahead a date may be (see the module's comment). */
export const DATE_LIMITS = {
  /** A child is younger than this (years). */
  childAgeYears: 18,
  /** A family member is younger than this (years). */
  personAgeYears: 120,
  /** Consent may be signed this many years before the case opened. */
  consentBeforeOpeningYears: 1,
  /** A meeting may be scheduled this many years ahead. */
  meetingAheadYears: 1,
  /** An action may be due this many years ahead. */
  actionDueAheadYears: 2,
  /** The next review is set at most this many months after the review that sets it. */
  nextReviewAheadMonths: 6,
} as const;

/** The days a date rule is checked against. */
export interface DateContext {
  /** The organisation's local day now (YYYY-MM-DD). */
  today: string;
  /** The local day the case opened (YYYY-MM-DD). */
  openedOn: string;
  /** The organisation's time zone, for date-times and for the messages. */
  timeZone: string;
  /** The clock's reading (UTC instant): a time that has happened is not later than this. */
  now?: Date;
  /** The day the case's current review was held (YYYY-MM-DD), when one was: what RECORD_REVIEW's nextReviewOn comes after. */
  reviewHeldOn?: string | null;
  /** The local day the support meeting was arranged (its invitations recorded), when it was. */
  meetingArrangedOn?: string | null;
  /** The local day the current review cycle started (the plan signed off, or the previous review decided). */
  reviewCycleStartedOn?: string | null;
  /** The local day closing the case was proposed. */
  closureProposedOn?: string | null;
  /** The local day the concern being handled was raised. */
  concernRaisedOn?: string | null;
}

/** `field`'s day is not before `earliest` (the day of what it follows), when that is known. */
function notBeforeWhatItFollows(field: string, day: string, earliest: string | null | undefined, why: string): DateProblem[] {
  return earliest ? notBefore(field, day, earliest, why) : [];
}

/** How far a time that has happened may lie ahead of the clock (a caller's clock running a little fast), in ms. */
export const CLOCK_TOLERANCE_MS = 60_000;

/** One field that breaks a date rule, and the rule in words a person can act on. */
export interface DateProblem {
  field: string;
  problem: string;
}

function notAfterToday(field: string, day: string, today: string, timeZone: string, what: string): DateProblem[] {
  return day > today ? [{ field, problem: `${field} is ${day}, after today (${today} in ${timeZone}): ${what}` }] : [];
}

function notBefore(field: string, day: string, earliest: string, why: string): DateProblem[] {
  return day < earliest ? [{ field, problem: `${field} is ${day}, before ${earliest}: ${why}` }] : [];
}

function notAfter(field: string, day: string, latest: string, why: string): DateProblem[] {
  return day > latest ? [{ field, problem: `${field} is ${day}, after ${latest}: ${why}` }] : [];
}

/**
 * A date of birth a person could have today: not in the future, and younger than the limit of a
 * child (DATE_LIMITS.childAgeYears) or of any family member (DATE_LIMITS.personAgeYears).
 */
export function dateOfBirthProblems(field: string, dateOfBirth: string, who: 'child' | 'familyMember', today: string, timeZone: string): DateProblem[] {
  const years = who === 'child' ? DATE_LIMITS.childAgeYears : DATE_LIMITS.personAgeYears;
  const future = notAfterToday(field, dateOfBirth, today, timeZone, 'a date of birth cannot be in the future');
  if (future.length > 0) return future;
  // Born on this day `years` years ago: `years` old today, so past the limit.
  const bornBy = addYears(today, -years);
  if (dateOfBirth > bornBy) return [];
  const why =
    who === 'child'
      ? `a child is under ${years} (the case closes as childTurned18), so a child's date of birth is after ${bornBy}`
      : `nobody in a family supported today is ${years} or older; check the year`;
  return [{ field, problem: `${field} is ${dateOfBirth}: ${why}` }];
}

/**
 * A date-time of something that has happened: not later than now (CLOCK_TOLERANCE_MS aside), not
 * on a local day after today, not before the day the case opened. `why` says how to put each right.
 */
function pastInstantProblems(field: string, instant: string, { today, openedOn, timeZone, now }: DateContext, why: { notYet: string; beforeOpening: string }): DateProblem[] {
  const day = localDay(new Date(instant), timeZone);
  const later = now !== undefined && Date.parse(instant) > now.getTime() + CLOCK_TOLERANCE_MS;
  return [
    ...(later && day === today ? [{ field, problem: `${field} is ${instant}, later than now (${now.toISOString()}): ${why.notYet}` }] : []),
    ...notAfterToday(field, day, today, timeZone, why.notYet),
    ...notBefore(field, day, openedOn, why.beforeOpening),
  ];
}

/** A held day against the day of what the meeting follows: arranged, the review cycle started, closing proposed. */
function followsProblems(type: 'HOLD_MEETING' | 'HOLD_REVIEW' | 'HOLD_CLOSING_MEETING', heldOn: string, { meetingArrangedOn, reviewCycleStartedOn, closureProposedOn }: DateContext): DateProblem[] {
  switch (type) {
    case 'HOLD_MEETING':
      return notBeforeWhatItFollows('heldOn', heldOn, meetingArrangedOn, 'the day the meeting was arranged (its invitations recorded); a meeting is held on or after it: check the day');
    case 'HOLD_REVIEW':
      return notBeforeWhatItFollows('heldOn', heldOn, reviewCycleStartedOn, 'the day this review cycle started (the plan signed off, or the review before decided); a review is held on or after it: check the day');
    case 'HOLD_CLOSING_MEETING':
      return notBeforeWhatItFollows('heldOn', heldOn, closureProposedOn, 'the day closing the case was proposed; the closing meeting is held on or after it: check the day');
  }
}

/** The date rules of one event's fields (events without dates have none). */
export function eventDateProblems(event: CaseEvent, context: DateContext): DateProblem[] {
  const { today, openedOn, timeZone, now, reviewHeldOn } = context;
  switch (event.type) {
    case 'RECORD_CONSENT': {
      const earliest = addYears(openedOn, -DATE_LIMITS.consentBeforeOpeningYears);
      return [
        ...notAfterToday('signedOn', event.signedOn, today, timeZone, 'record consent once it has been signed, with the day it was signed'),
        ...notBefore('signedOn', event.signedOn, earliest, `consent for this request is signed at most ${DATE_LIMITS.consentBeforeOpeningYears} year before the case opened (${openedOn}); ask the family to sign again`),
      ];
    }
    case 'HOLD_MEETING':
    case 'HOLD_REVIEW':
    case 'HOLD_CLOSING_MEETING': {
      const what = event.type === 'HOLD_MEETING' ? 'meeting' : event.type === 'HOLD_REVIEW' ? 'review' : 'closing meeting';
      return [
        ...notAfterToday('heldOn', event.heldOn, today, timeZone, `record the ${what} once it has been held, with the day it was held`),
        // One reason for a day too early: the case's opening when it is before that, else what it follows.
        ...(event.heldOn < openedOn
          ? notBefore('heldOn', event.heldOn, openedOn, `a ${what} of this case is held on or after the day the case opened`)
          : followsProblems(event.type, event.heldOn, context)),
      ];
    }
    case 'INVITE_TO_MEETING': {
      const day = localDay(new Date(event.scheduledFor), timeZone);
      return [
        ...notBefore('scheduledFor', day, openedOn, 'a meeting of this case takes place on or after the day the case opened'),
        ...notAfter('scheduledFor', day, addYears(today, DATE_LIMITS.meetingAheadYears), `a meeting is scheduled at most ${DATE_LIMITS.meetingAheadYears} year ahead; check the year`),
      ];
    }
    case 'SUBMIT_REPORT':
      return event.reportedAt === undefined
        ? []
        : pastInstantProblems('reportedAt', event.reportedAt, { today, openedOn, timeZone, now }, {
            notYet: 'give the time the report was made, which has passed (or leave it out: now)',
            beforeOpening: 'a report about this case is made on or after the day the case opened',
          }).concat(
            localDay(new Date(event.reportedAt), timeZone) < openedOn
              ? []
              : notBeforeWhatItFollows('reportedAt', localDay(new Date(event.reportedAt), timeZone), context.concernRaisedOn, 'the day the concern was raised; a report of it is made on or after it: check the day, or leave the time out (now)'),
          );
    case 'RECORD_CONTACT':
      return pastInstantProblems('contactedOn', event.contactedOn, { today, openedOn, timeZone, now }, {
        notYet: 'record a contact once it has taken place, with the time it took place',
        beforeOpening: 'the contact log of this case starts on the day the case opened',
      });
    case 'RECORD_REVIEW': {
      // Without a review held the event is refused anyway (not accepted in this state).
      if (event.nextReviewOn === undefined || !reviewHeldOn) return [];
      const months = DATE_LIMITS.nextReviewAheadMonths;
      return [
        ...notAfter('nextReviewOn', event.nextReviewOn, addMonths(reviewHeldOn, months), `the next review is set at most ${months} months after the review held on ${reviewHeldOn} (reviews are usually every 6-8 weeks); check the day`),
        ...(event.nextReviewOn <= reviewHeldOn
          ? [{ field: 'nextReviewOn', problem: `nextReviewOn is ${event.nextReviewOn}, not after ${reviewHeldOn}, the day this review was held: the next review comes after it` }]
          : []),
      ];
    }
    case 'DRAFT_PLAN': {
      const latest = addYears(today, DATE_LIMITS.actionDueAheadYears);
      return event.actions.flatMap((action, index) =>
        action.dueDate === undefined
          ? []
          : [
              ...notBefore(`actions.${index}.dueDate`, action.dueDate, openedOn, 'an action of this case is due on or after the day the case opened'),
              ...notAfter(`actions.${index}.dueDate`, action.dueDate, latest, `an action is due at most ${DATE_LIMITS.actionDueAheadYears} years ahead (plans are reviewed every 6-8 weeks); check the year`),
            ],
      );
    }
    default:
      return [];
  }
}
