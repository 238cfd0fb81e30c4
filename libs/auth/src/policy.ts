/**
 * Need to know (domain.md "Rules that hold everywhere"), as pure functions of the actor and the
 * case. Every path that touches case data asks these and nothing else: reads, lists (as SQL
 * built from `caseVisibilityFilter`), events (the role an actor acts in on a case) and joins
 * (a family, a previous episode, the people an event names: see naming.ts).
 *
 * Who sees a case (each rule also says the role the actor acts in on it):
 * | role                    | sees                                                            | acts as               |
 * |-------------------------|-----------------------------------------------------------------|-----------------------|
 * | coordinator             | every case of their area                                        | coordinator           |
 * | leadPractitioner        | the cases they lead (closed ones too)                           | leadPractitioner      |
 * |                         | the requests they made, while in the request stage              | leadPractitioner      |
 * |                         | open cases whose meeting invites them or whose plan they own an action of | agencyPractitioner |
 * | agencyPractitioner      | open cases whose meeting invites them or whose plan they own an action of | agencyPractitioner |
 * | designatedLiaisonPerson | the cases of their area with a concern open (stage escalation)  | designatedLiaisonPerson |
 * |                         | open cases that invite them or name them as an action owner     | agencyPractitioner    |
 * |                         | cases whose concern they handled (closed ones too): the concern record only | designatedLiaisonPerson |
 * | manager                 | none: figures, not narratives (403 on case routes)              |                       |
 * | parentCarer, youngPerson| none yet: the family portal comes later (403 on case routes)    |                       |
 * "Open" is any status but closed: access for invited agencies ends with the case, while a closed
 * case stays visible to its lead and its area's coordinators. A designated liaison person who
 * handled a concern (consulted about it, or recorded a report, a decision not to report or its
 * outcome) keeps reading their record of it once the escalation is over: the concern, not the
 * rest of the case (`readsConcernRecordOnly`), as they must keep records of the concerns they
 * handled (Children First: National Guidance 2017, ch. 3, the DLP's role). Every rule also requires the case
 * to be in the actor's own area. A case the caller may not see does not exist for them: the API
 * answers 404, never 403.
 */
import type { Actor, Role, Stage } from '@tacu/domain';

/**
 * Route-level permissions: what a role may do at all, before looking at a particular case.
 * `people:read`: list the areas and users one may name on a case (a lead, an invitee, an action
 * owner, a liaison). `calendar:read`: see the organisation's working calendar (public holidays,
 * closure days); `calendar:manage`: add a closure day, which moves the open deadlines it falls
 * inside. `checklists:make` / `checklists:read`: make a pre-request checklist, and read the ones
 * the checklist rules below allow; `checklists:figures`: count an area's checklists by outcome.
 */
export const PERMISSIONS = [
  'cases:read',
  'cases:open',
  'cases:send',
  'workflows:read',
  'people:read',
  'calendar:read',
  'calendar:manage',
  'checklists:make',
  'checklists:read',
  'checklists:figures',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each role may do at all (domain.md "People and roles"): people are named by those who name
 * them (and managers, who run the users of their organisation); closure days are added by the
 * coordinator, who watches the area's deadlines, and the manager, who runs the organisation.
 * Pre-request checklists are made by those who make requests (who open cases); the manager counts
 * them (figures, not narratives).
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  coordinator: [
    'cases:read',
    'cases:open',
    'cases:send',
    'workflows:read',
    'people:read',
    'calendar:read',
    'calendar:manage',
    'checklists:make',
    'checklists:read',
    'checklists:figures',
  ],
  leadPractitioner: ['cases:read', 'cases:open', 'cases:send', 'workflows:read', 'people:read', 'calendar:read', 'checklists:make', 'checklists:read'],
  agencyPractitioner: ['cases:read', 'cases:send', 'workflows:read', 'calendar:read'],
  designatedLiaisonPerson: ['cases:read', 'cases:send', 'workflows:read', 'people:read', 'calendar:read'],
  manager: ['workflows:read', 'people:read', 'calendar:read', 'calendar:manage', 'checklists:figures'],
  parentCarer: [],
  youngPerson: [],
  system: [],
};

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return ROLE_PERMISSIONS[actor.role].includes(permission);
}

