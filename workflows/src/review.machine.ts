/**
 * 5. Review (domain.md): scheduled → held → recorded, then continue (a new review cycle) |
 * revise (the plan is redrafted as a new version; the old one is kept as superseded) | close |
 * escalate. A review is a meeting: HOLD_REVIEW records its day, attendance, apologies and chair;
 * RECORD_REVIEW its record (progress, ratings, views, minutes) within `reviewRecorded` of the
 * day it was held, and the day of the next review when the meeting set one. Reviews repeat while
 * the plan runs, "usually every 6-8 weeks" (published): a reminder to the lead practitioner at
 * `reviewReminder`, overdue to the coordinator at `reviewOverdue`, both restarting with each
 * cycle, counted from the day the last review was held when the plan continues, or due on the
 * day that review set for the next (`agreedReviewRules`).
 */
import { assertEvent, assign } from 'xstate';
import { agreedReviewRules } from '@tacu/domain';
import { actionPlanRules } from './action-plan.machine';
import { closureRules } from './closure.machine';
import { currentReview, latestRatings, type CaseContext, type ReviewCycle, type ReviewState } from './context';
import { escalationRules } from './escalation.machine';
import { allow } from './permissions';
import { countStart, defineRules, endOfStage, is, type AnyCaseEvent, type StateConfigOf } from './setup';
import { defineProcessWorkflow } from './workflow-kit';
import { endDeadlines, notify, overdue, processSetup, reminder, standalone, startDeadline, type Mode } from './stage-kit';
import type { StateMeta } from './definition';

/** A decision after a review: the review record is issued again, with the decision in it. */
const REVIEW_DECIDED = { document: 'reviewRecord' } as const satisfies StateMeta;

export type ReviewDecision = NonNullable<ReviewCycle['decision']>;

/** The review state with the current cycle patched (unchanged before the first cycle). */
function updateCurrent(review: ReviewState, patch: Partial<ReviewCycle>): ReviewState {
  return review.current ? { ...review, current: { ...review.current, ...patch } } : review;
}

/** The review state when a new cycle starts: the current one becomes the previous, its ratings the latest. */
function nextCycle(review: ReviewState, now: string): ReviewState {
  const cycle = review.cycles + 1;
  return {
    cycles: cycle,
    recorded: review.recorded,
    current: { cycle, scheduledAt: now, heldOn: null, meeting: null, record: null, decision: null, reviseReason: null },
    previous: review.current,
    ratedBefore: latestRatings(review.ratedBefore, review.current?.record?.ratings ?? []),
  };
}

/**
 * The day of the next review that the last recorded review set, when the review cycle starting
 * with `event` is the one it set: the plan continues (CONTINUE_PLAN), or the plan it decided to
 * revise is signed off (the action plan stage ends). Otherwise (the first review of a plan, a
 * cycle resumed after an escalation) null: the policy's weeks apply.
 */
export function agreedNextReviewDay(context: CaseContext, event: AnyCaseEvent): string | null {
  if (!is(event, 'CONTINUE_PLAN') && !endOfStage(event, 'actionPlan')) return null;
  // The cycle the decision was taken in: the current one (CONTINUE_PLAN), or the one before a
  // revised plan's new cycle (entered with this event, so already started).
  const { current, previous } = context.review;
  const decided = current?.record ? current : previous;
  return decided?.record?.nextReviewOn ?? null;
}

/** A review's own records; the child's views are the common rule (`childsViewRecorded`). */
export const reviewRules = defineRules({
  actions: {
    /** Entering `review.scheduled`: a new cycle, unless the current one is still undecided (resume). */
    startReviewCycle: assign(({ context }) => {
      const last = currentReview(context);
      if (last && last.decision === null) return {};
      return { review: nextCycle(context.review, context.now) };
    }),
    /**
     * The cycle's deadlines start (`reviewReminder`, `reviewOverdue`), counted from the day the
     * last review was held (`meeting`), or due on the day it set for the next one.
     */
    startReviewDeadlines: assign(({ context, event }) => {
      const start = countStart(context, event, 'meeting');
      const agreed = agreedNextReviewDay(context, event);
      const rules = agreed ? agreedReviewRules(context.policy, start, agreed, context.calendar) : context.policy.deadlines;
      return {
        deadlineStarts: { ...context.deadlineStarts, reviewReminder: start, reviewOverdue: start },
        deadlineRules: { ...context.deadlineRules, reviewReminder: rules.reviewReminder, reviewOverdue: rules.reviewOverdue },
      };
    }),
    recordReviewHeld: assign(({ context, event }) => {
      assertEvent(event, 'HOLD_REVIEW');
      const { type: _type, ...meeting } = event;
      return { review: updateCurrent(context.review, { heldOn: event.heldOn, meeting }) };
    }),
    recordReview: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_REVIEW');
      const { type: _type, ...record } = event;
      const progress = new Map(record.progress.map((p) => [p.actionId, p]));
      return {
        review: { ...updateCurrent(context.review, { record }), recorded: context.review.recorded + 1 },
        plan: {
          ...context.plan,
          actions: context.plan.actions.map((a) => {
            const p = progress.get(a.id);
            return p ? { ...a, status: p.status, progress: p.note } : a;
          }),
        },
      };
    }),
    recordReviewDecision: assign(({ context, event }, params: { decision: ReviewDecision }) => ({
      review: updateCurrent(context.review, { decision: params.decision, reviseReason: is(event, 'REVISE_PLAN') ? event.reason : null }),
    })),
  },
});

