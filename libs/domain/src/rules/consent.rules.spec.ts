import { youngPersonIsOfAge } from '../consent-policy';
import type { RecordConsent } from '../events';
import {
  agencyInviteesCoveredByConsent,
  consentCanBeRecorded,
  consentCoversAgency,
  consentStillStands,
  effectiveConsent,
  hasValidConsent,
  upgradeLegacyConsent,
  withConsentRecorded,
  withConsentWithdrawn,
  withWithdrawalsDecided,
  type CaseConsent,
  type PersonConsent,
} from './consent.rules';

const NOW = '2026-11-23T09:00:00.000Z';

const mother: RecordConsent = {
  type: 'RECORD_CONSENT',
  givenBy: { name: 'Parent A', personId: 'mother', hasParentalResponsibility: true },
  scopes: { takePart: true, keepRecords: true, shareWithAgencies: ['HSE Public Health Nursing', 'Scoil Bhríde'] },
  youngPersonConsent: { given: false, reasonNotSought: 'Aged 6.' },
  signedOn: '2026-11-23',
};
const father: RecordConsent = {
  ...mother,
  givenBy: { name: 'Parent B', personId: 'father', hasParentalResponsibility: true },
  scopes: { takePart: true, keepRecords: true, shareWithAgencies: ['HSE Public Health Nursing', 'Family Resource Centre'] },
};
const youngPerson: RecordConsent = {
  type: 'RECORD_CONSENT',
  givenBy: { name: 'Aoife', personId: 'child', hasParentalResponsibility: false, as: 'youngPerson' },
  scopes: { takePart: true, keepRecords: true, shareWithAgencies: ['HSE Public Health Nursing', 'Scoil Bhríde', 'Family Resource Centre'] },
  signedOn: '2026-11-23',
};

function recorded(...events: RecordConsent[]): PersonConsent[] {
  return events.reduce<PersonConsent[]>((people, e) => withConsentRecorded(people, e, NOW), []);
}
const of = (people: PersonConsent[], youngPersonOfAge = false): CaseConsent => ({ people, youngPersonOfAge });
const withdraw = (people: PersonConsent[], name: string, personId?: string) =>
  withConsentWithdrawn(people, { type: 'WITHDRAW_CONSENT', withdrawnBy: { name, ...(personId ? { personId } : {}) } }, NOW);

describe('each person gives their own consent (withConsentRecorded)', () => {
  it("a second parent's consent is added beside the first, never replacing it", () => {
    const people = recorded(mother, father);
    expect(people.map((p) => [p.key, p.givenBy.name])).toEqual([
      ['person:mother', 'Parent A'],
      ['person:father', 'Parent B'],
    ]);
  });

  it('the same person widens or narrows their own consent; the earlier version is kept for the consent record', () => {
    const narrowed = { ...mother, scopes: { ...mother.scopes, shareWithAgencies: ['Scoil Bhríde'] }, signedOn: '2026-11-24' };
    const people = recorded(mother, father, narrowed);
    expect(people).toHaveLength(2);
    expect(people[0]?.scopes.shareWithAgencies).toEqual(['Scoil Bhríde']);
    expect(people[0]?.history.map((v) => [v.signedOn, v.scopes.shareWithAgencies])).toEqual([['2026-11-23', ['HSE Public Health Nursing', 'Scoil Bhríde']]]);
  });

  it('a person recorded by name is the same person when later named with their id', () => {
    const byName = { ...mother, givenBy: { name: 'Parent A', hasParentalResponsibility: true } };
    expect(recorded(byName, mother)).toHaveLength(1);
  });

  it("a young person's consent given on a parent's form (the earlier shape) is the young person's own consent with the same scopes", () => {
    const people = recorded({ ...mother, youngPersonConsent: { given: true } });
    expect(people.map((p) => [p.as, p.given, p.scopes.shareWithAgencies])).toEqual([
      ['parentCarer', true, mother.scopes.shareWithAgencies],
      ['youngPerson', true, mother.scopes.shareWithAgencies],
    ]);
  });

  it('a consent after a withdrawal ends the withdrawal; the withdrawal stays in the history', () => {
    const again = recorded(...[mother]);
    const people = withConsentRecorded(withdraw(again, 'Parent A', 'mother'), mother, NOW);
    expect(people[0]?.withdrawn).toBeNull();
    expect(people[0]?.history[0]?.withdrawn).toEqual(expect.objectContaining({ by: { name: 'Parent A', personId: 'mother' } }));
  });
});

