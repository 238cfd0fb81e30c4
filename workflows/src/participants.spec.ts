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

  it('a case with no lead, no meeting and no plan names nobody', () => {
    expect(participantsOf(createCaseContext({ caseId: 'c', now: '2026-03-02T09:00:00Z' }))).toEqual([]);
  });
});
