/**
 * Consent first, scope by scope (domain.md "Rules that hold everywhere", "Request for support").
 */
import type { Invitee, PersonRef, RecordConsent } from '../events';
import { fail, isBlank, OK, type RuleResult } from './rule-result';

/** The written consent a case holds now: the last RECORD_CONSENT, and its withdrawal if any. */
export interface ConsentRecord {
  givenBy: RecordConsent['givenBy'];
  scopes: RecordConsent['scopes'];
  youngPersonConsent: RecordConsent['youngPersonConsent'];
  signedOn: string;
  /** Set when consent is withdrawn; records are kept under the retention policy. */
  withdrawn?: { by: PersonRef; reason?: string; at: string };
}

/** The consent record of a RECORD_CONSENT event (the event type dropped). */
export function toConsentRecord(event: RecordConsent): ConsentRecord {
  return {
    givenBy: event.givenBy,
    scopes: event.scopes,
    youngPersonConsent: event.youngPersonConsent,
    signedOn: event.signedOn,
  };
}

/**
 * Written consent to take part and to keep records, given by someone with parental
 * responsibility, with the young person's own consent or the reason it was not sought.
 */
export function hasValidConsent(consent: ConsentRecord | null | undefined): RuleResult {
  if (!consent) {
    return fail(
      'Consent of a parent/carer with parental responsibility is not recorded: record written consent (RECORD_CONSENT) before submitting.',
    );
  }
  if (consent.withdrawn) {
    return fail(
      'The family has withdrawn consent: nothing more can be done with this case unless a parent/carer gives written consent again (RECORD_CONSENT).',
    );
  }
  if (!consent.givenBy?.hasParentalResponsibility) {
    return fail(
      `${consent.givenBy?.name || 'The person who signed'} does not have parental responsibility: record the written consent of a parent/carer who has (RECORD_CONSENT).`,
    );
  }
  if (!consent.scopes?.takePart) {
    return fail('The consent does not cover taking part in the process: ask the parent/carer to consent to taking part and record it (RECORD_CONSENT).');
  }
  if (!consent.scopes?.keepRecords) {
    return fail('The consent does not cover keeping records: ask the parent/carer to consent to record keeping and record it (RECORD_CONSENT).');
  }
  const yp = consent.youngPersonConsent;
  if (!yp || (!yp.given && isBlank(yp.reasonNotSought))) {
    return fail(
      "The young person's own consent is not recorded: record their consent, or the reason it was not sought (age, capacity), with the consent (RECORD_CONSENT).",
    );
  }
  return OK;
}

/** Consent has not been withdrawn and still covers taking part. */
export function consentStillStands(consent: ConsentRecord | null | undefined): RuleResult {
  if (!consent) {
    return fail('No consent is recorded for this case: record written consent (RECORD_CONSENT) before continuing.');
  }
  if (consent.withdrawn) {
    return fail('The family has withdrawn consent: the case cannot continue unless a parent/carer gives written consent again (RECORD_CONSENT).');
  }
  if (!consent.scopes?.takePart) {
    return fail('The consent no longer covers taking part: the case cannot continue unless the family consents again (RECORD_CONSENT).');
  }
  return OK;
}

function sameAgency(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Information may be shared with this agency: the family named it in their consent. */
export function consentCoversAgency(consent: ConsentRecord | null | undefined, agency: string): RuleResult {
  const stands = consentStillStands(consent);
  if (!stands.ok) return stands;
  const agencies = consent?.scopes?.shareWithAgencies ?? [];
  if (!agencies.some((a) => sameAgency(a, agency))) {
    return fail(
      `The family's consent does not cover sharing information with ${agency}: ask the parent/carer whether they agree, and record the wider consent (RECORD_CONSENT) before naming them on this case.`,
    );
  }
  return OK;
}

/** Every invitee who comes from an agency is from an agency the consent covers. */
export function agencyInviteesCoveredByConsent(consent: ConsentRecord | null | undefined, invitees: readonly Invitee[] | undefined): RuleResult {
  for (const invitee of invitees ?? []) {
    if (invitee.agency === undefined) continue;
    const covered = consentCoversAgency(consent, invitee.agency);
    if (!covered.ok) {
      return covered.reason.includes('does not cover sharing')
        ? fail(
            `${invitee.name} (${invitee.agency}) cannot be invited: the family's consent does not cover sharing information with ${invitee.agency}. Record the wider consent (RECORD_CONSENT) or remove them from the invitation.`,
          )
        : covered;
    }
  }
  return OK;
}
