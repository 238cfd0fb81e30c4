/** A sample Request for Support: the Murphy family's, submitted and registered. */
import { AOIFE_CONTACT, BRIDGET, irishRating, IRELAND_SCALE, murphyBase, SIOBHAN } from './murphy.fixture';
import type { RequestForSupportView } from './request-for-support';

export const requestForSupportFixture: RequestForSupportView = {
  ...murphyBase('2026-03-02T09:15:00Z'),
  origin: 'school',
  reasonForRequest: 'Seán has missed a third of school days this term and his mother is struggling since a bereavement.',
  family: [SIOBHAN, BRIDGET],
  preRequestChecklist: {
    completedWithParent: true,
    completedWithChild: false,
    ratings: [
      irishRating('activeAndHealthy', 2, 'Plays football; sleeps badly.'),
      irishRating('achievingFullPotential', 1, 'Attendance at 66%; falling behind in reading.'),
      irishRating('safeAndProtected', 3, 'No safety concerns.'),
      irishRating('economicSecurity', 2, 'Mother on reduced hours since March.'),
      irishRating('connectedRespectedContributing', 2, 'Close to his grandmother; few friends at school.'),
    ],
  },
  scale: IRELAND_SCALE,
  consentGivenBy: ['Siobhán Murphy'],
  consentRequestedAt: '2026-02-26T10:00:00Z',
  submittedAt: '2026-02-27T14:30:00Z',
  outcome: 'registered',
  redirectedTo: null,
  declineReason: null,
  leadPractitioner: AOIFE_CONTACT,
};
