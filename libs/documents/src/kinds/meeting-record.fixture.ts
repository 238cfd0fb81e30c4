/** A sample meeting record: the Murphy family's Child and Family Support Meeting, minutes sent out. */
import type { MeetingRecordView } from './meeting-record';
import { AOIFE, CIARAN, murphyBase, NIAMH, ORLA, SIOBHAN } from './murphy.fixture';

export const meetingRecordFixture: MeetingRecordView = {
  ...murphyBase('2026-04-17T12:00:00Z'),
  scheduledFor: '2026-04-15T09:00:00Z',
  location: 'Family Resource Centre, Main Street, meeting room 2',
  heldOn: '2026-04-15',
  chair: AOIFE,
  minuteTaker: CIARAN,
  invitees: [
    { ...SIOBHAN, approvedByFamily: true },
    { ...NIAMH, approvedByFamily: true },
    { ...ORLA, approvedByFamily: true },
  ],
  attendance: [SIOBHAN, AOIFE, NIAMH],
  apologies: [ORLA],
  minutes: {
    text: 'Present: Siobhán (Mam), Aoife Byrne (lead practitioner), Niamh Kelly (school).\nAgreed: breakfast club from Monday; a place in the Wednesday bereavement group for Mam.',
    distributedTo: [SIOBHAN, NIAMH, ORLA],
    distributedAt: '2026-04-17T11:40:00Z',
  },
  cancellations: [{ reason: 'Mam was in hospital that week.', at: '2026-04-01T08:30:00Z' }],
};
