/**
 * 3. Child and Family Support Meeting (domain.md): proposed → invited → held → minutesDistributed,
 * or cancelled and rescheduled. Guard: the family approves every invitee, and an agency is invited
 * only if consent covers sharing with it. The meeting must be held within `meetingHeld` of the
 * stage's start (the timer is re-armed with the time left in proposed, invited and cancelled);
 * minutes are out within `minutesDistributed` of the day the meeting was held (`heldOn`).
 */
import { assertEvent, assign } from 'xstate';
import { agencyInviteesCoveredByConsent, allOf, everyInviteeApprovedByFamily } from '@tacu/domain';
import { allow } from './permissions';
import { consentOf } from './consent';
import { defineRules, is, type AnyCaseEvent, type StateConfigOf } from './setup';
import { defineProcessWorkflow } from './workflow-kit';
import { endDeadlines, notify, overdue, processSetup, standalone, startDeadline, type Mode } from './stage-kit';

const inviteesOf = (e: AnyCaseEvent) => (is(e, 'INVITE_TO_MEETING') ? e.invitees : undefined);

export const supportMeetingRules = defineRules({
  rules: {
    everyInviteeApprovedByFamily: (_c, e) => everyInviteeApprovedByFamily(inviteesOf(e)),
    /** An agency is invited only if every required consent covers sharing with it and nobody asked not to share with it. */
    agencyInviteesCoveredByConsent: (c, e) => agencyInviteesCoveredByConsent(consentOf(c), inviteesOf(e)),
    /** INVITE_TO_MEETING: the family approves everyone, and consent covers every agency invited. */
    inviteesApprovedAndCoveredByConsent: (c, e) => allOf(everyInviteeApprovedByFamily(inviteesOf(e)), agencyInviteesCoveredByConsent(consentOf(c), inviteesOf(e))),
  },
  actions: {
    recordInvitation: assign(({ context, event }) => {
      assertEvent(event, 'INVITE_TO_MEETING');
      const { type: _type, ...invitation } = event;
      // When it was arranged: what the day it is recorded as held cannot come before.
      return { meeting: { ...context.meeting, invitation, arrangedAt: context.now } };
    }),
    recordMeetingHeld: assign(({ context, event }) => {
      assertEvent(event, 'HOLD_MEETING');
      const { type: _type, ...held } = event;
      return { meeting: { ...context.meeting, held } };
    }),
    recordCancellation: assign(({ context, event }) => {
      assertEvent(event, 'CANCEL_MEETING');
      return { meeting: { ...context.meeting, invitation: null, cancellations: [...context.meeting.cancellations, { reason: event.reason, at: context.now }] } };
    }),
    recordMinutes: assign(({ context, event }) => {
      assertEvent(event, 'DISTRIBUTE_MINUTES');
      return { meeting: { ...context.meeting, minutes: { minutes: event.minutes, distributedTo: event.distributedTo, at: context.now } } };
    }),
  },
});

const supportMeetingSetup = processSetup.extend(supportMeetingRules);

const meetingNotHeldYet = { meetingHeld: overdue('meetingHeld', 'coordinator', { once: true }) };

export function supportMeetingStage(_mode: Mode): StateConfigOf<typeof supportMeetingSetup> {
  return {
    initial: 'proposed',
    meta: { description: 'Child and Family Support Meeting with the family and the agencies they agreed to.' },
    entry: startDeadline('meetingHeld'),
    exit: endDeadlines('meetingHeld', 'minutesDistributed'),
    states: {
      proposed: {
        meta: {
          description: 'A meeting is being arranged: date, place, chair, minute-taker and who the family agrees to invite.',
          permissions: allow('INVITE_TO_MEETING', 'CANCEL_MEETING'),
        },
        after: meetingNotHeldYet,
        on: {
          INVITE_TO_MEETING: {
            guard: 'inviteesApprovedAndCoveredByConsent',
            target: 'invited',
            actions: ['recordInvitation', notify('peopleInvolved', 'INVITE_TO_MEETING')],
          },
          CANCEL_MEETING: { target: 'cancelled', actions: ['recordCancellation'] },
        },
      },
      invited: {
        meta: {
          description: 'Invitations sent to the people the family approved.',
          permissions: allow('HOLD_MEETING', 'CANCEL_MEETING'),
        },
        after: meetingNotHeldYet,
        on: {
          HOLD_MEETING: { target: 'held', actions: ['recordMeetingHeld', endDeadlines('meetingHeld')] },
          CANCEL_MEETING: { target: 'cancelled', actions: ['recordCancellation', notify('peopleInvolved', 'CANCEL_MEETING')] },
        },
      },
      cancelled: {
        meta: {
          description: 'The meeting was cancelled; it is to be rescheduled.',
          permissions: allow('RESCHEDULE_MEETING'),
        },
        after: meetingNotHeldYet,
        on: { RESCHEDULE_MEETING: { target: 'proposed' } },
      },
      held: {
        meta: {
          description: 'The meeting was held: attendance and apologies are recorded; the minutes are to be sent out.',
          document: 'meetingRecord',
          permissions: allow('DISTRIBUTE_MINUTES'),
        },
        // Minutes are counted from the day the meeting was held, not the day it was recorded.
        entry: startDeadline('minutesDistributed', 'meeting'),
        after: { minutesDistributed: overdue('minutesDistributed') },
        on: {
          DISTRIBUTE_MINUTES: { target: 'minutesDistributed', actions: ['recordMinutes', notify('peopleInvolved', 'DISTRIBUTE_MINUTES')] },
        },
      },
      minutesDistributed: {
        type: 'final',
        meta: { description: 'Minutes sent to everyone who took part; the action plan is drafted next.', document: 'meetingRecord' },
      },
    },
  };
}

export const supportMeetingMachine = supportMeetingSetup.createMachine(standalone('supportMeeting', supportMeetingStage('standalone')));

export const supportMeetingWorkflow = defineProcessWorkflow('supportMeeting', supportMeetingMachine, 'meeting');
