/**
 * Need to know (domain.md "Rules that hold everywhere"), as pure functions of the actor and the
 * case. The API's guard and services call these and nothing else, so the policy grows here
 * (case-scoped grants, the family portal) without touching a controller.
 *
 * What each role may see of cases, for now:
 * | role                      | cases                                                                |
 * |---------------------------|----------------------------------------------------------------------|
 * | coordinator               | every case of their own area                                         |
 * | leadPractitioner          | cases they lead; and, until case-scoped access lands, cases of their |
 * |                           | area still in the request stage (so a request can be picked up)      |
 * | agencyPractitioner        | cases whose meeting invitees name them (personId = their user id)    |
 * | designatedLiaisonPerson   | cases of their area with a concern open (stage escalation)           |
 * | manager                   | none: figures, not narratives (403 on case routes)                   |
 * | parentCarer, youngPerson  | none yet: the family portal comes later (403 on case routes)         |
 * A case the caller may not see does not exist for them: the API answers 404, never 403.
 */
import type { Actor, Role, Stage } from '@tacu/domain';

/**
 * Route-level permissions: what a role may do at all, before looking at a particular case.
 * `calendar:read`: see the organisation's working calendar (public holidays, closure days);
 * `calendar:manage`: add a closure day, which moves the open deadlines it falls inside (the
 * coordinator, who watches the area's deadlines, and the manager, who runs the organisation).
 */
export const PERMISSIONS = ['cases:read', 'cases:open', 'cases:send', 'workflows:read', 'calendar:read', 'calendar:manage'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const PRACTITIONER_CASE_PERMISSIONS: readonly Permission[] = ['cases:read', 'cases:send', 'workflows:read', 'calendar:read'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  coordinator: ['cases:read', 'cases:open', 'cases:send', 'workflows:read', 'calendar:read', 'calendar:manage'],
  leadPractitioner: ['cases:read', 'cases:open', 'cases:send', 'workflows:read', 'calendar:read'],
  agencyPractitioner: PRACTITIONER_CASE_PERMISSIONS,
  designatedLiaisonPerson: PRACTITIONER_CASE_PERMISSIONS,
  manager: ['workflows:read', 'calendar:read', 'calendar:manage'],
  parentCarer: [],
  youngPerson: [],
  system: [],
};

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return ROLE_PERMISSIONS[actor.role].includes(permission);
}

/** The facts of a case the policy looks at (columns of the case row, and who is invited). */
export interface CaseAccessFacts {
  areaId: string;
  stage: Stage | string;
  leadPractitionerId: string | null;
  /** User ids named as meeting invitees in the case's record. */
  invitedPersonIds: readonly string[];
}

/**
 * Which cases an actor may see, as data: the persistence layer turns it into SQL, so a list
 * never loads a case the caller may not see. `any` alternatives are OR-ed.
 */
export type CaseVisibilityRule =
  | { kind: 'area'; areaId: string }
  | { kind: 'areaInStage'; areaId: string; stage: Stage }
  | { kind: 'leadPractitioner'; userId: string }
  | { kind: 'invitee'; userId: string };

export type CaseVisibilityFilter = { kind: 'none' } | { kind: 'any'; rules: CaseVisibilityRule[] };

export function caseVisibilityFilter(actor: Actor): CaseVisibilityFilter {
  switch (actor.role) {
    case 'coordinator':
      return { kind: 'any', rules: [{ kind: 'area', areaId: actor.areaId }] };
    case 'leadPractitioner':
      return {
        kind: 'any',
        rules: [
          { kind: 'leadPractitioner', userId: actor.id },
          { kind: 'areaInStage', areaId: actor.areaId, stage: 'request' },
        ],
      };
    case 'agencyPractitioner':
      return { kind: 'any', rules: [{ kind: 'invitee', userId: actor.id }] };
    case 'designatedLiaisonPerson':
      return { kind: 'any', rules: [{ kind: 'areaInStage', areaId: actor.areaId, stage: 'escalation' }] };
    case 'manager':
    case 'parentCarer':
    case 'youngPerson':
    case 'system':
      return { kind: 'none' };
  }
}

export function matchesRule(rule: CaseVisibilityRule, facts: CaseAccessFacts): boolean {
  switch (rule.kind) {
    case 'area':
      return facts.areaId === rule.areaId;
    case 'areaInStage':
      return facts.areaId === rule.areaId && facts.stage === rule.stage;
    case 'leadPractitioner':
      return facts.leadPractitionerId === rule.userId;
    case 'invitee':
      return facts.invitedPersonIds.includes(rule.userId);
  }
}

/** May this actor know that this case exists and read it? (The same rule as the list filter.) */
export function canReadCase(actor: Actor, facts: CaseAccessFacts): boolean {
  const filter = caseVisibilityFilter(actor);
  return filter.kind === 'any' && filter.rules.some((rule) => matchesRule(rule, facts));
}

/** May this actor open a case in this area? Practitioners who open cases do so in their own area. */
export function canOpenCaseIn(actor: Actor, areaId: string): boolean {
  return hasPermission(actor, 'cases:open') && actor.areaId === areaId;
}

/**
 * User ids named as meeting invitees anywhere in a case snapshot: every `invitees` array whose
 * entries carry a `personId`. Kept shape-agnostic so the policy does not depend on one
 * machine version's context layout.
 */
export function invitedPersonIds(snapshot: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 32 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'invitees' && Array.isArray(child)) {
        for (const invitee of child) {
          const personId = (invitee as { personId?: unknown } | null)?.personId;
          if (typeof personId === 'string') found.add(personId);
        }
      }
      visit(child, depth + 1);
    }
  };
  visit(snapshot, 0);
  return [...found];
}

/**
 * Sensitive details (an address kept from a person the family fled, contact details) are shown
 * only to the case's lead practitioner and the coordinators of its area (domain.md).
 */
export function canSeeSensitiveDetails(actor: Actor, facts: Pick<CaseAccessFacts, 'areaId' | 'leadPractitionerId'>): boolean {
  if (actor.role === 'coordinator') return actor.areaId === facts.areaId;
  if (actor.role === 'leadPractitioner') return facts.leadPractitionerId === actor.id;
  return false;
}
