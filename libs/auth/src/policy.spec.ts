import type { Actor } from '@tacu/domain';
import { canOpenCaseIn, canReadCase, canSeeSensitiveDetails, caseVisibilityFilter, hasPermission, invitedPersonIds, type CaseAccessFacts } from './policy';

const area = 'dublin-south-central';
const actor = (role: Actor['role'], id = `user-${role}`, areaId = area): Actor => ({ id, role, areaId });
const facts = (overrides: Partial<CaseAccessFacts> = {}): CaseAccessFacts => ({
  areaId: area,
  stage: 'assessment',
  leadPractitionerId: 'user-lead',
  invitedPersonIds: [],
  ...overrides,
});

describe('need to know', () => {
  it('a coordinator sees every case of their area and none of another', () => {
    expect(canReadCase(actor('coordinator'), facts())).toBe(true);
    expect(canReadCase(actor('coordinator'), facts({ areaId: 'galway' }))).toBe(false);
  });

  it('a lead practitioner sees the cases they lead, and requests of their area', () => {
    expect(canReadCase(actor('leadPractitioner', 'user-lead'), facts())).toBe(true);
    expect(canReadCase(actor('leadPractitioner', 'user-other'), facts())).toBe(false);
    expect(canReadCase(actor('leadPractitioner', 'user-other'), facts({ stage: 'request' }))).toBe(true);
    expect(canReadCase(actor('leadPractitioner', 'user-other', 'galway'), facts({ stage: 'request' }))).toBe(false);
  });

  it('an agency practitioner sees only the cases whose meeting invites them', () => {
    expect(canReadCase(actor('agencyPractitioner', 'user-agency'), facts())).toBe(false);
    expect(canReadCase(actor('agencyPractitioner', 'user-agency'), facts({ invitedPersonIds: ['user-agency'] }))).toBe(true);
  });

  it('a designated liaison person sees the cases of their area with a concern open', () => {
    expect(canReadCase(actor('designatedLiaisonPerson'), facts({ stage: 'escalation' }))).toBe(true);
    expect(canReadCase(actor('designatedLiaisonPerson'), facts())).toBe(false);
  });

  it('managers and family members see no case narrative (for now)', () => {
    for (const role of ['manager', 'parentCarer', 'youngPerson', 'system'] as const) {
      expect(caseVisibilityFilter(actor(role))).toEqual({ kind: 'none' });
      expect(canReadCase(actor(role), facts())).toBe(false);
      expect(hasPermission(actor(role), 'cases:read')).toBe(false);
    }
    expect(hasPermission(actor('manager'), 'workflows:read')).toBe(true);
  });

  it("the organisation's calendar: every practitioner and the manager read it; only coordinators and managers add closure days", () => {
    const roles = ['coordinator', 'leadPractitioner', 'agencyPractitioner', 'designatedLiaisonPerson', 'manager', 'parentCarer', 'youngPerson', 'system'] as const;
    expect(roles.filter((role) => hasPermission(actor(role), 'calendar:read'))).toEqual(['coordinator', 'leadPractitioner', 'agencyPractitioner', 'designatedLiaisonPerson', 'manager']);
    expect(roles.filter((role) => hasPermission(actor(role), 'calendar:manage'))).toEqual(['coordinator', 'manager']);
  });

  it('cases are opened by coordinators and lead practitioners, in their own area', () => {
    expect(canOpenCaseIn(actor('leadPractitioner'), area)).toBe(true);
    expect(canOpenCaseIn(actor('coordinator'), 'galway')).toBe(false);
    expect(canOpenCaseIn(actor('agencyPractitioner'), area)).toBe(false);
  });

  it('finds invitees wherever the record keeps them', () => {
    const snapshot = {
      context: {
        meeting: { invitees: [{ name: 'A', personId: 'u1', approvedByFamily: true }, { name: 'B', approvedByFamily: true }] },
        history: [{ invitees: [{ name: 'C', personId: 'u2' }] }],
        consent: { givenBy: { name: 'P', personId: 'u3' } },
      },
    };
    expect(invitedPersonIds(snapshot).sort()).toEqual(['u1', 'u2']);
    expect(invitedPersonIds(null)).toEqual([]);
  });

  it('sensitive details are for the lead practitioner of the case and the coordinators of its area', () => {
    expect(canSeeSensitiveDetails(actor('leadPractitioner', 'user-lead'), facts())).toBe(true);
    expect(canSeeSensitiveDetails(actor('leadPractitioner', 'user-other'), facts({ stage: 'request' }))).toBe(false);
    expect(canSeeSensitiveDetails(actor('coordinator'), facts())).toBe(true);
    expect(canSeeSensitiveDetails(actor('coordinator', 'c', 'galway'), facts())).toBe(false);
    expect(canSeeSensitiveDetails(actor('agencyPractitioner', 'user-agency'), facts({ invitedPersonIds: ['user-agency'] }))).toBe(false);
  });
});
