/** People of the practice model as stored: areas, users (practitioners), families, members. */

export interface Area {
  id: string;
  name: string;
}

export interface User {
  id: string;
  areaId: string;
  /** A `Role` of @tacu/domain. */
  role: string;
  displayName: string;
  agency: string | null;
  active: boolean;
}

/** Sensitive details: shown only to whom the need-to-know policy allows (domain.md). */
export type SensitiveDetails = Record<string, unknown>;

export interface Family {
  id: string;
  areaId: string;
  createdBy: string | null;
  createdAt: string;
}

/** Someone who lives in the child's home: a member of the family, by the id of their record, or another person by name. */
export type HomeMember = { familyMemberId: string } | { name: string; relationship: string };

/** A professional already involved with the child; their contact details are kept with the sensitive ones. */
export interface ProfessionalInvolved {
  name: string;
  /** The service or agency they work for (e.g. Speech and Language Therapy, CAMHS). */
  service: string;
}

/**
 * What practitioners record of a person beyond name and date of birth (domain.md, the Meitheal
 * forms), shown to everyone who reads a case of the family. Null: not recorded (yet). Most apply
 * to the child; a family member's first language and interpreter need are recorded too.
 * Special-category data (ethnicity, religion, disability or additional needs) is never here: it
 * is among the sensitive details.
 */
export interface PersonDetails {
  gender: string | null;
  /** School or pre-school. */
  school: string | null;
  /** Class or year in it (e.g. "2nd class", "Junior infants"). */
  schoolClass: string | null;
  /** GP: name and practice. */
  gp: string | null;
  firstLanguage: string | null;
  interpreterNeeded: boolean | null;
  livesInHome: HomeMember[] | null;
  professionalsInvolved: ProfessionalInvolved[] | null;
}

/** A person's details with nothing recorded. */
export const NO_PERSON_DETAILS: Readonly<PersonDetails> = Object.freeze({
  gender: null,
  school: null,
  schoolClass: null,
  gp: null,
  firstLanguage: null,
  interpreterNeeded: null,
  livesInHome: null,
  professionalsInvolved: null,
});

export interface FamilyMember {
  id: string;
  familyId: string;
  /** 'child', 'parentCarer', 'sibling', 'other'... */
  relationship: string;
  name: string;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  hasParentalResponsibility: boolean;
  details: PersonDetails;
}

export interface NewFamilyMember {
  id?: string;
  relationship: string;
  name: string;
  dateOfBirth?: string | null;
  hasParentalResponsibility?: boolean;
  details?: Partial<PersonDetails>;
  sensitive?: SensitiveDetails;
}

/** A member's record as it is written back after a change: every column, and the whole of their sensitive details. */
export interface MemberWrite {
  relationship: string;
  name: string;
  dateOfBirth: string | null;
  hasParentalResponsibility: boolean;
  details: PersonDetails;
  sensitive: SensitiveDetails;
}
