import { ROLES, type Actor, type Role } from '@tacu/domain';
import {
  PERMISSIONS,
  ROLE_PERMISSIONS,
  canMakeChecklistIn,
  canSeeChecklist,
  checklistVisibility,
  familyDetailsChange,
  canOpenCaseIn,
  canReadCase,
  canSeeMemberSensitiveDetails,
  canSeeSensitiveDetails,
  caseRoleOf,
  caseVisibilityFilter,
  familyJoinFilter,
  hasPermission,
  mayReportOnAction,
  matchesRule,
  readsConcernRecordOnly,
  type CaseAccessFacts,
  type CaseVisibilityRule,
} from './policy';

const area = 'dublin-south-central';
const actor = (role: Role, id = `user-${role}`, areaId = area): Actor => ({ id, role, areaId });
const facts = (overrides: Partial<CaseAccessFacts> = {}): CaseAccessFacts => ({
  areaId: area,
  stage: 'assessment',
  status: 'active',
  participation: [],
  ...overrides,
});

describe('what each role may do at all (ROLE_PERMISSIONS)', () => {
  it('gives each role exactly its permissions', () => {
    expect(ROLE_PERMISSIONS).toEqual({
      coordinator: [
        'cases:read',
        'cases:open',
        'cases:send',
        'workflows:read',
        'people:read',
        'calendar:read',
        'calendar:manage',
        'checklists:make',
        'checklists:read',
        'checklists:figures',
      ],
      leadPractitioner: ['cases:read', 'cases:open', 'cases:send', 'workflows:read', 'people:read', 'calendar:read', 'checklists:make', 'checklists:read'],
      agencyPractitioner: ['cases:read', 'cases:send', 'workflows:read', 'calendar:read'],
      designatedLiaisonPerson: ['cases:read', 'cases:send', 'workflows:read', 'people:read', 'calendar:read'],
      manager: ['workflows:read', 'people:read', 'calendar:read', 'calendar:manage', 'checklists:figures'],
      parentCarer: [],
      youngPerson: [],
      system: [],
    });
  });

  it('hasPermission answers from the table for every role and permission', () => {
    for (const role of ROLES) {
      for (const permission of PERMISSIONS) {
        expect({ role, permission, allowed: hasPermission(actor(role), permission) }).toEqual({
          role,
          permission,
          allowed: ROLE_PERMISSIONS[role].includes(permission),
        });
      }
    }
    expect(hasPermission(actor('manager'), 'cases:read')).toBe(false);
    expect(hasPermission(actor('coordinator'), 'cases:open')).toBe(true);
  });
});

