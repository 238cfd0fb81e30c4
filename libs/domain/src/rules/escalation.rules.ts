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
