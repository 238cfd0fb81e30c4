import { withConsentRecorded, withConsentWithdrawn, type PersonConsent, type RecordConsent } from '@tacu/domain';
import { createCaseContext, type CaseContext } from './context';
import { participantsOf } from './workflow-kit';

const consentOf = (name: string, agencies: string[], doNotShareWith: string[] = []): RecordConsent => ({
  type: 'RECORD_CONSENT',
  givenBy: { name, hasParentalResponsibility: true },
  scopes: { takePart: true, keepRecords: true, shareWithAgencies: agencies, doNotShareWith },
  youngPersonConsent: { given: false, reasonNotSought: 'age' },
  signedOn: '2026-03-01',
});
const consent = (agencies: string[], withdrawn = false): PersonConsent[] => {
  const people = withConsentRecorded([], consentOf('Siobhán', agencies), '2026-03-01T09:00:00Z');
  return withdrawn ? withConsentWithdrawn(people, { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Siobhán' } }, '2026-03-02T00:00:00Z') : people;
};

function context(overrides: Partial<CaseContext> = {}): CaseContext {
  const base = createCaseContext({ caseId: 'c', now: '2026-03-02T09:00:00Z', leadPractitionerId: 'lead' });
  return {
    ...base,
    consents: consent(['Public Health Nursing', 'Scoil Bhríde']),
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
    expect(participantsOf(context({ consents: consent([]) }))).toEqual([
      { userId: 'lead', kind: 'lead' },
      { userId: 'lead', kind: 'actionOwner' },
    ]);
    expect(participantsOf(context({ consents: consent(['Public Health Nursing'], true) }))).toEqual([
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
    expect(participantsOf(context({ consents: consent([], true), concerns: [concern] })).filter((p) => p.kind === 'liaison')).toEqual([
      { userId: 'dlp-consulted', kind: 'liaison' },
      { userId: 'dlp-reporter', kind: 'liaison' },
      { userId: 'dlp-outcome', kind: 'liaison' },
    ]);
    const byName = { ...concern, liaison: { ...concern.liaison, liaison: { name: 'Patrick' } }, reports: [], outcome: null };
    expect(participantsOf(context({ concerns: [byName] })).filter((p) => p.kind === 'liaison')).toEqual([]);
  });

  it("an agency loses its access when a second parent's consent leaves it out, or asks that it is not shared with", () => {
    const second = (c: RecordConsent) => withConsentRecorded(consent(['Public Health Nursing', 'Scoil Bhríde']), c, '2026-03-02T09:00:00Z');
    expect(participantsOf(context({ consents: second(consentOf('Dónal', ['Scoil Bhríde'])) }))).toEqual([
      { userId: 'lead', kind: 'lead' },
      { userId: 'teacher', kind: 'actionOwner' },
      { userId: 'lead', kind: 'actionOwner' },
    ]);
    expect(participantsOf(context({ consents: second(consentOf('Dónal', ['Scoil Bhríde'], ['Public Health Nursing'])) }))).not.toContainEqual({ userId: 'nurse', kind: 'invitee' });
  });

  it('a family member who owns an action is not a practitioner of the case', () => {
    const base = context();
    const owned = { ...base, plan: { ...base.plan, actions: [{ id: 'a5', answers: 'x', what: 'Morning routine', owner: { name: 'Siobhán', personId: 'mother' }, dueDate: '2026-04-01', status: 'notStarted' as const }] } };
    expect(participantsOf(owned)).not.toContainEqual(expect.objectContaining({ userId: 'mother' }));
  });

  it('a case with no lead, no meeting and no plan names nobody', () => {
    expect(participantsOf(createCaseContext({ caseId: 'c', now: '2026-03-02T09:00:00Z' }))).toEqual([]);
  });
});
