/**
 * A sample Action Plan: version 2 of the Murphy plan (Siobhán asked to change version 1),
 * signed off by Siobhán and by Bridget (Seán's guardian in these fixtures), with the SHA-256 of
 * the version they signed and the day of the first review.
 */
import type { ActionPlanView, ActionView } from './action-plan';
import { AOIFE, AOIFE_CONTACT, BRIDGET, murphyBase, NIAMH } from './murphy.fixture';

export const MURPHY_ACTIONS: ActionView[] = [
  {
    id: 'a1',
    answers: 'Seán goes to school every day',
    what: 'Breakfast club place from Monday, with a lift on Wednesdays and Thursdays.',
    owner: NIAMH,
    dueDate: '2026-05-29',
    status: 'notStarted',
    progress: null,
  },
  {
    id: 'a2',
    answers: 'Mam gets some time for herself',
    what: 'Bereavement support group on Wednesday evenings.',
    owner: AOIFE,
    dueDate: '2026-05-06',
    status: 'inProgress',
    progress: 'First session booked.',
  },
  {
    id: 'a3',
    answers: 'Seán goes to school every day',
    what: 'Walks Seán to school on Mondays.',
    owner: BRIDGET,
    dueDate: '2026-05-04',
    status: 'notStarted',
    progress: null,
  },
];

export const actionPlanFixture: ActionPlanView = {
  ...murphyBase('2026-04-24T10:30:00Z'),
  planStatus: 'active',
  beingChanged: false,
  actions: MURPHY_ACTIONS,
  childViews: { words: 'Breakfast club is OK if my friend Jamie goes too.', reasonNotRecorded: null, lang: null },
  signOff: {
    planVersion: 2,
    signatures: [
      {
        name: 'Siobhán Murphy',
        as: 'parentCarer',
        method: 'inPerson',
        at: '2026-04-23T17:05:00Z',
        document: { sha256: '3f5a9c1e7b2d4f60a8e1c3b5d7f9024681357ace9bdf02468ace13579bdf0246', audience: 'family', locale: 'ga' },
      },
      { name: 'Bridget Murphy', as: 'parentCarer', method: 'portal', at: '2026-04-24T10:30:00Z', document: null },
    ],
    signersExpected: [],
  },
  changesRequested: [{ planVersion: 1, changes: 'The Tuesday lift clashes with my shift; could it be Wednesday?', at: '2026-04-21T18:20:00Z' }],
  nextReviewBy: '2026-06-19',
  whoToCall: AOIFE_CONTACT,
};
