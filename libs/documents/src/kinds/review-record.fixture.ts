/** A sample Review record: the first review of the Murphy plan, with the next review set. */
import { AOIFE, AOIFE_CONTACT, irishRating, IRELAND_SCALE, murphyBase, NIAMH, ORLA, SIOBHAN } from './murphy.fixture';
import type { ReviewRecordView } from './review-record';

export const reviewRecordFixture: ReviewRecordView = {
  ...murphyBase('2026-06-05T14:00:00Z'),
  cycle: 1,
  heldOn: '2026-06-03',
  chair: AOIFE,
  attendance: [SIOBHAN, AOIFE, NIAMH],
  apologies: [ORLA],
  planVersion: 2,
  progress: [
    { actionId: 'a1', what: 'Breakfast club place from Monday, with a lift on Wednesdays and Thursdays.', owner: NIAMH, dueDate: '2026-05-29', status: 'done', note: 'Attendance up from 66% to 94%.' },
    { actionId: 'a2', what: 'Bereavement support group on Wednesday evenings.', owner: AOIFE, dueDate: '2026-05-06', status: 'inProgress', note: 'Goes most weeks.' },
  ],
  ratings: [
    irishRating('activeAndHealthy', 3, 'Sleeping better; back at football training.', 2),
    irishRating('achievingFullPotential', 3, 'Attendance at 94%.', 1),
  ],
  scale: IRELAND_SCALE,
  familyViews: { words: 'Mornings are easier now.', reasonNotRecorded: null, lang: null },
  childViews: { words: 'Breakfast club is class. Is maith liom mo mhúinteoir.', reasonNotRecorded: null, lang: null },
  minutes: 'Present: Siobhán (Mam), Aoife Byrne (lead practitioner), Niamh Kelly (school); apologies: Orla Doyle.\nAttendance up to 94%; breakfast club continues.',
  nextReviewOn: '2026-07-15',
  decision: { kind: 'continue', reason: null, closureReason: null, revisesPlan: false, proposesClosure: false },
  whoToCall: AOIFE_CONTACT,
};
