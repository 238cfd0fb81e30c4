/**
 * 6. Closure (domain.md): proposed → (closing meeting held →) feedbackCollected → closed. The
 * reason is one of the closure reasons (`other` explained in words; `needsMet` only after a
 * review). Where a closing meeting is held (HOLD_CLOSING_MEETING: its day, attendance, apologies,
 * chair), the Closure and Feedback record is completed at it ("completed at the final meeting",
 * Tusla's step-by-step Meitheal guide): family and child feedback, final ratings, onward
 * referrals and the meeting's minutes. A closure without a meeting (a family that disengaged or
 * moved away) records the same without minutes. The closing summary within `closureCompletion`,
 * counted from the closing meeting where one is held, else from the review that proposed closure.
 */
import { assertEvent, assign } from 'xstate';
import { allOf, childsViewRecorded, closingMeetingMinutes, closureReasonExplained } from '@tacu/domain';
import { reviewsRecorded } from './context';
import { allow } from './permissions';
import { defineRules, is, type StateConfigOf } from './setup';
import { defineProcessWorkflow } from './workflow-kit';
import { endDeadlines, notify, overdue, processSetup, standalone, startDeadline, type Mode } from './stage-kit';

export const closureRules = defineRules({
  rules: {
    /** A closure reason is given (`other` explained in words; `needsMet` only after a review). */
    closureReasonExplained: (c, e) => closureReasonExplained(is(e, 'PROPOSE_CLOSURE') ? e : c.closure, reviewsRecorded(c)),
    /**
     * The Closure and Feedback record is complete: the child's feedback (words or the reason), and
     * the closing meeting's minutes when, and only when, a closing meeting was held.
     */
    closureFeedbackComplete: (c, e) =>
      is(e, 'RECORD_CLOSURE_FEEDBACK')
        ? allOf(childsViewRecorded(e.childFeedback, 'closure'), closingMeetingMinutes(c.closure.meeting?.heldOn ?? null, e.minutes))
        : childsViewRecorded(c.closure.feedback?.childFeedback, 'closure'),
  },
  actions: {
    recordClosureProposal: assign(({ context, event }) => {
      assertEvent(event, 'PROPOSE_CLOSURE');
      return { closure: { ...context.closure, reason: event.reason, reasonText: event.reasonText ?? null, proposedAt: context.now } };
    }),
    recordClosingMeeting: assign(({ context, event }) => {
      assertEvent(event, 'HOLD_CLOSING_MEETING');
      const { type: _type, ...meeting } = event;
      return { closure: { ...context.closure, meeting } };
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
  const recordFeedback = { guard: 'closureFeedbackComplete', target: 'feedbackCollected', actions: 'recordClosureFeedback' } as const;
  return {
    initial: 'proposed',
    meta: {
      description: 'Closing the case with the family: a closing meeting where one is held, feedback, final ratings and the closing summary.',
      // Handled by the stage (it starts over from the meeting), accepted in `proposed` only (forbidden after).
      permissions: allow('HOLD_CLOSING_MEETING'),
    },
    // "Within 10 working days of the closing meeting": the review that proposed closure, if one did.
    entry: startDeadline('closureCompletion', 'meeting'),
    exit: endDeadlines('closureCompletion'),
    after: { closureCompletion: overdue('closureCompletion') },
    on: {
      // The stage starts again from the closing meeting, so the closing summary counts from its day.
      HOLD_CLOSING_MEETING: { target: '.meetingHeld', reenter: true, actions: 'recordClosingMeeting' },
    },
    states: {
      proposed: {
        meta: {
          description: "Closure is proposed with its reason; a closing meeting is held, or the family's and the child's feedback is gathered without one.",
          permissions: allow('PROPOSE_CLOSURE', 'RECORD_CLOSURE_FEEDBACK'),
        },
        on: {
          PROPOSE_CLOSURE: { guard: 'closureReasonExplained', actions: 'recordClosureProposal' },
          RECORD_CLOSURE_FEEDBACK: recordFeedback,
        },
      },
      meetingHeld: {
        meta: {
          description: "The closing meeting was held; the family's and the child's feedback, final ratings, onward referrals and its minutes are to be recorded.",
          permissions: allow('PROPOSE_CLOSURE', 'RECORD_CLOSURE_FEEDBACK'),
        },
        on: {
          PROPOSE_CLOSURE: { guard: 'closureReasonExplained', actions: 'recordClosureProposal' },
          // One closing meeting: not accepted again (the stage's transition would start it over).
          HOLD_CLOSING_MEETING: {},
          RECORD_CLOSURE_FEEDBACK: recordFeedback,
        },
      },
      feedbackCollected: {
        meta: {
          description: 'Feedback, final ratings and onward referrals are recorded; the closing summary is ready.',
          document: 'closingSummary',
          permissions: allow('CLOSE_CASE'),
        },
        on: {
          HOLD_CLOSING_MEETING: {},
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
