/**
 * Joins: who may be named on a case (domain.md "Rules that hold everywhere": consent first, need
 * to know). Naming someone on a case can give them access to it (an invitee or an action owner
 * reads the case; a lead runs it), so every person an event names by id must be someone known,
 * active and of a role that fits, in the case's area, and an agency practitioner only where the
 * family's consent covers sharing with their agency (what every required consent allows, and no
 * one asked not to share with it). Pure: the caller looks the people up.
 */
import { consentCoversAgency, PRACTITIONER_ROLES, sameName, type CaseConsent, type FamilyActRef, type NamedPerson, type Role } from '@tacu/domain';

/** A user as the naming rules see them (a row of `users`). */
export interface NamedUser {
  id: string;
  role: string;
  areaId: string;
  agency: string | null;
  active: boolean;
}

/** A member of the case's family, as the family record has them. */
export interface NamedFamilyMember {
  name: string;
  hasParentalResponsibility: boolean;
}

/** What the rules need to know of the case the people are named on. */
export interface NamingFacts {
  areaId: string;
  leadPractitionerId: string | null;
  childPersonId: string | null;
  /** Members of the case's family, by id. */
  familyMembers: ReadonlyMap<string, NamedFamilyMember>;
  /** Each person's consent the case holds now, and whether the young person is of age (null before any). */
  consent: CaseConsent | null;
}

export interface NamingProblem {
  field: string;
  problem: string;
}

/** Practitioners who may be invited to a meeting, or own an action, from their agency. */
const INVITABLE_ROLES: readonly Role[] = ['agencyPractitioner', 'leadPractitioner', 'designatedLiaisonPerson'];
const ACTION_OWNER_ROLES: readonly Role[] = [...INVITABLE_ROLES, 'coordinator'];
/** Anyone who signs in and may appear in a case's record (a chair, an attendee...). */
const RECORDED_ROLES: readonly Role[] = [...ACTION_OWNER_ROLES, 'manager'];

