/**
 * 5. Review (domain.md): scheduled → held → recorded, then continue (a new review cycle) |
 * revise (the plan is redrafted as a new version; the old one is kept as superseded) | close |
 * escalate. Reviews repeat while the plan runs, "usually every 6-8 weeks" (published): a
 * reminder to the lead practitioner at `reviewReminder`, overdue to the coordinator at
 * `reviewOverdue`, both restarting with each cycle, counted from the day the last review was
 * held when the plan continues.
 */
import { assertEvent, assign } from 'xstate';
import { actionPlanRules } from './action-plan.machine';
import { closureRules } from './closure.machine';
import { currentReview, type ReviewCycle } from './context';
import { escalationRules } from './escalation.machine';
import { allow } from './permissions';
import { defineRules, is, type StateConfigOf } from './setup';
import { defineProcessWorkflow } from './workflow-kit';
import { endDeadlines, notify, overdue, processSetup, reminder, standalone, startDeadline, type Mode } from './stage-kit';

export type ReviewDecision = NonNullable<ReviewCycle['decision']>;

function updateLast(reviews: ReviewCycle[], patch: Partial<ReviewCycle>): ReviewCycle[] {
  if (reviews.length === 0) return reviews;
  return [...reviews.slice(0, -1), { ...reviews[reviews.length - 1], ...patch }];
}

/** A review's own records; the child's views are the common rule (`childsViewRecorded`). */
export const reviewRules = defineRules({
  actions: {
    /** Entering `review.scheduled`: a new cycle, unless the current one is still undecided (resume). */
    startReviewCycle: assign(({ context }) => {
      const last = currentReview(context);
      if (last && last.decision === null) return {};
      return { reviews: [...context.reviews, { cycle: context.reviews.length + 1, scheduledAt: context.now, heldOn: null, record: null, decision: null, reviseReason: null }] };
    }),
    recordReviewHeld: assign(({ context, event }) => {
      assertEvent(event, 'HOLD_REVIEW');
      return { reviews: updateLast(context.reviews, { heldOn: event.heldOn }) };
    }),
    recordReview: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_REVIEW');
      const { type: _type, ...record } = event;
      const progress = new Map(record.progress.map((p) => [p.actionId, p]));
      return {
        reviews: updateLast(context.reviews, { record }),
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
      reviews: updateLast(context.reviews, { decision: params.decision, reviseReason: is(event, 'REVISE_PLAN') ? event.reason : null }),
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
      description: 'Review cycle while the plan runs: progress on each action, the outcome ratings again, the family and the child.',
      permissions: allow('REPORT_ACTION_PROGRESS'),
    },
    on: {
      REPORT_ACTION_PROGRESS: { guard: 'actionIsInPlan', actions: 'recordActionProgress' },
    },
    states: {
      scheduled: {
        meta: {
          description: 'The next review is due (usually every 6-8 weeks); owners report progress meanwhile.',
          permissions: allow('HOLD_REVIEW'),
        },
        // The next review is counted from the day the last one was held (after CONTINUE_PLAN).
        entry: ['startReviewCycle', startDeadline('reviewReminder', 'meeting'), startDeadline('reviewOverdue', 'meeting')],
        exit: endDeadlines('reviewReminder', 'reviewOverdue'),
        after: {
          reviewReminder: reminder('reviewReminder'),
          reviewOverdue: overdue('reviewOverdue'),
        },
        on: { HOLD_REVIEW: { target: 'held', actions: 'recordReviewHeld' } },
      },
      held: {
        meta: {
          description: "The review meeting was held; progress, ratings and the family's and child's views are to be recorded.",
          permissions: allow('RECORD_REVIEW'),
        },
        on: { RECORD_REVIEW: { guard: 'childsViewRecorded', target: 'recorded', actions: 'recordReview' } },
      },
      recorded: {
        meta: {
          description: 'The review is recorded; decide: continue the plan, revise it, propose closure, or raise a concern.',
          document: 'reviewRecord',
          permissions: allow('CONTINUE_PLAN', 'REVISE_PLAN', 'PROPOSE_CLOSURE', ...(mode === 'standalone' ? (['RAISE_CONCERN'] as const) : [])),
        },
        on: {
          CONTINUE_PLAN: { target: 'scheduled', actions: { type: 'recordReviewDecision', params: { decision: 'continue' } } },
          REVISE_PLAN: {
            target: 'planRevised',
            actions: [{ type: 'recordReviewDecision', params: { decision: 'revise' } }, 'supersedePlan', notify('parentCarer', 'REVISE_PLAN')],
          },
          PROPOSE_CLOSURE: {
            guard: 'closureReasonExplained',
            target: 'closureProposed',
            actions: [{ type: 'recordReviewDecision', params: { decision: 'close' } }, 'recordClosureProposal', notify('peopleInvolved', 'PROPOSE_CLOSURE')],
          },
          ...(mode === 'standalone'
            ? {
                RAISE_CONCERN: {
                  target: 'concernRaised',
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