/**
 * How a practitioner takes part in a case: rows of `case_participants`, written by the engine.
 * `liaison`: a designated liaison person who handled a concern raised on the case.
 */
export type Participation = 'opener' | 'lead' | 'invitee' | 'actionOwner' | 'liaison';

/** The facts of a case the policy looks at: columns of its row, and how the actor takes part in it. */
export interface CaseAccessFacts {
  areaId: string;
  stage: Stage | string;
  status: string;
  /** The kinds in which the actor asking takes part in the case (none: an empty list). */
  participation: readonly string[];
}

/**
 * Which cases an actor may see, as data: the persistence layer turns it into SQL (so a list never
 * loads a case the caller may not see), and `caseRoleOf` reads the same rules for one case.
 * Alternatives are OR-ed, the first that matches gives the role the actor acts in.
 */
export type CaseVisibilityRule =
  | { kind: 'area'; areaId: string; actsAs: Role }
  | { kind: 'areaInStage'; areaId: string; stage: Stage; actsAs: Role }
  | {
      kind: 'participant';
      userId: string;
      areaId: string;
      participation: Participation;
      /** Only while the case is in this stage. */
      stage?: Stage;
      /** Only while the case is not closed. */
      openOnly?: boolean;
      actsAs: Role;
    };

export type CaseVisibilityFilter = { kind: 'none' } | { kind: 'any'; rules: CaseVisibilityRule[] };

/** Invited to the meeting, or owner of an action of the plan, while the case is open: an agency practitioner there. */
function invitedRules(actor: Actor): CaseVisibilityRule[] {
  const base = { kind: 'participant' as const, userId: actor.id, areaId: actor.areaId, openOnly: true, actsAs: 'agencyPractitioner' as const };
  return [
    { ...base, participation: 'invitee' },
    { ...base, participation: 'actionOwner' },
  ];
}

/** A designated liaison person who handled a concern of the case, closed or not: their record of the concern. */
const concernHandledRule = (actor: Actor): CaseVisibilityRule => ({
  kind: 'participant',
  userId: actor.id,
  areaId: actor.areaId,
  participation: 'liaison',
  actsAs: 'designatedLiaisonPerson',
});

export function caseVisibilityFilter(actor: Actor): CaseVisibilityFilter {
  switch (actor.role) {
    case 'coordinator':
      return { kind: 'any', rules: [{ kind: 'area', areaId: actor.areaId, actsAs: 'coordinator' }] };
    case 'leadPractitioner':
      return {
        kind: 'any',
        rules: [
          { kind: 'participant', userId: actor.id, areaId: actor.areaId, participation: 'lead', actsAs: 'leadPractitioner' },
          { kind: 'participant', userId: actor.id, areaId: actor.areaId, participation: 'opener', stage: 'request', actsAs: 'leadPractitioner' },
          ...invitedRules(actor),
        ],
      };
    case 'agencyPractitioner':
      return { kind: 'any', rules: invitedRules(actor) };
    case 'designatedLiaisonPerson':
      return {
        kind: 'any',
        rules: [
          { kind: 'areaInStage', areaId: actor.areaId, stage: 'escalation', actsAs: 'designatedLiaisonPerson' },
          ...invitedRules(actor),
          // Last: while a concern is open, or where invited, they read what those rules give.
          concernHandledRule(actor),
        ],
      };
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
    case 'participant':
      return (
        facts.areaId === rule.areaId &&
        facts.participation.includes(rule.participation) &&
        (rule.stage === undefined || facts.stage === rule.stage) &&
        (!rule.openOnly || facts.status !== 'closed')
      );
  }
}

/**
 * The role in which the actor acts on this case, or null when they may not know it exists. A
 * lead practitioner invited to another lead's meeting acts there as an agency practitioner, so
 * the machine's permissions give them what an invited practitioner may do, not what a lead may.
 */
