/**
 * Closing summary (domain.md process 6, the Closure and Feedback record): why the case closes,
 * the closing meeting, the family's and the child's feedback, the final ratings beside the first
 * ones, where each action ended, and onward referrals. A plain-language family version is made
 * from the same view model. Produced in `closure.feedbackCollected` and when the case is `closed`.
 */
import type { CaseContext } from '@tacu/workflows';
import { baseOf, frameworkOfCase, leadContactOf, ownWordsOf, peopleOf, personOf, ratingHistory, ratingsOf, scaleOf } from '../builder-kit';
import type { BuildInput } from '../facts';
import type { BaseViewModel, ContactView, OwnWords, PersonView, RatingScaleView, RatingView } from '../view-model';
import { actionsOf, type ActionView } from './action-plan';

export interface ClosingSummaryView extends BaseViewModel {
  /** CLOSURE_REASONS (`needsMet`…), or null. */
  reason: string | null;
  /** The reason in words (required for `other`), or null. */
  reasonText: string | null;
  /** Instants (ISO, UTC), or null. */
  proposedAt: string | null;
  closedAt: string | null;
  meeting: { heldOn: string; chair: PersonView; attendance: PersonView[]; apologies: PersonView[] } | null;
  minutes: string | null;
  /**
   * Whether the closure stage collected feedback and final ratings: false when the case closed
   * without it (consent withdrawn, stepped up to social work), whose summary says so rather than
   * showing the family's words as missing.
   */
  feedbackCollected: boolean;
  familyFeedback: OwnWords;
  childFeedback: OwnWords;
  /** Final ratings, each beside the first rating of the same outcome (checklist or assessment). */
  finalRatings: RatingView[];
  scale: RatingScaleView;
  /** Every action of the last plan, where it ended. */
  actions: ActionView[];
  onwardReferrals: string[];
  whoToCall: ContactView | null;
}

/** The closing summary as the context holds it when the feedback is collected or the case closed. */
export function buildClosingSummary(input: BuildInput<CaseContext>): ClosingSummaryView {
  const { context, facts } = input;
  const framework = frameworkOfCase(context);
  const { closure } = context;
  const meeting = closure.meeting ?? null;
  return {
    ...baseOf(input),
    reason: closure.reason,
    reasonText: closure.reasonText,
    proposedAt: closure.proposedAt,
    closedAt: closure.closedAt,
    meeting: meeting
      ? { heldOn: meeting.heldOn, chair: personOf(meeting.chair, facts), attendance: peopleOf(meeting.attendance, facts), apologies: peopleOf(meeting.apologies, facts) }
      : null,
    minutes: closure.feedback?.minutes ?? null,
    feedbackCollected: closure.feedback !== null && closure.feedback !== undefined,
    familyFeedback: ownWordsOf(closure.feedback?.familyFeedback),
    childFeedback: ownWordsOf(closure.feedback?.childFeedback),
    finalRatings: ratingsOf(closure.feedback?.finalRatings ?? [], framework, ratingHistory(context, { throughCurrent: true }), 'first'),
    scale: scaleOf(framework),
    actions: actionsOf(context, facts),
    onwardReferrals: [...(closure.feedback?.onwardReferrals ?? [])],
    whoToCall: leadContactOf(context, facts),
  };
}