describe('need to know: who sees a case, and as whom', () => {
  it('a coordinator sees every case of their area, open or closed, and none of another', () => {
    expect(caseRoleOf(actor('coordinator'), facts())).toBe('coordinator');
    expect(caseRoleOf(actor('coordinator'), facts({ status: 'closed', stage: 'closure' }))).toBe('coordinator');
    expect(caseRoleOf(actor('coordinator'), facts({ areaId: 'galway' }))).toBeNull();
  });

  it('a lead practitioner sees the cases they lead, closed ones too, but not another lead’s', () => {
    expect(caseRoleOf(actor('leadPractitioner'), facts({ participation: ['lead'] }))).toBe('leadPractitioner');
    expect(caseRoleOf(actor('leadPractitioner'), facts({ participation: ['lead'], status: 'closed' }))).toBe('leadPractitioner');
    expect(caseRoleOf(actor('leadPractitioner'), facts())).toBeNull();
  });

  it('no lead practitioner sees a request of their area they neither made nor lead', () => {
    expect(caseRoleOf(actor('leadPractitioner'), facts({ stage: 'request' }))).toBeNull();
  });

  it('the practitioner who made a request sees it while it is a request, and no longer', () => {
    expect(caseRoleOf(actor('leadPractitioner'), facts({ stage: 'request', participation: ['opener'] }))).toBe('leadPractitioner');
    expect(caseRoleOf(actor('leadPractitioner'), facts({ stage: 'request', status: 'closed', participation: ['opener'] }))).toBe('leadPractitioner');
    expect(caseRoleOf(actor('leadPractitioner'), facts({ stage: 'assessment', participation: ['opener'] }))).toBeNull();
  });

  it('an invited agency practitioner or action owner sees an open case as an agency practitioner, until it closes', () => {
    for (const participation of ['invitee', 'actionOwner']) {
      expect(caseRoleOf(actor('agencyPractitioner'), facts({ participation: [participation] }))).toBe('agencyPractitioner');
      expect(caseRoleOf(actor('agencyPractitioner'), facts({ participation: [participation], status: 'onHold' }))).toBe('agencyPractitioner');
      expect(caseRoleOf(actor('agencyPractitioner'), facts({ participation: [participation], status: 'closed' }))).toBeNull();
    }
    expect(caseRoleOf(actor('agencyPractitioner'), facts())).toBeNull();
    expect(caseRoleOf(actor('agencyPractitioner'), facts({ participation: ['opener'], stage: 'request' }))).toBeNull();
    expect(caseRoleOf(actor('agencyPractitioner'), facts({ participation: ['lead'] }))).toBeNull();
  });

  it('a lead practitioner invited to another lead’s meeting acts there as an agency practitioner', () => {
    expect(caseRoleOf(actor('leadPractitioner'), facts({ participation: ['invitee'] }))).toBe('agencyPractitioner');
    expect(caseRoleOf(actor('leadPractitioner'), facts({ participation: ['actionOwner'] }))).toBe('agencyPractitioner');
    expect(caseRoleOf(actor('leadPractitioner'), facts({ participation: ['actionOwner', 'lead'] }))).toBe('leadPractitioner');
  });

  it('a designated liaison person sees the cases of their area with a concern open, and those they are invited to', () => {
    expect(caseRoleOf(actor('designatedLiaisonPerson'), facts({ stage: 'escalation', status: 'onHold' }))).toBe('designatedLiaisonPerson');
    expect(caseRoleOf(actor('designatedLiaisonPerson'), facts())).toBeNull();
    expect(caseRoleOf(actor('designatedLiaisonPerson', 'dlp', 'galway'), facts({ stage: 'escalation' }))).toBeNull();
    expect(caseRoleOf(actor('designatedLiaisonPerson'), facts({ participation: ['invitee'] }))).toBe('agencyPractitioner');
  });

  it('a designated liaison person who handled a concern keeps reading their record of it once it is over, closed or not', () => {
    const dlp = actor('designatedLiaisonPerson');
    for (const status of ['active', 'closed']) {
      expect(caseRoleOf(dlp, facts({ status, participation: ['liaison'] }))).toBe('designatedLiaisonPerson');
      expect(readsConcernRecordOnly(dlp, facts({ status, participation: ['liaison'] }))).toBe(true);
    }
    // While a concern is open, or where invited, they read what those rules give them.
    expect(readsConcernRecordOnly(dlp, facts({ stage: 'escalation', status: 'onHold', participation: ['liaison'] }))).toBe(false);
    expect(caseRoleOf(dlp, facts({ participation: ['liaison', 'invitee'] }))).toBe('agencyPractitioner');
    expect(readsConcernRecordOnly(dlp, facts({ participation: ['liaison', 'invitee'] }))).toBe(false);
    expect(caseRoleOf(dlp, facts({ areaId: 'galway', participation: ['liaison'] }))).toBeNull();
    // The participation gives nothing to another role.
    for (const role of ['leadPractitioner', 'agencyPractitioner', 'coordinator'] as const) {
      expect(readsConcernRecordOnly(actor(role), facts({ participation: ['liaison'] }))).toBe(false);
    }
    expect(caseRoleOf(actor('agencyPractitioner'), facts({ participation: ['liaison'] }))).toBeNull();
    for (const role of ['manager', 'parentCarer', 'youngPerson', 'system'] as const) {
      expect(readsConcernRecordOnly(actor(role), facts({ participation: ['liaison'] }))).toBe(false);
    }
  });

  it('nobody sees a case of another area, whatever the case says of them', () => {
    const everything = facts({ areaId: 'galway', stage: 'request', participation: ['lead', 'opener', 'invitee', 'actionOwner', 'liaison'] });
    for (const role of ROLES) expect({ role, sees: caseRoleOf(actor(role), everything) }).toEqual({ role, sees: null });
  });

  it('managers, family members and the system see no case narrative', () => {
    for (const role of ['manager', 'parentCarer', 'youngPerson', 'system'] as const) {
      expect(caseVisibilityFilter(actor(role))).toEqual({ kind: 'none' });
      expect(canReadCase(actor(role), facts({ participation: ['lead', 'invitee'] }))).toBe(false);
    }
  });

  it('canReadCase is caseRoleOf answering a role', () => {
    expect(canReadCase(actor('coordinator'), facts())).toBe(true);
    expect(canReadCase(actor('agencyPractitioner'), facts())).toBe(false);
  });

  it('the list filter is the same rules, as data the SQL is built from', () => {
    expect(caseVisibilityFilter(actor('coordinator'))).toEqual({ kind: 'any', rules: [{ kind: 'area', areaId: area, actsAs: 'coordinator' }] });
    const invited = (id: string): CaseVisibilityRule[] => [
      { kind: 'participant', userId: id, areaId: area, openOnly: true, actsAs: 'agencyPractitioner', participation: 'invitee' },
      { kind: 'participant', userId: id, areaId: area, openOnly: true, actsAs: 'agencyPractitioner', participation: 'actionOwner' },
    ];
    expect(caseVisibilityFilter(actor('leadPractitioner', 'lp'))).toEqual({
      kind: 'any',
      rules: [
        { kind: 'participant', userId: 'lp', areaId: area, participation: 'lead', actsAs: 'leadPractitioner' },
        { kind: 'participant', userId: 'lp', areaId: area, participation: 'opener', stage: 'request', actsAs: 'leadPractitioner' },
        ...invited('lp'),
      ],
    });
    expect(caseVisibilityFilter(actor('agencyPractitioner', 'ap'))).toEqual({ kind: 'any', rules: invited('ap') });
    expect(caseVisibilityFilter(actor('designatedLiaisonPerson', 'dlp'))).toEqual({
      kind: 'any',
      rules: [
        { kind: 'areaInStage', areaId: area, stage: 'escalation', actsAs: 'designatedLiaisonPerson' },
        ...invited('dlp'),
        { kind: 'participant', userId: 'dlp', areaId: area, participation: 'liaison', actsAs: 'designatedLiaisonPerson' },
      ],
    });
  });

  it('matchesRule checks every condition of a rule', () => {
    const rule: CaseVisibilityRule = { kind: 'participant', userId: 'u', areaId: area, participation: 'opener', stage: 'request', openOnly: true, actsAs: 'leadPractitioner' };
    const ok = facts({ stage: 'request', participation: ['opener'] });
    expect(matchesRule(rule, ok)).toBe(true);
    expect(matchesRule(rule, { ...ok, areaId: 'galway' })).toBe(false);
    expect(matchesRule(rule, { ...ok, participation: ['lead'] })).toBe(false);
    expect(matchesRule(rule, { ...ok, stage: 'assessment' })).toBe(false);
    expect(matchesRule(rule, { ...ok, status: 'closed' })).toBe(false);
    expect(matchesRule({ kind: 'areaInStage', areaId: area, stage: 'escalation', actsAs: 'designatedLiaisonPerson' }, facts({ stage: 'escalation', areaId: 'galway' }))).toBe(false);
    expect(matchesRule({ kind: 'area', areaId: area, actsAs: 'coordinator' }, facts({ areaId: 'galway' }))).toBe(false);
  });
});

