/**
 * The family of a case between the database and the API: how what practitioners record is stored
 * (details in columns; sensitive details, the professionals' contacts among them, in the
 * `sensitive` jsonb) and how it is shown (libs/auth `readablePerson` decides what a reader sees).
 */
import { readablePerson } from '@tacu/auth';
import type { FamilyMember, HomeMember, PersonDetails, ProfessionalInvolved, SensitiveDetails } from '@tacu/persistence';
import type { FamilyMemberResponse } from './cases.dto';
import type { ContactDetails, HomeMemberInput, ProfessionalInvolvedInput } from './person-details.dto';

/**
 * The key of the `sensitive` jsonb that keeps the contact details of the professionals involved,
 * one per professional in the order of `professionals_involved` (null for one without). Both are
 * always written together.
 */
export const PROFESSIONAL_CONTACTS = 'professionalContacts';

/** Who lives in the home, as stored: a family member by id, or someone else by name and relationship. */
export function toHomeMembers(input: readonly HomeMemberInput[]): HomeMember[] {
  return input.map((item) => (item.familyMemberId !== undefined ? { familyMemberId: item.familyMemberId } : { name: item.name as string, relationship: item.relationship as string }));
}

/** The professionals involved as stored: name and service in the column, contacts (sensitive) apart, in the same order. */
export function splitProfessionals(input: readonly ProfessionalInvolvedInput[]): { professionals: ProfessionalInvolved[]; contacts: Array<ContactDetails | null> } {
  return {
    professionals: input.map(({ name, service }) => ({ name, service })),
    contacts: input.map(({ contact }) => (contact && Object.keys(contact).length > 0 ? contact : null)),
  };
}

/** A person's whole record (sensitive details included when `stored` is given), before redaction. */
function fullView(member: FamilyMember, stored: SensitiveDetails | undefined): FamilyMemberResponse {
  const details: PersonDetails = member.details;
  const contacts = (stored?.[PROFESSIONAL_CONTACTS] as Array<ContactDetails | null> | undefined) ?? [];
  const { [PROFESSIONAL_CONTACTS]: _contacts, ...sensitive } = stored ?? {};
  return {
    id: member.id,
    relationship: member.relationship,
    name: member.name,
    dateOfBirth: member.dateOfBirth,
    hasParentalResponsibility: member.hasParentalResponsibility,
    gender: details.gender,
    school: details.school,
    schoolClass: details.schoolClass,
    gp: details.gp,
    firstLanguage: details.firstLanguage,
    interpreterNeeded: details.interpreterNeeded,
    livesInHome: details.livesInHome,
    professionalsInvolved: details.professionalsInvolved?.map((p, i) => ({ name: p.name, service: p.service, ...(contacts[i] ? { contact: contacts[i] } : {}) })) ?? null,
    ...(stored !== undefined ? { sensitive } : {}),
  };
}

/**
 * A member of the family as a reader sees them: `seesSensitive` is libs/auth
 * `canSeeSensitiveDetails` for the case being read, and `stored` their sensitive details (read
 * only when it holds).
 */
export function memberAsRead(member: FamilyMember, stored: SensitiveDetails | undefined, seesSensitive: boolean): FamilyMemberResponse {
  return readablePerson(fullView(member, seesSensitive ? (stored ?? {}) : undefined), seesSensitive);
}
