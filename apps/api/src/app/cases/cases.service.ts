/**
 * Cases: open (family, members and case in one transaction), list, read, send an event, history.
 * Every change goes through the engine; this service adds need to know (a case the caller may
 * not see is answered 404, like one that does not exist) and the people around the case.
 */
import { randomUUID } from 'node:crypto';
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  canOpenCaseIn,
  canReadCase,
  canSeeSensitiveDetails,
  caseVisibilityFilter,
  invitedPersonIds,
  type CaseAccessFacts,
} from '@tacu/auth';
import { DEFAULT_TIME_ZONE, DomainError, DomainErrorCode, type Actor } from '@tacu/domain';
import type { CaseAccessRow, Clock, Engine } from '@tacu/engine';
import {
  AuditStore,
  CaseReadStore,
  CaseStore,
  IdempotencyStore,
  OrganisationStore,
  PeopleStore,
  canonicalJson,
  sha256,
  type CaseReadKind,
  type FamilyMember,
  type NewFamilyMember,
} from '@tacu/persistence';
import { CLOCK, DATA_SOURCE, ENGINE } from '../core/tokens';
import { ValidationFailed } from '../errors/validation-failed';
import { CaseQueries } from './case-queries';
import {
  toAuditEntryResponse,
  toCaseResponse,
  toCaseSummaryResponse,
  toTransitionResponse,
  type CaseHistoryResponse,
  type CasePageResponse,
  type CaseResponse,
  type ListCasesQueryDto,
  type TransitionResponse,
} from './cases.dto';
import { parseCaseEvent } from './events';
import { parseOpenCase, type OpenCaseInput } from './open-case.dto';

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

function invalid(field: string, problem: string): ValidationFailed {
  return new ValidationFailed([{ field, problems: [problem] }]);
}

/** The policy's facts from a case row (meeting invitees only for the roles whose visibility depends on them). */
function accessFactsOf(actor: Actor, row: CaseAccessRow): CaseAccessFacts {
  const visibility = caseVisibilityFilter(actor);
  const needsInvitees = visibility.kind === 'any' && visibility.rules.some((rule) => rule.kind === 'invitee');
  return { areaId: row.areaId, stage: row.stage, leadPractitionerId: row.leadPractitionerId, invitedPersonIds: needsInvitees ? invitedPersonIds(row.snapshot) : [] };
}