describe('effectiveConsent: what every required consent allows', () => {
  it('shares only with the agencies every parent who consented names', () => {
    expect(effectiveConsent(of(recorded(mother, father))).shareWithAgencies).toEqual(['HSE Public Health Nursing']);
  });

  it('never shares with an agency anyone asked not to share with, even someone who refused consent', () => {
    const refusal: RecordConsent = { ...father, given: false, scopes: { takePart: false, keepRecords: false, shareWithAgencies: [], doNotShareWith: ['Scoil Bhríde'] } };
    const effective = effectiveConsent(of(recorded(mother, refusal)));
    expect(effective.shareWithAgencies).toEqual(['HSE Public Health Nursing']);
    expect(effective.required.map((p) => p.givenBy.name)).toEqual(['Parent A']);
  });

  it('takes part and keeps records only if every required consent gives them', () => {
    const noRecords = { ...father, scopes: { ...father.scopes, keepRecords: false } };
    expect(effectiveConsent(of(recorded(mother, noRecords)))).toEqual(expect.objectContaining({ takePart: true, keepRecords: false }));
  });

  it("the young person's own consent counts once they are of age", () => {
    const narrow = { ...youngPerson, scopes: { ...youngPerson.scopes, shareWithAgencies: ['Scoil Bhríde'] } };
    expect(effectiveConsent(of(recorded(mother, narrow), false)).shareWithAgencies).toEqual(['HSE Public Health Nursing', 'Scoil Bhríde']);
    expect(effectiveConsent(of(recorded(mother, narrow), true)).shareWithAgencies).toEqual(['Scoil Bhríde']);
  });

  it('a copy of the plan goes to whoever a required consent names, except an agency someone asked not to share with', () => {
    const a = { ...mother, scopes: { ...mother.scopes, planCopyTo: ['Parent A', 'GP'] } };
    const b = { ...father, scopes: { ...father.scopes, planCopyTo: ['Parent B'], doNotShareWith: ['GP'] } };
    expect(effectiveConsent(of(recorded(a, b))).planCopyTo).toEqual(['Parent A', 'Parent B']);
  });

  it('allows nothing while a required consent is withdrawn', () => {
    expect(effectiveConsent(of(withdraw(recorded(mother, father), 'Parent B', 'father')))).toEqual(expect.objectContaining({ takePart: false, shareWithAgencies: [] }));
  });
});

