/**
 * Pre-request checklists: made by a practitioner before a request for support, read by who made
 * it and the area's coordinators (and the lead of the case it led to), listed, counted by outcome.
 * Need to know is libs/auth's (`checklistVisibility`, `canSeeChecklist`): a checklist one may not
 * see is answered 404, like one that does not exist, and a list holds only those one may see. Who
 * made, read, listed or linked each is in the append-only `pre_request_checklist_events`.
 */
import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { canMakeChecklistIn, canSeeChecklist, caseVisibilityFilter, checklistVisibility, type ChecklistVisibility } from '@tacu/auth';
import { DEFAULT_OUTCOME_FRAMEWORK, DomainError, DomainErrorCode, ratingProblems, type Actor } from '@tacu/domain';
import { OrganisationOutcomeFrameworks, type Clock } from '@tacu/engine';
import {
  CHECKLIST_COLUMNS,
  IdempotencyStore,
  LEADS_LINKED_CASE_SQL,
  PeopleStore,
  PreRequestChecklistStore,
  canonicalJson,
  sha256,
  sql,
  type PreRequestChecklistRow,
} from '@tacu/persistence';
import { refuse } from '../cases/case-dates';
import { CaseQueries } from '../cases/case-queries';
import { invalid, type CommandOptions } from '../cases/cases.service';
import { PageCursors } from '../cases/page-cursors';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CLOCK, DATA_SOURCE } from '../core/tokens';
import { ValidationFailed } from '../errors/validation-failed';
import { parseNewChecklist, type NewChecklistInput, type ChecklistFiguresResponse, type ChecklistPageResponse, type ChecklistResponse, type ListChecklistsQueryDto } from './checklists.dto';

const SORT = 'checklists:madeAt';

/** Need to know as a condition on the checklists `k` (libs/auth `checklistVisibility`); `add` collects the parameters. */
export function checklistVisibilitySql(visibility: ChecklistVisibility, add: (value: unknown) => string): string {
  switch (visibility.kind) {
    case 'none':
      return 'false';
    case 'area':
      return `k.area_id = ${add(visibility.areaId)}`;
    case 'madeOrLed': {
      const user = add(visibility.userId);
      return `(k.area_id = ${add(visibility.areaId)} AND (k.made_by = ${user} OR ${LEADS_LINKED_CASE_SQL(user)}))`;
    }
  }
}

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

/** A checklist as the API shows it; `caseId` only when the reader may see that case. */
function toChecklistResponse(row: PreRequestChecklistRow, caseVisible: boolean): ChecklistResponse {
  // Checklists made before frameworks were configurable were rated on Ireland's five national outcomes.
  const framework = row.framework ?? DEFAULT_OUTCOME_FRAMEWORK;
  const ids = framework.outcomes.map((o) => o.id);
  const order = (outcome: string) => ids.indexOf(outcome);
  return {
    id: row.id,
    areaId: row.areaId,
    madeBy: row.madeBy,
    madeAt: iso(row.madeAt),
    childName: row.childName,
    outcomeFrameworkId: framework.id,
    ratings: [...row.ratings].sort((a, b) => order(a.outcome) - order(b.outcome)).map(({ outcome, rating, reason }) => ({ outcome, rating, reason })),
    completedWith: row.completedWith,
    outcome: row.outcome,
    actionTaken: row.actionTaken,
    linked: row.caseId !== null,
    linkedAt: row.linkedAt === null ? null : iso(row.linkedAt),
    caseId: row.caseId !== null && caseVisible ? row.caseId : null,
  };
}

