import type { ConsentRecord } from './consent.rules';
import { agencyInviteesCoveredByConsent, consentCoversAgency, consentStillStands, hasValidConsent } from './consent.rules';

const consent: ConsentRecord = {
  givenBy: { name: 'Parent A', hasParentalResponsibility: true },
  scopes: { takePart: true, keepRecords: true, shareWithAgencies: ['HSE Public Health Nursing'] },
  youngPersonConsent: { given: false, reasonNotSought: 'Aged 6.' },
  signedOn: '2026-11-23',
};

describe('hasValidConsent', () => {
  it('holds for written consent to take part and keep records by a parent/carer, with the young person accounted for', () => {
    expect(hasValidConsent(consent)).toEqual({ ok: true });
    expect(hasValidConsent({ ...consent, youngPersonConsent: { given: true } })).toEqual({ ok: true });
  });

  it.each([
    ['no consent', null, /RECORD_CONSENT/],
    ['a withdrawn consent', { ...consent, withdrawn: { by: { name: 'Parent A' }, at: '2026-11-24T00:00:00Z' } }, /withdrawn consent/],
    ['no parental responsibility', { ...consent, givenBy: { name: 'Aunt', hasParentalResponsibility: false } }, /Aunt does not have parental responsibility/],
    ['no consent to take part', { ...consent, scopes: { ...consent.scopes, takePart: false } }, /taking part/],
    ['no consent to keep records', { ...consent, scopes: { ...consent.scopes, keepRecords: false } }, /keeping records/],
    ['no young person consent nor reason', { ...consent, youngPersonConsent: { given: false, reasonNotSought: '  ' } }, /young person's own consent/],
  ])('fails with %s, saying what to do', (_label, value, reason) => {
    const result = hasValidConsent(value as ConsentRecord | null);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});

describe('consentStillStands', () => {
  it('holds until consent is withdrawn or narrowed below taking part', () => {
    expect(consentStillStands(consent).ok).toBe(true);
    expect(consentStillStands({ ...consent, withdrawn: { by: { name: 'P' }, at: 'x' } }).ok).toBe(false);
    expect(consentStillStands({ ...consent, scopes: { ...consent.scopes, takePart: false } }).ok).toBe(false);
    expect(consentStillStands(null).ok).toBe(false);
  });
});

describe('consentCoversAgency / agencyInviteesCoveredByConsent', () => {
  it('an agency is covered only when the family named it (case and spaces ignored)', () => {
    expect(consentCoversAgency(consent, ' hse public health nursing ').ok).toBe(true);
    const result = consentCoversAgency(consent, 'Tusla');
    expect(!result.ok && result.reason).toMatch(/does not cover sharing information with Tusla/);
  });

  it('family members need no agency consent; every agency invitee does', () => {
    expect(agencyInviteesCoveredByConsent(consent, [{ name: 'Gran', approvedByFamily: true }]).ok).toBe(true);
    const result = agencyInviteesCoveredByConsent(consent, [
      { name: 'Nurse', agency: 'HSE Public Health Nursing', approvedByFamily: true },
      { name: 'Garda', agency: 'An Garda Síochána', approvedByFamily: true },
    ]);
    expect(!result.ok && result.reason).toMatch(/Garda \(An Garda Síochána\) cannot be invited/);
  });
});
