/**
 * The people an event names (domain.md: invitees, action owners, leads, the liaison, who signs or
 * consents...). Every person reference with a `personId`, wherever it sits in an event, and every
 * `leadPractitionerId`, is found by walking the event, so a field added to an event later is
 * checked like the others without anyone remembering to list it.
 */

/** In what capacity an event names someone; decides which people fit (libs/auth naming rules). */
export type NamedAs =
  /** `leadPractitionerId`: a lead practitioner of the case's area. */
  | 'leadPractitioner'
  /** A meeting invitee (`invitees[n]`): a family member, or a practitioner from their agency. */
  | 'invitee'
  /** The owner of an action of the plan (`actions[n].owner`). */
  | 'actionOwner'
  /** The designated liaison person consulted about a concern (`liaison`). */
  | 'liaison'
  /** The other person of a joint report to the statutory service (`jointReporter`): a practitioner. */
  | 'jointReporter'
  /** A member of the case's family a contact was with (`with[n]` of RECORD_CONTACT). */
  | 'familyMember'
  /** Who signs a plan (`signedBy`): a parent/carer, or the young person. */
  | 'signatory'
  /** Who gives consent (`givenBy`): a parent/carer, or the young person for themselves. */
  | 'consentGiver'
  /** Who withdraws their consent (`withdrawnBy`): the family member who gave it. */
  | 'withdrawer'
  /** The family member who agreed the assessment (`agreedBy`). */
  | 'familyAgreement'
  /** Anyone else named by id (chair, minute-taker, attendance, who agreed, who withdrew...). */
  | 'person';

export interface NamedPerson {
  /** Dotted path of the reference in the event, as in a validation error (`invitees.1`). */
  field: string;
  personId: string;
  as: NamedAs;
  /** The name the event gives them, when it gives one (checked against the family record's). */
  name?: string;
  /** The agency the event says they come from, when it says one. */
  agency?: string;
  /** For a signatory or a consent giver: whom they sign as (`parentCarer`, `youngPerson`). */
  signsAs?: string;
  /** For a consent giver: whether the event says they have parental responsibility. */
  claimsParentalResponsibility?: boolean;
}

const CAPACITY_BY_KEY: Readonly<Record<string, NamedAs>> = {
  owner: 'actionOwner',
  liaison: 'liaison',
  jointReporter: 'jointReporter',
  signedBy: 'signatory',
  givenBy: 'consentGiver',
  withdrawnBy: 'withdrawer',
  agreedBy: 'familyAgreement',
};

/**
 * The keys under which an event records an act of a family member of their own (a consent given,
 * changed or withdrawn, a plan signed, an assessment agreed): such a person is always a member of
 * the case's family, named by their personId or, where the family has one member of that name,
 * by name (libs/auth naming `familyActProblems`).
 */
export const FAMILY_ACT_KEYS: readonly string[] = ['givenBy', 'signedBy', 'withdrawnBy', 'agreedBy'];

/** A family member's act as an event records it: the (mutable) reference, and where it sits. */
export interface FamilyActRef {
  field: string;
  ref: Record<string, unknown>;
}

function capacity(path: readonly string[]): NamedAs {
  const last = path[path.length - 1] ?? '';
  // Own keys only: a key every object inherits (`constructor`, `__proto__`) is no capacity.
  if (Object.hasOwn(CAPACITY_BY_KEY, last)) return CAPACITY_BY_KEY[last] as NamedAs;
  if (path[path.length - 2] === 'invitees') return 'invitee';
  if (path[path.length - 2] === 'with') return 'familyMember';
  return 'person';
}

/** Nesting beyond this is not walked (the API refuses such bodies long before). */
const MAX_DEPTH = 16;

/** Every person an event (or any body) names by id, with where and as what. */
export function namedPeople(body: unknown): NamedPerson[] {
  const found: NamedPerson[] = [];
  eachRecord(body, (record, path) => {
    if (typeof record['personId'] === 'string') {
      const as = capacity(path);
      const named: NamedPerson = { field: path.join('.'), personId: record['personId'], as };
      if (typeof record['name'] === 'string') named.name = record['name'];
      if (typeof record['agency'] === 'string') named.agency = record['agency'];
      if ((as === 'signatory' || as === 'consentGiver') && typeof record['as'] === 'string') named.signsAs = record['as'];
      if (as === 'consentGiver' && typeof record['hasParentalResponsibility'] === 'boolean') {
        named.claimsParentalResponsibility = record['hasParentalResponsibility'];
      }
      found.push(named);
    }
  }, (key, value, path) => {
    if (key === 'leadPractitionerId' && typeof value === 'string') found.push({ field: [...path, key].join('.'), personId: value, as: 'leadPractitioner' });
  });
  return found;
}

/**
 * Calls `visit` with every object (not array) in `body` and its path, depth first, no deeper than
 * MAX_DEPTH, and `leaf` with each of its keys whose value is not an object, in the same order.
 */
function eachRecord(body: unknown, visit: (record: Record<string, unknown>, path: string[]) => void, leaf?: (key: string, value: unknown, path: string[]) => void): void {
  const walk = (value: unknown, path: string[]): void => {
    if (path.length > MAX_DEPTH || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, String(index)]));
      return;
    }
    const record = value as Record<string, unknown>;
    visit(record, path);
    for (const [key, child] of Object.entries(record)) {
      if (child !== null && typeof child === 'object') walk(child, [...path, key]);
      else leaf?.(key, child, path);
    }
  };
  walk(body, []);
}

/** Every family member's act an event (or any body) records, found by walking it (see FAMILY_ACT_KEYS). */
export function familyActs(body: unknown): FamilyActRef[] {
  const found: FamilyActRef[] = [];
  eachRecord(body, (record, path) => {
    const last = path[path.length - 1];
    if (last !== undefined && FAMILY_ACT_KEYS.includes(last)) found.push({ field: path.join('.'), ref: record });
  });
  return found;
}
