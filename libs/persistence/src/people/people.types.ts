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

export interface FamilyMember {
  id: string;
  familyId: string;
  /** 'child', 'parentCarer', 'sibling', 'other'... */
  relationship: string;
  name: string;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  hasParentalResponsibility: boolean;
}

export interface NewFamilyMember {
  id?: string;
  relationship: string;
  name: string;
  dateOfBirth?: string | null;
  hasParentalResponsibility?: boolean;
  sensitive?: SensitiveDetails;
}
