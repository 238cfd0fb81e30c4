/**
 * Consent record (domain.md "Consent first, scope by scope"): each person's written consent,
 * scope by scope, with its earlier versions and any withdrawal, and what the case may do as
 * every required consent allows. Issued whenever a consent is recorded, changed or withdrawn, or a
 * withdrawal decided on (the transitions' meta), in any stage, and on entering `consentWithdrawal`.
 */
import { effectiveConsent, type PersonConsent } from '@tacu/domain';
import type { CaseContext } from '@tacu/workflows';
import { baseOf, caseConsentOf } from '../builder-kit';
import type { BuildInput } from '../facts';
import type { BaseViewModel } from '../view-model';

/** One version of one person's consent as signed. */
export interface ConsentVersionView {
  given: boolean;
  /** YYYY-MM-DD: the day the written consent was signed. */
  signedOn: string;
  takePart: boolean;
  keepRecords: boolean;
  shareWithAgencies: string[];
  doNotShareWith: string[];
  planCopyTo: string[];
  contactPractitioner: string | null;
}

export interface PersonConsentView {
  name: string;
  /** `parentCarer` or `youngPerson`: whose own consent it is. */
  as: string;
  hasParentalResponsibility: boolean;
  current: ConsentVersionView;
  /** On a parent/carer's form: the young person's own consent, or why it was not sought. */
  youngPersonConsent: { given: boolean; reasonNotSought: string | null } | null;
  withdrawn: { at: string; reason: string | null; decision: { reason: string; at: string } | null } | null;
  /** Earlier versions, oldest first. */
  earlier: ConsentVersionView[];
}

export interface ConsentRecordView extends BaseViewModel {
  people: PersonConsentView[];
  /** What the case may do: what every required consent allows. */
  allowed: { takePart: boolean; keepRecords: boolean; shareWithAgencies: string[]; doNotShareWith: string[]; planCopyTo: string[] };
  /** Processing stopped after a withdrawal while the coordinator decides: since when (ISO instant), or null. */
  processingStoppedSince: string | null;
  /** The case closed because consent was withdrawn: when (ISO instant), or null. */
  closedByWithdrawalAt: string | null;
}

function versionView(v: Omit<PersonConsent, 'key' | 'as' | 'history'>): ConsentVersionView {
  return {
    given: v.given,
    signedOn: v.signedOn,
    takePart: v.scopes.takePart,
    keepRecords: v.scopes.keepRecords,
    shareWithAgencies: [...v.scopes.shareWithAgencies],
    doNotShareWith: [...v.scopes.doNotShareWith],
    planCopyTo: [...v.scopes.planCopyTo],
    contactPractitioner: v.scopes.contactPractitioner ?? null,
  };
}

/** The consent record as the context holds it after a consent was recorded, changed or withdrawn. */
export function buildConsentRecord(input: BuildInput<CaseContext>): ConsentRecordView {
  const { context } = input;
  const allowed = effectiveConsent(caseConsentOf(context));
  return {
    ...baseOf(input),
    people: context.consents.map((c) => ({
      name: c.givenBy.name,
      as: c.as,
      hasParentalResponsibility: c.givenBy.hasParentalResponsibility,
      current: versionView(c),
      youngPersonConsent: c.youngPersonConsent ? { given: c.youngPersonConsent.given, reasonNotSought: c.youngPersonConsent.reasonNotSought ?? null } : null,
      withdrawn: c.withdrawn
        ? { at: c.withdrawn.at, reason: c.withdrawn.reason ?? null, decision: c.withdrawn.decision ? { reason: c.withdrawn.decision.reason, at: c.withdrawn.decision.at } : null }
        : null,
      earlier: c.history.map(versionView),
    })),
    allowed: {
      takePart: allowed.takePart,
      keepRecords: allowed.keepRecords,
      shareWithAgencies: allowed.shareWithAgencies,
      doNotShareWith: allowed.doNotShareWith,
      planCopyTo: allowed.planCopyTo,
    },
    processingStoppedSince: context.consentHold?.since ?? null,
    closedByWithdrawalAt: context.closure.reason === 'consentWithdrawn' ? context.closure.closedAt : null,
  };
}
