/**
 * Review record (domain.md process 5): the review meeting (chair, attendance, apologies), progress
 * on each action of the plan, the outcome ratings again beside the ones before, the family's and
 * the child's views, the minutes, and the day of the next review. A plain-language family
 * version is made from the same view model. Produced in `review.recorded`.
 */
import type { CaseContext } from '@tacu/workflows';
import { baseOf, frameworkOfCase, leadContactOf, ownWordsOf, peopleOf, personOf, ratingHistory, ratingsOf, scaleOf } from '../builder-kit';
import type { BuildInput } from '../facts';
import type { BaseViewModel, ContactView, OwnWords, PersonView, RatingScaleView, RatingView } from '../view-model';

/** Progress on one action, with the action as the plan states it. */
export interface ActionProgressView {
  actionId: string;
  /** What the action is, from the plan (null when the plan no longer has it). */
  what: string | null;
  owner: PersonView | null;
  dueDate: string | null;
  /** ACTION_STATUSES. */
  status: string;
  note: string;
}

export interface ReviewRecordView extends BaseViewModel {
  /** 1 for the first review of the plan, 2 for the next… */
  cycle: number;
  /** YYYY-MM-DD, or null. */
  heldOn: string | null;
  chair: PersonView | null;
  attendance: PersonView[];
  apologies: PersonView[];
  planVersion: number;
  progress: ActionProgressView[];
  ratings: RatingView[];
  scale: RatingScaleView;
  familyViews: OwnWords;
  childViews: OwnWords;
  minutes: string | null;
  /** YYYY-MM-DD of the next review the meeting set, or null. */
  nextReviewOn: string | null;
  /** What was decided after the review, once it is (the record is issued again then), or null. */
  decision: ReviewDecisionView | null;
  whoToCall: ContactView | null;
}

/** The decision taken after a review (domain.md process 5): the plan continues, is revised, closure is proposed, or a concern is raised. */
export interface ReviewDecisionView {
  /** `continue`, `revise`, `close` or `escalate`. */
  kind: NonNullable<NonNullable<CaseContext['review']['current']>['decision']>;
  /** Why, in the words typed: the revision's reason, or the closure proposal's. */
  reason: string | null;
  /** The closure reason proposed (CLOSURE_REASONS), for `close`; else null. */
  closureReason: string | null;
  revisesPlan: boolean;
  proposesClosure: boolean;
}

/** The decision of a review cycle in words, or null while undecided. */
function decisionOf(review: NonNullable<CaseContext['review']['current']>, context: CaseContext): ReviewDecisionView | null {
  if (review.decision === null) return null;
  const reason = review.decision === 'revise' ? review.reviseReason : review.decision === 'close' ? (context.closure.reasonText ?? null) : null;
  return {
    kind: review.decision,
    reason: reason ?? null,
    closureReason: review.decision === 'close' ? (context.closure.reason ?? null) : null,
    revisesPlan: review.decision === 'revise',
    proposesClosure: review.decision === 'close',
  };
}

/**
 * The record of the review cycle last recorded: issued when `review.recorded` is entered, and
 * again with the decision taken on it. After "continue the plan" the next cycle has already begun
 * (the context's `current`), so the decided one is the cycle before it.
 */
export function buildReviewRecord(input: BuildInput<CaseContext>): ReviewRecordView {
  const { context, facts } = input;
  const framework = frameworkOfCase(context);
  const review = context.review.current?.record || !context.review.previous?.record ? context.review.current : context.review.previous;
  const record = review?.record ?? null;
  const meeting = review?.meeting ?? null;
  // Earlier ratings: the checklist, the assessment and the reviews before this one.
  const earlier = ratingHistory(context);
  return {
    ...baseOf(input),
    cycle: review?.cycle ?? 0,
    heldOn: review?.heldOn ?? null,
    chair: meeting ? personOf(meeting.chair, facts) : null,
    attendance: peopleOf(meeting?.attendance ?? [], facts),
    apologies: peopleOf(meeting?.apologies ?? [], facts),
    planVersion: context.plan.version,
    progress: (record?.progress ?? []).map((p) => {
      const action = context.plan.actions.find((a) => a.id === p.actionId);
      return {
        actionId: p.actionId,
        what: action?.what ?? null,
        owner: action?.owner ? personOf(action.owner, facts) : null,
        dueDate: action?.dueDate ?? null,
        status: p.status,
        note: p.note,
      };
    }),
    ratings: ratingsOf(record?.ratings ?? [], framework, earlier),
    scale: scaleOf(framework),
    familyViews: ownWordsOf(record?.familyViews),
    childViews: ownWordsOf(record?.childViews),
    minutes: record?.minutes ?? null,
    nextReviewOn: record?.nextReviewOn ?? null,
    decision: review ? decisionOf(review, context) : null,
    whoToCall: leadContactOf(context, facts),
  };
}
