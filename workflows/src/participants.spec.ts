import type { ConsentRecord } from '@tacu/domain';
import { createCaseContext, type CaseContext } from './context';
import { participantsOf } from './workflow-kit';

const consent = (agencies: string[], withdrawn = false): ConsentRecord => ({
  givenBy: { name: 'Siobhán', hasParentalResponsibility: true },
  scopes: { takePart: true, keepRecords: true, shareWithAgencies: agencies },
  youngPersonConsent: { given: false, reasonNotSought: 'age' },
  signedOn: '2026-03-01',
  ...(withdrawn ? { withdrawn: { by: { name: 'Siobhán' }, at: '2026-03-02T00:00:00Z' } } : {}),
});

function context(overrides: Partial<CaseContext> = {}): CaseContext {
  const base = createCaseContext({ caseId: 'c', now: '2026-03-02T09:00:00Z', leadPractitionerId: 'lead' });
  return {
    ...base,
    consent: consent(['Public Health Nursing', 'Scoil Bhríde']),
    meeting: {
      ...base.meeting,
      invitation: {
        scheduledFor: '2026-03-10T10:00:00Z',
        location: 'FRC',
        chair: { name: 'Aoife' },
        minuteTaker: { name: 'Ciarán' },
        invitees: [
          { name: 'Orla', personId: 'nurse', agency: 'Public Health Nursing', approvedByFamily: true },
          { name: 'Siobhán', personId: 'mother', approvedByFamily: true },
          { name: 'Garda', personId: 'garda', agency: 'An Garda Síochána', approvedByFamily: true },
        ],
      },
    },
    plan: {
      ...base.plan,
      actions: [
        { id: 'a1', answers: 'x', what: 'y', owner: { name: 'Niamh', personId: 'teacher', agency: 'scoil bhríde' }, dueDate: '2026-04-01', status: 'notStarted' },
        { id: 'a2', answers: 'x', what: 'y', owner: { name: 'Aoife', personId: 'lead', agency: 'Anything' }, dueDate: '2026-04-01', status: 'notStarted' },
        { id: 'a3', answers: 'x', what: 'y', owner: { name: 'Ciarán', personId: 'frc', agency: 'Family Resource Centre' }, dueDate: '2026-04-01', status: 'notStarted' },
        { id: 'a4', answers: 'x', what: 'y', status: 'notStarted' },
      ],
    },
    ...overrides,
  };
}

describe('who a case names (participantsOf)', () => {
  it('its lead, its invitees from an agency, its action owners: each only while consent covers their agency', () => {
    expect(participantsOf(context())).toEqual([
      { userId: 'lead', kind: 'lead' },
      { userId: 'nurse', kind: 'invitee' },
      { userId: 'teacher', kind: 'actionOwner' },
      { userId: 'lead', kind: 'actionOwner' },
    ]);
  });

  it('nobody from an agency once consent is narrowed or withdrawn; the lead stays', () => {
    expect(participantsOf(context({ consent: consent([]) }))).toEqual([
      { userId: 'lead', kind: 'lead' },
      { userId: 'lead', kind: 'actionOwner' },
    ]);
    expect(participantsOf(context({ consent: consent(['Public Health Nursing'], true) }))).toEqual([
      { userId: 'lead', kind: 'lead' },
      { userId: 'lead', kind: 'actionOwner' },
    ]);
  });

  it('every designated liaison person who handled a concern: consulted by id, or who reported, decided or recorded its outcome; consent never limits it', () => {
    const concern = {
      category: 'neglect' as const,
      mandatedReport: true,
      observed: 'o',
      immediateSafety: { childSafeNow: true, actionTaken: 'a' },
      raisedAt: '2026-03-02T09:00:00Z',
      raisedInStage: 'assessment' as const,
      status: 'closed' as const,
      liaison: { liaison: { name: 'Patrick', personId: 'dlp-consulted' }, advice: 'Report', at: '2026-03-02T09:00:00Z' },
      reports: [
        { statutoryService: 'Tusla', method: 'portal' as const, jointReport: false, parentsInformed: true, at: '2026-03-02T10:00:00Z', reporter: { id: 'lead', role: 'leadPractitioner' as const } },
        { statutoryService: 'Tusla', method: 'written' as const, jointReport: false, parentsInformed: true, at: '2026-03-02T10:00:00Z', reporter: { id: 'dlp-reporter', role: 'designatedLiaisonPerson' as const } },
      ],
      acknowledgedReference: 'TUS-1',
      decidedNotToReport: null,
      outcome: { outcome: 'returnToEarlyIntervention' as const, notes: 'n', at: '2026-03-03T09:00:00Z', by: { id: 'dlp-outcome', role: 'designatedLiaisonPerson' as const } },
    };
    expect(participantsOf(context({ consent: consent([], true), concerns: [concern] })).filter((p) => p.kind === 'liaison')).toEqual([
      { userId: 'dlp-consulted', kind: 'liaison' },
      { userId: 'dlp-reporter', kind: 'liaison' },
      { userId: 'dlp-outcome', kind: 'liaison' },
    ]);
    const byName = { ...concern, liaison: { ...concern.liaison, liaison: { name: 'Patrick' } }, reports: [], outcome: null };
    expect(participantsOf(context({ concerns: [byName] })).filter((p) => p.kind === 'liaison')).toEqual([]);
  });

  it('a case with no lead, no meeting and no plan names nobody', () => {
    expect(participantsOf(createCaseContext({ caseId: 'c', now: '2026-03-02T09:00:00Z' }))).toEqual([]);
  });
});
