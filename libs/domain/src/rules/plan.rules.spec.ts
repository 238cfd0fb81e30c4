import type { RecordConsent } from '../events';
import { withConsentRecorded, withConsentWithdrawn, type CaseConsent, type PersonConsent } from './consent.rules';
import {
  everyActionHasOwnerAndDueDate,
  notSignedAlready,
  planRedraftedSinceChangesRequested,
  planSignedOffAsRequired,
  signatoryHasConsented,
  signaturesStillNeeded,
  type SignatureOfPlan,
} from './plan.rules';

const NOW = '2026-11-23T09:00:00.000Z';
const consentOf = (name: string, personId: string, extra: Partial<RecordConsent> = {}): RecordConsent => ({
  type: 'RECORD_CONSENT',
  givenBy: { name, personId, hasParentalResponsibility: true },
  scopes: { takePart: true, keepRecords: true, shareWithAgencies: [] },
  youngPersonConsent: { given: false, reasonNotSought: 'Aged 6.' },
  signedOn: '2026-11-23',
  ...extra,
});
const mother = consentOf('Siobhán', 'mother');
const father = consentOf('Dónal', 'father');
const youngPerson: RecordConsent = { ...consentOf('Seán', 'child'), givenBy: { name: 'Seán', personId: 'child', hasParentalResponsibility: false, as: 'youngPerson' } };
delete (youngPerson as { youngPersonConsent?: unknown }).youngPersonConsent;

const people = (...events: RecordConsent[]): PersonConsent[] => events.reduce<PersonConsent[]>((list, e) => withConsentRecorded(list, e, NOW), []);
const family = (youngPersonOfAge: boolean, ...events: RecordConsent[]): CaseConsent => ({ people: people(...events), youngPersonOfAge });
const signature = (name: string, personId: string, as: 'parentCarer' | 'youngPerson' = 'parentCarer', planVersion = 2): SignatureOfPlan => ({ planVersion, signedBy: { name, personId, as }, at: NOW });

describe('everyActionHasOwnerAndDueDate: an action is owned by a practitioner and their agency, or by a family member', () => {
  const action = { id: 'a1', answers: 'n', what: 'Walk to school', status: 'notStarted' as const, dueDate: '2027-01-01' };
  it('a family member named by their id owns an action without an agency', () => {
    expect(everyActionHasOwnerAndDueDate([{ ...action, owner: { name: 'Siobhán', personId: 'mother' } }]).ok).toBe(true);
  });
  it('a name alone, with neither agency nor id, is no owner', () => {
    const result = everyActionHasOwnerAndDueDate([{ ...action, owner: { name: 'Siobhán' } }]);
    expect(!result.ok && result.reason).toMatch(/"Walk to school" has no owner: .*or the family member who owns it \(their personId\)/);
  });
});

