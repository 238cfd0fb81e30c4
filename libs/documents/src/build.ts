/**
 * Building a stage document's view model from what the engine holds when the state is entered:
 * the case's machine context and the case facts. Pure: the same input gives the same view model.
 */
import type { CaseContext } from '@tacu/workflows';
import type { BuildInput } from './facts';
import { AUDIENCES_OF, type Audience, type DocumentKind } from './kinds';
import { buildActionPlan, type ActionPlanView } from './kinds/action-plan';
import { buildChildProtectionReport, type ChildProtectionReportView } from './kinds/child-protection-report';
import { buildClosingSummary, type ClosingSummaryView } from './kinds/closing-summary';
import { buildConsentRecord, type ConsentRecordView } from './kinds/consent-record';
import { buildMeetingRecord, type MeetingRecordView } from './kinds/meeting-record';
import { buildRequestForSupport, type RequestForSupportView } from './kinds/request-for-support';
import { buildReviewRecord, type ReviewRecordView } from './kinds/review-record';
import { buildStrengthsAndNeedsRecord, type StrengthsAndNeedsRecordView } from './kinds/strengths-and-needs-record';

/** The view model of each document kind (one type per kind; its audiences read the same data). */
export interface ViewModels {
  requestForSupport: RequestForSupportView;
  consentRecord: ConsentRecordView;
  strengthsAndNeedsRecord: StrengthsAndNeedsRecordView;
  meetingRecord: MeetingRecordView;
  actionPlan: ActionPlanView;
  reviewRecord: ReviewRecordView;
  closingSummary: ClosingSummaryView;
  childProtectionReport: ChildProtectionReportView;
}

/** Any document's view model. */
export type AnyViewModel = ViewModels[DocumentKind];

const BUILDERS: { [K in DocumentKind]: (input: BuildInput<CaseContext>) => ViewModels[K] } = {
  requestForSupport: buildRequestForSupport,
  consentRecord: buildConsentRecord,
  strengthsAndNeedsRecord: buildStrengthsAndNeedsRecord,
  meetingRecord: buildMeetingRecord,
  actionPlan: buildActionPlan,
  reviewRecord: buildReviewRecord,
  closingSummary: buildClosingSummary,
  childProtectionReport: buildChildProtectionReport,
};

/**
 * The view model of `kind` for `audience` from the case's context when the state that names the
 * document is entered (`meta.document`), the case facts, and the instant it is produced (ISO,
 * UTC). Both audiences of a kind read the same view model; the family version's template shows it
 * in plain language. Throws for an audience the kind has no version for (a family version exists
 * for actionPlan, reviewRecord and closingSummary only), and for a child protection report of a
 * case without a concern.
 */
export function buildViewModel<K extends DocumentKind>(kind: K, audience: Audience, input: BuildInput<CaseContext>): ViewModels[K] {
  if (!AUDIENCES_OF[kind].includes(audience)) {
    throw new Error(`There is no ${audience} version of the ${kind} document: its versions are ${AUDIENCES_OF[kind].join(', ')}.`);
  }
  return BUILDERS[kind](input);
}