function sameAgency(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

const USERS_HINT = 'GET /users lists the people of the area you may name';

/** A user of the case's area who may sign in now, in one of `roles`; or why not. */
function userProblem(user: NamedUser | undefined, facts: NamingFacts, roles: readonly Role[], what: string): string | null {
  if (!user) return `names nobody known here: give the id of ${what} (${USERS_HINT})`;
  if (!user.active) return `names a user who is no longer active: choose ${what} who is (${USERS_HINT})`;
  if (user.areaId !== facts.areaId) return `names a user of another area: choose ${what} of area ${facts.areaId} (${USERS_HINT})`;
  if (!(roles as readonly string[]).includes(user.role)) return `names ${user.id}, whose role is ${user.role}: choose ${what}`;
  return null;
}

/** The practitioner's agency as the event gives it must be the one their account records. */
function agencyProblem(named: NamedPerson, user: NamedUser): string | null {
  if (named.agency === undefined) {
    return `names a practitioner (${user.id}) without their agency: give their agency ("agency"), which the family's consent must cover`;
  }
  if (!user.agency || !sameAgency(user.agency, named.agency)) {
    return `says ${user.id} comes from ${named.agency}, but their account records ${user.agency ?? 'no agency'}: give the agency they act for`;
  }
  return null;
}

/**
 * A family member named by id is recorded under the family record's name: a different name (not
 * only in case, spacing or fadas: libs/domain `sameName`) means the id or the name is wrong, and a
 * consent or a signature must not be kept under a name that is not the person's.
 */
function memberNameProblem(named: NamedPerson, member: NamedFamilyMember): string | null {
  if (named.name === undefined || sameName(named.name, member.name)) return null;
  return `names family member ${named.personId} as '${named.name}', but the family record's name for ${named.personId} is '${member.name}': give the member's name as the family record has it (or check the personId; correct the family record first if the name there is wrong)`;
}

/** Why `named` may not be named on this case, or null when they may: who they are first, then the name they are given. */
export function namingProblem(named: NamedPerson, facts: NamingFacts, users: ReadonlyMap<string, NamedUser>): string | null {
  const member = facts.familyMembers.get(named.personId);
  return capacityProblem(named, facts, users) ?? (member ? memberNameProblem(named, member) : null);
}

/** Why the person `named` may not be named in the capacity the event names them in, or null. */
function capacityProblem(named: NamedPerson, facts: NamingFacts, users: ReadonlyMap<string, NamedUser>): string | null {
  const member = facts.familyMembers.get(named.personId);
  const user = users.get(named.personId);
  switch (named.as) {
    case 'leadPractitioner':
      return userProblem(user, facts, ['leadPractitioner'], 'an active lead practitioner');
    case 'liaison':
      return userProblem(user, facts, ['designatedLiaisonPerson'], 'a designated liaison person');
    case 'jointReporter':
      // Someone who is not a user here (a Garda, a GP) is named by name alone (s. 14(3): mandated or not).
      return userProblem(user, facts, PRACTITIONER_ROLES, 'a practitioner of the area, or give the name alone of someone who is not a user here');
    case 'familyMember':
      return member ? null : 'names nobody of this family: a contact is with members of the family (their personId from the case), or give the name alone';
    case 'signatory':
      if (named.signsAs === 'youngPerson') {
        return named.personId === facts.childPersonId ? null : "names someone other than the child of this case: the young person signs for themselves (the child's personId)";
      }
      if (!member) return 'names nobody of this family: a plan is signed by a parent/carer of the family (their personId from the case)';
      return member.hasParentalResponsibility ? null : 'names a family member without parental responsibility: a parent/carer who has it signs the plan';
    case 'consentGiver':
      if (named.signsAs === 'youngPerson') {
        return named.personId === facts.childPersonId ? null : "names someone other than the child of this case: the young person gives their own consent (the child's personId)";
      }
      if (!member) return 'names nobody of this family: consent is given by a parent/carer of the family (their personId from the case)';
      // Whether they have parental responsibility is the family record's to say, not the event's.
      if (named.claimsParentalResponsibility !== undefined && named.claimsParentalResponsibility !== member.hasParentalResponsibility) {
        return member.hasParentalResponsibility
          ? `says ${member.name} has no parental responsibility, but the family record says they have it: give hasParentalResponsibility true (or correct the family record first)`
          : `says ${member.name} has parental responsibility, but the family record says they have not: give hasParentalResponsibility false, or correct the family record first if they have it`;
      }
      return null;
    case 'withdrawer':
      return member ? null : 'names nobody of this family: consent is withdrawn by the family member who gave it (their personId from the case)';
    case 'familyAgreement':
      return member ? null : 'names nobody of this family: the assessment is agreed by a member of the family (their personId from the case)';
    case 'invitee':
      if (member) return named.agency === undefined ? null : 'names a family member but gives an agency: family members come without one';
      return userProblem(user, facts, INVITABLE_ROLES, 'a practitioner') ?? agencyProblem(named, user as NamedUser);
    case 'actionOwner': {
      // A family member owns an action as themselves, with no agency (an older "family" agency is still accepted).
      if (member) return null;
      const problem = userProblem(user, facts, ACTION_OWNER_ROLES, 'a practitioner') ?? agencyProblem(named, user as NamedUser);
      if (problem) return problem;
      if (named.personId === facts.leadPractitionerId) return null;
      const covered = consentCoversAgency(facts.consent, named.agency as string);
      return covered.ok ? null : `cannot own an action: ${covered.reason}`;
    }
    case 'person':
      if (member) return null;
      return userProblem(user, facts, RECORDED_ROLES, 'a member of this family or a practitioner of the area');
  }
}

/** Every problem with the people a body names; empty when all may be named on this case. */
export function namingProblems(named: readonly NamedPerson[], facts: NamingFacts, users: ReadonlyMap<string, NamedUser>): NamingProblem[] {
  const problems: NamingProblem[] = [];
  for (const person of named) {
    const problem = namingProblem(person, facts, users);
    if (problem) problems.push({ field: person.field, problem: `${person.field} ${problem}` });
  }
  return problems;
}

/** The personId a family member's act names them by, where the event gave their name alone. */
export interface FamilyActIdentified {
  field: string;
  personId: string;
}

const ACT_VERB: Readonly<Record<string, string>> = {
  givenBy: 'gives the consent',
  signedBy: 'signs the plan',
  withdrawnBy: 'withdraws their consent',
  agreedBy: 'agreed the assessment',
};

/**
 * Who each family member's act (a consent, a signature, a withdrawal, an agreement: libs/domain
 * `familyActs`) is by (domain.md "Request for support", "Action plan": each person with parental
 * responsibility consents and signs on their own behalf, the young person for themselves). One
 * named by personId is checked by `namingProblems`; one named by name alone is the member of the
 * family of that name (the young person: the child of the case), when exactly one has it.
 * Nobody outside the family gives a family's consent or signs its plan.
 */
export function identifyFamilyActs(acts: readonly FamilyActRef[], facts: NamingFacts): { identified: FamilyActIdentified[]; problems: NamingProblem[] } {
  const identified: FamilyActIdentified[] = [];
  const problems: NamingProblem[] = [];
  for (const { field, ref } of acts) {
    if (typeof ref['personId'] === 'string') continue;
    const key = field.split('.').pop() ?? field;
    const verb = ACT_VERB[key] ?? 'acts';
    if (ref['as'] === 'youngPerson') {
      if (facts.childPersonId === null) {
        problems.push({ field: `${field}.personId`, problem: `${field}.personId is required: give the personId of the young person who ${verb} (the child of the case)` });
      } else {
        identified.push({ field, personId: facts.childPersonId });
      }
      continue;
    }
    const name = typeof ref['name'] === 'string' ? ref['name'] : '';
    const matching = [...facts.familyMembers].filter(([, member]) => sameName(member.name, name));
    const [only] = matching;
    if (matching.length === 1 && only) {
      identified.push({ field, personId: only[0] });
    } else if (matching.length === 0) {
      problems.push({
        field: `${field}.personId`,
        problem: `${field} names '${name}', who is not a member of this family: only a member of the case's family ${verb}. Give their personId (the members of GET /cases/{id}), or add them to the family first`,
      });
    } else {
      problems.push({
        field: `${field}.personId`,
        problem: `${field} names '${name}', and ${matching.length} members of this family have that name: give the personId of the one who ${verb} (${matching.map(([id]) => id).join(', ')})`,
      });
    }
  }
  return { identified, problems };
}
