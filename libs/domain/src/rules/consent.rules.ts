/**
 * Consent first, scope by scope, person by person (domain.md "Rules that hold everywhere",
 * "Request for support"): each person with parental responsibility gives or refuses their own
 * consent, and the young person their own. What the case may do is what *every required*
 * consent allows (`effectiveConsent`):
 * - required: every person with parental responsibility who has given consent (at least one
 *   must), unless the coordinator decided to continue without a consent they withdrew; plus the
 *   young person's own consent once they are of age (organisation policy
 *   `youngPersonConsentAge`, default 16: see consent-policy.ts);
 * - take part / keep records: only if every required consent gives it;
 * - share with an agency: only if every required consent names it, and nobody whose consent is
 *   recorded (given, refused or withdrawn, the young person's too) asked that it is not shared
 *   with (`doNotShareWith`);
 * - a copy of the plan goes to whoever a required consent names, except a `doNotShareWith`.
 * Agencies are compared with case and surrounding spaces ignored.
 */
import type { ConsentAs, ConsentScopes, Invitee, PersonRef, RecordConsent, WithdrawConsent } from '../events';
import { nameKey } from '../names';
import { fail, isBlank, OK, type RuleResult } from './rule-result';

/** A coordinator's decision to continue without a consent that was withdrawn. */
export interface WithdrawalDecision {
  decision: 'continueWithRemainingConsent';
  reason: string;
  at: string;
}

/** A person's withdrawal of their consent; records are kept under the retention policy. */
export interface ConsentWithdrawal {
  by: PersonRef;
  reason?: string;
  at: string;
  /** The coordinator's decision to continue without it; null while it waits for one. */
  decision: WithdrawalDecision | null;
}

/** One version of a person's consent, as signed. */
export interface ConsentVersion {
  givenBy: RecordConsent['givenBy'];
  /** false: the person refused consent. */
  given: boolean;
  scopes: ConsentScopes & { doNotShareWith: string[]; planCopyTo: string[] };
  /** On a parent/carer's form: the young person's own consent or why it was not sought. */
  youngPersonConsent: NonNullable<RecordConsent['youngPersonConsent']> | null;
  signedOn: string;
  /** When it was recorded (the engine's clock). */
  recordedAt: string;
  withdrawn: ConsentWithdrawal | null;
}

/**
 * A person's consent as the case holds it now, with its earlier versions (`history`, oldest
 * first) for the consent record documents: a widened or narrowed consent, a withdrawal followed
 * by a new consent.
 */
export interface PersonConsent extends ConsentVersion {
  /** The family member's personId where given (`person:<id>`), else their name (`name:<name>`); the young person's is `youngPerson`. */
  key: string;
  as: ConsentAs;
  history: ConsentVersion[];
}

/** What the rules read of a case's consent: each person's, and whether the young person is of age. */
export interface CaseConsent {
  people: readonly PersonConsent[];
  /** The young person has reached the organisation's `youngPersonConsentAge` (today, in the organisation's time zone). */
  youngPersonOfAge: boolean;
}

/** What the case may do: what every required consent allows. */
export interface EffectiveConsent {
  takePart: boolean;
  keepRecords: boolean;
  shareWithAgencies: string[];
  /** Every agency someone asked that nothing is shared with. */
  doNotShareWith: string[];
  planCopyTo: string[];
  /** The consents the case rests on (those that stand). */
  required: PersonConsent[];
}

/** The single consent record of releases before consent was recorded per person (kept in old case snapshots). */
export interface LegacyConsentRecord {
  givenBy: { name: string; personId?: string; hasParentalResponsibility: boolean };
  scopes: { takePart: boolean; keepRecords: boolean; shareWithAgencies: string[]; contactPractitioner?: string };
  youngPersonConsent: { given: boolean; reasonNotSought?: string };
  signedOn: string;
  withdrawn?: { by: PersonRef; reason?: string; at: string };
}

const norm = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ');

function sameAgency(a: string, b: string): boolean {
  return norm(a) === norm(b);
}

const listHas = (list: readonly string[], agency: string): boolean => list.some((a) => sameAgency(a, agency));

/** The same person: by personId where both records have one, else by name (case, spacing and fadas aside: names.ts). */
export function samePerson(a: PersonRef, b: PersonRef): boolean {
  if (a.personId !== undefined && b.personId !== undefined) return a.personId === b.personId;
  return nameKey(a.name) === nameKey(b.name);
}

