import type { AnyEventObject } from 'xstate';
import { supportMeetingWorkflow as wf } from './support-meeting.machine';
import { accept, ctx, RECORD_CONSENT_SAMPLE, start, stateOf, walk, reach } from './testing';

const ids = (actions: AnyEventObject[], type: string) =>
  (actions as unknown as { type: string; params: { id?: string; sendId?: string } }[]).filter((a) => a.type === type).map((a) => a.params.id ?? a.params.sendId);

describe('support meeting machine', () => {
  it('inviteesApprovedAndCoveredByConsent: without consent only family members can be invited', () => {
    const s = start(wf).snapshot;
    const invite = {
      type: 'INVITE_TO_MEETING' as const,
      scheduledFor: '2026-12-10T10:00:00Z',
      location: 'FRC',
      chair: { name: 'L' },
      minuteTaker: { name: 'C' },
      invitees: [{ name: 'Nurse', agency: 'HSE Public Health Nursing', approvedByFamily: true }],
    };
    expect(s.can(invite)).toBe(false);
    expect(accept(wf, accept(wf, s, RECORD_CONSENT_SAMPLE).snapshot, invite).snapshot.value).toBe('invited');
  });

  it('a cancelled meeting is rescheduled: back to proposed', () => {
    const states = walk(wf, [RECORD_CONSENT_SAMPLE, 'INVITE_TO_MEETING', 'CANCEL_MEETING', 'RESCHEDULE_MEETING', 'INVITE_TO_MEETING', 'HOLD_MEETING', 'DISTRIBUTE_MINUTES']).map(stateOf);
    expect(states).toEqual(['proposed', 'proposed', 'invited', 'cancelled', 'proposed', 'invited', 'held', 'minutesDistributed']);
  });

  it('meetingHeld runs until the meeting is held; minutesDistributed then counts from the day it was held (heldOn)', () => {
    const invited = reach(wf, [RECORD_CONSENT_SAMPLE, 'INVITE_TO_MEETING']);
    const { snapshot, actions } = accept(wf, invited, 'HOLD_MEETING');
    expect(ids(actions, 'xstate.cancel')).toEqual(['xstate.after.meetingHeld.supportMeeting.invited']);
    expect(ids(actions, 'xstate.raise')).toEqual(['xstate.after.minutesDistributed.supportMeeting.held']);
    expect(ctx(snapshot).deadlineStarts).toEqual({ minutesDistributed: '2026-12-10' });
    expect(ctx(snapshot).deadlineRules).toEqual({ minutesDistributed: ctx(snapshot).policy.deadlines.minutesDistributed });
    // 10 working days after Thursday 10 December 2026: Thursday 24 December.
    expect(wf.deadlineDue?.(snapshot.context, 'minutesDistributed')?.toISOString()).toBe('2026-12-25T00:00:00.000Z');
  });
});
