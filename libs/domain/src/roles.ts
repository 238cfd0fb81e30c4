/** The people of the practice model (domain.md "People and roles"). `system` is the deadline worker. */
export const ROLES = [
  'leadPractitioner',
  'coordinator',
  'agencyPractitioner',
  'parentCarer',
  'youngPerson',
  'designatedLiaisonPerson',
  'manager',
  'system',
] as const;
export type Role = (typeof ROLES)[number];

/** Practitioners who may raise a child-protection concern at any moment. */
export const PRACTITIONER_ROLES: readonly Role[] = [
  'leadPractitioner',
  'coordinator',
  'agencyPractitioner',
  'designatedLiaisonPerson',
];

/** Whoever sends an event: a signed-in user, a family member, or the deadline worker. */
export interface Actor {
  id: string;
  role: Role;
  areaId: string;
  name?: string;
}

/**
 * Who acted, as a record keeps it: the user's id and the role they acted in on the case. Taken
 * from the signed-in user (the engine's actor), never from what a request body says.
 */
export interface ActorRef {
  id: string;
  role: Role;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system', areaId: '*', name: 'Deadline worker' };

/** Each role in the words of domain.md ("People and roles"), for messages a person reads. */
export const ROLE_NAMES: Record<Role, string> = {
  leadPractitioner: 'lead practitioner',
  coordinator: 'coordinator',
  agencyPractitioner: 'agency practitioner',
  parentCarer: 'parent/carer',
  youngPerson: 'young person',
  designatedLiaisonPerson: 'designated liaison person',
  manager: 'manager',
  system: 'deadline worker',
};

/** "a lead practitioner, a parent/carer or a young person": roles (in the order given) as a person would say them. */
/** A role's name with its article, as a sentence reads it: "a lead practitioner", "an agency practitioner". */
export function aRole(role: string): string {
  const name = (ROLE_NAMES as Record<string, string>)[role] ?? role;
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}

export function rolesInWords(roles: Iterable<string>): string {
  const words = [...roles].map(aRole);
  if (words.length <= 1) return words[0] ?? 'nobody';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