describe('joining a family and acting within a case', () => {
  it('a new case joins a family through a case one leads, or any case of the area for a coordinator; never as a guest', () => {
    expect(familyJoinFilter(actor('coordinator'))).toEqual({ kind: 'any', rules: [{ kind: 'area', areaId: area, actsAs: 'coordinator' }] });
    expect(familyJoinFilter(actor('leadPractitioner', 'lp'))).toEqual({
      kind: 'any',
      rules: [{ kind: 'participant', userId: 'lp', areaId: area, participation: 'lead', actsAs: 'leadPractitioner' }],
    });
    for (const role of ['agencyPractitioner', 'designatedLiaisonPerson', 'manager', 'parentCarer', 'youngPerson', 'system'] as const) {
      expect(familyJoinFilter(actor(role))).toEqual({ kind: 'none' });
    }
  });

  it('an invited agency practitioner reports on the actions they own; the lead on any', () => {
    const mine = { owner: { personId: 'nurse' } };
    expect(mayReportOnAction('agencyPractitioner', 'nurse', mine)).toBe(true);
    expect(mayReportOnAction('agencyPractitioner', 'nurse', { owner: { personId: 'teacher' } })).toBe(false);
    expect(mayReportOnAction('agencyPractitioner', 'nurse', { owner: {} })).toBe(false);
    expect(mayReportOnAction('agencyPractitioner', 'nurse', undefined)).toBe(false);
    expect(mayReportOnAction('agencyPractitioner', 'nurse', {})).toBe(false);
    expect(mayReportOnAction('leadPractitioner', 'lead', { owner: { personId: 'teacher' } })).toBe(true);
  });

  it("an action the family owns is reported on by the case's lead, not by an invited agency", () => {
    const familys = { owner: { name: 'Siobhán', personId: 'fm-mother' } };
    expect(mayReportOnAction('leadPractitioner', 'lead', familys)).toBe(true);
    expect(mayReportOnAction('agencyPractitioner', 'nurse', familys)).toBe(false);
  });
});