describe('planSignedOffAsRequired (policy planSignOff)', () => {
  const both = family(true, mother, father, youngPerson);

  it('everyConsentingParentAndYoungPerson: active only at the last required signature, naming who is still awaited', () => {
    const signed = [signature('Siobhán', 'mother'), signature('Dónal', 'father')];
    const waiting = planSignedOffAsRequired(both, signed, 2, 'everyConsentingParentAndYoungPerson');
    expect(!waiting.ok && waiting.reason).toBe('Version 2 of the action plan is waiting for the sign-off of the young person (Seán): each signs version 2 (SIGN_OFF_PLAN).');
    expect(planSignedOffAsRequired(both, [...signed, signature('Seán', 'child', 'youngPerson')], 2, 'everyConsentingParentAndYoungPerson').ok).toBe(true);
  });

  it("a signature of another version does not count", () => {
    const signed = [signature('Siobhán', 'mother', 'parentCarer', 1), signature('Dónal', 'father'), signature('Seán', 'child', 'youngPerson')];
    expect(signaturesStillNeeded(both, signed, 2, 'everyConsentingParentAndYoungPerson').map((p) => p.givenBy.name)).toEqual(['Siobhán']);
  });

  it("once the young person is of age the plan waits for their own consent and signature, even if it was drafted before", () => {
    const result = planSignedOffAsRequired(family(true, mother, father), [signature('Siobhán', 'mother'), signature('Dónal', 'father')], 2, 'everyConsentingParentAndYoungPerson');
    expect(!result.ok && result.reason).toMatch(/young person is of an age to give their own consent/);
  });

  it("below the consent age the young person's signature is not required", () => {
    expect(planSignedOffAsRequired(family(false, mother, father, youngPerson), [signature('Siobhán', 'mother'), signature('Dónal', 'father')], 2, 'everyConsentingParentAndYoungPerson').ok).toBe(true);
  });

  it('a parent who refused consent is not awaited', () => {
    expect(planSignedOffAsRequired(family(false, mother, { ...father, given: false }), [signature('Siobhán', 'mother')], 2, 'everyConsentingParentAndYoungPerson').ok).toBe(true);
  });

  it('anyParent: one parent/carer who consented signs it', () => {
    expect(planSignedOffAsRequired(both, [signature('Dónal', 'father')], 2, 'anyParent').ok).toBe(true);
    const none = planSignedOffAsRequired(both, [signature('Seán', 'child', 'youngPerson')], 2, 'anyParent');
    expect(!none.ok && none.reason).toMatch(/waiting for the sign-off of a parent\/carer \(Siobhán or Dónal\)/);
  });
});

describe('signatoryHasConsented', () => {
  it('a parent/carer signs only if their own consent with parental responsibility stands', () => {
    const consent = family(false, mother);
    expect(signatoryHasConsented(consent, { name: 'Siobhán', personId: 'mother', as: 'parentCarer' }).ok).toBe(true);
    const other = signatoryHasConsented(consent, { name: 'Dónal', personId: 'father', as: 'parentCarer' });
    expect(!other.ok && other.reason).toMatch(/^Dónal cannot sign the plan: only a parent\/carer with parental responsibility whose consent is recorded \(Siobhán\)/);
    const withdrawn = { ...consent, people: withConsentWithdrawn(consent.people, { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: 'Siobhán', personId: 'mother' } }, NOW) };
    expect(signatoryHasConsented(withdrawn, { name: 'Siobhán', personId: 'mother', as: 'parentCarer' }).ok).toBe(false);
  });

  it('the young person signs only once their own consent is recorded', () => {
    const result = signatoryHasConsented(family(true, mother), { name: 'Seán', personId: 'child', as: 'youngPerson' });
    expect(!result.ok && result.reason).toMatch(/their own consent is not recorded/);
    expect(signatoryHasConsented(family(true, mother, youngPerson), { name: 'Seán', personId: 'child', as: 'youngPerson' }).ok).toBe(true);
  });
});

describe('notSignedAlready', () => {
  it('refuses a second signature of the same version by the same person, saying who the plan waits for', () => {
    const consent = family(false, mother, father);
    const signed = [signature('Siobhán', 'mother')];
    const again = notSignedAlready(signed, 2, { name: 'Siobhán', personId: 'mother', as: 'parentCarer' }, signaturesStillNeeded(consent, signed, 2, 'everyConsentingParentAndYoungPerson'));
    expect(!again.ok && again.reason).toBe(`Siobhán already signed version 2 of the action plan (${NOW}); a signature is recorded once: the plan is waiting for Dónal.`);
    expect(notSignedAlready(signed, 3, { name: 'Siobhán', personId: 'mother', as: 'parentCarer' }, []).ok).toBe(true);
  });
});

describe('planRedraftedSinceChangesRequested', () => {
  it('after the family asked for changes, the same version is not sent for sign-off again', () => {
    const result = planRedraftedSinceChangesRequested(2, [{ planVersion: 2, changesRequested: 'Wednesday, not Tuesday.' }]);
    expect(!result.ok && result.reason).toMatch(/asked for changes to version 2 .*draft the changes as a new version \(DRAFT_PLAN\)/);
    expect(planRedraftedSinceChangesRequested(3, [{ planVersion: 2, changesRequested: 'x' }]).ok).toBe(true);
  });
});
