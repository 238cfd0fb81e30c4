/**
 * A sample Child protection and welfare report: a neglect concern raised by the school, the
 * designated liaison person consulted, reported to Tusla through the portal and acknowledged.
 */
import type { ChildProtectionReportView } from './child-protection-report';
import { murphyBase } from './murphy.fixture';

export const childProtectionReportFixture: ChildProtectionReportView = {
  ...murphyBase('2026-05-12T13:00:00Z'),
  category: 'neglect',
  mandatedReport: true,
  observed: 'Arrived without a coat for the third day running; said there was no dinner at home last night.',
  childSafeNow: true,
  actionTaken: 'Stayed in school with the class teacher; DLP informed at 11:20.',
  raisedAt: '2026-05-12T10:20:00Z',
  raisedInStage: 'review',
  liaison: { name: 'Patrick Ryan', advice: 'Report to Tusla today through the portal; inform the mother.', at: '2026-05-12T10:40:00Z' },
  reports: [
    {
      statutoryService: 'Tusla Social Work, Dublin South Central',
      method: 'portal',
      statutoryReference: 'TUS-2026-004512',
      reportedAt: null,
      recordedAt: '2026-05-12T11:30:00Z',
      reporter: { name: 'Patrick Ryan', role: 'designatedLiaisonPerson' },
      jointReporter: 'Niamh Kelly',
      parentsInformed: true,
      reasonParentsNotInformed: null,
    },
  ],
  acknowledgedReference: 'TUS-2026-004512',
  decidedNotToReport: null,
  outcome: null,
  concernOpen: true,
};
