/**
 * The parts every stage document's view model is made of. A view model is plain data (JSON),
 * complete (absent values are `null`, lists may be empty, never `undefined`), and holds what a
 * person reads, in the words of domain.md; the fixed wording around it comes from the locale
 * files. Dates are as the record keeps them: instants as ISO strings (UTC), days as YYYY-MM-DD on
 * the organisation's local calendar; the templates show both in `document.timeZone`.
 */
import type { LocalisedText } from '@tacu/domain';

/** The top of every page: which case, when the document was produced, where. */
export interface DocumentHeading {
  /** The reference people quote for the case (as the organisation writes it). */
  caseReference: string;
  /** The instant the document was produced (the transition's clock reading, ISO, UTC). */
  producedAt: string;
  /** The organisation's IANA time zone: every date and time is shown in it (e.g. `Europe/Dublin`). */
  timeZone: string;
  /** The network area the case belongs to. */
  areaName: string;
  /** The organisation that keeps the record. */
  organisationName: string;
}

/** The child the case is about. */
export interface ChildView {
  name: string;
  /** YYYY-MM-DD, or null when not recorded. */
  dateOfBirth: string | null;
}

/** A person named in a record: a family member (with their relationship) or a practitioner (with their agency). */
export interface PersonView {
  name: string;
  /** How they are related to the child (`mother`), or null. */
  relationship: string | null;
  /** The agency or service they come from, or null (family members). */
  agency: string | null;
}

/**
 * A view in the person's own words, or why it could not be recorded (exactly one of the two is
 * set). `lang` is the BCP 47 language the words were said in when it differs from the document's
 * (`ga` for words in Irish in an English document), else null.
 */
export interface OwnWords {
  words: string | null;
  reasonNotRecorded: string | null;
  lang: string | null;
}

/** The case's outcome framework as the ratings are read: its name and scale. */
export interface RatingScaleView {
  frameworkName: LocalisedText;
  min: number;
  max: number;
}

/**
 * A rating on one outcome of the case's framework, with the point's label where the scale names
 * it, and the rating it is compared with (`before`), for a reader to see the change: the latest
 * earlier one in a review record (the previous review, the assessment or the pre-request
 * checklist), the first one in a closing summary.
 */
export interface RatingView {
  outcome: LocalisedText;
  value: number;
  label: LocalisedText | null;
  reason: string;
  before: { value: number; label: LocalisedText | null } | null;
}

/** The stored plan document a signer signed: its SHA-256, audience and language. */
export interface SignedDocumentView {
  sha256: string;
  /** `professional` or `family`. */
  audience: string;
  /** `en`, `ga`… */
  locale: string;
}

/** One signature on a version of the action plan. */
export interface SignatureView {
  name: string;
  /** `parentCarer` or `youngPerson`: whose signature it is. */
  as: string;
  /** `inPerson` or `portal`. */
  method: string;
  /** The instant it was recorded (ISO, UTC). */
  at: string;
  /**
   * The document this signer signed (domain.md: "sign-off always names the exact document
   * version signed"): each signer's own, which may be another language's than another signer's.
   * Null for a signature of a case from before documents were stored.
   */
  document: SignedDocumentView | null;
}

/**
 * The sign-off block: the exact version of the action plan and the signatures on that version,
 * each with the document its signer signed. `signersExpected` lists the people whose signature
 * the plan still waits for (empty when none).
 */
export interface SignOffView {
  planVersion: number;
  signatures: SignatureView[];
  signersExpected: string[];
}

/** Who the family can call: a name, their agency, and how to reach them. */
export interface ContactView {
  name: string;
  agency: string | null;
  phone: string | null;
  email: string | null;
}

/** What every document's view model holds. */
export interface BaseViewModel {
  document: DocumentHeading;
  child: ChildView;
}
