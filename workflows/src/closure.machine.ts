/**
 * 6. Closure (domain.md): proposed → feedbackCollected → closed. The reason is one of the
 * closure reasons (`other` explained in words; `needsMet` only after a review). Family and child
 * feedback, final ratings, onward referrals. The closing summary within `closureCompletion`.
 */
import { assertEvent, assign } from 'xstate';
import { closureReasonExplained } from '@tacu/domain';
import { reviewsRecorded } from './context';
import { allow } from './permissions';
import { defineRules, is, type StateConfigOf } from './setup';
import { defineProcessWorkflow } from './workflow-kit';
import { endDeadlines, notify, overdue, processSetup, standalone, startDeadline, type Mode } from './stage-kit';

export const closureRules = defineRules({
  rules: {
    /** A closure reason is given (`other` explained in words; `needsMet` only after a review). */
    closureReasonExplained: (c, e) => closureReasonExplained(is(e, 'PROPOSE_CLOSURE') ? e : c.closure, reviewsRecorded(c)),
  },
  actions: {
    recordClosureProposal: assign(({ context, event }) => {
      assertEvent(event, 'PROPOSE_CLOSURE');
      return { closure: { ...context.closure, reason: event.reason, reasonText: event.reasonText ?? null, proposedAt: context.now } };
    }),
    recordClosureFeedback: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_CLOSURE_FEEDBACK');
      const { type: _type, ...feedback } = event;
      return { closure: { ...context.closure, feedback } };
    }),
    recordClosed: assign(({ context }) => ({ closure: { ...context.closure, closedAt: context.now } })),
  },
});

const closureSetup = processSetup.extend(closureRules);

export function closureStage(_mode: Mode): StateConfigOf<typeof closureSetup> {
  return {
    initial: 'proposed',
    meta: { description: 'Closing the case with the family: feedback, final ratings and the closing summary.' },
    // "Within 10 working days of the closing meeting": the review that proposed closure, if one did.
    entry: startDeadline('closureCompletion', 'meeting'),
    exit: endDeadlines('closureCompletion'),
    after: { closureCompletion: overdue('closureCompletion') },
    states: {
      proposed: {
        meta: {
          description: "Closure is proposed with its reason; the family's and the child's feedback is gathered.",
          permissions: allow('PROPOSE_CLOSURE', 'RECORD_CLOSURE_FEEDBACK'),
        },
        on: {
          PROPOSE_CLOSURE: { guard: 'closureReasonExplained', actions: 'recordClosureProposal' },
          RECORD_CLOSURE_FEEDBACK: { guard: 'childsViewRecorded', target: 'feedbackCollected', actions: 'recordClosureFeedback' },
        },
      },
      feedbackCollected: {
        meta: {
          description: 'Feedback, final ratings and onward referrals are recorded; the closing summary is ready.',
          document: 'closingSummary',
          permissions: allow('CLOSE_CASE'),
        },
        on: {
          CLOSE_CASE: { guard: 'closureReasonExplained', target: 'closed', actions: ['recordClosed', notify('peopleInvolved', 'CLOSE_CASE')] },
        },
      },
      closed: {
        type: 'final',
        meta: { description: 'Closed. Records are kept under the retention policy; a new linked episode may be opened.', document: 'closingSummary' },
      },
    },
  };
}

export const closureMachine = closureSetup.createMachine(standalone('closure', closureStage('standalone')));

export const closureWorkflow = defineProcessWorkflow('closure', closureMachine, 'closure');
