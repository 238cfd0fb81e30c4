/**
 * 6. Closure (domain.md): proposed → feedbackCollected → closed. The reason is one of the
 * closure reasons (`other` explained in words; `needsMet` only after a review). Family and child
 * feedback, final ratings, onward referrals. The closing summary within `closureCompletion`.
 */
import { allow } from './permissions';
import type { StateConfig } from './setup';
import { defineProcessWorkflow } from './workflow-kit';
import { endDeadlines, notify, overdue, standaloneMachine, startDeadline, type Mode } from './stage-kit';

export function closureStage(_mode: Mode): StateConfig {
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

export const closureMachine = standaloneMachine('closure', closureStage('standalone'));

export const closureWorkflow = defineProcessWorkflow('closure', closureMachine, 'closure');
