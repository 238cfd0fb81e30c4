/**
 * Request for Support (domain.md process 1): why support is asked for, the pre-request checklist's
 * baseline ratings, the family, who consented, and the coordinator's decision (registered, or redirected or
 * declined with the reason). Produced in `request.draft`, `request.submitted`, `request.registered`,
 * `request.redirected` and `request.declined`; the family version tells the family the decision in
 * plain words.
 */
import { effectiveConsent } from '@tacu/domain';
import type { CaseContext } from '@tacu/workflows';
import { baseOf, caseConsentOf, familyOf, frameworkOfCase, leadContactOf, ratingsOf, scaleOf } from '../builder-kit';
import type { BuildInput } from '../facts';
import type { BaseViewModel, ContactView, PersonView, RatingScaleView, RatingView } from '../view-model';

export interface RequestForSupportView extends BaseViewModel {
  /** Who asked: `school`, `health`, `family`… (REQUEST_ORIGINS), or null. */
  origin: string | null;
  reasonForRequest: string | null;
  family: PersonView[];
  /** The pre-request checklist (Tusla's Pre-Meitheal Checklist), where one was completed. */
  preRequestChecklist: { completedWithParent: boolean; completedWithChild: boolean; ratings: RatingView[] } | null;
  scale: RatingScaleView;
  /** The people whose written consent the request rests on. */
  consentGivenBy: string[];
  /** Instants (ISO, UTC), or null before. */
  consentRequestedAt: string | null;
  submittedAt: string | null;
  /** The coordinator's decision: `registered`, `redirected` or `declined`, or null while it waits. */
  outcome: string | null;
  redirectedTo: { service: string; reason: string } | null;
  declineReason: string | null;
  leadPractitioner: ContactView | null;
}

/** The Request for Support as the context holds it when a state of the request that names it is entered. */
export function buildRequestForSupport(input: BuildInput<CaseContext>): RequestForSupportView {
  const { context, facts } = input;
  const framework = frameworkOfCase(context);
  const checklist = context.request.preRequestChecklist;
  return {
    ...baseOf(input),
    origin: context.origin,
    reasonForRequest: context.request.reasonForRequest,
    family: familyOf(facts),
    preRequestChecklist: checklist
      ? { completedWithParent: checklist.completedWithParent, completedWithChild: checklist.completedWithChild, ratings: ratingsOf(checklist.ratings, framework) }
      : null,
    scale: scaleOf(framework),
    consentGivenBy: effectiveConsent(caseConsentOf(context)).required.map((c) => c.givenBy.name),
    consentRequestedAt: context.request.consentRequestedAt,
    submittedAt: context.request.submittedAt,
    outcome: context.request.outcome,
    redirectedTo: context.request.redirectedTo,
    declineReason: context.request.declineReason,
    leadPractitioner: leadContactOf(context, facts),
  };
}
