/**
 * Cases: open (family, members and case in one transaction), list, read, send an event, history.
 * Every change goes through the engine; this service asks libs/auth's policy on every path: who
 * may see a case (one that the caller may not see is answered 404, like one that does not exist),
 * the role they act in on it, whom they may join a case to (a family, a previous episode) and
 * whom they may name on it (a lead, an invitee, an action owner...).
 */
import { randomUUID } from 'node:crypto';
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import {
  canOpenCaseIn,
  canSeeChecklist,
  canSeeMemberSensitiveDetails,
  canSeeSensitiveDetails,
  caseRoleOf,
  caseVisibilityFilter,
  familyJoinFilter,
  identifyFamilyActs,
  mayReportOnAction,
  namingProblems,
  readableEventData,
  readableRecord,
  readsConcernRecordOnly,
  type CaseAccessFacts,
  type ReadScope,
  type NamedUser,
  type NamingFacts,
} from '@tacu/auth';
import { DEFAULT_OUTCOME_FRAMEWORK, DEFAULT_TIME_ZONE, DomainError, DomainErrorCode, familyActs, namedPeople, sameName, type Actor, type NamedPerson, type PlannedAction, type Role } from '@tacu/domain';
import { consentOf, type CaseContext } from '@tacu/workflows';
import { OrganisationOutcomeFrameworks, type CaseAccessRow, type Clock, type Engine, type OpenRecords, type TransitionResult } from '@tacu/engine';
import {
  AuditStore,
  CaseReadStore,
  CaseStore,
  OrganisationStore,
  PeopleStore,
  PreRequestChecklistStore,
  type CaseReadKind,
  type CaseRow,
  type NewFamilyMember,
  type PreRequestChecklistRow,
} from '@tacu/persistence';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CLOCK, DATA_SOURCE, ENGINE } from '../core/tokens';
import { ValidationFailed } from '../errors/validation-failed';
import { caseEventCheck, checkOpenCaseDates } from './case-dates';
import { CaseQueries, type CaseListFilter, type CaseSort } from './case-queries';
import {
  recordOf,
  toAuditEntryResponse,
  toCaseResponse,
  toCaseSummaryResponse,
  toTransitionResponse,
  type CaseHistoryResponse,
  type CasePageResponse,
  type CaseResponse,
  type CaseSummaryResponse,
  type FamilyMemberResponse,
  type ListCasesQueryDto,
  type TransitionResponse,
} from './cases.dto';
import { parseCaseEvent } from './events';
import { memberAsRead, PROFESSIONAL_CONTACTS, splitProfessionals, toHomeMembers } from './family-view';
import { parseOpenCase, type ChildInput, type OpenCaseInput } from './open-case.dto';
import type { HomeMemberInput } from './person-details.dto';
import { PageCursors } from './page-cursors';

/** The workflow every case of this API runs (the composed case machine). */
export const CASE_WORKFLOW_ID = 'case';

/** What the HTTP headers of a command say: Idempotency-Key and If-Match. */
export interface CommandOptions {
  idempotencyKey?: string;
  expectedVersion?: number;
}

export function caseNotFound(): DomainError {
  return new DomainError(DomainErrorCode.CASE_NOT_FOUND, 'There is no case with this id that you can see.');
}

export function invalid(field: string, problem: string): ValidationFailed {
  return new ValidationFailed([{ field, problems: [problem] }]);
}

/** The policy's facts from a case row read for the caller (with their `participation`). */
export function accessFactsOf(row: CaseAccessRow): CaseAccessFacts {
  return { areaId: row.areaId, stage: row.stage, status: row.status, participation: row.participation ?? [] };
}

/** The caller as they act on this case (a lead invited to another lead's meeting acts as an agency practitioner). */
function actingAs(actor: Actor, role: Role): Actor {
  return role === actor.role ? actor : { ...actor, role };
}

