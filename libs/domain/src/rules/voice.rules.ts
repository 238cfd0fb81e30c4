import type { RecordedView } from '../events';
import { fail, isBlank, OK, type RuleResult } from './rule-result';

/** Where the child's voice must be recorded (domain.md: assessment, plan, every review, closure). */
export type ChildsViewMoment = 'assessment' | 'plan' | 'review' | 'closure';

const WHERE: Record<ChildsViewMoment, string> = {
  assessment: 'in the assessment (RECORD_ASSESSMENT)',
  plan: 'in the action plan (DRAFT_PLAN)',
  review: 'in the review record (RECORD_REVIEW)',
  closure: 'in the closure feedback (RECORD_CLOSURE_FEEDBACK)',
};

/** The child's views are recorded in their own words, or the reason they could not be (age, capacity). */
export function childsViewRecorded(view: RecordedView | null | undefined, moment: ChildsViewMoment): RuleResult {
  if (view && 'words' in view && !isBlank(view.words)) return OK;
  if (view && 'reasonNotRecorded' in view && !isBlank(view.reasonNotRecorded)) return OK;
  return fail(
    `The child's views are not recorded: write them in the child's own words ${WHERE[moment]}, or the reason they could not be recorded (age, capacity).`,
  );
}