/** The key a person's consent is kept under (see `PersonConsent.key`). */
export function consentKey(person: PersonRef, as: ConsentAs = 'parentCarer'): string {
  if (as === 'youngPerson') return 'youngPerson';
  return person.personId !== undefined ? `person:${person.personId}` : `name:${norm(person.name)}`;
}

/** The consent recorded for this person (the young person's, for `as: 'youngPerson'`), if any. */
export function consentOfPerson(people: readonly PersonConsent[], person: PersonRef, as?: ConsentAs): PersonConsent | undefined {
  if (as === 'youngPerson') return people.find((c) => c.as === 'youngPerson');
  return people.find((c) => (as === undefined || c.as === as) && samePerson(c.givenBy, person));
}

/** Agencies named both as shared with and as not to be shared with (or to receive the plan): empty when consistent. */
export function conflictingAgencies(scopes: Pick<ConsentScopes, 'shareWithAgencies' | 'doNotShareWith' | 'planCopyTo'>): string[] {
  const not = scopes.doNotShareWith ?? [];
  return [...scopes.shareWithAgencies ?? [], ...(scopes.planCopyTo ?? [])].filter((a) => listHas(not, a));
}

function scopesOf(scopes: ConsentScopes): ConsentVersion['scopes'] {
  return { ...scopes, doNotShareWith: scopes.doNotShareWith ?? [], planCopyTo: scopes.planCopyTo ?? [] };
}

const versionOf = ({ key: _key, as: _as, history: _history, ...version }: PersonConsent): ConsentVersion => version;

/**
 * The consents after a RECORD_CONSENT (pure): the same person's consent is replaced by the new
 * version (the old one goes to its history; a new consent after a withdrawal ends the
 * withdrawal), another person's is added beside. On a parent/carer's form, a young person's
 * consent given with it (`youngPersonConsent.given`, the shape before per-person consent) is
 * recorded as the young person's own consent with the same scopes, unless they have their own.
 */
export function withConsentRecorded(people: readonly PersonConsent[], event: RecordConsent, now: string): PersonConsent[] {
  const as: ConsentAs = event.givenBy.as ?? 'parentCarer';
  const version: ConsentVersion = {
    givenBy: event.givenBy,
    given: event.given ?? true,
    scopes: scopesOf(event.scopes),
    youngPersonConsent: as === 'youngPerson' ? null : (event.youngPersonConsent ?? null),
    signedOn: event.signedOn,
    recordedAt: now,
    withdrawn: null,
  };
  const earlier = consentOfPerson(people, event.givenBy, as);
  const next = earlier
    ? people.map((c) => (c === earlier ? { ...c, ...version, history: [...c.history, versionOf(c)] } : c))
    : [...people, { key: consentKey(event.givenBy, as), as, ...version, history: [] }];
  if (as === 'parentCarer' && event.youngPersonConsent?.given && !next.some((c) => c.as === 'youngPerson')) {
    next.push({
      key: 'youngPerson',
      as: 'youngPerson',
      ...version,
      givenBy: { name: 'The young person', hasParentalResponsibility: false, as: 'youngPerson' },
      youngPersonConsent: null,
      history: [],
    });
  }
  return next;
}

/**
 * The consents after a WITHDRAW_CONSENT (pure): that person's consent is marked withdrawn,
 * waiting for the coordinator's decision where the policy asks for one. A withdrawal by someone
 * whose consent was never written down is still recorded, as a withdrawal of no consent.
 */
export function withConsentWithdrawn(people: readonly PersonConsent[], event: WithdrawConsent, now: string): PersonConsent[] {
  const withdrawn: ConsentWithdrawal = { by: event.withdrawnBy, ...(event.reason !== undefined ? { reason: event.reason } : {}), at: now, decision: null };
  const own = consentOfPerson(people, event.withdrawnBy);
  if (own) return people.map((c) => (c === own ? { ...c, withdrawn } : c));
  return [
    ...people,
    {
      key: consentKey(event.withdrawnBy),
      as: 'parentCarer',
      givenBy: { ...event.withdrawnBy, hasParentalResponsibility: false },
      given: false,
      scopes: { takePart: false, keepRecords: false, shareWithAgencies: [], doNotShareWith: [], planCopyTo: [] },
      youngPersonConsent: null,
      signedOn: '',
      recordedAt: now,
      withdrawn,
      history: [],
    },
  ];
}

