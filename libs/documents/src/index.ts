/**
 * The stage documents: Handlebars rendering of `templates/` (pure: view model + locale → HTML).
 * Each kind has a typed view model, a builder from the case's context and facts, and a sample
 * fixture; `createDocumentRenderer` compiles and checks the templates once. PDF from the stored
 * HTML through a warm Chromium (`createPdfRenderer`).
 */
export * from './pdf';
export * from './kinds';
export * from './view-model';
export * from './facts';
export * from './build';
export * from './errors';
export * from './fixtures';
export { createDocumentRenderer, RENDERER_VERSION, type DocumentRenderer, type DocumentRendererOptions, type TypedDocumentKey } from './renderer';
export type { RequestForSupportView } from './kinds/request-for-support';
export type { ConsentRecordView, PersonConsentView, ConsentVersionView } from './kinds/consent-record';
export type { StrengthsAndNeedsRecordView, WorldSideView, StrengthOrNeedView } from './kinds/strengths-and-needs-record';
export type { MeetingRecordView, InviteeView } from './kinds/meeting-record';
export type { ActionPlanView, ActionView } from './kinds/action-plan';
export type { ReviewRecordView, ActionProgressView } from './kinds/review-record';
export type { ClosingSummaryView } from './kinds/closing-summary';
export type { ChildProtectionReportView, StatutoryReportView } from './kinds/child-protection-report';
