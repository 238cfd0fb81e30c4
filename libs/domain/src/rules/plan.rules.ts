import type { PlanSignOffRule } from '../consent-policy';
import type { PersonRef, PlannedAction, SignOffPlan } from '../events';
import { consentOfPerson, consentStillStands, requiredConsents, samePerson, type CaseConsent, type PersonConsent } from './consent.rules';
import { fail, isBlank, OK, type RuleResult } from './rule-result';

/** A plan document issued when a plan version was sent to the family for sign-off. */
export interface PlanDocumentSent {
  planVersion: number;
  /** The stored document's id, its issue number, audience and locale. */
  id: string;
  version: number;
  audience: 'professional' | 'family';
  locale: string;
  /** SHA-256 of its HTML, lowercase hex. */
  sha256: string;
}

/**
 * The document a sign-off of `planVersion` names (domain.md: "sign-off always names the exact
 * document version signed"): the one whose hash the signer gives, or, when none is given, the
 * family's version in English sent for sign-off (else any sent). Null when the case has no stored
 * documents for that version (cases from before documents were stored), or the hash given is
 * not one of them.
 */
export function documentSigned(planVersion: number, sha256: string | undefined, sent: readonly PlanDocumentSent[]): PlanDocumentSent | null {
  const ofVersion = sent.filter((d) => d.planVersion === planVersion);
  if (sha256 !== undefined) return ofVersion.find((d) => d.sha256 === sha256) ?? null;
  return ofVersion.find((d) => d.audience === 'family' && d.locale === 'en') ?? ofVersion[0] ?? null;
}

/**
 * A sign-off that gives the hash of the document read must name a document of that plan version
 * sent for sign-off: a family that read another version (or another document) has not signed
 * this one.
 */
export function signedDocumentIsOfThisVersion(planVersion: number, sha256: string | undefined, sent: readonly PlanDocumentSent[]): RuleResult {
  if (sha256 === undefined || documentSigned(planVersion, sha256, sent) !== null) return OK;
  const other = sent.find((d) => d.sha256 === sha256);
  return fail(
    other
      ? // Said in the words of the paper the family holds (its issue and the plan version it shows), not by its hash.
        `The document signed is an earlier plan: issue ${other.version} of it, sent for version ${other.planVersion}, while the plan is now at version ${planVersion}. Show the family the plan of version ${planVersion} and record their sign-off of it.`
      : `The document signed (${sha256.slice(0, 12)}…) is not a plan sent to the family for sign-off of version ${planVersion}: give the SHA-256 of the document they read (GET /cases/{id}/documents), or leave documentSha256 out when they signed the family's version in English.`,
  );
}

/**
 * The plan has at least one action, and every action has an owner (a practitioner and their
 * agency, or a member of the family named by their personId) and a due date.
 */
export function everyActionHasOwnerAndDueDate(actions: readonly PlannedAction[] | undefined): RuleResult {
  const list = actions ?? [];
  if (list.length === 0) {
    return fail('The action plan has no actions: add at least one action, with its owner and due date (DRAFT_PLAN).');
  }
  // A family member owns an action without an agency, named by the id of their family record.
  const noOwner = list.filter((a) => !a.owner || isBlank(a.owner.name) || (isBlank(a.owner.agency) && isBlank(a.owner.personId)));
  if (noOwner.length > 0) {
    return fail(
      `${noOwner.map((a) => `"${a.what}"`).join(', ')} ${noOwner.length === 1 ? 'has' : 'have'} no owner: name the person and agency responsible for each action, or the family member who owns it (their personId) (DRAFT_PLAN).`,
    );
  }
  const noDue = list.filter((a) => isBlank(a.dueDate));
  if (noDue.length > 0) {
    return fail(`${noDue.map((a) => `"${a.what}"`).join(', ')} ${noDue.length === 1 ? 'has' : 'have'} no due date: give each action a due date (DRAFT_PLAN).`);
  }
  return OK;
}

/** The family's sign-off names the exact version of the plan now awaiting sign-off. */
export function signOffNamesCurrentPlanVersion(signedVersion: number | undefined, currentVersion: number): RuleResult {
  if (currentVersion < 1) {
    return fail('There is no drafted plan to sign: draft the action plan (DRAFT_PLAN) first.');
  }
  if (signedVersion !== currentVersion) {
    return fail(
      `The sign-off names version ${signedVersion ?? '(none)'} of the action plan but the current version is ${currentVersion}: show the family version ${currentVersion} and record their sign-off of that version.`,
    );
  }
  return OK;
}

/**
 * A changed plan needs a new sign-off: a version the family already signed is not sent for
 * sign-off again; the revision is drafted as a new version first.
 */
export function planChangedSinceSignOff(currentVersion: number, signedVersions: readonly number[]): RuleResult {
  if (signedVersions.includes(currentVersion)) {
    return fail(
      `Version ${currentVersion} of the action plan is already signed off: draft the changes as a new version (DRAFT_PLAN) and ask the family to sign that version.`,
    );
  }
  return OK;
}

/**
 * After the family asked for changes to a version, that version is not sent for sign-off again:
 * the changes are drafted as a new version first (DRAFT_PLAN).
 */
export function planRedraftedSinceChangesRequested(currentVersion: number, changeRequests: readonly { planVersion: number; changesRequested: string }[]): RuleResult {
  const asked = changeRequests.filter((r) => r.planVersion === currentVersion);
  if (asked.length > 0) {
    return fail(
      `The family asked for changes to version ${currentVersion} of the action plan ("${asked[asked.length - 1]?.changesRequested}"): draft the changes as a new version (DRAFT_PLAN), then send that version for sign-off.`,
    );
  }
  return OK;
}