/** The consents with every withdrawal still waiting for a decision set aside by the coordinator (pure). */
export function withWithdrawalsDecided(people: readonly PersonConsent[], reason: string, now: string): PersonConsent[] {
  return people.map((c) =>
    c.withdrawn && c.withdrawn.decision === null ? { ...c, withdrawn: { ...c.withdrawn, decision: { decision: 'continueWithRemainingConsent' as const, reason, at: now } } } : c,
  );
}

/**
 * The single consent of an earlier release as per-person consents (an old case snapshot's
 * `consent`). The old record kept no time of recording: `recordedAt` is the day it was signed.
 * Its withdrawal was the family's: it becomes the
 * withdrawal of that parent/carer's consent, whoever recorded it, waiting for no decision the old
 * release did not ask for (the old release closed the case, or the escalation was still open).
 */
export function upgradeLegacyConsent(legacy: LegacyConsentRecord | null | undefined): PersonConsent[] {
  if (!legacy) return [];
  const recordedAt = legacy.signedOn;
  const withdrawnBeforeAnyConsent = legacy.signedOn === '' && !legacy.givenBy.hasParentalResponsibility && legacy.withdrawn !== undefined;
  const event: RecordConsent = { type: 'RECORD_CONSENT', givenBy: legacy.givenBy, scopes: legacy.scopes, youngPersonConsent: legacy.youngPersonConsent, signedOn: legacy.signedOn };
  const people = withdrawnBeforeAnyConsent ? [] : withConsentRecorded([], event, recordedAt);
  if (!legacy.withdrawn) return people;
  const { by, reason, at } = legacy.withdrawn;
  if (people.length === 0) return withConsentWithdrawn([], { type: 'WITHDRAW_CONSENT', withdrawnBy: by, ...(reason !== undefined ? { reason } : {}) }, at);
  const withdrawn: ConsentWithdrawal = { by, ...(reason !== undefined ? { reason } : {}), at, decision: null };
  return people.map((c) => (c.as === 'parentCarer' ? { ...c, withdrawn } : c));
}

const stands = (c: PersonConsent): boolean => c.given && c.withdrawn === null;
const setAside = (c: PersonConsent): boolean => c.withdrawn?.decision != null;
const isParentWithResponsibility = (c: PersonConsent): boolean => c.as === 'parentCarer' && c.givenBy.hasParentalResponsibility;

/**
 * The consents the case rests on: every parent/carer with parental responsibility who gave
 * consent (standing, or withdrawn and waiting for the coordinator's decision), and the young
 * person's where of age (recorded or not: `youngPerson` is undefined for a missing one).
 */
export function requiredConsents(consent: CaseConsent | null | undefined): { parents: PersonConsent[]; youngPerson: PersonConsent | undefined; youngPersonRequired: boolean } {
  const people = consent?.people ?? [];
  const parents = people.filter((c) => isParentWithResponsibility(c) && c.given && !setAside(c));
  const youngPerson = people.find((c) => c.as === 'youngPerson');
  // The coordinator may continue without a parent's withdrawn consent, never without the consent of a young person of age.
  const youngPersonRequired = consent?.youngPersonOfAge === true;
  return { parents, youngPerson, youngPersonRequired };
}

/** What every required consent allows (see the module comment); nothing when none stands. */
export function effectiveConsent(consent: CaseConsent | null | undefined): EffectiveConsent {
  const people = consent?.people ?? [];
  const { parents, youngPerson, youngPersonRequired } = requiredConsents(consent);
  const required = [...parents, ...(youngPersonRequired && youngPerson ? [youngPerson] : [])];
  const doNotShareWith = uniqueAgencies(people.flatMap((c) => c.scopes.doNotShareWith));
  const none: EffectiveConsent = { takePart: false, keepRecords: false, shareWithAgencies: [], doNotShareWith, planCopyTo: [], required: [] };
  if (!consentStillStands(consent).ok || required.length === 0) return none;
  const [first, ...rest] = required as [PersonConsent, ...PersonConsent[]];
  const shareWithAgencies = uniqueAgencies(first.scopes.shareWithAgencies).filter((a) => rest.every((c) => listHas(c.scopes.shareWithAgencies, a)) && !listHas(doNotShareWith, a));
  return {
    takePart: required.every((c) => c.scopes.takePart),
    keepRecords: required.every((c) => c.scopes.keepRecords),
    shareWithAgencies,
    doNotShareWith,
    planCopyTo: uniqueAgencies(required.flatMap((c) => c.scopes.planCopyTo)).filter((a) => !listHas(doNotShareWith, a)),
    required,
  };
}