@Injectable()
export class ChecklistsService {
  private readonly cursors: PageCursors;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cursors = new PageCursors(config.cursorSecret);
  }

  /**
   * Makes a checklist (body: checklists.dto.ts `NewChecklistInput`), in the caller's own area; no
   * case is opened, whatever its outcome. Its ratings rate every outcome of the outcome framework
   * of the area's organisation, on its scale, and it keeps a copy of that framework. With an
   * Idempotency-Key, a retry answers the checklist the first request made. Throws 400 (bad body,
   * unknown area, ratings that do not fit the framework), 403 (a role that makes no requests,
   * another area), 422 (a key used for another checklist).
   */
  async make(actor: Actor, body: unknown, options: Pick<CommandOptions, 'idempotencyKey'>, requestId: string | null): Promise<ChecklistResponse> {
    const parsed = parseNewChecklist(body);
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    if (!canMakeChecklistIn(actor, parsed.value.areaId)) throw new ForbiddenException(`You may make pre-request checklists only in your own area (${actor.areaId}).`);
    return this.dataSource.transaction((manager) => this.makeWithin(manager, actor, parsed.value, options, requestId));
  }

  /** `make` inside the caller's transaction (the demo seed writes its area in one); `dto` is a parsed body the caller may make. */
  async makeWithin(manager: EntityManager, actor: Actor, dto: NewChecklistInput, options: Pick<CommandOptions, 'idempotencyKey'>, requestId: string | null): Promise<ChecklistResponse> {
    if (!canMakeChecklistIn(actor, dto.areaId)) throw new ForbiddenException(`You may make pre-request checklists only in your own area (${actor.areaId}).`);
    if (!(await new PeopleStore(manager).findArea(dto.areaId))) throw invalid('areaId', `areaId "${dto.areaId}" is not a known area (GET /areas lists yours)`);
    // Tusla's Pre-Meitheal Checklist rates every outcome: here, every outcome of the area's framework.
    const framework = await new OrganisationOutcomeFrameworks().forArea(manager, dto.areaId);
    refuse(ratingProblems('ratings', dto.ratings, framework, { everyOutcome: true }));
    const now = this.clock.now();
    const store = new PreRequestChecklistStore(manager);
    const key = options.idempotencyKey;
    const scope = `pre-request-checklist:${actor.id}`;
    const requestHash = sha256(canonicalJson(dto));
    if (key !== undefined) {
      const idempotency = new IdempotencyStore(manager);
      await idempotency.lockKey(scope, key);
      const earlier = await idempotency.find(scope, key);
      if (earlier) {
        if (earlier.requestHash !== requestHash) {
          throw new DomainError(DomainErrorCode.IDEMPOTENCY_KEY_REUSED, 'This idempotency key was already used to make a different checklist. Use a new key for a new checklist.', { idempotencyKey: key });
        }
        const made = await store.find((earlier.response as { checklistId: string }).checklistId, actor.id);
        if (!made) throw new Error('the checklist of a stored idempotent answer is gone');
        return toChecklistResponse(made, false);
      }
    }
    const row = await store.insert({
      areaId: dto.areaId,
      madeBy: actor.id,
      madeAt: now,
      childName: dto.childName,
      ratings: dto.ratings.map(({ outcome, rating, reason }) => ({ outcome, rating, reason })),
      framework,
      completedWith: dto.completedWith,
      outcome: dto.outcome,
      actionTaken: dto.outcome === 'noMeithealNeeded' ? (dto.actionTaken ?? null) : null,
    });
    await store.recordEach([row.id], { at: now, actorId: actor.id, actorRole: actor.role, what: 'made', requestId });
    if (key !== undefined) await new IdempotencyStore(manager).save(scope, key, requestHash, { checklistId: row.id }, now);
    return toChecklistResponse(row, false);
  }

  /** One checklist, if the caller may see it (404 otherwise, as for one that does not exist); the read is recorded. */
  async get(actor: Actor, id: string, requestId: string | null): Promise<ChecklistResponse> {
    const manager = this.dataSource.manager;
    const store = new PreRequestChecklistStore(manager);
    const row = await store.find(id, actor.id);
    if (!row || !canSeeChecklist(actor, { areaId: row.areaId, madeBy: row.madeBy, leadOfLinkedCase: row.leadOfLinkedCase ?? false })) {
      throw new NotFoundException('There is no pre-request checklist with this id that you can see.');
    }
    await store.recordEach([row.id], { at: this.clock.now(), actorId: actor.id, actorRole: actor.role, what: 'read', requestId });
    return toChecklistResponse(row, await this.caseVisible(manager, actor, row));
  }

  /** The checklists the caller may see, newest first, one page at a time; each listed one is recorded as read in a list. */
  async list(actor: Actor, query: ListChecklistsQueryDto, requestId: string | null): Promise<ChecklistPageResponse> {
    const manager = this.dataSource.manager;
    const limit = query.limit ?? 20;
    const values: unknown[] = [];
    const add = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    const where = [checklistVisibilitySql(checklistVisibility(actor), add)];
    if (query.outcome !== undefined) where.push(`k.outcome = ${add(query.outcome)}`);
    if (query.cursor !== undefined) {
      const { key, id } = this.cursors.decode(query.cursor, SORT);
      where.push(`(k.made_at, k.id) < (${add(key)}::timestamptz, ${add(id)}::uuid)`);
    }
    const { rows } = await sql<PreRequestChecklistRow & { sortKey: string }>(
      manager,
      `SELECT ${CHECKLIST_COLUMNS}, to_char(k.made_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortKey"
       FROM pre_request_checklists k WHERE ${where.join(' AND ')}
       ORDER BY k.made_at DESC, k.id DESC LIMIT ${add(limit + 1)}`,
      values,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const visible = await new CaseQueries(manager).visibleCaseIds(items.flatMap((row) => (row.caseId ? [row.caseId] : [])), caseVisibilityFilter(actor));
    await new PreRequestChecklistStore(manager).recordEach(
      items.map((row) => row.id),
      { at: this.clock.now(), actorId: actor.id, actorRole: actor.role, what: 'listed', requestId },
    );
    return {
      items: items.map((row) => toChecklistResponse(row, row.caseId !== null && visible.has(row.caseId))),
      nextCursor: rows.length > limit && last ? this.cursors.encode(SORT, last.sortKey, last.id) : null,
    };
  }

  /** How many checklists the caller's area has, by outcome: figures, no child named. */
  async figures(actor: Actor): Promise<ChecklistFiguresResponse> {
    const counts = await new PreRequestChecklistStore(this.dataSource.manager).figures(actor.areaId);
    return { areaId: actor.areaId, total: counts.requestForSupport + counts.noMeithealNeeded, ...counts };
  }

  /** Whether the reader may see the case the checklist is linked to (its id is shown only then). */
  private async caseVisible(manager: EntityManager, actor: Actor, row: PreRequestChecklistRow): Promise<boolean> {
    if (row.caseId === null) return false;
    return (await new CaseQueries(manager).visibleCaseIds([row.caseId], caseVisibilityFilter(actor))).has(row.caseId);
  }
}
