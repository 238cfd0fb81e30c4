/**
 * Joins: who may be named on a case (domain.md "Rules that hold everywhere": consent first, need
 * to know). Naming someone on a case can give them access to it (an invitee or an action owner
 * reads the case; a lead runs it), so every person an event names by id must be someone known,
 * active and of a role that fits, in the case's area, and an agency practitioner only where the
 * family's consent covers sharing with their agency (what every required consent allows, and no
 * one asked not to share with it). Pure: the caller looks the people up.
 */
import { consentCoversAgency, PRACTITIONER_ROLES, type CaseConsent, type NamedPerson, type Role } from '@tacu/domain';

/** A user as the naming rules see them (a row of `users`). */
export interface NamedUser {
  id: string;
  role: string;
  areaId: string;
  agency: string | null;
  active: boolean;
}

/** A member of the case's family. */
export interface NamedFamilyMember {
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

/** Why `named` may not be named on this case, or null when they may. */
export function namingProblem(named: NamedPerson, facts: NamingFacts, users: ReadonlyMap<string, NamedUser>): string | null {
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
      if (named.claimsParentalResponsibility && !member.hasParentalResponsibility) {
        return 'says this family member has parental responsibility, but the family record says they have not';
      }
      return null;
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