/** A signature of a plan version, as the plan keeps it. */
export interface SignatureOfPlan {
  planVersion: number;
  signedBy: SignOffPlan['signedBy'];
  at: string;
}

const signed = (signOffs: readonly SignatureOfPlan[], version: number, person: PersonConsent): SignatureOfPlan | undefined =>
  signOffs.find((s) => s.planVersion === version && s.signedBy.as === person.as && (person.as === 'youngPerson' || samePerson(s.signedBy, person.givenBy)));

/**
 * Who signs the plan (organisation policy `planSignOff`, consent-policy.ts): every parent/carer
 * with parental responsibility whose consent the case rests on, and the young person where of
 * age (`everyConsentingParentAndYoungPerson`); or one of those parents (`anyParent`).
 */
export function requiredSignatories(consent: CaseConsent | null | undefined, rule: PlanSignOffRule): PersonConsent[] {
  const { parents, youngPerson, youngPersonRequired } = requiredConsents(consent);
  const standing = parents.filter((c) => c.withdrawn === null);
  if (rule === 'anyParent') return standing;
  return [...standing, ...(youngPersonRequired && youngPerson ? [youngPerson] : [])];
}

/** The signatories the current version still waits for; empty once the organisation's rule is met. */
export function signaturesStillNeeded(consent: CaseConsent | null | undefined, signOffs: readonly SignatureOfPlan[], version: number, rule: PlanSignOffRule): PersonConsent[] {
  const required = requiredSignatories(consent, rule);
  const missing = required.filter((p) => !signed(signOffs, version, p));
  if (rule === 'anyParent') return missing.length < required.length ? [] : missing;
  return missing;
}

/**
 * The plan is signed as the organisation's rule says: it becomes active. Never while the consent
 * the case rests on does not stand (e.g. the young person reached the consent age and their own
 * consent is not recorded yet): the reason says what is missing.
 */
export function planSignedOffAsRequired(consent: CaseConsent | null | undefined, signOffs: readonly SignatureOfPlan[], version: number, rule: PlanSignOffRule): RuleResult {
  if (version < 1) return fail('There is no drafted plan to sign: draft the action plan (DRAFT_PLAN) first.');
  const standing = consentStillStands(consent);
  if (!standing.ok) return standing;
  const required = requiredSignatories(consent, rule);
  if (required.length === 0) {
    return fail('No parent/carer consent stands for this case: a plan is signed by the people whose consent the case rests on (RECORD_CONSENT first).');
  }
  const missing = signaturesStillNeeded(consent, signOffs, version, rule);
  if (missing.length === 0) return OK;
  const who = missing.map((p) => (p.as === 'youngPerson' ? `the young person (${p.givenBy.name})` : p.givenBy.name));
  return fail(
    rule === 'anyParent'
      ? `Version ${version} of the action plan is waiting for the sign-off of a parent/carer (${who.join(' or ')}): SIGN_OFF_PLAN naming version ${version}.`
      : `Version ${version} of the action plan is waiting for the sign-off of ${who.join(' and ')}: each signs version ${version} (SIGN_OFF_PLAN).`,
  );
}

/**
 * The person signing is one whose consent the case records: a parent/carer with parental
 * responsibility whose consent stands, or the young person whose own consent stands.
 */
export function signatoryHasConsented(consent: CaseConsent | null | undefined, signedBy: (PersonRef & { as?: string }) | undefined): RuleResult {
  if (!signedBy) return fail('Say who signs the plan (signedBy).');
  const people = consent?.people ?? [];
  if (signedBy.as === 'youngPerson') {
    const own = consentOfPerson(people, signedBy, 'youngPerson');
    return own && own.given && own.withdrawn === null
      ? OK
      : fail(`${signedBy.name} cannot sign the plan as the young person: their own consent is not recorded (or was withdrawn). Record it first (RECORD_CONSENT with givenBy.as youngPerson).`);
  }
  const own = consentOfPerson(people, signedBy, 'parentCarer');
  if (own && own.given && own.withdrawn === null && own.givenBy.hasParentalResponsibility) return OK;
  const consenting = people.filter((c) => c.as === 'parentCarer' && c.given && c.withdrawn === null && c.givenBy.hasParentalResponsibility).map((c) => c.givenBy.name);
  return fail(
    `${signedBy.name} cannot sign the plan: only a parent/carer with parental responsibility whose consent is recorded (${consenting.length > 0 ? consenting.join(', ') : 'none yet'}) or the young person whose own consent is recorded signs it. Record ${signedBy.name}'s consent first (RECORD_CONSENT).`,
  );
}

/** A person signs a version once: a second signature of the same version is refused, saying who the plan still waits for. */
export function notSignedAlready(signOffs: readonly SignatureOfPlan[], version: number, signedBy: (PersonRef & { as?: string }) | undefined, stillNeeded: readonly PersonConsent[]): RuleResult {
  if (!signedBy) return OK;
  const earlier = signOffs.find((s) => s.planVersion === version && s.signedBy.as === signedBy.as && (signedBy.as === 'youngPerson' || samePerson(s.signedBy, signedBy)));
  if (!earlier) return OK;
  const waiting = stillNeeded.filter((p) => !(p.as === signedBy.as && (p.as === 'youngPerson' || samePerson(p.givenBy, signedBy)))).map((p) => p.givenBy.name);
  return fail(
    `${signedBy.name} already signed version ${version} of the action plan (${earlier.at}); a signature is recorded once${waiting.length > 0 ? `: the plan is waiting for ${waiting.join(' and ')}` : ''}.`,
  );
}