describe('opening cases', () => {
  it('coordinators and lead practitioners open cases in their own area only', () => {
    expect(canOpenCaseIn(actor('leadPractitioner'), area)).toBe(true);
    expect(canOpenCaseIn(actor('coordinator'), area)).toBe(true);
    expect(canOpenCaseIn(actor('coordinator'), 'galway')).toBe(false);
    expect(canOpenCaseIn(actor('agencyPractitioner'), area)).toBe(false);
    expect(canOpenCaseIn(actor('manager'), area)).toBe(false);
  });
});

describe('sensitive details', () => {
  it('are for the lead practitioner of the case and the coordinators of its area only', () => {
    expect(canSeeSensitiveDetails(actor('leadPractitioner'), facts({ participation: ['lead'] }))).toBe(true);
    expect(canSeeSensitiveDetails(actor('coordinator'), facts())).toBe(true);
    expect(canSeeSensitiveDetails(actor('coordinator', 'c', 'galway'), facts())).toBe(false);
    expect(canSeeSensitiveDetails(actor('leadPractitioner', 'lp', 'galway'), facts({ participation: ['lead'] }))).toBe(false);
  });

  it("of a sibling case's child are for the area's coordinators and whoever leads that child's case, not for the lead of the sibling's case", () => {
    const lead = actor('leadPractitioner');
    const ofLead = facts({ participation: ['lead'] });
    const sibling = { childOfAnotherCase: true, readerLeadsTheirCase: false };
    expect(canSeeMemberSensitiveDetails(lead, ofLead, sibling)).toBe(false);
    expect(canSeeMemberSensitiveDetails(lead, ofLead, { ...sibling, readerLeadsTheirCase: true })).toBe(true);
    expect(canSeeMemberSensitiveDetails(actor('coordinator'), facts(), sibling)).toBe(true);
    expect(canSeeMemberSensitiveDetails(actor('coordinator', 'c', 'galway'), facts(), sibling)).toBe(false);
    // The case's own child and the adults: as the case.
    const own = { childOfAnotherCase: false, readerLeadsTheirCase: false };
    expect(canSeeMemberSensitiveDetails(lead, ofLead, own)).toBe(true);
    expect(canSeeMemberSensitiveDetails(lead, facts({ participation: ['invitee'] }), own)).toBe(false);
    expect(canSeeMemberSensitiveDetails(lead, facts({ participation: ['invitee'] }), { ...sibling, readerLeadsTheirCase: true })).toBe(false);
  });

  it('are not for the practitioner who made the request, an invited agency, a liaison person or a manager', () => {
    expect(canSeeSensitiveDetails(actor('leadPractitioner'), facts({ stage: 'request', participation: ['opener'] }))).toBe(false);
    expect(canSeeSensitiveDetails(actor('leadPractitioner'), facts({ participation: ['invitee'] }))).toBe(false);
    for (const role of ['agencyPractitioner', 'designatedLiaisonPerson', 'manager', 'parentCarer', 'youngPerson', 'system'] as const) {
      expect({ role, sees: canSeeSensitiveDetails(actor(role), facts({ stage: 'escalation', participation: ['lead', 'invitee'] })) }).toEqual({ role, sees: false });
    }
  });
});

describe("the organisation's calendar", () => {
  it('every practitioner and the manager read it; only coordinators and managers add closure days', () => {
    const roles = ['coordinator', 'leadPractitioner', 'agencyPractitioner', 'designatedLiaisonPerson', 'manager', 'parentCarer', 'youngPerson', 'system'] as const;
    expect(roles.filter((role) => hasPermission(actor(role), 'calendar:read'))).toEqual(['coordinator', 'leadPractitioner', 'agencyPractitioner', 'designatedLiaisonPerson', 'manager']);
    expect(roles.filter((role) => hasPermission(actor(role), 'calendar:manage'))).toEqual(['coordinator', 'manager']);
  });
});

