/**
 * The stage documents: one kind per record a state of the case produces (the names the machines'
 * state `meta.document` use), the audiences each is written for, and the locales of its fixed
 * wording. A family version exists where the family reads and signs the record in plain language
 * (domain.md "Families read what is written about them"), and for the request for support, whose
 * decision (redirected or declined, and why) is written for the family to read.
 */

/** Every document kind, in the order of the case. */
export const DOCUMENT_KINDS = [
  'requestForSupport',
  'consentRecord',
  'strengthsAndNeedsRecord',
  'meetingRecord',
  'actionPlan',
  'reviewRecord',
  'closingSummary',
  'childProtectionReport',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** `professional`: the practitioners' record; `family`: the plain-language version for the family. */
export const AUDIENCES = ['professional', 'family'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The locales of the fixed wording: English, and Irish (falling back to English key by key). */
export const LOCALES = ['en', 'ga'] as const;
export type Locale = (typeof LOCALES)[number];

/** The audiences each kind is written for. */
export const AUDIENCES_OF: Readonly<Record<DocumentKind, readonly Audience[]>> = {
  requestForSupport: ['professional', 'family'],
  consentRecord: ['professional'],
  strengthsAndNeedsRecord: ['professional'],
  meetingRecord: ['professional'],
  actionPlan: ['professional', 'family'],
  reviewRecord: ['professional', 'family'],
  closingSummary: ['professional', 'family'],
  childProtectionReport: ['professional'],
};

/** One document template: a kind, for an audience, in a locale. */
export interface DocumentKey {
  kind: DocumentKind;
  audience: Audience;
  locale: Locale;
}

/** Every (kind, audience, locale) the templates cover. */
export function allDocumentKeys(): DocumentKey[] {
  return DOCUMENT_KINDS.flatMap((kind) => AUDIENCES_OF[kind].flatMap((audience) => LOCALES.map((locale) => ({ kind, audience, locale }))));
}

/** True when `value` names a document kind. */
export function isDocumentKind(value: unknown): value is DocumentKind {
  return (DOCUMENT_KINDS as readonly unknown[]).includes(value);
}

/** `actionPlan.family.ga`: how a key is named in errors, goldens and the bench. */
export function keyName(key: DocumentKey): string {
  return `${key.kind}.${key.audience}.${key.locale}`;
}