function uniqueAgencies(list: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of list) if (!listHas(out, a)) out.push(a);
  return out;
}

const names = (list: readonly PersonConsent[]): string => list.map((c) => c.givenBy.name).join(' and ');

/** Withdrawals still waiting for the coordinator's decision. */
export function pendingWithdrawals(consent: CaseConsent | null | undefined): PersonConsent[] {
  return (consent?.people ?? []).filter((c) => c.withdrawn !== null && c.withdrawn.decision === null);
}

/** Whether anyone ever gave consent on this case (a request still waiting for consent has none). */
export function consentWasGiven(consent: CaseConsent | null | undefined): boolean {
  return (consent?.people ?? []).some((c) => c.given || c.history.some((v) => v.given));
}

/** A parent/carer with parental responsibility whose consent to take part stands. */
export function parentConsentStands(consent: CaseConsent | null | undefined): boolean {
  return (consent?.people ?? []).some((c) => isParentWithResponsibility(c) && stands(c) && c.scopes.takePart);
}

/**
 * The case may go on: at least one parent/carer with parental responsibility consents, every
 * required consent stands (none withdrawn and waiting for the coordinator's decision), the young
 * person of age consents, and every required consent covers taking part.
 */
export function consentStillStands(consent: CaseConsent | null | undefined): RuleResult {
  const people = consent?.people ?? [];
  if (people.length === 0) {
    return fail('No consent is recorded for this case: record written consent (RECORD_CONSENT) before continuing.');
  }
  const { parents, youngPerson, youngPersonRequired } = requiredConsents(consent);
  const waiting = [...parents, ...(youngPersonRequired && youngPerson ? [youngPerson] : [])].filter((c) => c.withdrawn !== null && c.withdrawn.decision === null);
  if (waiting.length > 0 && parents.some(stands)) {
    return fail(
      `${names(waiting)} withdrew consent: processing has stopped until the coordinator decides whether the remaining consent suffices (DECIDE_ON_WITHDRAWAL), or until consent is given again (RECORD_CONSENT).`,
    );
  }
  if (!parents.some(stands)) {
    return people.some((c) => c.withdrawn !== null)
      ? fail('The family has withdrawn consent: the case cannot continue unless a parent/carer gives written consent again (RECORD_CONSENT).')
      : fail('No parent/carer with parental responsibility has consented: record the written consent of one who has (RECORD_CONSENT) before continuing.');
  }
  if (youngPersonRequired && (!youngPerson || !stands(youngPerson))) {
    return fail(
      youngPerson?.withdrawn
        ? 'The young person withdrew their own consent: the case cannot continue unless they consent again (RECORD_CONSENT as youngPerson).'
        : youngPerson && !youngPerson.given
          ? 'The young person refused their own consent: the case cannot continue without it at their age.'
          : "The young person is of an age to give their own consent (the organisation's policy): record it (RECORD_CONSENT with givenBy.as youngPerson) before continuing.",
    );
  }
  const noTakePart = [...parents, ...(youngPersonRequired && youngPerson ? [youngPerson] : [])].filter((c) => !c.scopes.takePart);
  if (noTakePart.length > 0) {
    return fail(`The consent of ${names(noTakePart)} does not cover taking part in the process: nothing more is done unless they consent to taking part (RECORD_CONSENT).`);
  }
  return OK;
}

/**
 * Written consent at submission: consent to take part and to keep records from every required
 * person (at least one parent/carer with parental responsibility), and the young person's own
 * consent where of age; below that age, their own consent or the reason it was not sought.
 */
