/**
 * The rules of the practice model that need the case, applied to what the API receives: the date
 * rules (libs/domain date.rules: a date of birth a person could have, what happened not in the
 * future, a meeting not before its case opened nor before what it follows, the next review after
 * the review that set it) and
 * the case's outcome framework (libs/domain framework.rules: every rating on an outcome of the
 * framework the case started with, on its scale; strengths and needs on its sides). "Today" is the
 * app clock's reading on the organisation's local calendar. A broken rule answers 400
 * VALIDATION_FAILED naming the field, like any other invalid field.
 */
import { dateOfBirthProblems, eventDateProblems, eventFrameworkProblems, localDay, type CaseEvent, type DateProblem } from '@tacu/domain';
import { frameworkOf, type CaseContext } from '@tacu/workflows';
import type { CaseEventCheckRow } from '@tacu/engine';
import { ValidationFailed } from '../errors/validation-failed';
import type { OpenCaseInput } from './open-case.dto';
import { recordOf } from './cases.dto';

/** Throws 400 VALIDATION_FAILED with the problems by field; nothing when there are none. */
export function refuse(problems: DateProblem[]): void {
  if (problems.length === 0) return;
  const byField = new Map<string, string[]>();
  for (const { field, problem } of problems) byField.set(field, [...(byField.get(field) ?? []), problem]);
  throw new ValidationFailed([...byField].map(([field, list]) => ({ field, problems: list })));
}

/** Dates of birth of the child and the family members of a new case, on the local days of `timeZone` (its organisation's); throws ValidationFailed. */
export function checkOpenCaseDates(input: OpenCaseInput, now: Date, timeZone: string): void {
  const today = localDay(now, timeZone);
  refuse([
    ...(input.child ? dateOfBirthProblems('child.dateOfBirth', input.child.dateOfBirth, 'child', today, timeZone) : []),
    ...input.familyMembers.flatMap((member, index) =>
      member.dateOfBirth === undefined ? [] : dateOfBirthProblems(`familyMembers.${index}.dateOfBirth`, member.dateOfBirth, 'familyMember', today, timeZone),
    ),
  ]);
}

/**
 * The engine's `checkEvent` for one event, on the locked case row: its dates against today, the
 * day its case opened and the day its current review was held; its ratings, strengths and needs
 * against the outcome framework the case started with. Throws ValidationFailed with every problem.
 */
export function caseEventCheck(event: CaseEvent, now: Date): (row: CaseEventCheckRow) => void {
  return (row) => {
    const { timeZone } = row;
    const record = recordOf(row.snapshot) as Partial<CaseContext>;
    const reviewHeldOn = record.review?.current?.heldOn ?? null;
    const dayOf = (instant: string | null | undefined): string | null => (instant ? localDay(new Date(instant), timeZone) : null);
    const concern = record.concerns?.find((c) => c.status !== 'closed');
    refuse([
      ...eventDateProblems(event, {
        today: localDay(now, timeZone),
        openedOn: localDay(new Date(row.openedAt), timeZone),
        timeZone,
        now,
        reviewHeldOn,
        // What each dated event follows, so a day before it is refused (date.rules).
        meetingArrangedOn: dayOf(record.meeting?.arrangedAt),
        reviewCycleStartedOn: dayOf(record.review?.current?.scheduledAt),
        closureProposedOn: dayOf(record.closure?.proposedAt),
        concernRaisedOn: dayOf(concern?.raisedAt),
      }),
      ...eventFrameworkProblems(event, frameworkOf(record)),
    ]);
  };
}
