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
  whoToCall: ContactView | null;
}

/** The review record of the current review cycle as the context holds it when `review.recorded` is entered. */
export function buildReviewRecord(input: BuildInput<CaseContext>): ReviewRecordView {
  const { context, facts } = input;
  const framework = frameworkOfCase(context);
  const review = context.review.current;
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
    whoToCall: leadContactOf(context, facts),
  };
}
