import { familyActs, namedPeople, withConsentRecorded, withConsentWithdrawn, type CaseConsent, type NamedPerson } from '@tacu/domain';
import { identifyFamilyActs, namingProblem, namingProblems, type NamedUser, type NamingFacts } from './naming';

const area = 'dublin-south-central';
const user = (id: string, role: string, agency: string | null = 'Public Health Nursing', overrides: Partial<NamedUser> = {}): NamedUser => ({
  id,
  role,
  areaId: area,
  agency,
  active: true,
  ...overrides,
});
const users = new Map<string, NamedUser>(
  [
    user('lead', 'leadPractitioner', 'Scoil Bhríde'),
    user('other-lead', 'leadPractitioner', 'Family Resource Centre'),
    user('nurse', 'agencyPractitioner'),
    user('dlp', 'designatedLiaisonPerson', 'Tusla'),
    user('coord', 'coordinator', 'Tusla'),
    user('manager', 'manager', 'Tusla'),
    user('gone', 'agencyPractitioner', 'Public Health Nursing', { active: false }),
    user('galway-nurse', 'agencyPractitioner', 'Public Health Nursing', { areaId: 'galway' }),
  ].map((u) => [u.id, u]),
);
const consent = (agencies: string[], withdrawn = false, doNotShareWith: string[] = []): CaseConsent => {
  const given = withConsentRecorded(
    [],
    {
      type: 'RECORD_CONSENT',
      givenBy: { name: 'Siobhán', personId: 'mother', hasParentalResponsibility: true },
      scopes: { takePart: true, keepRecords: true, shareWithAgencies: agencies, doNotShareWith },
      youngPersonConsent: { given: false, reasonNotSought: 'age' },
      signedOn: '2026-03-01',
    },
    '2026-03-01T09:00:00Z',
  );
  const people = withdrawn ? withConsentWithdrawn(given, { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Siobhán', personId: 'mother' } }, '2026-03-02T00:00:00Z') : given;
  return { people, youngPersonOfAge: false };
};
const facts = (overrides: Partial<NamingFacts> = {}): NamingFacts => ({
  areaId: area,
  leadPractitionerId: 'lead',
  childPersonId: 'child',
  familyMembers: new Map([
    ['mother', { name: 'Siobhán Murphy', hasParentalResponsibility: true }],
    ['granny', { name: 'Bridget Murphy', hasParentalResponsibility: false }],
    ['child', { name: 'Seán Murphy', hasParentalResponsibility: false }],
  ]),
  consent: consent(['Public Health Nursing']),
  ...overrides,
});
const named = (as: NamedPerson['as'], personId: string, extra: Partial<NamedPerson> = {}): NamedPerson => ({ field: 'x', personId, as, ...extra });
const problem = (n: NamedPerson, f: NamingFacts = facts()) => namingProblem(n, f, users);

describe('the people an event names', () => {
  it('are found wherever the event names them by id, with their capacity', () => {
    const event = {
      type: 'INVITE_TO_MEETING',
      chair: { name: 'Aoife', personId: 'lead' },
      minuteTaker: { name: 'no id' },
      invitees: [
        { name: 'Orla', personId: 'nurse', agency: 'Public Health Nursing', approvedByFamily: true },
        { name: 'Siobhán', personId: 'mother', approvedByFamily: true },
      ],
      nested: { deeper: [{ owner: { name: 'O', personId: 'nurse', agency: 'PHN' } }] },
      liaison: { name: 'P', personId: 'dlp' },
      signedBy: { name: 'S', personId: 'mother', as: 'parentCarer' },
      givenBy: { name: 'S', personId: 'mother', hasParentalResponsibility: true },
      leadPractitionerId: 'other-lead',
    };
    expect(namedPeople(event)).toEqual([
      { field: 'chair', personId: 'lead', as: 'person', name: 'Aoife' },
      { field: 'invitees.0', personId: 'nurse', as: 'invitee', name: 'Orla', agency: 'Public Health Nursing' },
      { field: 'invitees.1', personId: 'mother', as: 'invitee', name: 'Siobhán' },
      { field: 'nested.deeper.0.owner', personId: 'nurse', as: 'actionOwner', name: 'O', agency: 'PHN' },
      { field: 'liaison', personId: 'dlp', as: 'liaison', name: 'P' },
      { field: 'signedBy', personId: 'mother', as: 'signatory', name: 'S', signsAs: 'parentCarer' },
      { field: 'givenBy', personId: 'mother', as: 'consentGiver', name: 'S', claimsParentalResponsibility: true },
      { field: 'leadPractitionerId', personId: 'other-lead', as: 'leadPractitioner' },
    ]);
    expect(namedPeople({ type: 'SUBMIT_REPORT', jointReport: true, jointReporter: { name: 'P', personId: 'dlp' } })).toEqual([{ field: 'jointReporter', personId: 'dlp', as: 'jointReporter', name: 'P' }]);
    expect(namedPeople({ type: 'RECORD_CONTACT', with: [{ name: 'S', personId: 'mother' }, { name: 'Gran' }] })).toEqual([{ field: 'with.0', personId: 'mother', as: 'familyMember', name: 'S' }]);
    expect(namedPeople({ type: 'SUBMIT_REQUEST' })).toEqual([]);
    expect(namedPeople(null)).toEqual([]);
  });
});

describe('who may be named on a case', () => {
  it('a lead practitioner must be an active lead practitioner of the area', () => {
    expect(problem(named('leadPractitioner', 'other-lead'))).toBeNull();
    expect(problem(named('leadPractitioner', 'nobody'))).toMatch(/names nobody known here/);
    expect(problem(named('leadPractitioner', 'nurse'))).toMatch(/names nurse, whose role is agencyPractitioner: choose an active lead practitioner/);
    expect(problem(named('leadPractitioner', 'lead'), facts({ areaId: 'galway' }))).toMatch(/another area/);
    const inactive = new Map([['lead', user('lead', 'leadPractitioner', 'x', { active: false })]]);
    expect(namingProblem(named('leadPractitioner', 'lead'), facts(), inactive)).toMatch(/no longer active/);
  });

  it('an agency invitee must be an active practitioner of the area, with the agency their account records', () => {
    expect(problem(named('invitee', 'nurse', { agency: 'public health nursing ' }))).toBeNull();
    expect(problem(named('invitee', 'nurse'))).toMatch(/without their agency/);
    expect(problem(named('invitee', 'nurse', { agency: 'Gardaí' }))).toMatch(/their account records Public Health Nursing/);
    expect(problem(named('invitee', 'gone', { agency: 'Public Health Nursing' }))).toMatch(/no longer active/);
    expect(problem(named('invitee', 'galway-nurse', { agency: 'Public Health Nursing' }))).toMatch(/another area/);
    expect(problem(named('invitee', 'manager', { agency: 'Tusla' }))).toMatch(/names manager, whose role is manager: choose a practitioner/);
    expect(problem(named('invitee', 'coord', { agency: 'Tusla' }))).toMatch(/whose role is coordinator/);
    expect(problem(named('invitee', 'unknown', { agency: 'Tusla' }))).toMatch(/nobody known/);
    expect(problem(named('invitee', 'other-lead', { agency: 'Family Resource Centre' }))).toBeNull();
    expect(problem(named('invitee', 'dlp', { agency: 'Tusla' }))).toBeNull();
    const noAgency = new Map([['nurse', user('nurse', 'agencyPractitioner', null)]]);
    expect(namingProblem(named('invitee', 'nurse', { agency: 'PHN' }), facts(), noAgency)).toMatch(/records no agency/);
  });

  it('a family member is invited without an agency', () => {
    expect(problem(named('invitee', 'mother'))).toBeNull();
    expect(problem(named('invitee', 'mother', { agency: 'Public Health Nursing' }))).toMatch(/family members come without one/);
  });

  it('an action owner from an agency needs the family’s consent to cover that agency, unless they lead the case', () => {
    expect(problem(named('actionOwner', 'nurse', { agency: 'Public Health Nursing' }))).toBeNull();
    expect(problem(named('actionOwner', 'other-lead', { agency: 'Family Resource Centre' }))).toMatch(/consent does not cover sharing information with Family Resource Centre/);
    expect(problem(named('actionOwner', 'lead', { agency: 'Scoil Bhríde' }))).toBeNull();
    expect(problem(named('actionOwner', 'nurse', { agency: 'Public Health Nursing' }), facts({ consent: consent(['Public Health Nursing'], true) }))).toMatch(/withdrawn consent/);
    expect(problem(named('actionOwner', 'nurse', { agency: 'Public Health Nursing' }), facts({ consent: null }))).toMatch(/No consent/);
    expect(problem(named('actionOwner', 'coord', { agency: 'Tusla' }), facts({ consent: consent(['Tusla']) }))).toBeNull();
    expect(problem(named('actionOwner', 'nurse'))).toMatch(/without their agency/);
    expect(problem(named('actionOwner', 'manager', { agency: 'Tusla' }))).toMatch(/whose role is manager/);
    expect(problem(named('actionOwner', 'mother', { agency: 'family' }))).toBeNull();
  });

  it('a family member owns an action without an agency; a practitioner never does', () => {
    expect(problem(named('actionOwner', 'mother'))).toBeNull();
    expect(problem(named('actionOwner', 'nurse'))).toMatch(/without their agency/);
  });

  it('an agency a parent asked not to share with cannot own an action, even if it is named as shared with elsewhere', () => {
    const both = { people: [...consent(['Public Health Nursing']).people, ...withConsentRecorded([], {
      type: 'RECORD_CONSENT',
      givenBy: { name: 'Dónal', personId: 'father', hasParentalResponsibility: true },
      scopes: { takePart: true, keepRecords: true, shareWithAgencies: [], doNotShareWith: ['Public Health Nursing'] },
      youngPersonConsent: { given: false, reasonNotSought: 'age' },
      signedOn: '2026-03-01',
    }, '2026-03-01T10:00:00Z')], youngPersonOfAge: false };
    expect(problem(named('actionOwner', 'nurse', { agency: 'Public Health Nursing' }), facts({ consent: both }))).toMatch(/Dónal asked that nothing is shared with Public Health Nursing/);
  });

  it('the liaison consulted is a designated liaison person of the area', () => {
    expect(problem(named('liaison', 'dlp'))).toBeNull();
    expect(problem(named('liaison', 'coord'))).toMatch(/whose role is coordinator: choose a designated liaison person/);
  });

  it('the other reporter of a joint report named by id is an active practitioner of the area (anyone else by name alone)', () => {
    for (const id of ['dlp', 'nurse', 'other-lead', 'coord']) expect(problem(named('jointReporter', id))).toBeNull();
    expect(problem(named('jointReporter', 'mother'))).toMatch(/names nobody known here: give the id of a practitioner of the area, or give the name alone/);
    expect(problem(named('jointReporter', 'manager'))).toMatch(/whose role is manager/);
    expect(problem(named('jointReporter', 'galway-nurse'))).toMatch(/another area/);
  });

  it('a contact is with members of the family of the case', () => {
    expect(problem(named('familyMember', 'mother'))).toBeNull();
    expect(problem(named('familyMember', 'child'))).toBeNull();
    expect(problem(named('familyMember', 'nurse'))).toMatch(/names nobody of this family: a contact is with members of the family/);
  });

  it('a plan is signed by a parent/carer of the family with parental responsibility, or by the child', () => {
    expect(problem(named('signatory', 'mother', { signsAs: 'parentCarer' }))).toBeNull();
    expect(problem(named('signatory', 'granny', { signsAs: 'parentCarer' }))).toMatch(/without parental responsibility/);
    expect(problem(named('signatory', 'lead', { signsAs: 'parentCarer' }))).toMatch(/nobody of this family/);
    expect(problem(named('signatory', 'child', { signsAs: 'youngPerson' }))).toBeNull();
    expect(problem(named('signatory', 'mother', { signsAs: 'youngPerson' }))).toMatch(/someone other than the child/);
  });

  it('consent is given by a member of the family, with the parental responsibility the record says', () => {
    expect(problem(named('consentGiver', 'mother', { claimsParentalResponsibility: true }))).toBeNull();
    expect(problem(named('consentGiver', 'granny', { claimsParentalResponsibility: false }))).toBeNull();
    expect(problem(named('consentGiver', 'granny', { claimsParentalResponsibility: true }))).toMatch(/family record says they have not/);
    expect(problem(named('consentGiver', 'mother', { claimsParentalResponsibility: false }))).toBe(
      'says Siobhán Murphy has no parental responsibility, but the family record says they have it: give hasParentalResponsibility true (or correct the family record first)',
    );
    expect(problem(named('consentGiver', 'nurse'))).toMatch(/nobody of this family/);
  });

  it("a family member named by id is named by the family record's name (case, spacing and fadas aside)", () => {
    expect(problem(named('consentGiver', 'mother', { name: 'Totally Different Person', claimsParentalResponsibility: true }))).toBe(
      "names family member mother as 'Totally Different Person', but the family record's name for mother is 'Siobhán Murphy': give the member's name as the family record has it (or check the personId; correct the family record first if the name there is wrong)",
    );
    for (const as of ['signatory', 'withdrawer', 'familyAgreement', 'invitee', 'actionOwner', 'familyMember', 'person'] as const) {
      expect(problem(named(as, 'mother', { name: 'Someone Else Entirely', signsAs: 'parentCarer' }))).toMatch(/^names family member mother as 'Someone Else Entirely'/);
    }
    expect(problem(named('signatory', 'mother', { name: '  siobhan   MURPHY ', signsAs: 'parentCarer' }))).toBeNull();
    expect(problem(named('signatory', 'mother', { name: 'Siobha\u0301n Murphy', signsAs: 'parentCarer' }))).toBeNull();
  });

  it('consent is withdrawn, and the assessment agreed, by a member of the family', () => {
    expect(problem(named('withdrawer', 'mother'))).toBeNull();
    expect(problem(named('withdrawer', 'lead'))).toMatch(/^names nobody of this family: consent is withdrawn by the family member who gave it/);
    expect(problem(named('familyAgreement', 'granny'))).toBeNull();
    expect(problem(named('familyAgreement', 'coord'))).toMatch(/^names nobody of this family: the assessment is agreed by a member of the family/);
  });

  it('a family act named by name alone is the one member of that name; nobody outside the family acts for it', () => {
    const event = {
      type: 'X',
      givenBy: { name: 'SIOBHAN murphy', hasParentalResponsibility: true },
      signedBy: { name: 'Anyone', as: 'youngPerson' },
      withdrawnBy: { name: 'Not In Family' },
      agreedBy: { name: 'Bridget Murphy', personId: 'granny' },
    };
    const acts = familyActs(event);
    expect(acts.map((a) => a.field)).toEqual(['givenBy', 'signedBy', 'withdrawnBy', 'agreedBy']);
    expect(identifyFamilyActs(acts, facts())).toEqual({
      identified: [
        { field: 'givenBy', personId: 'mother' },
        { field: 'signedBy', personId: 'child' },
      ],
      problems: [
        {
          field: 'withdrawnBy.personId',
          problem:
            "withdrawnBy names 'Not In Family', who is not a member of this family: only a member of the case's family withdraws their consent. Give their personId (the members of GET /cases/{id}), or add them to the family first",
        },
      ],
    });
    const twins = facts({ familyMembers: new Map([['a', { name: 'Ann Ryan', hasParentalResponsibility: true }], ['b', { name: 'Ann Ryan', hasParentalResponsibility: true }]]) });
    expect(identifyFamilyActs(familyActs({ signedBy: { name: 'Ann Ryan', as: 'parentCarer' } }), twins).problems).toEqual([
      { field: 'signedBy.personId', problem: "signedBy names 'Ann Ryan', and 2 members of this family have that name: give the personId of the one who signs the plan (a, b)" },
    ]);
    expect(identifyFamilyActs(familyActs({ signedBy: { name: 'Seán', as: 'youngPerson' } }), facts({ childPersonId: null })).problems).toEqual([
      { field: 'signedBy.personId', problem: 'signedBy.personId is required: give the personId of the young person who signs the plan (the child of the case)' },
    ]);
  });

  it("the young person gives their own consent as the child of the case, nobody else as them", () => {
    expect(problem(named('consentGiver', 'child', { signsAs: 'youngPerson' }))).toBeNull();
    expect(problem(named('consentGiver', 'mother', { signsAs: 'youngPerson' }))).toMatch(/someone other than the child of this case/);
  });

  it('anyone else named by id is a member of the family or an active practitioner of the area', () => {
    expect(problem(named('person', 'granny'))).toBeNull();
    expect(problem(named('person', 'coord'))).toBeNull();
    expect(problem(named('person', 'manager'))).toBeNull();
    expect(problem(named('person', 'gone'))).toMatch(/no longer active/);
    expect(problem(named('person', 'galway-nurse'))).toMatch(/another area/);
    expect(problem(named('person', 'fm-0001'))).toMatch(/names nobody known here/);
  });

  it('tells the caller whom to name instead, and where to find them', () => {
    const hint = '(GET /users lists the people of the area you may name)';
    expect(problem(named('person', 'fm-0001'))).toBe(`names nobody known here: give the id of a member of this family or a practitioner of the area ${hint}`);
    expect(problem(named('invitee', 'gone', { agency: 'Public Health Nursing' }))).toBe(`names a user who is no longer active: choose a practitioner who is ${hint}`);
    expect(problem(named('liaison', 'galway-nurse'))).toBe(`names a user of another area: choose a designated liaison person of area ${area} ${hint}`);
    expect(problem(named('actionOwner', 'manager', { agency: 'Tusla' }))).toBe('names manager, whose role is manager: choose a practitioner');
    expect(problem(named('invitee', 'nurse', { agency: 'Gardaí' }))).toBe('says nurse comes from Gardaí, but their account records Public Health Nursing: give the agency they act for');
  });

  it("an agency matches the account's whatever the case and the spaces around it, on either side", () => {
    const spaced = new Map([['nurse', user('nurse', 'agencyPractitioner', '  Public Health Nursing ')]]);
    expect(namingProblem(named('invitee', 'nurse', { agency: 'PUBLIC HEALTH NURSING' }), facts(), spaced)).toBeNull();
    expect(namingProblem(named('invitee', 'nurse', { agency: 'Public Health' }), facts(), spaced)).toMatch(/their account records/);
  });

  it('namingProblems lists every problem with its field', () => {
    const list = namingProblems([{ ...named('invitee', 'nurse'), field: 'invitees.0' }, named('person', 'granny'), { ...named('liaison', 'x'), field: 'liaison' }], facts(), users);
    expect(list.map((p) => p.field)).toEqual(['invitees.0', 'liaison']);
    expect(list[0]?.problem).toMatch(/^invitees\.0 names a practitioner \(nurse\) without their agency/);
  });
});