/**
 * A review decides on the plan (progress, revision), on closure and on raising a concern, so it
 * is written with those processes' rules too.
 */
const reviewSetup = processSetup.extend(actionPlanRules).extend(closureRules).extend(escalationRules).extend(reviewRules);

export function reviewStage(mode: Mode): StateConfigOf<typeof reviewSetup> {
  return {
    initial: 'scheduled',
    meta: {
      description: 'Review cycle while the plan runs: a review meeting, progress on each action, the outcome ratings again, the family and the child.',
      permissions: allow('REPORT_ACTION_PROGRESS'),
    },
    on: {
      REPORT_ACTION_PROGRESS: { guard: 'actionIsInPlan', actions: 'recordActionProgress' },
    },
    states: {
      scheduled: {
        meta: {
          description: 'The next review is due (on the day the last review set, else usually every 6-8 weeks); owners report progress meanwhile.',
          permissions: allow('HOLD_REVIEW'),
        },
        // The next review is counted from the day the last one was held (after CONTINUE_PLAN), or due on the day it set.
        entry: ['startReviewCycle', 'startReviewDeadlines'],
        exit: endDeadlines('reviewReminder', 'reviewOverdue'),
        after: {
          reviewReminder: reminder('reviewReminder'),
          reviewOverdue: overdue('reviewOverdue'),
        },
        on: { HOLD_REVIEW: { target: 'held', actions: 'recordReviewHeld' } },
      },
      held: {
        meta: {
          description: "The review meeting was held; progress, ratings, the family's and child's views and the minutes are to be recorded.",
          permissions: allow('RECORD_REVIEW'),
        },
        // Recorded within N working days of the meeting, as the support meeting's minutes.
        entry: startDeadline('reviewRecorded', 'meeting'),
        exit: endDeadlines('reviewRecorded'),
        after: { reviewRecorded: overdue('reviewRecorded') },
        on: { RECORD_REVIEW: { guard: 'childsViewRecorded', target: 'recorded', actions: 'recordReview' } },
      },
      recorded: {
        meta: {
          description: 'The review is recorded; decide: continue the plan, revise it, propose closure, or raise a concern.',
          document: 'reviewRecord',
          permissions: allow('CONTINUE_PLAN', 'REVISE_PLAN', 'PROPOSE_CLOSURE', ...(mode === 'standalone' ? (['RAISE_CONCERN'] as const) : [])),
        },
        on: {
          // Each decision is written into the review record: it is issued again with it.
          CONTINUE_PLAN: { target: 'scheduled', actions: { type: 'recordReviewDecision', params: { decision: 'continue' } }, meta: REVIEW_DECIDED },
          REVISE_PLAN: {
            target: 'planRevised',
            actions: [{ type: 'recordReviewDecision', params: { decision: 'revise' } }, 'supersedePlan', notify('parentCarer', 'REVISE_PLAN')],
            meta: REVIEW_DECIDED,
          },
          PROPOSE_CLOSURE: {
            guard: 'closureReasonExplained',
            target: 'closureProposed',
            actions: [{ type: 'recordReviewDecision', params: { decision: 'close' } }, 'recordClosureProposal', notify('peopleInvolved', 'PROPOSE_CLOSURE')],
            meta: REVIEW_DECIDED,
          },
          ...(mode === 'standalone'
            ? {
                RAISE_CONCERN: {
                  target: 'concernRaised',
                  meta: REVIEW_DECIDED,
                  actions: [
                    { type: 'recordReviewDecision', params: { decision: 'escalate' } },
                    { type: 'recordConcern', params: { stage: null } },
                    notify('designatedLiaisonPerson', 'RAISE_CONCERN'),
                  ],
                },
              }
            : {}),
        },
      },
      planRevised: {
        type: 'final',
        meta: { description: 'The plan is to be revised: a new version is drafted and signed off.' },
      },
      closureProposed: {
        type: 'final',
        meta: { description: 'Closure is proposed: feedback and the closing summary follow.' },
      },
      ...(mode === 'standalone'
        ? {
            concernRaised: {
              type: 'final' as const,
              meta: { description: 'A child-protection concern was raised at review: the escalation process takes over.' },
            },
          }
        : {}),
    },
  };
}

export const reviewMachine = reviewSetup.createMachine(standalone('review', reviewStage('standalone')));

export const reviewWorkflow = defineProcessWorkflow('review', reviewMachine, 'review');