describe('hasValidConsent', () => {
  it('holds for written consent to take part and keep records by a parent/carer, with the young person accounted for', () => {
    expect(hasValidConsent(of(recorded(mother)))).toEqual({ ok: true });
    expect(hasValidConsent(of(recorded({ ...mother, youngPersonConsent: { given: true } })))).toEqual({ ok: true });
    expect(hasValidConsent(of(recorded(mother, father)))).toEqual({ ok: true });
  });

  it.each([
    ['no consent', [], /RECORD_CONSENT/],
    ['a withdrawn consent', withdraw(recorded(mother), 'Parent A'), /withdrawn consent/],
    ['no parental responsibility', recorded({ ...mother, givenBy: { name: 'Aunt', hasParentalResponsibility: false } }), /Aunt does not have parental responsibility/],
    ['no consent to take part', recorded({ ...mother, scopes: { ...mother.scopes, takePart: false } }), /taking part/],
    ['no consent to keep records', recorded({ ...mother, scopes: { ...mother.scopes, keepRecords: false } }), /Parent A does not cover keeping records/],
    ['no consent to keep records from the second parent', recorded(mother, { ...father, scopes: { ...father.scopes, keepRecords: false } }), /Parent B does not cover keeping records/],
    ['no young person consent nor reason', recorded({ ...mother, youngPersonConsent: { given: false, reasonNotSought: '  ' } }), /young person's own consent/],
  ] as const)('fails with %s, saying what to do', (_label, people, reason) => {
    const result = hasValidConsent(of([...people]));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it("a young person of age gives their own consent: a reason it was not sought does not do", () => {
    const result = hasValidConsent(of(recorded(mother), true));
    expect(!result.ok && result.reason).toMatch(/young person is of an age to give their own consent/);
    expect(hasValidConsent(of(recorded(mother, youngPerson), true))).toEqual({ ok: true });
  });
});

describe('consentStillStands', () => {
  it('holds until the only consent is withdrawn or narrowed below taking part', () => {
    expect(consentStillStands(of(recorded(mother))).ok).toBe(true);
    expect(consentStillStands(of(withdraw(recorded(mother), 'Parent A'))).ok).toBe(false);
    expect(consentStillStands(of(recorded({ ...mother, scopes: { ...mother.scopes, takePart: false } }))).ok).toBe(false);
    expect(consentStillStands(null).ok).toBe(false);
  });

  it("one parent's withdrawal stops processing until the coordinator decides; continuing without it leaves the other's standing", () => {
    const withdrawn = withdraw(recorded(mother, father), 'Parent B', 'father');
    const result = consentStillStands(of(withdrawn));
    expect(!result.ok && result.reason).toMatch(/Parent B withdrew consent: processing has stopped until the coordinator decides/);
    const decided = withWithdrawalsDecided(withdrawn, 'Parent A still consents.', NOW);
    expect(consentStillStands(of(decided)).ok).toBe(true);
    expect(effectiveConsent(of(decided)).shareWithAgencies).toEqual(['HSE Public Health Nursing', 'Scoil Bhríde']);
  });

  it('the coordinator never continues without the consent of a young person of age', () => {
    const withdrawn = withdraw(recorded(mother, youngPerson), 'Aoife', 'child');
    expect(consentStillStands(of(withWithdrawalsDecided(withdrawn, 'x', NOW), true)).ok).toBe(false);
  });
});

describe('consentCoversAgency / agencyInviteesCoveredByConsent', () => {
  it('an agency is covered only when the family named it (case and spaces ignored)', () => {
    const consent = of(recorded(mother));
    expect(consentCoversAgency(consent, ' hse public health nursing ').ok).toBe(true);
    const result = consentCoversAgency(consent, 'Tusla');
    expect(!result.ok && result.reason).toMatch(/does not cover sharing information with Tusla/);
  });

  it("says whose consent leaves an agency out, and who asked that it is not shared with", () => {
    const b = { ...father, scopes: { ...father.scopes, doNotShareWith: ['Scoil Bhríde'] } };
    const consent = of(recorded(mother, b));
    const notNamed = consentCoversAgency(of(recorded(mother, father)), 'Scoil Bhríde');
    expect(!notNamed.ok && notNamed.reason).toMatch(/\(Parent B's consent does not name it\)/);
    const refused = consentCoversAgency(consent, 'Scoil Bhríde');
    expect(!refused.ok && refused.reason).toMatch(/Parent B asked that nothing is shared with Scoil Bhríde \(doNotShareWith\)/);
  });

  it('family members need no agency consent; every agency invitee does', () => {
    const consent = of(recorded(mother));
    expect(agencyInviteesCoveredByConsent(consent, [{ name: 'Gran', approvedByFamily: true }]).ok).toBe(true);
    const result = agencyInviteesCoveredByConsent(consent, [
      { name: 'Nurse', agency: 'HSE Public Health Nursing', approvedByFamily: true },
      { name: 'Garda', agency: 'An Garda Síochána', approvedByFamily: true },
    ]);
    expect(!result.ok && result.reason).toMatch(/Garda \(An Garda Síochána\) cannot be invited/);
  });
});

describe('consentCanBeRecorded', () => {
  it('refuses an agency both shared with and not to be shared with, naming it', () => {
    const both = { ...mother, scopes: { ...mother.scopes, doNotShareWith: ['scoil bhríde'] } };
    const result = consentCanBeRecorded(of([]), both);
    expect(!result.ok && result.reason).toMatch(/^Scoil Bhríde is both in scopes.doNotShareWith and in scopes.shareWithAgencies/);
  });

  it('refuses a refusal from someone whose consent stands: that is a withdrawal (WITHDRAW_CONSENT)', () => {
    const result = consentCanBeRecorded(of(recorded(mother)), { ...mother, given: false });
    expect(!result.ok && result.reason).toMatch(/record WITHDRAW_CONSENT/);
    expect(consentCanBeRecorded(of(recorded(mother)), { ...father, given: false }).ok).toBe(true);
  });
});

describe('upgradeLegacyConsent: a case recorded before consent was per person', () => {
  const legacy = {
    givenBy: { name: 'Parent A', hasParentalResponsibility: true },
    scopes: { takePart: true, keepRecords: true, shareWithAgencies: ['HSE Public Health Nursing'] },
    youngPersonConsent: { given: false, reasonNotSought: 'Aged 6.' },
    signedOn: '2026-11-23',
  };

  it("becomes that parent's own consent, with the same scopes", () => {
    const people = upgradeLegacyConsent(legacy);
    expect(people).toEqual([
      expect.objectContaining({ key: 'name:parent a', as: 'parentCarer', given: true, withdrawn: null, history: [], recordedAt: '2026-11-23' }),
    ]);
    expect(hasValidConsent(of(people)).ok).toBe(true);
  });

  it("a withdrawn one is the withdrawal of that parent's consent, whoever recorded it", () => {
    const people = upgradeLegacyConsent({ ...legacy, withdrawn: { by: { name: 'Lead' }, at: '2026-11-24T10:00:00Z' } });
    expect(people[0]?.withdrawn).toEqual({ by: { name: 'Lead' }, at: '2026-11-24T10:00:00Z', decision: null });
    expect(consentStillStands(of(people)).ok).toBe(false);
  });

  it('a withdrawal recorded before any consent stays a withdrawal of no consent', () => {
    const before = { givenBy: { name: 'Parent A', hasParentalResponsibility: false }, scopes: { takePart: false, keepRecords: false, shareWithAgencies: [] }, youngPersonConsent: { given: false }, signedOn: '', withdrawn: { by: { name: 'Parent A' }, at: NOW } };
    expect(upgradeLegacyConsent(before)).toEqual([expect.objectContaining({ given: false, withdrawn: expect.objectContaining({ by: { name: 'Parent A' } }) })]);
    expect(upgradeLegacyConsent(null)).toEqual([]);
  });
});

describe('youngPersonIsOfAge (policy youngPersonConsentAge)', () => {
  it.each([
    ['2010-03-02', '2026-03-02', true],
    ['2010-03-03', '2026-03-02', false],
    ['2008-02-29', '2024-02-28', false],
    ['2008-02-29', '2024-02-29', true],
    [null, '2026-03-02', false],
  ] as const)('born %s, on %s: %s at 16', (born, today, expected) => {
    expect(youngPersonIsOfAge(born, today, 16)).toBe(expected);
  });
});