export function caseRoleOf(actor: Actor, facts: CaseAccessFacts): Role | null {
  const filter = caseVisibilityFilter(actor);
  if (filter.kind === 'none') return null;
  return filter.rules.find((rule) => matchesRule(rule, facts))?.actsAs ?? null;
}

/**
 * True when the actor reads this case only as the designated liaison person who handled a concern
 * of it (no concern is open and they are not invited): they read the concern record and the
 * escalation's history, not the rest of the case (see redaction.ts).
 */
export function readsConcernRecordOnly(actor: Actor, facts: CaseAccessFacts): boolean {
  const filter = caseVisibilityFilter(actor);
  if (filter.kind === 'none') return false;
  const rule = filter.rules.find((r) => matchesRule(r, facts));
  return rule?.kind === 'participant' && rule.participation === 'liaison';
}

/** May this actor know that this case exists and read it? (The same rules as the list filter.) */
export function canReadCase(actor: Actor, facts: CaseAccessFacts): boolean {
  return caseRoleOf(actor, facts) !== null;
}

/**
 * The cases through which an actor may link a new case to a family (a sibling case, with
 * `familyId`): those whose whole family record they read, sensitive details included, i.e. the
 * cases they lead and, for a coordinator, every case of their area. Seeing a case as its invited
 * guest, or as the practitioner who requested it, is not enough: a sibling case's lead reads the
 * family's sensitive details, and writes the family's members.
 */
export function familyJoinFilter(actor: Actor): CaseVisibilityFilter {
  switch (actor.role) {
    case 'coordinator':
      return { kind: 'any', rules: [{ kind: 'area', areaId: actor.areaId, actsAs: 'coordinator' }] };
    case 'leadPractitioner':
      return { kind: 'any', rules: [{ kind: 'participant', userId: actor.id, areaId: actor.areaId, participation: 'lead', actsAs: 'leadPractitioner' }] };
    default:
      return { kind: 'none' };
  }
}

/**
 * An invited agency practitioner takes and reports on the actions they own (domain.md "People and
 * roles"), not on another agency's or the family's; whoever leads the case reports on any action,
 * the family's own actions included (the family has no portal yet: the lead records what they say).
 * `role` is the role the actor acts in on the case (`caseRoleOf`).
 */
export function mayReportOnAction(role: Role, actorId: string, action: { owner?: { personId?: string } } | undefined): boolean {
  if (role !== 'agencyPractitioner') return true;
  return action?.owner?.personId === actorId;
}

/** May this actor open a case in this area? Practitioners who open cases do so in their own area. */
export function canOpenCaseIn(actor: Actor, areaId: string): boolean {
  return hasPermission(actor, 'cases:open') && actor.areaId === areaId;
}

/**
 * Sensitive details are shown only to the case's lead practitioner and the coordinators of its
 * area (domain.md "Rules that hold everywhere"): not to the practitioner who made the request, nor
 * to an invited agency, nor to the liaison person. They are: details dangerous if shared (an
 * address kept from a person the family fled), contact details (a family member's, and those of
 * the professionals involved with the child), and special-category data (GDPR art. 9: the child's
 * ethnicity, religion, disability or additional needs), which the case's work does not need shared.
 */
export function canSeeSensitiveDetails(actor: Actor, facts: Pick<CaseAccessFacts, 'areaId' | 'participation'>): boolean {
  if (actor.areaId !== facts.areaId) return false;
  if (actor.role === 'coordinator') return true;
  return actor.role === 'leadPractitioner' && facts.participation.includes('lead');
}

/** What the policy looks at of one member of a case's family, besides the case. */
export interface FamilyMemberFacts {
  /** The member is the child of another case of the family (a sibling case), not of this one. */
  childOfAnotherCase: boolean;
  /** The reader leads a case whose child the member is. */
  readerLeadsTheirCase: boolean;
}