/** A linked pre-request checklist as the case's request records it: its ratings are the baseline reviews and closure rate again. */
function checklistBaseline(checklist: PreRequestChecklistRow): NonNullable<CaseContext['request']['preRequestChecklist']> {
  return {
    ratings: checklist.ratings,
    completedWithParent: checklist.completedWith !== 'child',
    completedWithChild: checklist.completedWith !== 'parent',
  };
}

/** The object at a dotted path of an event (`givenBy`, `invitees.1`), or null when there is none. */
function objectAt(event: Record<string, unknown>, field: string): Record<string, unknown> | null {
  let at: unknown = event;
  for (const key of field === '' ? [] : field.split('.')) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return null;
    at = (at as Record<string, unknown>)[key];
  }
  return at !== null && typeof at === 'object' && !Array.isArray(at) ? (at as Record<string, unknown>) : null;
}

/** The unique indexes that keep one open episode per child, and each episode reopened once. */
const EPISODE_CONSTRAINTS: Record<string, string> = {
  cases_one_open_episode_per_child_idx: 'this child already has an open episode: continue it rather than opening another',
  cases_reopened_once_idx: 'this episode was already reopened as a later episode: reopen the latest episode of the child',
};

function episodeConflict(error: unknown): ValidationFailed | null {
  if (!(error instanceof QueryFailedError)) return null;
  const constraint = (error.driverError as { constraint?: unknown } | undefined)?.constraint;
  const problem = typeof constraint === 'string' ? EPISODE_CONSTRAINTS[constraint] : undefined;
  return problem ? invalid('previousEpisodeId', problem) : null;
}

/** Who lives in the home may name members of the family by id: each must be one (400 naming the item otherwise). */
export function homeMemberProblems(list: readonly HomeMemberInput[] | undefined, memberIds: ReadonlySet<string>, field: string): ValidationFailed | null {
  const problems = (list ?? []).flatMap((item, index) =>
    item.familyMemberId === undefined || memberIds.has(item.familyMemberId)
      ? []
      : [{ field: `${field}.${index}.familyMemberId`, problems: ["familyMemberId names nobody of this family: give the id of a member from the case's familyMembers, or name someone else with name and relationship"] }],
  );
  return problems.length > 0 ? new ValidationFailed(problems) : null;
}

/** The child of a new case as stored: their details in columns, sensitive ones (professionals' contacts too) apart. */
function newChild(child: ChildInput): NewFamilyMember {
  const { professionals, contacts } = splitProfessionals(child.professionalsInvolved ?? []);
  return {
    relationship: 'child',
    name: child.name,
    dateOfBirth: child.dateOfBirth,
    hasParentalResponsibility: false,
    details: {
      gender: child.gender ?? null,
      school: child.school ?? null,
      schoolClass: child.schoolClass ?? null,
      gp: child.gp ?? null,
      firstLanguage: child.firstLanguage ?? null,
      interpreterNeeded: child.interpreterNeeded ?? null,
      livesInHome: child.livesInHome ? toHomeMembers(child.livesInHome) : null,
      professionalsInvolved: child.professionalsInvolved ? professionals : null,
    },
    sensitive: { ...(child.sensitive ?? {}), ...(contacts.some((c) => c !== null) ? { [PROFESSIONAL_CONTACTS]: contacts } : {}) },
  };
}

