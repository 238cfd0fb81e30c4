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

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system', areaId: '*', name: 'Deadline worker' };
