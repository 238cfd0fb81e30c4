/** A sample Closing summary: the Murphy case closes with its needs met, after a closing meeting. */
import { MURPHY_ACTIONS } from './action-plan.fixture';
import type { ClosingSummaryView } from './closing-summary';
import { AOIFE, AOIFE_CONTACT, irishRating, IRELAND_SCALE, murphyBase, NIAMH, SIOBHAN } from './murphy.fixture';

export const closingSummaryFixture: ClosingSummaryView = {
  ...murphyBase('2026-09-18T15:00:00Z'),
  reason: 'needsMet',
  reasonText: null,
  proposedAt: '2026-09-02T10:00:00Z',
  closedAt: '2026-09-18T15:00:00Z',
  meeting: { heldOn: '2026-09-16', chair: AOIFE, attendance: [SIOBHAN, AOIFE], apologies: [NIAMH] },
  minutes: 'Attendance at 95% for the term. Seán plays for the under-9s. Everyone agreed the plan has done its work.',
  feedbackCollected: true,
  familyFeedback: { words: 'Having everyone around one table made the difference.', reasonNotRecorded: null, lang: null },
  childFeedback: { words: null, reasonNotRecorded: 'Seán did not want to talk about it on the day; he drew a picture of the football pitch.', lang: null },
  finalRatings: [
    irishRating('activeAndHealthy', 3, 'Sleeping well; playing for the under-9s.', 2),
    irishRating('achievingFullPotential', 3, 'Attendance at 95% for the term.', 1),
  ],
  scale: IRELAND_SCALE,
  actions: MURPHY_ACTIONS.map((a) => ({ ...a, status: a.id === 'a2' ? 'inProgress' : 'done', progress: a.id === 'a2' ? 'Still goes; no longer needs a lift.' : 'Done.' })),
  onwardReferrals: ['Local youth club'],
  whoToCall: AOIFE_CONTACT,
};