@Injectable()
export class CasesService {
  private readonly cursors: PageCursors;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(ENGINE) private readonly engine: Engine,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cursors = new PageCursors(config.cursorSecret);
  }

  /**
   * Opens a case with its family in one transaction. With an Idempotency-Key, a retry (a family's
   * phone losing the answer) gets the case the first request opened instead of a second family
   * and case: the engine checks the key (per caller) before anything is asked or written.
   */
  async open(actor: Actor, body: unknown, options: Pick<CommandOptions, 'idempotencyKey'> = {}, requestId: string | null = null): Promise<CaseResponse> {
    const caseId = await this.dataSource
      .transaction((manager) => this.openWithin(manager, actor, body, options, requestId))
      .catch((error: unknown) => {
        throw episodeConflict(error) ?? error;
      });
    return this.get(actor, caseId, requestId);
  }

  /**
   * Opens a case inside the caller's transaction (POST /cases, and the demo seed, which writes a
   * whole area in one): the body's checks, then the engine's `openIn` with the Idempotency-Key
   * standing for the body, and `prepare` (asked only for a new key): the policy's joins, the
   * family's rows for the engine to write, and the link of its pre-request checklist (recorded
   * with `requestId`). Returns the case id (the first request's, for a retry).
   */
  async openWithin(manager: EntityManager, actor: Actor, body: unknown, options: Pick<CommandOptions, 'idempotencyKey'> = {}, requestId: string | null = null): Promise<string> {
    const parsed = parseOpenCase(body);
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    const dto = parsed.value;
    if (!canOpenCaseIn(actor, dto.areaId)) {
      throw new ForbiddenException(
        actor.areaId === dto.areaId
          ? `Your role (${actor.role}) may not open cases; a lead practitioner or coordinator does.`
          : `You may open cases only in your own area (${actor.areaId}).`,
      );
    }
    checkOpenCaseDates(dto, this.clock.now(), await this.timeZoneOf(manager, dto.areaId));
    const id = randomUUID();
    const leadPractitionerId = dto.leadPractitionerId ?? (actor.role === 'leadPractitioner' ? actor.id : null);
    const opened = await this.engine.openIn(manager, {
      workflowId: CASE_WORKFLOW_ID,
      caseId: id,
      input: { caseId: id, leadPractitionerId, origin: dto.origin },
      attributes: { areaId: dto.areaId, origin: dto.origin, previousEpisodeId: dto.previousEpisodeId ?? null },
      actor,
      ...(options.idempotencyKey !== undefined ? { idempotencyKey: options.idempotencyKey } : {}),
      // The key stands for the body: a retry is the same body, whatever case id this attempt chose.
      request: dto,
      prepare: (within) => this.openRecords(within, actor, dto, requestId),
    });
    return opened.caseId;
  }

  /**
   * The API's part of an opening (`OpenCommand.prepare`): the previous episode it reopens, the
   * pre-request checklist it links (locked until the case is written), the checks of the people,
   * then the family's rows for the engine to write and the checklist's link (after the case row,
   * which its case_id references). Throws the 400 of the first check that fails; nothing is written.
   */
  private async openRecords(manager: EntityManager, actor: Actor, dto: OpenCaseInput, requestId: string | null): Promise<OpenRecords> {
    const previous = dto.previousEpisodeId !== undefined ? await this.previousEpisode(manager, actor, dto) : null;
    const checklist = dto.preRequestChecklistId !== undefined ? await this.checklistToLink(manager, actor, dto) : null;
    const people = await this.peopleOf(manager, actor, dto, previous);
    if (!checklist) return people;
    return {
      ...people,
      attributes: { preRequestChecklistId: checklist.id },
      // Its ratings are the request's baseline, which reviews and closure rate again.
      input: { preRequestChecklist: checklistBaseline(checklist) },
      link: async (within, caseId, now) => {
        const checklists = new PreRequestChecklistStore(within);
        // Locked since checklistToLink: nobody linked it meanwhile.
        if (!(await checklists.link(checklist.id, caseId, actor.id, now))) throw new Error(`checklist ${checklist.id} was linked while locked`);
        await checklists.recordEach([checklist.id], { at: now, actorId: actor.id, actorRole: actor.role, what: 'linked', caseId, requestId });
      },
    };
  }

  /**
   * The pre-request checklist a new case links (locked until the case is written): one the caller
   * may see (libs/auth `canSeeChecklist`: who made it, the area's coordinators), of the case's area,
   * whose outcome was a request for support, and not linked to a case yet.
   */
  private async checklistToLink(manager: EntityManager, actor: Actor, dto: OpenCaseInput): Promise<PreRequestChecklistRow> {
    const id = dto.preRequestChecklistId as string;
    const checklist = await new PreRequestChecklistStore(manager).lock(id, actor.id);
    // One answer whether it does not exist, is of another area or is not the caller's to see.
    if (!checklist || checklist.areaId !== dto.areaId || !canSeeChecklist(actor, { areaId: checklist.areaId, madeBy: checklist.madeBy, leadOfLinkedCase: checklist.leadOfLinkedCase ?? false })) {
      throw invalid('preRequestChecklistId', `preRequestChecklistId does not name a pre-request checklist of area ${dto.areaId} that you can see (GET /pre-request-checklists lists yours)`);
    }
    if (checklist.outcome !== 'requestForSupport') {
      throw invalid('preRequestChecklistId', "preRequestChecklistId names a checklist whose outcome was that no Meitheal is needed: a case links a checklist whose outcome is requestForSupport (make a new checklist if the family's needs have changed)");
    }
    if (checklist.caseId !== null) throw invalid('preRequestChecklistId', 'preRequestChecklistId names a checklist already linked to another case: a checklist leads to one request for support');
    // The checklist is about one child: names compared as people's names are (libs/domain sameName: case, spacing and fadas aside).
    const child = dto.child?.name ?? (dto.previousEpisodeId !== undefined ? await this.childNameOfCase(manager, dto.previousEpisodeId) : null);
    if (child !== null && !sameName(checklist.childName, child)) {
      throw invalid(
        'preRequestChecklistId',
        `preRequestChecklistId names a checklist made for '${checklist.childName}', but this case is for '${child}': link the checklist made for this child (GET /pre-request-checklists lists yours), or make one for them (names are compared without regard to case, spacing or fadas)`,
      );
    }
    // Its ratings are the baseline reviews and closure rate again: on the framework the case opens with.
    const rated = checklist.framework ?? DEFAULT_OUTCOME_FRAMEWORK;
    const now = await new OrganisationOutcomeFrameworks().forArea(manager, dto.areaId);
    if (rated.id !== now.id) {
      throw invalid(
        'preRequestChecklistId',
        `preRequestChecklistId names a checklist rated on ${rated.name.en} (${rated.id}), but new cases of area ${dto.areaId} are rated on ${now.name.en} (${now.id}): make a new pre-request checklist, or open the case without one`,
      );
    }
    return checklist;
  }

  /** The name of the child of a case (the episode a new one reopens), or null when it has none. */
  private async childNameOfCase(manager: EntityManager, caseId: string): Promise<string | null> {
    const row = await new CaseStore(manager).find(caseId);
    if (!row?.familyId || !row.childPersonId) return null;
    return (await new PeopleStore(manager).listMembers(row.familyId)).find((m) => m.id === row.childPersonId)?.name ?? null;
  }

  /**
   * The family (new; the existing one of a sibling case, which the caller must be allowed to see a
   * case of; or the previous episode's), the child (new, or the previous episode's own record: one
   * child, one record, one open episode) and the other members, as rows for the engine to write.
   * The proposed lead must be an active lead practitioner of the area.
   */
  private async peopleOf(manager: EntityManager, actor: Actor, dto: OpenCaseInput, previous: CaseRow | null): Promise<Pick<OpenRecords, 'family' | 'child' | 'members'>> {
    const people = new PeopleStore(manager);
    if (!(await people.findArea(dto.areaId))) throw invalid('areaId', `areaId "${dto.areaId}" is not a known area (GET /areas lists yours)`);
    if (dto.leadPractitionerId !== undefined) {
      const named: NamedPerson = { field: 'leadPractitionerId', personId: dto.leadPractitionerId, as: 'leadPractitioner' };
      await this.checkNamed(manager, [named], { areaId: dto.areaId, leadPractitionerId: null, childPersonId: null, familyMembers: new Map(), consent: null });
    }
    let family: OpenRecords['family'];
    if (previous) {
      if (!previous.familyId || !previous.childPersonId) throw invalid('previousEpisodeId', 'previousEpisodeId names a case with no family record to continue');
      if (dto.familyId !== undefined && dto.familyId !== previous.familyId) {
        throw invalid('familyId', 'familyId must be the family of the episode being reopened (or leave it out)');
      }
      family = { id: previous.familyId };
    } else if (dto.familyId !== undefined) {
      const found = await people.findFamily(dto.familyId);
      // One answer whether the family does not exist or is not the caller's to join: neither is told.
      const joinable = found !== null && found.areaId === dto.areaId && (await new CaseQueries(manager).familyVisible(found.id, familyJoinFilter(actor)));
      if (!joinable) throw invalid('familyId', `familyId does not name a family of area ${dto.areaId} with a case you lead (or, for a coordinator, of your area)`);
      family = { id: dto.familyId };
    } else {
      family = { new: {} };
    }
    const members: NewFamilyMember[] = dto.familyMembers.map((m) => ({
      relationship: m.relationship,
      name: m.name,
      dateOfBirth: m.dateOfBirth ?? null,
      hasParentalResponsibility: m.hasParentalResponsibility,
      details: { firstLanguage: m.firstLanguage ?? null, interpreterNeeded: m.interpreterNeeded ?? null },
      sensitive: { ...(m.sensitive ?? {}), ...(m.contact ? { contact: m.contact } : {}) },
    }));
    if (previous?.childPersonId) return { family, child: { id: previous.childPersonId }, members };
    if (!dto.child) throw invalid('child', 'child is required (the child the case is for), unless the case reopens an episode (previousEpisodeId)');
    if (dto.child.livesInHome?.some((item) => item.familyMemberId !== undefined)) {
      // Only members already recorded have an id: those of the family a sibling case joins (a new family has none).
      const known = new Set('id' in family ? (await people.listMembers(family.id)).map((m) => m.id) : []);
      const problem = homeMemberProblems(dto.child.livesInHome, known, 'child.livesInHome');
      if (problem) throw problem;
    }
    return { family, child: { new: newChild(dto.child) }, members };
  }

  /**
   * The closed episode a new case reopens: one the caller may see (its lead, the area's
   * coordinators), of the same area, closed, and not reopened before (one open episode per child).
   */
  private async previousEpisode(manager: EntityManager, actor: Actor, dto: OpenCaseInput): Promise<CaseRow> {
    const previousEpisodeId = dto.previousEpisodeId as string;
    const previous = await new CaseStore(manager).find(previousEpisodeId, actor.id);
    if (!previous || previous.areaId !== dto.areaId || caseRoleOf(actor, accessFactsOf(previous)) === null) {
      throw invalid('previousEpisodeId', `previousEpisodeId does not name a case of area ${dto.areaId} that you can see`);
    }
    if (previous.status !== 'closed') throw invalid('previousEpisodeId', 'previousEpisodeId must name a closed case: only a closed case is reopened as a new episode');
    if (await new CaseQueries(manager).wasReopened(previous.id)) throw invalid('previousEpisodeId', EPISODE_CONSTRAINTS['cases_reopened_once_idx'] as string);
    if (dto.child !== undefined) {
      throw invalid('child', "leave out child when reopening an episode: the new episode continues the child's own record from the episode it follows");
    }
    return previous;
  }

  /** Throws 400 with every person `named` who may not be named on this case. */
  private async checkNamed(manager: EntityManager, named: readonly NamedPerson[], facts: NamingFacts): Promise<void> {
    if (named.length === 0) return;
    const users = await new PeopleStore(manager).findUsers([...new Set(named.map((n) => n.personId))]);
    const byId = new Map<string, NamedUser>(users.map((u) => [u.id, u]));
    const problems = namingProblems(named, facts, byId);
    if (problems.length > 0) throw new ValidationFailed(problems.map(({ field, problem }) => ({ field, problems: [problem] })));
  }

  /** What within the case the event touches must be the actor's to touch: an invited agency reports on its own actions. */
  private checkEventScope(actor: Actor, row: CaseRow, event: Record<string, unknown> & { type: string }): void {
    if (event.type !== 'REPORT_ACTION_PROGRESS') return;
    const role = caseRoleOf(actor, accessFactsOf(row));
    const actions = ((recordOf(row.snapshot)['plan'] as { actions?: PlannedAction[] } | undefined)?.actions ?? []);
    const action = actions.find((a) => a.id === event['actionId']);
    if (role && action && !mayReportOnAction(role, actor.id, action)) {
      const own = actions.filter((a) => mayReportOnAction(role, actor.id, a)).map((a) => a.id);
      throw new ForbiddenException(
        `You may report progress only on the actions you own${own.length > 0 ? ` (${own.join(', ')})` : ' (none in this plan)'}: action ${action.id} is owned by ${action.owner?.name ?? 'someone else'}.`,
      );
    }
  }

  /**
   * The people an event names must be people who may be named on this case (libs/auth naming
   * rules). A family member's act (a consent, a signature, a withdrawal, an agreement) is by a
   * member of the case's family: one named by name alone is identified by it (their personId is
   * recorded). Every family member named is then recorded under the family record's name, and a
   * consent giver with the family record's parental responsibility: what the record says of a
   * person is what the family record says, not what a request typed.
   */
  private async checkEventNames(manager: EntityManager, row: CaseRow, event: Record<string, unknown>): Promise<void> {
    const acts = familyActs(event);
    if (acts.length === 0 && namedPeople(event).length === 0) return;
    // Shared: a change of a member's record (parental responsibility) waits for this event, and this event for it.
    const members = row.familyId ? await new PeopleStore(manager).listMembers(row.familyId, { forShare: true }) : [];
    const context = recordOf(row.snapshot);
    const familyMembers = new Map(members.map((m) => [m.id, { name: m.name, hasParentalResponsibility: m.hasParentalResponsibility }]));
    const facts: NamingFacts = {
      areaId: row.areaId,
      leadPractitionerId: row.leadPractitionerId,
      childPersonId: row.childPersonId,
      familyMembers,
      // What every required consent allows, as the case's record holds it (recordOf upgrades an older record).
      consent: consentOf(context as Partial<CaseContext> as CaseContext),
    };
    const { identified, problems } = identifyFamilyActs(acts, facts);
    if (problems.length > 0) throw new ValidationFailed(problems.map(({ field, problem }) => ({ field, problems: [problem] })));
    for (const { field, personId } of identified) {
      const ref = objectAt(event, field);
      if (ref) ref['personId'] = personId;
    }
    const named = namedPeople(event);
    await this.checkNamed(manager, named, facts);
    for (const person of named) {
      const member = familyMembers.get(person.personId);
      const ref = member ? objectAt(event, person.field) : null;
      if (!member || !ref) continue;
      ref['name'] = member.name;
      if (person.as === 'consentGiver' && 'hasParentalResponsibility' in ref) ref['hasParentalResponsibility'] = member.hasParentalResponsibility;
    }
  }

  async list(actor: Actor, query: ListCasesQueryDto, requestId: string | null = null): Promise<CasePageResponse> {
    const { items, nextCursor } = await this.listed(
      actor,
      {
        stage: query.stage,
        state: query.state,
        status: query.status,
        leadPractitionerId: query.leadPractitionerId,
        areaId: query.areaId,
        familyId: query.familyId,
        overdue: query.overdue,
        dueBefore: query.dueBefore !== undefined ? new Date(query.dueBefore) : undefined,
      },
      { sort: query.sort ?? 'openedAt', limit: query.limit ?? 20, cursor: query.cursor },
      requestId,
    );
    return { items: items.map(({ summary }) => summary), nextCursor };
  }

  /**
   * The cases for the pages ("my cases"): exactly what `list` gives the same caller (the same need
   * to know, in the same SQL, each listed case recorded as read), plus each child's name, the
   * pages' filters (open cases only) and search (the child's name or a case reference).
   */
  async listWithChildren(
    actor: Actor,
    filter: Pick<CaseListFilter, 'stage' | 'state' | 'overdue' | 'dueBefore' | 'open' | 'status' | 'search'>,
    page: { sort: CaseSort; limit: number; cursor?: string },
    requestId: string | null = null,
  ): Promise<{ items: Array<{ summary: CaseSummaryResponse; childName: string | null }>; nextCursor: string | null }> {
    return this.listed(actor, filter, { ...page, withChildName: true }, requestId);
  }

  private async listed(
    actor: Actor,
    filter: CaseListFilter,
    page: { sort: CaseSort; limit: number; cursor?: string; withChildName?: boolean },
    requestId: string | null,
  ): Promise<{ items: Array<{ summary: CaseSummaryResponse; childName: string | null }>; nextCursor: string | null }> {
    const now = this.clock.now();
    const listed = await new CaseQueries(this.dataSource.manager).list(caseVisibilityFilter(actor), filter, { ...page, cursors: this.cursors }, now);
    // A list shows each case's stage, state, lead and deadlines: a read of each, like GET /cases/:id.
    await new CaseReadStore(this.dataSource.manager).recordEach(
      listed.rows.map((row) => row.id),
      { at: now, actorId: actor.id, actorRole: actor.role, what: 'list', requestId },
    );
    const zones = await new OrganisationStore(this.dataSource.manager).timeZonesOfAreas(listed.rows.map((row) => row.areaId));
    return {
      items: listed.rows.map((row) => ({ summary: toCaseSummaryResponse(row, now, zones.get(row.areaId) ?? DEFAULT_TIME_ZONE), childName: row.childName ?? null })),
      nextCursor: listed.nextCursor,
    };
  }

  /** Every read of case data goes in the audit trail (domain.md), after the policy allowed it; `documentId` names the document read. */
  recordRead(actor: Actor, caseId: string, what: CaseReadKind, requestId: string | null, documentId: string | null = null): Promise<void> {
    return new CaseReadStore(this.dataSource.manager).record({ caseId, at: this.clock.now(), actorId: actor.id, actorRole: actor.role, what, requestId, documentId });
  }

  /** The time zone of the area's organisation: dates of its cases are its local days. */
  private async timeZoneOf(manager: EntityManager, areaId: string): Promise<string> {
    return (await new OrganisationStore(manager).timeZonesOfAreas([areaId])).get(areaId) ?? DEFAULT_TIME_ZONE;
  }

  /**
   * The case row as the caller may see it, the role they act in on it, and what of it they read
   * (all of it as their role allows, or, for a liaison person whose concern is over, the concern
   * record only); 404 when they may not see it.
   */
  async readableCase(manager: EntityManager, actor: Actor, caseId: string): Promise<{ row: CaseRow; role: Role; scope: ReadScope }> {
    // One read of the case row (with the caller's participation) serves the access decision and the answer.
    const row = await new CaseStore(manager).find(caseId, actor.id);
    const role = row ? caseRoleOf(actor, accessFactsOf(row)) : null;
    if (!row || !role) throw caseNotFound();
    return { row, role, scope: readsConcernRecordOnly(actor, accessFactsOf(row)) ? 'concernRecord' : 'case' };
  }

  async get(actor: Actor, caseId: string, requestId: string | null = null): Promise<CaseResponse> {
    const manager = this.dataSource.manager;
    const { row, role, scope } = await this.readableCase(manager, actor, caseId);
    const queries = new CaseQueries(manager);
    await this.recordRead(actor, caseId, 'case', requestId);
    const visibility = caseVisibilityFilter(actor);
    const [nextSteps, deadlines, siblings, members] = [
      this.engine.nextStepsOf(row, actingAs(actor, role)),
      await queries.deadlines(caseId),
      row.familyId ? await queries.siblings(caseId, row.familyId, row.childPersonId, visibility) : [],
      row.familyId ? await this.members(manager, actor, row, row.familyId) : [],
    ];
    const preRequestChecklistId = await this.checklistIdShownTo(manager, actor, caseId);
    const timeZone = await this.timeZoneOf(manager, row.areaId);
    return toCaseResponse(
      { row, ...nextSteps, deadlines, siblings, members, preRequestChecklistId, timeZone, readable: (record) => readableRecord(role, record, scope) },
      this.clock.now(),
    );
  }

  /**
   * The id of the pre-request checklist the case came from, for a reader who may see that checklist
   * (libs/auth `canSeeChecklist`: an invited agency reads the case, not its checklist); else null.
   */
  private async checklistIdShownTo(manager: EntityManager, actor: Actor, caseId: string): Promise<string | null> {
    const store = new PreRequestChecklistStore(manager);
    const id = await store.idOfCase(caseId);
    const checklist = id === null ? null : await store.find(id, actor.id);
    if (!checklist) return null;
    return canSeeChecklist(actor, { areaId: checklist.areaId, madeBy: checklist.madeBy, leadOfLinkedCase: checklist.leadOfLinkedCase ?? false }) ? checklist.id : null;
  }

  /**
   * The family of `row` as the reader may read it, member by member (libs/auth
   * `canSeeMemberSensitiveDetails`: a sibling case's child's sensitive details only for those who
   * lead that child's case and the coordinators). Sensitive details are read from the database
   * only when the policy allows them for someone.
   */
  private async members(manager: EntityManager, actor: Actor, row: CaseRow, familyId: string): Promise<FamilyMemberResponse[]> {
    const facts = accessFactsOf(row);
    if (!canSeeSensitiveDetails(actor, facts)) return (await new PeopleStore(manager).listMembers(familyId)).map((m) => memberAsRead(m, undefined, false));
    const people = new PeopleStore(manager);
    const [members, stored, ledChildren] = [await people.listMembers(familyId), (await people.readSensitive(familyId)).members, await new CaseQueries(manager).childrenLedBy(familyId, actor.id)];
    return members.map((m) => {
      const seesSensitive = canSeeMemberSensitiveDetails(actor, facts, { childOfAnotherCase: m.relationship === 'child' && m.id !== row.childPersonId, readerLeadsTheirCase: ledChildren.has(m.id) });
      return memberAsRead(m, seesSensitive ? stored[m.id] : undefined, seesSensitive);
    });
  }

  async send(actor: Actor, caseId: string, body: unknown, options: CommandOptions): Promise<TransitionResponse> {
    return toTransitionResponse(await this.dataSource.transaction((manager) => this.sendWithin(manager, actor, caseId, body, options)));
  }

  /**
   * Sends one event inside the caller's transaction (POST /cases/:id/events, and the demo seed).
   * Need to know is decided by the engine on the row it locks for the transition: one query, and
   * the decision and the change see the same case. The people the event names are checked in the
   * same transaction.
   */
  async sendWithin(manager: EntityManager, actor: Actor, caseId: string, body: unknown, options: CommandOptions = {}): Promise<TransitionResult> {
    const parsed = parseCaseEvent(body);
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    const event: Record<string, unknown> & { type: string } = { ...parsed.event };
    return this.engine.sendIn(manager, {
      caseId,
      event,
      actor,
      roleOnCase: (row) => caseRoleOf(actor, accessFactsOf(row)),
      checkEvent: caseEventCheck(parsed.event, this.clock.now()),
      check: async (row, within) => {
        this.checkEventScope(actor, row, event);
        await this.checkEventNames(within, row, event);
      },
      ...(options.idempotencyKey !== undefined ? { idempotencyKey: options.idempotencyKey } : {}),
      ...(options.expectedVersion !== undefined ? { expectedVersion: options.expectedVersion } : {}),
    });
  }

  async history(actor: Actor, caseId: string, requestId: string | null = null): Promise<CaseHistoryResponse> {
    const manager = this.dataSource.manager;
    const { role, scope } = await this.readableCase(manager, actor, caseId);
    await this.recordRead(actor, caseId, 'history', requestId);
    const events = await new AuditStore(manager).listForCase(caseId);
    return { caseId, events: events.map((entry) => toAuditEntryResponse(entry, readableEventData(role, actor.id, { ...entry, data: entry.data ?? {} }, scope))) };
  }
}
