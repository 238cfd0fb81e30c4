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