describe("changing the family's details", () => {
  it('is for the lead practitioner of the case and the coordinators of its area, while the case is open', () => {
    expect(familyDetailsChange(actor('leadPractitioner'), facts({ participation: ['lead'] }))).toBe('allowed');
    expect(familyDetailsChange(actor('coordinator'), facts())).toBe('allowed');
    expect(familyDetailsChange(actor('coordinator'), facts({ stage: 'escalation', status: 'onHold' }))).toBe('allowed');
  });

  it('not through a closed case: its record is history', () => {
    expect(familyDetailsChange(actor('leadPractitioner'), facts({ status: 'closed', participation: ['lead'] }))).toBe('caseClosed');
    expect(familyDetailsChange(actor('coordinator'), facts({ status: 'closed' }))).toBe('caseClosed');
  });

  it('not for the practitioner who made the request, an invited agency, a liaison person, anyone of another area', () => {
    expect(familyDetailsChange(actor('leadPractitioner'), facts({ stage: 'request', participation: ['opener'] }))).toBe('notPermitted');
    expect(familyDetailsChange(actor('leadPractitioner'), facts({ participation: ['invitee', 'actionOwner'] }))).toBe('notPermitted');
    expect(familyDetailsChange(actor('agencyPractitioner'), facts({ participation: ['invitee'] }))).toBe('notPermitted');
    expect(familyDetailsChange(actor('designatedLiaisonPerson'), facts({ stage: 'escalation', status: 'onHold' }))).toBe('notPermitted');
    expect(familyDetailsChange(actor('coordinator', 'c', 'galway'), facts())).toBe('notPermitted');
    expect(familyDetailsChange(actor('leadPractitioner', 'lp', 'galway'), facts({ participation: ['lead'] }))).toBe('notPermitted');
    for (const role of ['manager', 'parentCarer', 'youngPerson', 'system'] as const) expect({ role, decision: familyDetailsChange(actor(role), facts({ participation: ['lead'] })) }).toEqual({ role, decision: 'notPermitted' });
  });
});

describe('pre-request checklists', () => {
  const checklist = (overrides: Partial<{ areaId: string; madeBy: string; leadOfLinkedCase: boolean }> = {}) => ({ areaId: area, madeBy: 'user-leadPractitioner', leadOfLinkedCase: false, ...overrides });

  it('are made by those who make requests, in their own area', () => {
    expect(ROLES.filter((role) => canMakeChecklistIn(actor(role), area))).toEqual(['leadPractitioner', 'coordinator']);
    expect(canMakeChecklistIn(actor('leadPractitioner'), 'galway')).toBe(false);
    expect(canMakeChecklistIn(actor('coordinator'), 'galway')).toBe(false);
  });

  it('are seen by who made them, the coordinators of their area, and the lead of the case they led to', () => {
    expect(canSeeChecklist(actor('leadPractitioner'), checklist())).toBe(true);
    expect(canSeeChecklist(actor('coordinator'), checklist())).toBe(true);
    expect(canSeeChecklist(actor('leadPractitioner', 'lp-2'), checklist({ leadOfLinkedCase: true }))).toBe(true);
  });

  it('are not seen by another lead practitioner, an agency, a liaison person, a manager, or anyone of another area', () => {
    expect(canSeeChecklist(actor('leadPractitioner', 'lp-2'), checklist())).toBe(false);
    expect(canSeeChecklist(actor('coordinator', 'c', 'galway'), checklist())).toBe(false);
    expect(canSeeChecklist(actor('leadPractitioner', 'user-leadPractitioner', 'galway'), checklist())).toBe(false);
    expect(canSeeChecklist(actor('leadPractitioner', 'lp-2', 'galway'), checklist({ leadOfLinkedCase: true }))).toBe(false);
    for (const role of ['agencyPractitioner', 'designatedLiaisonPerson', 'manager', 'parentCarer', 'youngPerson', 'system'] as const) {
      expect({ role, sees: canSeeChecklist(actor(role, 'user-leadPractitioner'), checklist({ leadOfLinkedCase: true })) }).toEqual({ role, sees: false });
    }
  });

  it('the list filter is the same rules, as data the SQL is built from', () => {
    expect(checklistVisibility(actor('coordinator'))).toEqual({ kind: 'area', areaId: area });
    expect(checklistVisibility(actor('leadPractitioner'))).toEqual({ kind: 'madeOrLed', userId: 'user-leadPractitioner', areaId: area });
    for (const role of ['agencyPractitioner', 'designatedLiaisonPerson', 'manager', 'parentCarer', 'youngPerson', 'system'] as const) expect(checklistVisibility(actor(role))).toEqual({ kind: 'none' });
  });

  it('are counted for coordinators and managers: figures, not narratives', () => {
    expect(ROLES.filter((role) => hasPermission(actor(role), 'checklists:figures'))).toEqual(['coordinator', 'manager']);
    expect(ROLES.filter((role) => hasPermission(actor(role), 'checklists:read'))).toEqual(['leadPractitioner', 'coordinator']);
  });
});
