import type { ClosureReason } from '../vocabulary';
import { fail, isBlank, OK, type RuleResult } from './rule-result';

export interface ClosureProposal {
  reason: ClosureReason | null | undefined;
  reasonText?: string | null;
}

/**
 * The closure reason is one of the practice model's reasons; `other` is explained in words;
 * `needsMet` can only be said after at least one review has been recorded.
 */
export function closureReasonExplained(proposal: ClosureProposal | null | undefined, reviewsRecorded: number): RuleResult {
  if (!proposal?.reason) {
    return fail('No reason for closing is recorded: propose closure with one of the closure reasons (PROPOSE_CLOSURE).');
  }
  if (proposal.reason === 'other' && isBlank(proposal.reasonText)) {
    return fail('The closure reason is "other" but it is not explained: write in plain words why the case is closing (reasonText).');
  }
  if (proposal.reason === 'needsMet' && reviewsRecorded < 1) {
    return fail(
      'Needs can only be recorded as met after a review: hold and record a review of the action plan (RECORD_REVIEW) first, or choose another reason.',
    );
  }
  return OK;
}

/**
 * The closing meeting's minutes are recorded with the Closure and Feedback record when a closing
 * meeting was held (`heldOn`, its day), and only then: a closure without a meeting has no minutes.
 */
export function closingMeetingMinutes(heldOn: string | null, minutes: string | undefined): RuleResult {
  if (heldOn !== null && isBlank(minutes)) {
    return fail(`The closing meeting was held on ${heldOn}: record its minutes with the feedback (minutes), in plain language the family can read.`);
  }
  if (heldOn === null && minutes !== undefined) {
    return fail('No closing meeting is recorded: record it first (HOLD_CLOSING_MEETING), or leave out minutes when the case closes without one.');
  }
  return OK;
}
