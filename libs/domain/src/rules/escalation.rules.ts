import type { SubmitReport } from '../events';
import { fail, isBlank, OK, type RuleResult } from './rule-result';

/**
 * Parents are told of a report to the statutory service, unless that would endanger the child:
 * then the reason is recorded.
 */
export function parentsInformedOrReasonGiven(report: Pick<SubmitReport, 'parentsInformed' | 'reasonParentsNotInformed'> | null | undefined): RuleResult {
  if (report?.parentsInformed) return OK;
  if (report && !isBlank(report.reasonParentsNotInformed)) return OK;
  return fail(
    'The report does not say whether the parents were told: record that they were informed, or why telling them would endanger the child (reasonParentsNotInformed).',
  );
}

/**
 * Who made a report: the person who records it (`reporterId`, the signed-in user), alone or
 * jointly with one other person, mandated or not (Children First Act 2015, s. 14(3)). A joint
 * report names the other reporter; a report made alone names none; the other reporter is not
 * the one recording it. `reporterId` is null when no signed-in user is known (a machine run on
 * its own, in tests): then only the first two are checked.
 */
export function reportersNamed(report: Pick<SubmitReport, 'jointReport' | 'jointReporter'>, reporterId: string | null): RuleResult {
  const other = report.jointReporter;
  if (report.jointReport === true) {
    if (!other || isBlank(other.name)) {
      return fail('A joint report names the other person who made it: give jointReporter (their name, and their personId if they are a user here).');
    }
    if (other.personId === reporterId) {
      return fail('The joint reporter named is you: a joint report is made with another person. Name them, or set jointReport to false for a report you made alone.');
    }
    return OK;
  }
  if (other !== undefined) {
    return fail('jointReporter names someone, but jointReport is not true: set jointReport to true for a report made with another person, or leave jointReporter out.');
  }
  return OK;
}
