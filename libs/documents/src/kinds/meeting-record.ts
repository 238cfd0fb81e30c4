/**
 * Meeting record of the Child and Family Support Meeting (domain.md process 3): when and where,
 * chair and minute-taker, the invitees the family approved, attendance, apologies and the
 * minutes, with any cancellations. Produced in `meeting.held` and `meeting.minutesDistributed`.
 */
import type { CaseContext } from '@tacu/workflows';
import { baseOf, peopleOf, personOf } from '../builder-kit';
import type { BuildInput } from '../facts';
import type { BaseViewModel, PersonView } from '../view-model';

export interface InviteeView extends PersonView {
  approvedByFamily: boolean;
}

export interface MeetingRecordView extends BaseViewModel {
  /** ISO instant the meeting was arranged for, or null. */
  scheduledFor: string | null;
  location: string | null;
  /** YYYY-MM-DD the meeting was held, or null. */
  heldOn: string | null;
  chair: PersonView | null;
  minuteTaker: PersonView | null;
  invitees: InviteeView[];
  attendance: PersonView[];
  apologies: PersonView[];
  minutes: { text: string; distributedTo: PersonView[]; distributedAt: string } | null;
  cancellations: { reason: string; at: string }[];
}

/** The meeting record as the context holds it when the meeting is held or its minutes distributed. */
export function buildMeetingRecord(input: BuildInput<CaseContext>): MeetingRecordView {
  const { context, facts } = input;
  const { invitation, held, minutes, cancellations } = context.meeting;
  return {
    ...baseOf(input),
    scheduledFor: invitation?.scheduledFor ?? null,
    location: invitation?.location ?? null,
    heldOn: held?.heldOn ?? null,
    chair: invitation ? personOf(invitation.chair, facts) : null,
    minuteTaker: invitation ? personOf(invitation.minuteTaker, facts) : null,
    invitees: (invitation?.invitees ?? []).map((i) => ({ ...personOf(i, facts), approvedByFamily: i.approvedByFamily })),
    attendance: peopleOf(held?.attendance ?? [], facts),
    apologies: peopleOf(held?.apologies ?? [], facts),
    minutes: minutes ? { text: minutes.minutes, distributedTo: peopleOf(minutes.distributedTo, facts), distributedAt: minutes.at } : null,
    cancellations: cancellations.map((c) => ({ reason: c.reason, at: c.at })),
  };
}
