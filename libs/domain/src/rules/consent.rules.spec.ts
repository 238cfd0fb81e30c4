import { youngPersonIsOfAge } from '../consent-policy';
import type { RecordConsent } from '../events';
import {
  agencyInviteesCoveredByConsent,
  conflictingAgencies,
  consentCanBeRecorded,
  consentCoversAgency,
  consentKey,
  consentOfPerson,
  consentStillStands,
  consentWasGiven,
  effectiveConsent,
  hasValidConsent,
  parentConsentStands,
  pendingWithdrawals,
  requiredConsents,
  samePerson,
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

const why = (r: { ok: boolean; reason?: string }) => (r.ok ? undefined : r.reason);

describe('samePerson / consentKey: whose consent a record is', () => {
  it('two people of the same name with different ids are two people, each with their own consent', () => {
    const other = { ...father, givenBy: { ...father.givenBy, name: 'Parent A' } };
    expect(recorded(mother, other).map((p) => p.key)).toEqual(['person:mother', 'person:father']);
  });

  it('by name, case and spaces ignored, where a record has no id; the key is the name written plainly', () => {
    const byName = { ...mother, givenBy: { name: '  Parent   A ', hasParentalResponsibility: true } };
    expect(recorded(byName).map((p) => p.key)).toEqual(['name:parent a']);
    expect(recorded(byName, { ...byName, givenBy: { name: 'PARENT A', hasParentalResponsibility: true } })).toHaveLength(1);
    expect(recorded(byName, { ...byName, givenBy: { name: 'Parent B', hasParentalResponsibility: true } })).toHaveLength(2);
  });

  it('by name, fadas and Unicode forms aside too: "Maire" typed without the fada is Máire (names.ts)', () => {
    expect(samePerson({ name: 'Máire Ó Briain' }, { name: 'maire o briain' })).toBe(true);
    expect(samePerson({ name: 'Ma\u0301ire' }, { name: 'Máire' })).toBe(true);
    expect(samePerson({ name: 'Máire' }, { name: 'Mairéad' })).toBe(false);
    // Ids decide where both records have one, whatever the names.
    expect(samePerson({ name: 'Máire', personId: 'a' }, { name: 'Máire', personId: 'b' })).toBe(false);
  });

  it("the young person's consent is kept under one key whoever wrote it down", () => {
    expect(consentKey({ name: 'Aoife', personId: 'child' }, 'youngPerson')).toBe('youngPerson');
    expect(consentKey({ name: 'Aoife', personId: 'child' })).toBe('person:child');
  });

  it("looks up the young person's consent by capacity alone, a parent's by capacity and person", () => {
    const people = recorded(mother, youngPerson);
    expect(consentOfPerson(people, { name: 'someone else' }, 'youngPerson')?.givenBy.name).toBe('Aoife');
    expect(consentOfPerson(people, { name: 'Aoife', personId: 'child' }, 'parentCarer')).toBeUndefined();
    expect(consentOfPerson(people, { name: 'Aoife', personId: 'child' })?.as).toBe('youngPerson');
  });
});

describe('withConsentRecorded: what each version keeps', () => {
  it('a consent is given unless it says it is refused; the young person does not account for themselves', () => {
    const [parent, own] = recorded(mother, { ...youngPerson, youngPersonConsent: { given: true } });
    expect(parent).toEqual(expect.objectContaining({ given: true, youngPersonConsent: { given: false, reasonNotSought: 'Aged 6.' }, recordedAt: NOW, withdrawn: null }));
    expect(own).toEqual(expect.objectContaining({ key: 'youngPerson', as: 'youngPerson', given: true, youngPersonConsent: null }));
    expect(recorded({ ...father, given: false })[0]?.given).toBe(false);
  });

  it('a parent/carer form without the young person\'s part keeps none', () => {
    const { youngPersonConsent: _omitted, ...form } = mother;
    expect(recorded(form)[0]?.youngPersonConsent).toBeNull();
  });

  it('scopes without the lists of agencies not to share with or to send the plan keep them as empty lists', () => {
    expect(recorded(mother)[0]?.scopes).toStrictEqual({ ...mother.scopes, doNotShareWith: [], planCopyTo: [] });
  });

  it("a young person's consent on a parent's form is not recorded where they gave their own, nor from the young person's own form", () => {
    const people = recorded(youngPerson, { ...mother, youngPersonConsent: { given: true } });
    expect(people.map((p) => [p.as, p.givenBy.name])).toEqual([
      ['youngPerson', 'Aoife'],
      ['parentCarer', 'Parent A'],
    ]);
    expect(recorded({ ...mother, youngPersonConsent: { given: false, reasonNotSought: 'Aged 6.' } }).map((p) => p.as)).toEqual(['parentCarer']);
  });

  it("the young person's consent from a parent's form says it is the young person's own, with no form of its own and no history", () => {
    const [, own] = recorded({ ...mother, youngPersonConsent: { given: true } });
    expect(own?.givenBy).toStrictEqual({ name: 'The young person', hasParentalResponsibility: false, as: 'youngPerson' });
    expect(own?.history).toEqual([]);
  });

  it("a later version keeps the whole earlier one in its history, without the history's own keys", () => {
    const people = recorded(mother, { ...mother, signedOn: '2026-11-24' });
    expect(people[0]?.history).toStrictEqual([
      {
        givenBy: mother.givenBy,
        given: true,
        scopes: { ...mother.scopes, doNotShareWith: [], planCopyTo: [] },
        youngPersonConsent: mother.youngPersonConsent,
        signedOn: '2026-11-23',
        recordedAt: NOW,
        withdrawn: null,
      },
    ]);
    expect(people[0]?.key).toBe('person:mother');
  });
});

describe('withConsentWithdrawn / withWithdrawalsDecided', () => {
  it('the withdrawal is recorded against the person who withdrew, with their reason, waiting for a decision', () => {
    const people = withConsentWithdrawn(recorded(mother, father), { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Parent B', personId: 'father' }, reason: 'Moving away.' }, NOW);
    expect(people.map((p) => p.withdrawn)).toStrictEqual([null, { by: { name: 'Parent B', personId: 'father' }, reason: 'Moving away.', at: NOW, decision: null }]);
  });

  it('a withdrawal without a reason records none', () => {
    expect(withdraw(recorded(mother), 'Parent A', 'mother')[0]?.withdrawn).toStrictEqual({ by: { name: 'Parent A', personId: 'mother' }, at: NOW, decision: null });
  });

  it('a withdrawal by someone whose consent was never written down is recorded as a withdrawal of no consent', () => {
    const people = withConsentWithdrawn(recorded(mother), { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Gran', personId: 'gran' }, reason: 'Does not agree.' }, NOW);
    expect(people).toHaveLength(2);
    expect(people[1]).toStrictEqual({
      key: 'person:gran',
      as: 'parentCarer',
      givenBy: { name: 'Gran', personId: 'gran', hasParentalResponsibility: false },
      given: false,
      scopes: { takePart: false, keepRecords: false, shareWithAgencies: [], doNotShareWith: [], planCopyTo: [] },
      youngPersonConsent: null,
      signedOn: '',
      recordedAt: NOW,
      withdrawn: { by: { name: 'Gran', personId: 'gran' }, reason: 'Does not agree.', at: NOW, decision: null },
      history: [],
    });
    // It gives the case nothing and takes nothing from it: the mother's consent still stands.
    expect(consentStillStands(of(people)).ok).toBe(true);
  });

  it("the coordinator's decision sets aside only the withdrawals still waiting; an earlier decision is kept", () => {
    const first = withWithdrawalsDecided(withdraw(recorded(mother, father, youngPerson), 'Parent B', 'father'), 'Parent A still consents.', '2026-11-24T09:00:00.000Z');
    const second = withWithdrawalsDecided(withdraw(first, 'Aoife', 'child'), 'Later.', '2026-11-25T09:00:00.000Z');
    expect(second.map((p) => p.withdrawn?.decision ?? null)).toStrictEqual([
      null,
      { decision: 'continueWithRemainingConsent', reason: 'Parent A still consents.', at: '2026-11-24T09:00:00.000Z' },
      { decision: 'continueWithRemainingConsent', reason: 'Later.', at: '2026-11-25T09:00:00.000Z' },
    ]);
    expect(second[0]?.withdrawn).toBeNull();
  });

  it('pendingWithdrawals lists the withdrawals the coordinator has yet to decide on', () => {
    const people = withdraw(withWithdrawalsDecided(withdraw(recorded(mother, father, youngPerson), 'Parent B', 'father'), 'x', NOW), 'Aoife', 'child');
    expect(pendingWithdrawals(of(people)).map((p) => p.givenBy.name)).toEqual(['Aoife']);
    expect(pendingWithdrawals(of(recorded(mother)))).toEqual([]);
    expect(pendingWithdrawals(null)).toEqual([]);
  });
});

describe('consentWasGiven / parentConsentStands', () => {
  it('consent was given when anyone gave it, now or in an earlier version', () => {
    expect(consentWasGiven(null)).toBe(false);
    expect(consentWasGiven(of(recorded({ ...mother, given: false })))).toBe(false);
    expect(consentWasGiven(of(recorded(mother)))).toBe(true);
    expect(consentWasGiven(of(recorded(mother, { ...mother, given: false })))).toBe(true);
  });

  it('a parent with parental responsibility whose consent to take part stands', () => {
    expect(parentConsentStands(undefined)).toBe(false);
    expect(parentConsentStands(of(recorded(mother)))).toBe(true);
    expect(parentConsentStands(of(recorded({ ...mother, scopes: { ...mother.scopes, takePart: false } })))).toBe(false);
    expect(parentConsentStands(of(recorded({ ...mother, givenBy: { name: 'Aunt', hasParentalResponsibility: false } })))).toBe(false);
    expect(parentConsentStands(of(recorded({ ...mother, given: false })))).toBe(false);
    expect(parentConsentStands(of(withdraw(recorded(mother), 'Parent A', 'mother')))).toBe(false);
    expect(parentConsentStands(of(recorded(youngPerson), true))).toBe(false);
  });
});

describe('requiredConsents: whose consent the case rests on', () => {
  it('every parent/carer with parental responsibility who consented, not a refusal, not one without responsibility, not one the coordinator set aside', () => {
    const aunt = { ...mother, givenBy: { name: 'Aunt', personId: 'aunt', hasParentalResponsibility: false } };
    const refusing = { ...father, given: false };
    const people = recorded(mother, refusing, aunt, youngPerson);
    expect(requiredConsents(of(people)).parents.map((p) => p.givenBy.name)).toEqual(['Parent A']);
    const setAside = withWithdrawalsDecided(withdraw(recorded(mother, father), 'Parent B', 'father'), 'x', NOW);
    expect(requiredConsents(of(setAside)).parents.map((p) => p.givenBy.name)).toEqual(['Parent A']);
    // Withdrawn and waiting for the coordinator: still one the case rests on.
    expect(requiredConsents(of(withdraw(recorded(mother, father), 'Parent B', 'father'))).parents.map((p) => p.givenBy.name)).toEqual(['Parent A', 'Parent B']);
  });

  it('the young person where of age', () => {
    expect(requiredConsents(of(recorded(mother, youngPerson), true))).toEqual(expect.objectContaining({ youngPersonRequired: true, youngPerson: expect.objectContaining({ as: 'youngPerson' }) }));
    expect(requiredConsents(of(recorded(mother, youngPerson), false)).youngPersonRequired).toBe(false);
    expect(requiredConsents(null)).toEqual({ parents: [], youngPerson: undefined, youngPersonRequired: false });
  });
});

describe('effectiveConsent: the details', () => {
  it('nothing when no consent stands, but every agency someone asked not to share with is still known', () => {
    const refusal: RecordConsent = { ...father, given: false, scopes: { takePart: false, keepRecords: false, shareWithAgencies: [], doNotShareWith: ['Tusla', ' tusla '] } };
    expect(effectiveConsent(of(recorded(refusal)))).toStrictEqual({
      takePart: false,
      keepRecords: false,
      shareWithAgencies: [],
      doNotShareWith: ['Tusla'],
      planCopyTo: [],
      required: [],
    });
    expect(effectiveConsent(undefined)).toStrictEqual({ takePart: false, keepRecords: false, shareWithAgencies: [], doNotShareWith: [], planCopyTo: [], required: [] });
  });

  it('each agency once, as first written; spaces inside a name are compared as one', () => {
    const a = { ...mother, scopes: { ...mother.scopes, shareWithAgencies: ['Family  Resource Centre', 'family resource centre', 'GP'], planCopyTo: ['GP', 'gp', 'Parent A'] } };
    const b = { ...father, scopes: { ...father.scopes, shareWithAgencies: ['Family Resource Centre', 'GP'], planCopyTo: ['Parent A'] } };
    const effective = effectiveConsent(of(recorded(a, b)));
    expect(effective.shareWithAgencies).toEqual(['Family  Resource Centre', 'GP']);
    expect(effective.planCopyTo).toEqual(['GP', 'Parent A']);
  });

  it('an agency one parent asked not to share with is not shared with, even though both name it', () => {
    const b = { ...father, scopes: { ...father.scopes, doNotShareWith: ['HSE public health nursing'] } };
    const conflicted = recorded(mother, father).map((p) => (p.key === 'person:father' ? { ...p, scopes: { ...p.scopes, ...b.scopes, doNotShareWith: b.scopes.doNotShareWith } } : p));
    expect(effectiveConsent(of(conflicted)).shareWithAgencies).toEqual([]);
  });

  it('the young person of age: takes part and keeps records only if they consent to that too', () => {
    const narrow = { ...youngPerson, scopes: { ...youngPerson.scopes, keepRecords: false } };
    expect(effectiveConsent(of(recorded(mother, narrow), true))).toEqual(expect.objectContaining({ takePart: true, keepRecords: false }));
    expect(effectiveConsent(of(recorded(mother, narrow), true)).required.map((p) => p.as)).toEqual(['parentCarer', 'youngPerson']);
    expect(effectiveConsent(of(recorded(mother, narrow), false)).required.map((p) => p.as)).toEqual(['parentCarer']);
  });
});

describe('consentStillStands: each reason says what to do', () => {
  it('no consent at all', () => {
    expect(why(consentStillStands(of([])))).toBe('No consent is recorded for this case: record written consent (RECORD_CONSENT) before continuing.');
    expect(why(consentStillStands(undefined))).toBe('No consent is recorded for this case: record written consent (RECORD_CONSENT) before continuing.');
  });

  it('names everyone whose withdrawal waits for the coordinator', () => {
    const people = withdraw(withdraw(recorded(mother, father, youngPerson), 'Parent B', 'father'), 'Aoife', 'child');
    expect(why(consentStillStands(of(people, true)))).toBe(
      'Parent B and Aoife withdrew consent: processing has stopped until the coordinator decides whether the remaining consent suffices (DECIDE_ON_WITHDRAWAL), or until consent is given again (RECORD_CONSENT).',
    );
    // Below the consent age the young person's withdrawal is theirs alone: not one the case waits on.
    expect(why(consentStillStands(of(withdraw(recorded(mother, youngPerson), 'Aoife', 'child'), false)))).toBeUndefined();
  });

  it('the last parent consent withdrawn: the family has withdrawn', () => {
    expect(why(consentStillStands(of(withdraw(withdraw(recorded(mother, father), 'Parent B', 'father'), 'Parent A', 'mother'))))).toBe(
      'The family has withdrawn consent: the case cannot continue unless a parent/carer gives written consent again (RECORD_CONSENT).',
    );
  });

  it('only a refusal, or only someone without parental responsibility: no parent/carer has consented', () => {
    const expected = 'No parent/carer with parental responsibility has consented: record the written consent of one who has (RECORD_CONSENT) before continuing.';
    expect(why(consentStillStands(of(recorded({ ...mother, given: false }))))).toBe(expected);
    expect(why(consentStillStands(of(recorded({ ...mother, givenBy: { name: 'Aunt', hasParentalResponsibility: false } }))))).toBe(expected);
    expect(why(consentStillStands(of(recorded(youngPerson), true)))).toBe(expected);
  });

  it('the young person of age: refused, withdrawn (even set aside by the coordinator), or not recorded', () => {
    expect(why(consentStillStands(of(recorded(mother, { ...youngPerson, given: false }), true)))).toBe(
      'The young person refused their own consent: the case cannot continue without it at their age.',
    );
    const withdrawn = withWithdrawalsDecided(withdraw(recorded(mother, youngPerson), 'Aoife', 'child'), 'x', NOW);
    expect(why(consentStillStands(of(withdrawn, true)))).toBe(
      'The young person withdrew their own consent: the case cannot continue unless they consent again (RECORD_CONSENT as youngPerson).',
    );
    expect(why(consentStillStands(of(recorded(mother), true)))).toBe(
      "The young person is of an age to give their own consent (the organisation's policy): record it (RECORD_CONSENT with givenBy.as youngPerson) before continuing.",
    );
    expect(consentStillStands(of(recorded(mother, { ...youngPerson, given: false }), false)).ok).toBe(true);
  });

  it('names each required consent that does not cover taking part, the young person of age too', () => {
    const noPart = (e: RecordConsent) => ({ ...e, scopes: { ...e.scopes, takePart: false } });
    expect(why(consentStillStands(of(recorded(noPart(mother), father, noPart(youngPerson)), true)))).toBe(
      'The consent of Parent A and Aoife does not cover taking part in the process: nothing more is done unless they consent to taking part (RECORD_CONSENT).',
    );
    expect(consentStillStands(of(recorded(mother, noPart(youngPerson)), false)).ok).toBe(true);
  });
});

describe('hasValidConsent: each reason says what to do', () => {
  it('no consent of a parent/carer at all, or only a refusal', () => {
    const expected = 'Consent of a parent/carer with parental responsibility is not recorded: record written consent (RECORD_CONSENT) before submitting.';
    expect(why(hasValidConsent(null))).toBe(expected);
    expect(why(hasValidConsent(of(recorded({ ...mother, given: false }))))).toBe(expected);
    expect(why(hasValidConsent(of(recorded(youngPerson))))).toBe(expected);
  });

  it('a withdrawal by someone who had not consented: the family has withdrawn', () => {
    expect(why(hasValidConsent(of(withdraw([], 'Parent A'))))).toBe(
      'The family has withdrawn consent: nothing more can be done with this case unless a parent/carer gives written consent again (RECORD_CONSENT).',
    );
  });

  it('names those who signed without parental responsibility ("does", "do"), or says who signed when unnamed', () => {
    const aunt = { ...mother, givenBy: { name: 'Aunt', personId: 'aunt', hasParentalResponsibility: false } };
    const gran = { ...mother, givenBy: { name: 'Gran', personId: 'gran', hasParentalResponsibility: false } };
    expect(why(hasValidConsent(of(recorded(aunt, gran))))).toBe(
      'Aunt and Gran do not have parental responsibility: record the written consent of a parent/carer who has (RECORD_CONSENT).',
    );
    expect(why(hasValidConsent(of(recorded({ ...mother, givenBy: { name: '', hasParentalResponsibility: false } }))))).toMatch(/^The person who signed does not have parental responsibility/);
  });

  it('a consent that does not stand gives its own reason', () => {
    expect(why(hasValidConsent(of(withdraw(recorded(mother, father), 'Parent B', 'father'))))).toMatch(/^Parent B withdrew consent: processing has stopped/);
  });

  it('keeping records: names whose consent leaves it out, the young person of age too', () => {
    const noRecords = { ...youngPerson, scopes: { ...youngPerson.scopes, keepRecords: false } };
    expect(why(hasValidConsent(of(recorded(mother, noRecords), true)))).toBe(
      'The consent of Aoife does not cover keeping records: ask them to consent to record keeping and record it (RECORD_CONSENT).',
    );
  });

  it("below the consent age: the young person's own consent, given on their form or on a parent's, or the reason it was not sought", () => {
    const silent = { ...mother, youngPersonConsent: { given: false } };
    expect(why(hasValidConsent(of(recorded(silent))))).toBe(
      "The young person's own consent is not recorded: record their consent, or the reason it was not sought (age, capacity), with the consent (RECORD_CONSENT).",
    );
    expect(hasValidConsent(of(recorded(silent, youngPerson)))).toEqual({ ok: true });
    expect(why(hasValidConsent(of(recorded(silent, { ...youngPerson, given: false }))))).toMatch(/^The young person's own consent is not recorded/);
    expect(hasValidConsent(of(recorded(silent, father)))).toEqual({ ok: true });
    const { youngPersonConsent: _none, ...form } = mother;
    expect(why(hasValidConsent(of(recorded(form))))).toMatch(/^The young person's own consent is not recorded/);
  });
});

describe('consentCoversAgency / agencyInviteesCoveredByConsent: the details', () => {
  it('a consent that does not stand gives its own reason', () => {
    expect(why(consentCoversAgency(of(withdraw(recorded(mother), 'Parent A', 'mother')), 'Scoil Bhríde'))).toMatch(/^The family has withdrawn consent/);
  });

  it('the reason names everyone who asked that nothing is shared, and what only they can change', () => {
    const a = { ...mother, scopes: { ...mother.scopes, shareWithAgencies: [], doNotShareWith: ['Tusla'] } };
    const b = { ...father, given: false, scopes: { ...father.scopes, shareWithAgencies: [], doNotShareWith: [' tusla'] } };
    expect(why(consentCoversAgency(of(recorded(a, b)), 'Tusla'))).toBe(
      'The family\'s consent does not cover sharing information with Tusla: Parent A and Parent B asked that nothing is shared with Tusla (doNotShareWith). Only Parent A and Parent B can change that (RECORD_CONSENT); until then Tusla is not named on this case.',
    );
  });

  it('with one consent, no name of whose consent leaves it out', () => {
    expect(why(consentCoversAgency(of(recorded(mother)), 'Tusla'))).toBe(
      "The family's consent does not cover sharing information with Tusla: ask the parent/carer whether they agree, and record the wider consent (RECORD_CONSENT) before naming them on this case.",
    );
  });

  it('with several, names only those whose consent leaves it out', () => {
    expect(why(consentCoversAgency(of(recorded(mother, father, youngPerson), true), 'Scoil Bhríde'))).toMatch(
      /^The family's consent does not cover sharing information with Scoil Bhríde \(Parent B's consent does not name it\): ask the parent\/carer/,
    );
    expect(why(consentCoversAgency(of(recorded(mother, father)), 'Tusla'))).toMatch(/with Tusla \(Parent A and Parent B's consent does not name it\)/);
  });

  it('an invitee is refused for the reason consent does not stand, when it does not', () => {
    const result = agencyInviteesCoveredByConsent(of(withdraw(recorded(mother), 'Parent A', 'mother')), [{ name: 'Nurse', agency: 'HSE Public Health Nursing', approvedByFamily: true }]);
    expect(why(result)).toBe('The family has withdrawn consent: the case cannot continue unless a parent/carer gives written consent again (RECORD_CONSENT).');
  });

  it('an agency invitee not covered: the reason says to widen the consent or remove them', () => {
    expect(why(agencyInviteesCoveredByConsent(of(recorded(mother)), [{ name: 'Garda', agency: 'An Garda Síochána', approvedByFamily: true }]))).toBe(
      "Garda (An Garda Síochána) cannot be invited: the family's consent does not cover sharing information with An Garda Síochána. Record the wider consent (RECORD_CONSENT) or remove them from the invitation.",
    );
    expect(agencyInviteesCoveredByConsent(of(recorded(mother)), undefined).ok).toBe(true);
    expect(agencyInviteesCoveredByConsent(of(recorded(mother)), [{ name: 'Nurse', agency: 'HSE Public Health Nursing', approvedByFamily: true }]).ok).toBe(true);
  });
});

describe('consentCanBeRecorded: the details', () => {
  it('no event: say how to record consent', () => {
    expect(why(consentCanBeRecorded(of([]), null))).toBe('Record consent with RECORD_CONSENT.');
  });

  it('names every agency in both lists, or also sent the plan, and asks the person which they mean', () => {
    const both = { ...mother, scopes: { ...mother.scopes, shareWithAgencies: ['Tusla', 'GP'], planCopyTo: ['School'], doNotShareWith: ['tusla', 'school'] } };
    expect(why(consentCanBeRecorded(of([]), both))).toBe(
      'Tusla, School are both in scopes.doNotShareWith and in scopes.shareWithAgencies or scopes.planCopyTo: ask Parent A which they mean and record that.',
    );
    const unnamed = { ...both, givenBy: undefined } as unknown as RecordConsent;
    expect(why(consentCanBeRecorded(of([]), unnamed))).toMatch(/: ask the person which they mean and record that\.$/);
    expect(consentCanBeRecorded(of([]), { ...mother, scopes: undefined } as unknown as RecordConsent).ok).toBe(true);
  });

  it('an agency only refused, or only sent the plan, is no conflict', () => {
    expect(conflictingAgencies({ shareWithAgencies: ['GP'], doNotShareWith: ['Tusla'], planCopyTo: ['School'] })).toEqual([]);
    expect(conflictingAgencies({ shareWithAgencies: ['GP'] })).toEqual([]);
    expect(conflictingAgencies({ shareWithAgencies: ['GP'], planCopyTo: ['Tusla'], doNotShareWith: ['TUSLA'] })).toEqual(['Tusla']);
  });

  it("a refusal from the young person whose own consent stands is a withdrawal; a refusal after a withdrawal is recorded", () => {
    const consent = of(recorded(mother, youngPerson));
    expect(why(consentCanBeRecorded(consent, { ...youngPerson, given: false }))).toBe(
      "Aoife has consented: to withdraw that consent, record WITHDRAW_CONSENT (processing stops as the organisation's policy says), not a refusal.",
    );
    expect(consentCanBeRecorded(of(withdraw(recorded(mother), 'Parent A', 'mother')), { ...mother, given: false }).ok).toBe(true);
    expect(consentCanBeRecorded(consent, { ...mother, given: true }).ok).toBe(true);
  });
});

describe('upgradeLegacyConsent: the details', () => {
  const legacy = {
    givenBy: { name: 'Parent A', personId: 'mother', hasParentalResponsibility: true },
    scopes: { takePart: true, keepRecords: true, shareWithAgencies: ['HSE Public Health Nursing'] },
    youngPersonConsent: { given: true },
    signedOn: '2026-11-23',
  };

  it("the young person's consent given on the old form becomes their own, and the family's withdrawal is the parent's alone, with its reason", () => {
    const people = upgradeLegacyConsent({ ...legacy, withdrawn: { by: { name: 'Parent A' }, reason: 'Moved.', at: NOW } });
    expect(people.map((p) => [p.as, p.withdrawn])).toStrictEqual([
      ['parentCarer', { by: { name: 'Parent A' }, reason: 'Moved.', at: NOW, decision: null }],
      ['youngPerson', null],
    ]);
  });

  it('a withdrawal recorded before any consent keeps its reason, and who withdrew', () => {
    const before = { ...legacy, givenBy: { name: 'Parent A', hasParentalResponsibility: false }, signedOn: '', withdrawn: { by: { name: 'Parent A' }, reason: 'No.', at: NOW } };
    expect(upgradeLegacyConsent(before)).toStrictEqual([
      expect.objectContaining({ key: 'name:parent a', given: false, signedOn: '', withdrawn: { by: { name: 'Parent A' }, reason: 'No.', at: NOW, decision: null } }),
    ]);
  });

  it('only an unsigned record by someone without parental responsibility that was withdrawn is a withdrawal of no consent', () => {
    // Signed: the consent is kept and then withdrawn.
    const signedThenWithdrawn = { ...legacy, givenBy: { name: 'Parent A', hasParentalResponsibility: false }, withdrawn: { by: { name: 'Parent A' }, at: NOW } };
    expect(upgradeLegacyConsent(signedThenWithdrawn)[0]).toEqual(expect.objectContaining({ given: true, signedOn: '2026-11-23' }));
    // With parental responsibility: the same.
    const withResponsibility = { ...legacy, signedOn: '', withdrawn: { by: { name: 'Parent A' }, at: NOW } };
    expect(upgradeLegacyConsent(withResponsibility)[0]).toEqual(expect.objectContaining({ given: true, key: 'person:mother' }));
    // Not withdrawn: kept as it was.
    const notWithdrawn = { ...legacy, givenBy: { name: 'Parent A', hasParentalResponsibility: false }, signedOn: '' };
    expect(upgradeLegacyConsent(notWithdrawn)[0]).toEqual(expect.objectContaining({ as: 'parentCarer', given: true, withdrawn: null }));
  });

  it('no old consent: none', () => {
    expect(upgradeLegacyConsent(undefined)).toEqual([]);
  });
});
