/**
 * What a document needs that the case's machine context does not hold (the context keeps no
 * names of the child, no addresses, no contact details): the case facts the engine reads from the
 * case row, the family record, the area and the organisation when it renders a document, and the
 * stored document the family signed.
 */

/** A member of the child's family as the family record names them. */
export interface FamilyMemberFact {
  name: string;
  /** The family record's id (the `personId` events use), where known. */
  personId: string | null;
  /** How they are related to the child: `mother`, `grandparent`… */
  relationship: string;
  hasParentalResponsibility: boolean;
}

/** A practitioner (a user) the case names by id: lead practitioner, reporter, liaison person. */
export interface PractitionerFact {
  id: string;
  name: string;
  agency: string | null;
  /** Work phone and e-mail: what the family version gives under "who to call". */
  phone: string | null;
  email: string | null;
}

/** The case facts a document is built with besides the machine's context. */
export interface CaseFacts {
  caseId: string;
  /** The reference people quote for the case; the engine may give the case id when the organisation has no other. */
  caseReference: string;
  child: { name: string; dateOfBirth: string | null };
  familyMembers: FamilyMemberFact[];
  area: { id: string; name: string };
  /** The organisation and its IANA time zone (every date is shown in it). */
  organisation: { name: string; timeZone: string };
  /** The practitioners the case names by id (at least the lead practitioner, reporters, the liaison person). */
  practitioners: PractitionerFact[];
}

/** What a view-model builder is given: the case's context when the state is entered, the case facts, and the instant the document is produced. */
export interface BuildInput<C> {
  context: C;
  facts: CaseFacts;
  /** ISO instant (UTC): the transition's clock reading. */
  producedAt: string;
}
