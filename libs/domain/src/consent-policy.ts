/**
 * The organisation's consent rules (domain.md "Rules that hold everywhere"), part of the policy
 * the engine writes into every case (`context.policy`) beside the stage deadlines:
 * - `consentWithdrawal`: what happens when one person withdraws consent while another's still
 *   stands. `stopAndCoordinatorDecides` (default): processing stops, the case is on hold and the
 *   coordinator decides to continue with the remaining consent (if it still suffices) or to close
 *   the case as `consentWithdrawn`. `closeCase`: any withdrawal closes the case. The last consent
 *   withdrawn always closes it; a withdrawal never stops an open escalation.
 * - `planSignOff`: who must sign the exact current version of the action plan before it is
 *   active. `everyConsentingParentAndYoungPerson` (default): every person with parental
 *   responsibility whose consent the case rests on, and the young person where of age.
 *   `anyParent`: one of those parents/carers (other signatures are recorded beside it).
 * - `youngPersonConsentAge`: from this age (whole years, default 16) the young person's own
 *   consent is required and they sign the plan. Tusla's Meitheal guidance asks for the young
 *   person's consent where they are of an age and maturity to give it and sets no age; 16 is the
 *   age from which Irish law lets a young person consent for themselves (Non-Fatal Offences
 *   Against the Person Act 1997 s.23, medical treatment; Data Protection Act 2018 s.31, the digital
 *   age of consent). A younger young person may still give their own consent: it is recorded,
 *   and any agency they ask not to share with is respected.
 */

export const CONSENT_WITHDRAWAL_RULES = ['stopAndCoordinatorDecides', 'closeCase'] as const;
export type ConsentWithdrawalRule = (typeof CONSENT_WITHDRAWAL_RULES)[number];

export const PLAN_SIGN_OFF_RULES = ['everyConsentingParentAndYoungPerson', 'anyParent'] as const;
export type PlanSignOffRule = (typeof PLAN_SIGN_OFF_RULES)[number];

/** Youngest and oldest consent age an organisation may set (a case ends when the child turns 18). */
export const YOUNG_PERSON_CONSENT_AGE_RANGE = { min: 12, max: 18 } as const;

/** The consent rules of an organisation's policy, each set (see the module comment). */
export interface ConsentPolicy {
  consentWithdrawal: ConsentWithdrawalRule;
  planSignOff: PlanSignOffRule;
  youngPersonConsentAge: number;
}

export const DEFAULT_CONSENT_POLICY: ConsentPolicy = {
  consentWithdrawal: 'stopAndCoordinatorDecides',
  planSignOff: 'everyConsentingParentAndYoungPerson',
  youngPersonConsentAge: 16,
};

/**
 * The consent rules of a policy, with the defaults for what it leaves out (a policy written
 * before these rules existed, e.g. one in a case snapshot of an earlier release).
 */
export function consentPolicyOf(policy: Partial<ConsentPolicy> | null | undefined): ConsentPolicy {
  return {
    consentWithdrawal: policy?.consentWithdrawal ?? DEFAULT_CONSENT_POLICY.consentWithdrawal,
    planSignOff: policy?.planSignOff ?? DEFAULT_CONSENT_POLICY.planSignOff,
    youngPersonConsentAge: policy?.youngPersonConsentAge ?? DEFAULT_CONSENT_POLICY.youngPersonConsentAge,
  };
}

/**
 * Whether a young person born on `dateOfBirth` (YYYY-MM-DD) is `age` or older on the local day
 * `today` (YYYY-MM-DD): their birthday counts (born 29 February: 1 March in other years). False
 * when the date of birth is unknown.
 */
export function youngPersonIsOfAge(dateOfBirth: string | null | undefined, today: string, age: number): boolean {
  if (!dateOfBirth || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return false;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const years = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  return years >= age;
}