export function hasValidConsent(consent: CaseConsent | null | undefined): RuleResult {
  const people = consent?.people ?? [];
  const givers = people.filter((c) => c.as === 'parentCarer' && c.given);
  if (givers.length === 0) {
    return people.some((c) => c.withdrawn !== null)
      ? fail('The family has withdrawn consent: nothing more can be done with this case unless a parent/carer gives written consent again (RECORD_CONSENT).')
      : fail('Consent of a parent/carer with parental responsibility is not recorded: record written consent (RECORD_CONSENT) before submitting.');
  }
  if (!givers.some((c) => c.givenBy.hasParentalResponsibility)) {
    return fail(
      `${givers.map((c) => c.givenBy.name || 'The person who signed').join(' and ')} ${givers.length === 1 ? 'does' : 'do'} not have parental responsibility: record the written consent of a parent/carer who has (RECORD_CONSENT).`,
    );
  }
  const standing = consentStillStands(consent);
  if (!standing.ok) return standing;
  const effective = effectiveConsent(consent);
  if (!effective.keepRecords) {
    const without = effective.required.filter((c) => !c.scopes.keepRecords);
    return fail(`The consent of ${names(without)} does not cover keeping records: ask them to consent to record keeping and record it (RECORD_CONSENT).`);
  }
  if (!consent?.youngPersonOfAge) {
    const youngPersonAccounted =
      people.some((c) => c.as === 'youngPerson' && c.given) ||
      effective.required.some((c) => c.youngPersonConsent && (c.youngPersonConsent.given || !isBlank(c.youngPersonConsent.reasonNotSought)));
    if (!youngPersonAccounted) {
      return fail(
        "The young person's own consent is not recorded: record their consent, or the reason it was not sought (age, capacity), with the consent (RECORD_CONSENT).",
      );
    }
  }
  return OK;
}

/** Information may be shared with this agency: every required consent names it and nobody asked not to share with it. */
export function consentCoversAgency(consent: CaseConsent | null | undefined, agency: string): RuleResult {
  const standing = consentStillStands(consent);
  if (!standing.ok) return standing;
  const effective = effectiveConsent(consent);
  if (listHas(effective.shareWithAgencies, agency)) return OK;
  const refusing = (consent?.people ?? []).filter((c) => listHas(c.scopes.doNotShareWith, agency));
  if (refusing.length > 0) {
    return fail(
      `The family's consent does not cover sharing information with ${agency}: ${names(refusing)} asked that nothing is shared with ${agency} (doNotShareWith). Only ${names(refusing)} can change that (RECORD_CONSENT); until then ${agency} is not named on this case.`,
    );
  }
  const without = effective.required.filter((c) => !listHas(c.scopes.shareWithAgencies, agency));
  const whose = effective.required.length > 1 && without.length > 0 ? ` (${names(without)}'s consent does not name it)` : '';
  return fail(
    `The family's consent does not cover sharing information with ${agency}${whose}: ask the parent/carer whether they agree, and record the wider consent (RECORD_CONSENT) before naming them on this case.`,
  );
}

/** Every invitee who comes from an agency is from an agency the consent covers. */
export function agencyInviteesCoveredByConsent(consent: CaseConsent | null | undefined, invitees: readonly Invitee[] | undefined): RuleResult {
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

/**
 * A RECORD_CONSENT that can be recorded: no agency both shared with and not to be shared with
 * (or sent the plan), and no refusal in place of a withdrawal (someone whose consent stands
 * withdraws it with WITHDRAW_CONSENT, so that processing stops as the policy says).
 */
export function consentCanBeRecorded(consent: CaseConsent | null | undefined, event: RecordConsent | null): RuleResult {
  if (!event) return fail('Record consent with RECORD_CONSENT.');
  const conflicts = conflictingAgencies(event.scopes ?? { shareWithAgencies: [] });
  if (conflicts.length > 0) {
    return fail(
      `${conflicts.join(', ')} ${conflicts.length === 1 ? 'is' : 'are'} both in scopes.doNotShareWith and in scopes.shareWithAgencies or scopes.planCopyTo: ask ${event.givenBy?.name ?? 'the person'} which they mean and record that.`,
    );
  }
  const earlier = consentOfPerson(consent?.people ?? [], event.givenBy, event.givenBy?.as ?? 'parentCarer');
  if (event.given === false && earlier && stands(earlier)) {
    return fail(
      `${earlier.givenBy.name} has consented: to withdraw that consent, record WITHDRAW_CONSENT (processing stops as the organisation's policy says), not a refusal.`,
    );
  }
  return OK;
}