/**
 * Whether a reader of a case sees the sensitive details of one member of its family. The case's
 * own child and the adults of the family: as the case (`canSeeSensitiveDetails`). Another child
 * of the family, the child of a sibling case: only the area's coordinators and whoever leads a
 * case of that child. Leading one child's case is no need to know a brother's or sister's
 * special-category data (GDPR art. 9) or their professionals' contacts (domain.md "Rules that
 * hold everywhere": need to know).
 */
export function canSeeMemberSensitiveDetails(actor: Actor, facts: Pick<CaseAccessFacts, 'areaId' | 'participation'>, member: FamilyMemberFacts): boolean {
  if (!canSeeSensitiveDetails(actor, facts)) return false;
  if (!member.childOfAnotherCase) return true;
  return actor.role === 'coordinator' || member.readerLeadsTheirCase;
}

/** Whether an actor may change what a case records of its family now, and if not, why. */
export type FamilyDetailsDecision = 'allowed' | 'notPermitted' | 'caseClosed';

/**
 * Who may change or complete the child's and the family members' details through a case: those
 * who read all of them, sensitive ones included (`canSeeSensitiveDetails`: the case's lead
 * practitioner and its area's coordinators), since a change writes sensitive details too. Not
 * through a closed case ('caseClosed'): a closed episode's record is history; a reopened episode
 * continues the child's record and changes it there. An actor who may read the case but not
 * change its family ('notPermitted': an invited agency, the liaison person, the practitioner who
 * only made the request) is told so (403); one who may not read it gets 404 before this is asked.
 */
export function familyDetailsChange(actor: Actor, facts: Pick<CaseAccessFacts, 'areaId' | 'participation' | 'status'>): FamilyDetailsDecision {
  if (!canSeeSensitiveDetails(actor, facts)) return 'notPermitted';
  return facts.status === 'closed' ? 'caseClosed' : 'allowed';
}

// ---- pre-request checklists -------------------------------------------------------------------

/** The facts of a pre-request checklist the policy looks at. */
export interface ChecklistAccessFacts {
  areaId: string;
  /** The user who made it. */
  madeBy: string;
  /** Whether the actor asking leads the case the checklist is linked to. */
  leadOfLinkedCase: boolean;
}

/**
 * Which pre-request checklists an actor may see, as data (the API turns it into SQL for the
 * list; `canSeeChecklist` reads the same rules for one):
 * - a coordinator: every checklist of their area;
 * - a lead practitioner: those they made, and the one linked to a case they lead (it is the
 *   baseline the case's reviews and closure rate again: domain.md);
 * - nobody else (a checklist is made before any agency is invited, or no case follows it).
 * Every rule also requires the checklist to be of the actor's own area.
 */
export type ChecklistVisibility = { kind: 'none' } | { kind: 'area'; areaId: string } | { kind: 'madeOrLed'; userId: string; areaId: string };

export function checklistVisibility(actor: Actor): ChecklistVisibility {
  switch (actor.role) {
    case 'coordinator':
      return { kind: 'area', areaId: actor.areaId };
    case 'leadPractitioner':
      return { kind: 'madeOrLed', userId: actor.id, areaId: actor.areaId };
    default:
      return { kind: 'none' };
  }
}

/** May this actor see this checklist (and link it to a case they open)? A forbidden one is answered 404, like a missing one. */
export function canSeeChecklist(actor: Actor, facts: ChecklistAccessFacts): boolean {
  const visibility = checklistVisibility(actor);
  switch (visibility.kind) {
    case 'none':
      return false;
    case 'area':
      return facts.areaId === visibility.areaId;
    case 'madeOrLed':
      return facts.areaId === visibility.areaId && (facts.madeBy === visibility.userId || facts.leadOfLinkedCase);
  }
}

/** May this actor make a checklist in this area? Those who make requests, in their own area. */
export function canMakeChecklistIn(actor: Actor, areaId: string): boolean {
  return hasPermission(actor, 'checklists:make') && actor.areaId === areaId;
}
