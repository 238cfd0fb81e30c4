/**
 * A sample Consent record: Siobhán's consent (its earlier, narrower version kept) and the consent
 * of Bridget, Seán's grandmother and (in this fixture) his guardian, withdrawn and waiting for
 * the coordinator's decision while processing is stopped.
 */
import type { ConsentRecordView } from './consent-record';
import { murphyBase } from './murphy.fixture';

export const consentRecordFixture: ConsentRecordView = {
  ...murphyBase('2026-04-20T11:00:00Z'),
  people: [
    {
      name: 'Siobhán Murphy',
      as: 'parentCarer',
      hasParentalResponsibility: true,
      current: {
        given: true,
        signedOn: '2026-03-09',
        takePart: true,
        keepRecords: true,
        shareWithAgencies: ['Scoil Bhríde National School', 'Public Health Nursing'],
        doNotShareWith: [],
        planCopyTo: ['Bridget Murphy'],
        contactPractitioner: 'Niamh Kelly, school completion programme',
      },
      youngPersonConsent: { given: false, reasonNotSought: 'Seán is 7; his views are sought in the assessment.' },
      withdrawn: null,
      earlier: [
        {
          given: true,
          signedOn: '2026-02-26',
          takePart: true,
          keepRecords: true,
          shareWithAgencies: ['Scoil Bhríde National School'],
          doNotShareWith: [],
          planCopyTo: [],
          contactPractitioner: null,
        },
      ],
    },
    {
      name: 'Bridget Murphy',
      as: 'parentCarer',
      hasParentalResponsibility: true,
      current: {
        given: true,
        signedOn: '2026-03-10',
        takePart: true,
        keepRecords: true,
        shareWithAgencies: ['Scoil Bhríde National School'],
        doNotShareWith: ['Public Health Nursing'],
        planCopyTo: [],
        contactPractitioner: null,
      },
      youngPersonConsent: { given: false, reasonNotSought: 'Seán is 7; his views are sought in the assessment.' },
      withdrawn: { at: '2026-04-20T10:45:00Z', reason: "I would rather keep the family's business in the family.", decision: null },
      earlier: [],
    },
  ],
  allowed: {
    takePart: true,
    keepRecords: true,
    shareWithAgencies: ['Scoil Bhríde National School'],
    doNotShareWith: ['Public Health Nursing'],
    planCopyTo: ['Bridget Murphy'],
  },
  processingStoppedSince: '2026-04-20T10:45:00Z',
  closedByWithdrawalAt: null,
};
