import type { RecordAssessment } from '../events';
import { allOf, fail, isBlank, OK, type RuleResult } from './rule-result';

export type AssessmentRecord = Omit<RecordAssessment, 'type'>;

/** A completed strengths and needs assessment names at least one need and a desired outcome. */
export function assessmentHasNeeds(assessment: AssessmentRecord | null | undefined): RuleResult {
  if (!assessment) {
    return fail('The strengths and needs assessment is not recorded yet: record it (RECORD_ASSESSMENT) before completing it.');
  }
  // Both are said at once when both are missing.
  return allOf(
    (assessment.needs ?? []).some((n) => !isBlank(n.description))
      ? OK
      : fail('The assessment names no needs: record at least one need on one of the three sides of the child\'s world before completing it.'),
    (assessment.desiredOutcomes ?? []).some((o) => !isBlank(o)) ? OK : fail('The assessment names no desired outcome: record what the family want to change before completing it.'),
  );
}
