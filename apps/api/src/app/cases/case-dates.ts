/**
 * The date rules of the practice model (libs/domain date.rules) applied to what the API receives:
 * a date of birth a person could have, what happened not in the future, a meeting not before its
 * case opened. "Today" is the app clock's reading on the organisation's local calendar. A broken
 * rule answers 400 VALIDATION_FAILED naming the field, like any other invalid field.
 */
import { dateOfBirthProblems, eventDateProblems, localDay, type CaseEvent, type DateProblem } from '@tacu/domain';
import type { CaseEventCheckRow } from '@tacu/engine';
import { ValidationFailed } from '../errors/validation-failed';
import type { OpenCaseInput } from './open-case.dto';

function refuse(problems: DateProblem[]): void {
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
 * The engine's `checkEvent` for one event: its dates against today and the day its case opened
 * (read from the locked case row). Throws ValidationFailed.
 */
export function eventDateCheck(event: CaseEvent, now: Date): (row: CaseEventCheckRow) => void {
  return (row) => {
    const { timeZone } = row;
    refuse(eventDateProblems(event, { today: localDay(now, timeZone), openedOn: localDay(new Date(row.openedAt), timeZone), timeZone, now }));
  };
}