@Injectable()
export class CasesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(ENGINE) private readonly engine: Engine,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Opens a case with its family in one transaction. With an Idempotency-Key, a retry (a family's
   * phone losing the answer) gets the case the first request opened instead of a second family
   * and case: the key is checked before anything is written, per caller.
   */
  async open(actor: Actor, body: unknown, options: Pick<CommandOptions, 'idempotencyKey'> = {}, requestId: string | null = null): Promise<CaseResponse> {
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
    const key = options.idempotencyKey;
    const caseId = await this.dataSource.transaction(async (manager) => {
      const scope = `open-case:${actor.id}`;
      const requestHash = sha256(canonicalJson(dto));
      if (key !== undefined) {
        const idempotency = new IdempotencyStore(manager);
        await idempotency.lockKey(scope, key);
        const earlier = await idempotency.find(scope, key);
        if (earlier) {
          if (earlier.requestHash !== requestHash) {
            throw new DomainError(DomainErrorCode.IDEMPOTENCY_KEY_REUSED, 'This idempotency key was already used to open a different case. Use a new key for a new request.', { idempotencyKey: key });
          }
          return (earlier.response as { caseId: string }).caseId;
        }
      }
      const { familyId, childPersonId } = await this.writePeople(manager, actor, dto);
      if (dto.previousEpisodeId !== undefined) await this.checkPreviousEpisode(manager, actor, dto.previousEpisodeId);
      const id = randomUUID();
      const leadPractitionerId = dto.leadPractitionerId ?? (actor.role === 'leadPractitioner' ? actor.id : null);
      await this.engine.openIn(manager, {
        workflowId: CASE_WORKFLOW_ID,
        caseId: id,
        input: { caseId: id, leadPractitionerId, origin: dto.origin },
        attributes: { areaId: dto.areaId, familyId, childPersonId, origin: dto.origin, previousEpisodeId: dto.previousEpisodeId ?? null },
        actor,
      });
      if (key !== undefined) await new IdempotencyStore(manager).save(scope, key, requestHash, { caseId: id }, this.clock.now());
      return id;
    });
    return this.get(actor, caseId, requestId);
  }

  /** The family (new, or the existing one of a sibling case), the child and the other members. */
  private async writePeople(manager: EntityManager, actor: Actor, dto: OpenCaseInput): Promise<{ familyId: string; childPersonId: string }> {
    const people = new PeopleStore(manager);
    const now = this.clock.now();
    if (!(await people.findArea(dto.areaId))) throw invalid('areaId', `areaId "${dto.areaId}" is not a known area`);
    if (dto.leadPractitionerId !== undefined) {
      const lead = await people.findUser(dto.leadPractitionerId);
      if (!lead || !lead.active || lead.role !== 'leadPractitioner' || lead.areaId !== dto.areaId) {
        throw invalid('leadPractitionerId', `leadPractitionerId "${dto.leadPractitionerId}" is not a lead practitioner of area ${dto.areaId}`);
      }
    }
    let familyId: string;
    if (dto.familyId !== undefined) {
      const family = await people.findFamily(dto.familyId);
      if (!family || family.areaId !== dto.areaId) throw invalid('familyId', `familyId does not name a family of area ${dto.areaId}`);
      familyId = family.id;
    } else {
      familyId = (await people.insertFamily({ areaId: dto.areaId, createdBy: actor.id, createdAt: now })).id;
    }
    const child: NewFamilyMember = {
      relationship: 'child',
      name: dto.child.name,
      dateOfBirth: dto.child.dateOfBirth,
      hasParentalResponsibility: false,
      sensitive: { ...(dto.child.sensitive ?? {}) },
    };
    const others: NewFamilyMember[] = dto.familyMembers.map((m) => ({
      relationship: m.relationship,
      name: m.name,
      hasParentalResponsibility: m.hasParentalResponsibility,
      sensitive: { ...(m.sensitive ?? {}), ...(m.contact ? { contact: m.contact } : {}) },
    }));
    const [created] = await people.insertMembers(familyId, [child, ...others], now);
    if (!created) throw new Error('the child was not written');
    return { familyId, childPersonId: created.id };
  }

  private async checkPreviousEpisode(manager: EntityManager, actor: Actor, previousEpisodeId: string): Promise<void> {
    const previous = await new CaseStore(manager).find(previousEpisodeId);
    if (!previous || !canReadCase(actor, accessFactsOf(actor, previous))) throw invalid('previousEpisodeId', 'previousEpisodeId does not name a case you can see');
    if (previous.status !== 'closed') throw invalid('previousEpisodeId', 'previousEpisodeId must name a closed case: only a closed case is reopened as a new episode');
  }

  async list(actor: Actor, query: ListCasesQueryDto, requestId: string | null = null): Promise<CasePageResponse> {
    const now = this.clock.now();
    const page = await new CaseQueries(this.dataSource.manager).list(
      caseVisibilityFilter(actor),
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
      now,
    );
    // A list shows each case's stage, state, lead and deadlines: a read of each, like GET /cases/:id.
    await new CaseReadStore(this.dataSource.manager).recordEach(
      page.rows.map((row) => row.id),
      { at: now, actorId: actor.id, actorRole: actor.role, what: 'list', requestId },
    );
    const zones = await new OrganisationStore(this.dataSource.manager).timeZonesOfAreas(page.rows.map((row) => row.areaId));
    return { items: page.rows.map((row) => toCaseSummaryResponse(row, now, zones.get(row.areaId) ?? DEFAULT_TIME_ZONE)), nextCursor: page.nextCursor };
  }

  /** Every read of case data goes in the audit trail (domain.md), after the policy allowed it. */
  private recordRead(actor: Actor, caseId: string, what: CaseReadKind, requestId: string | null): Promise<void> {
    return new CaseReadStore(this.dataSource.manager).record({ caseId, at: this.clock.now(), actorId: actor.id, actorRole: actor.role, what, requestId });
  }

  async get(actor: Actor, caseId: string, requestId: string | null = null): Promise<CaseResponse> {
    const manager = this.dataSource.manager;
    // One read of the case row serves the access decision, the answer and the allowed events.
    const row = await new CaseStore(manager).find(caseId);
    if (!row || !canReadCase(actor, accessFactsOf(actor, row))) throw caseNotFound();
    const queries = new CaseQueries(manager);
    await this.recordRead(actor, caseId, 'case', requestId);
    const visibility = caseVisibilityFilter(actor);
    const [allowedEvents, deadlines, siblings, members] = [
      this.engine.allowedEventsOf(row, actor),
      await queries.deadlines(caseId),
      row.familyId ? await queries.siblings(caseId, row.familyId, visibility) : [],
      row.familyId ? await this.members(manager, row.familyId, canSeeSensitiveDetails(actor, row)) : [],
    ];
    const timeZone = (await new OrganisationStore(manager).timeZonesOfAreas([row.areaId])).get(row.areaId) ?? DEFAULT_TIME_ZONE;
    return toCaseResponse({ row, allowedEvents, deadlines, siblings, members, timeZone }, this.clock.now());
  }

  private async members(manager: EntityManager, familyId: string, withSensitive: boolean): Promise<Array<FamilyMember & { sensitive?: Record<string, unknown> }>> {
    const people = new PeopleStore(manager);
    const members = await people.listMembers(familyId);
    if (!withSensitive) return members;
    const sensitive = await people.readSensitive(familyId);
    return members.map((m) => ({ ...m, sensitive: sensitive.members[m.id] ?? {} }));
  }

  async send(actor: Actor, caseId: string, body: unknown, options: CommandOptions): Promise<TransitionResponse> {
    const parsed = parseCaseEvent(body);
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    // Need to know is decided by the engine on the row it locks for the transition: one query,
    // and the decision and the change see the same case.
    const result = await this.engine.send({
      caseId,
      event: { ...parsed.event },
      actor,
      canAccess: (row) => canReadCase(actor, accessFactsOf(actor, row)),
      ...(options.idempotencyKey !== undefined ? { idempotencyKey: options.idempotencyKey } : {}),
      ...(options.expectedVersion !== undefined ? { expectedVersion: options.expectedVersion } : {}),
    });
    return toTransitionResponse(result);
  }

  async history(actor: Actor, caseId: string, requestId: string | null = null): Promise<CaseHistoryResponse> {
    const manager = this.dataSource.manager;
    const row = await new CaseStore(manager).find(caseId);
    if (!row || !canReadCase(actor, accessFactsOf(actor, row))) throw caseNotFound();
    await this.recordRead(actor, caseId, 'history', requestId);
    const events = await new AuditStore(manager).listForCase(caseId);
    return { caseId, events: events.map(toAuditEntryResponse) };
  }
}
