/**
 * Small pieces the view-model builders share: the heading, people, own words, ratings on the
 * case's framework and the sign-off block, each made from the case's machine context
 * (`CaseContext`, workflows/src/context.ts) and the case facts.
 */
import {
  consentPolicyOf,
  DEFAULT_OUTCOME_FRAMEWORK,
  samePerson,
  signaturesStillNeeded,
  type CaseConsent,
  type OutcomeFramework,
  type OutcomeRating,
  type PersonRef,
  type RecordedView,
} from '@tacu/domain';
import type { CaseContext, PlanSignOff } from '@tacu/workflows';
import type { BuildInput, CaseFacts } from './facts';
import { withKnownIrish } from './framework-irish';
import type { BaseViewModel, ContactView, OwnWords, PersonView, RatingScaleView, RatingView, SignOffView } from './view-model';

/** The heading and the child, common to every document. */
export function baseOf({ facts, producedAt }: BuildInput<CaseContext>): BaseViewModel {
  return {
    document: {
      caseReference: facts.caseReference,
      producedAt,
      timeZone: facts.organisation.timeZone,
      areaName: facts.area.name,
      organisationName: facts.organisation.name,
    },
    child: { name: facts.child.name, dateOfBirth: facts.child.dateOfBirth },
  };
}

/** A person a record names, with their relationship from the family record or their agency. */
export function personOf(person: PersonRef & { agency?: string }, facts: CaseFacts): PersonView {
  const member = facts.familyMembers.find((m) => samePerson({ name: m.name, ...(m.personId ? { personId: m.personId } : {}) }, person));
  const practitioner = person.personId ? facts.practitioners.find((p) => p.id === person.personId) : undefined;
  return {
    name: person.name,
    relationship: member?.relationship ?? null,
    agency: person.agency ?? practitioner?.agency ?? null,
  };
}

/** A list of people as `personOf` shows them. */
export function peopleOf(people: readonly (PersonRef & { agency?: string })[], facts: CaseFacts): PersonView[] {
  return people.map((p) => personOf(p, facts));
}

/** Every member of the family as the family record names them. */
export function familyOf(facts: CaseFacts): PersonView[] {
  return facts.familyMembers.map((m) => ({ name: m.name, relationship: m.relationship, agency: null }));
}

/**
 * A recorded view as the documents show it. The record does not say which language the words
 * were said in, so `lang` is null (the document's own).
 */
export function ownWordsOf(view: RecordedView | null | undefined): OwnWords {
  if (!view) return { words: null, reasonNotRecorded: null, lang: null };
  return 'words' in view ? { words: view.words, reasonNotRecorded: null, lang: null } : { words: null, reasonNotRecorded: view.reasonNotRecorded, lang: null };
}

/**
 * The framework the case is rated on (the copy it opened with; Ireland's for older cases), with
 * the documents' Irish of the default framework where the copy has none (`framework-irish.ts`).
 */
export function frameworkOfCase(context: Pick<CaseContext, 'outcomeFramework'>): OutcomeFramework {
  return withKnownIrish(context.outcomeFramework ?? DEFAULT_OUTCOME_FRAMEWORK);
}

/** The framework's name and scale, as the ratings tables show them. */
export function scaleOf(framework: OutcomeFramework): RatingScaleView {
  return { frameworkName: framework.name, min: framework.scale.min, max: framework.scale.max };
}

function labelOf(framework: OutcomeFramework, value: number) {
  return framework.scale.labels.find((l) => l.value === value)?.label ?? null;
}

/**
 * Ratings on the case's framework, in the framework's order of outcomes, each with the rating
 * the same outcome had in `earlier` (lists of earlier ratings, oldest first; the latest wins, or
 * the first with `compareWith: 'first'`).
 * A rating of an outcome the framework does not know (a record older than the framework's copy)
 * is shown under its id.
 */
export function ratingsOf(
  ratings: readonly OutcomeRating[],
  framework: OutcomeFramework,
  earlier: readonly (readonly OutcomeRating[])[] = [],
  compareWith: 'latest' | 'first' = 'latest',
): RatingView[] {
  const order = (id: string) => {
    const index = framework.outcomes.findIndex((o) => o.id === id);
    return index === -1 ? framework.outcomes.length : index;
  };
  return [...ratings]
    .sort((a, b) => order(a.outcome) - order(b.outcome))
    .map((rating) => {
      const lists = compareWith === 'latest' ? [...earlier].reverse() : earlier;
      const before = lists.map((list) => list.find((r) => r.outcome === rating.outcome)).find((r) => r !== undefined);
      return {
        outcome: framework.outcomes.find((o) => o.id === rating.outcome)?.label ?? { en: rating.outcome },
        value: rating.rating,
        label: labelOf(framework, rating.rating),
        reason: rating.reason,
        before: before ? { value: before.rating, label: labelOf(framework, before.rating) } : null,
      };
    });
}

/**
 * The ratings the case recorded before the current review's, oldest first: the pre-request
 * checklist, the assessment, then the latest rating of each outcome at the reviews before
 * (`review.ratedBefore`). With `throughCurrent`, the current review's ratings come last.
 */
export function ratingHistory(context: CaseContext, { throughCurrent = false }: { throughCurrent?: boolean } = {}): OutcomeRating[][] {
  return [
    context.request.preRequestChecklist?.ratings ?? [],
    context.assessment.record?.ratings ?? [],
    context.review.ratedBefore,
    ...(throughCurrent && context.review.current?.record ? [context.review.current.record.ratings] : []),
  ];
}

/** The case's consent as the domain's rules read it. */
export function caseConsentOf(context: Pick<CaseContext, 'consents' | 'youngPersonOfAge'>): CaseConsent {
  return { people: context.consents ?? [], youngPersonOfAge: context.youngPersonOfAge ?? false };
}

/**
 * The sign-off block of a plan version (the current one by default): its signatures, each with
 * the stored plan document its signer signed (the engine recorded it with the signature: one
 * parent may sign the Irish family version and another the English), and who it still waits for
 * under the organisation's sign-off rule (libs/domain `signaturesStillNeeded`).
 */
export function signOffOf(context: CaseContext, version = context.plan.version, signOffs: readonly PlanSignOff[] = context.plan.signOffs): SignOffView {
  const ofVersion = signOffs.filter((s) => s.planVersion === version);
  const stillNeeded = signaturesStillNeeded(caseConsentOf(context), ofVersion, version, consentPolicyOf(context.policy).planSignOff);
  return {
    planVersion: version,
    signatures: ofVersion.map((s) => ({
      name: s.signedBy.name,
      as: s.signedBy.as,
      method: s.method,
      at: s.at,
      document: s.document ? { sha256: s.document.sha256, audience: s.document.audience, locale: s.document.locale } : null,
    })),
    signersExpected: stillNeeded.map((c) => c.givenBy.name),
  };
}

/** The lead practitioner as the family version's "who to call", or null when the case has none the facts know. */
export function leadContactOf(context: CaseContext, facts: CaseFacts): ContactView | null {
  const lead = facts.practitioners.find((p) => p.id === context.leadPractitionerId);
  return lead ? { name: lead.name, agency: lead.agency, phone: lead.phone, email: lead.email } : null;
}

/** The name the facts give a user id, else the id itself (a record never goes without who acted). */
export function practitionerName(id: string | null | undefined, facts: CaseFacts): string | null {
  if (!id) return null;
  return facts.practitioners.find((p) => p.id === id)?.name ?? id;
}
