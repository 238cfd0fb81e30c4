/**
 * The engine: the only place a case changes. Each command is one database transaction that
 * locks the case, asks the pure machine for the next snapshot, and writes everything the
 * transition implies (case row, audit event, timers, outbox, idempotency record).
 */
import { randomUUID } from 'node:crypto';
import { getInitialMicrosteps, getMicrosteps, initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { DataSource, EntityManager } from 'typeorm';
import { CalendarError, DEFAULT_DEADLINE_POLICY, DomainError, DomainErrorCode, localDueDay, aRole, ROLES, rolesInWords, type Actor, type DeadlinePolicy, type WorkingCalendar } from '@tacu/domain';
import type { CaseProjection, WorkflowDefinition } from '@tacu/workflows';
import {
  AuditStore,
  CaseStore,
  canonicalJson,
  DocumentStore,
  documentSeries,
  IdempotencyStore,
  isUuid,
  iso,
  OutboxStore,
  ParticipantStore,
  PeopleStore,
  sha256,
  TimerStore,
  type CaseRow,
  type CaseUpdate,
  type NewDocument,
} from '@tacu/persistence';
import type {
  CaseAttributes,
  CaseFactsSource,
  CaseSnapshotRow,
  Clock,
  DeadlineMove,
  DocumentSource,
  Engine,
  IssuedDocument,
  OpenCommand,
  OpenRecords,
  RecalculateCommand,
  RecalculationResult,
  RecordChangeCommand,
  RecordChangeResult,
  SendCommand,
  TransitionResult,
} from './engine.types';
import { OrganisationCalendars, type CalendarSource } from './calendar/working-calendars';
import { OrganisationOutcomeFrameworks, type OutcomeFrameworkSource } from './outcome-frameworks';
import {
  AFTER_PREFIX,
  candidateTransitions,
  guardReasons,
  isForbidden,
  nextStepsFor,
  permittedRoles,
  planEffects,
  reenteredNodes,
  wayToEventAndNeeds,
  type EffectPlan,
  type MachineAction,
  type NextSteps,
  type WayToEvent,
} from './machine-rules';

export const systemClock: Clock = { now: () => new Date() };

export interface EngineOptions {
  dataSource: DataSource;
  workflows: readonly WorkflowDefinition[];
  clock?: Clock;
  /** Where each case's working calendar comes from (default: the organisations in the database). */
  calendars?: CalendarSource;
  /** The deadline policy written into every case before each transition (default: DEFAULT_DEADLINE_POLICY). */
  deadlinePolicy?: DeadlinePolicy;
  /** Facts from outside the case's record written into it before each transition (default: none). */
  caseFacts?: CaseFactsSource;
  /** Where a new case's outcome framework comes from (default: its organisation's, in the database). */
  outcomeFrameworks?: OutcomeFrameworkSource;
  /**
   * Renders the documents the states entered name, stored in the transition's transaction.
   * Without one no document is stored (engine tests of machines that have no templates).
   */
  documents?: DocumentSource;
}

/** The audit event type of the command that opens a case. */
export const OPEN_CASE = 'OPEN_CASE';
/** The audit event type of a recount that moved a case's deadlines (a calendar change). */
export const DEADLINES_RECALCULATED = 'DEADLINES_RECALCULATED';

export function createEngine(options: EngineOptions): WorkflowEngine {
  return new WorkflowEngine(
    options.dataSource,
    options.workflows,
    options.clock ?? systemClock,
    options.calendars ?? new OrganisationCalendars(),
    options.deadlinePolicy ?? DEFAULT_DEADLINE_POLICY,
    options.caseFacts,
    options.outcomeFrameworks ?? new OrganisationOutcomeFrameworks(),
    options.documents,
  );
}

export class WorkflowEngine implements Engine {
  private readonly byKey = new Map<string, WorkflowDefinition>();
  private readonly latest = new Map<string, WorkflowDefinition>();

  constructor(
    private readonly dataSource: DataSource,
    workflows: readonly WorkflowDefinition[],
    readonly clock: Clock,
    private readonly calendars: CalendarSource = new OrganisationCalendars(),
    readonly policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
    private readonly facts?: CaseFactsSource,
    private readonly outcomeFrameworks: OutcomeFrameworkSource = new OrganisationOutcomeFrameworks(),
    private readonly documentSource?: DocumentSource,
  ) {
    for (const w of workflows) {
      this.byKey.set(`${w.id}@${w.version}`, w);
      const current = this.latest.get(w.id);
      if (!current || current.version < w.version) this.latest.set(w.id, w);
    }
  }

  open(command: OpenCommand): Promise<TransitionResult> {
    return this.dataSource.transaction((manager) => this.openIn(manager, command));
  }

  send(command: SendCommand): Promise<TransitionResult> {
    return this.dataSource.transaction((manager) => this.sendIn(manager, command));
  }

  recalculateDeadlines(command: RecalculateCommand): Promise<RecalculationResult> {
    return this.dataSource.transaction((manager) => this.recalculateDeadlinesIn(manager, command));
  }

  /** The workflow definition a case runs on (throws UNKNOWN_WORKFLOW). */
  definition(workflowId: string, version?: number): WorkflowDefinition {
    const found = version === undefined ? this.latest.get(workflowId) : this.byKey.get(`${workflowId}@${version}`);
    if (!found) {
      throw new DomainError(DomainErrorCode.UNKNOWN_WORKFLOW, `There is no workflow "${workflowId}"${version === undefined ? '' : ` version ${version}`}.`, {
        workflowId,
        workflowVersion: version ?? null,
        known: [...this.byKey.keys()],
      });
    }
    return found;
  }

  /**
   * Opens a case inside the caller's transaction: the idempotency key (per actor), the caller's
   * `prepare` (its checks and the family's rows), the initial snapshot and the opener's role, then
   * `commit`. Throws UNKNOWN_WORKFLOW, INVALID_INPUT (no area, a taken case id, bad input),
   * ROLE_NOT_PERMITTED, IDEMPOTENCY_KEY_REUSED, or what `prepare`/`link` throw; nothing is written then.
   */
  async openIn(manager: EntityManager, command: OpenCommand): Promise<TransitionResult> {
    const now = this.clock.now();
    const definition = this.definition(command.workflowId, command.workflowVersion);
    const given = command.attributes ?? ({} as OpenCommand['attributes']);
    if (typeof given.areaId !== 'string' || given.areaId === '') {
      throw new DomainError(DomainErrorCode.INVALID_INPUT, 'A case needs the network area it belongs to (attributes.areaId).', { field: 'attributes.areaId' });
    }
    // Scoped to the actor: two people who happen to choose the same key open two cases. No case
    // row to lock yet: the key itself is locked.
    const request = command.request ?? { workflowVersion: definition.version, input: command.input, attributes: given, caseId: command.caseId ?? null };
    const keyed = await this.checkKey(manager, `open:${command.actor.id}`, command.idempotencyKey, { op: 'open', workflowId: definition.id, request }, true, 'This idempotency key was already used to open a different case. Use a new key for a new request.');
    if ('replay' in keyed) return keyed.replay;

    const caseId = command.caseId ?? randomUUID();
    if (command.caseId !== undefined) {
      if (!isUuid(caseId)) throw new DomainError(DomainErrorCode.INVALID_INPUT, 'A case id must be a uuid.', { field: 'caseId' });
      if (await new CaseStore(manager).exists(caseId)) throw new DomainError(DomainErrorCode.INVALID_INPUT, `A case with id ${caseId} already exists.`, { field: 'caseId' });
    }
    // Asked only now: a replay must not re-run checks that the first request's writes now fail.
    const records = command.prepare ? await command.prepare(manager, caseId) : null;
    const attributes: CaseAttributes = { ...given, ...records?.attributes };

    const calendar = await this.calendars.forArea(manager, attributes.areaId, now);
    // The case keeps the framework it opens with: every later rating is checked against this copy.
    const outcomeFramework = await this.outcomeFrameworks.forArea(manager, attributes.areaId);
    let input: unknown;
    try {
      input = definition.input({ ...(command.input ?? {}), ...(records?.input ?? {}), now: now.toISOString(), policy: this.policy, calendar, outcomeFramework });
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError(DomainErrorCode.INVALID_INPUT, `The input for ${definition.id} is not valid: ${(err as Error).message}`);
    }
    const [snapshot, rawActions] = countable(OPEN_CASE, () => initialTransition(definition.machine, input));
    this.assertHealthy(snapshot, OPEN_CASE);
    const openers = permittedRoles(snapshot, OPEN_CASE);
    if (openers.size > 0 && !openers.has(command.actor.role)) {
      const permitted = ROLES.filter((r) => openers.has(r));
      throw new DomainError(DomainErrorCode.ROLE_NOT_PERMITTED, `${capitalised(aRole(command.actor.role))} may not open a ${definition.id} case: only ${rolesInWords(permitted)} may.`, {
        event: OPEN_CASE,
        role: command.actor.role,
        permittedRoles: permitted,
      });
    }

    const projection = definition.project(snapshot);
    const plan = planEffects(null, snapshot, rawActions as unknown as MachineAction[], now, new Set(), passedThrough(getInitialMicrosteps(definition.machine, input).map(([step]) => step)));
    countable(OPEN_CASE, () => countExactly(definition, snapshot, plan));
    return this.commit(manager, {
      definition,
      actor: command.actor,
      now,
      timeZone: calendar.timeZone,
      opening: {
        caseId,
        workflowId: definition.id,
        workflowVersion: definition.version,
        attributes,
        records,
        snapshot: definition.machine.getPersistedSnapshot(snapshot),
      },
      before: [],
      next: snapshot,
      projection,
      plan,
      eventType: OPEN_CASE,
      data: { workflowId: definition.id, workflowVersion: definition.version, input: { ...(command.input ?? {}), ...(records?.input ?? {}) }, outcomeFramework: outcomeFramework.id },
      key: keyed.key,
    });
  }

  /**
   * Sends one event inside the caller's transaction: locks the case, asks need to know, the
   * idempotency key, the version, the caller's checks and the machine, then `commit`. Throws
   * CASE_NOT_FOUND, IDEMPOTENCY_KEY_REUSED, VERSION_CONFLICT, EVENT_NOT_ALLOWED, ROLE_NOT_PERMITTED,
   * GUARD_FAILED, INVALID_INPUT, or what the caller's checks throw; nothing is written then.
   */
  async sendIn(manager: EntityManager, command: SendCommand): Promise<TransitionResult> {
    const now = this.clock.now();
    const { event } = command;
    if (!event || typeof event.type !== 'string' || event.type === '') {
      throw new DomainError(DomainErrorCode.INVALID_INPUT, 'An event needs a type.', { field: 'event.type' });
    }
    const row = await new CaseStore(manager).lock(command.caseId, command.roleOnCase ? command.actor.id : undefined);
    const role = row && command.roleOnCase ? command.roleOnCase(row) : command.actor.role;
    if (!row || !role) throw notFound(command.caseId);
    // The machine's permissions and the audit trail see the role the actor acts in on this case.
    const actor: Actor = role === command.actor.role ? command.actor : { ...command.actor, role };

    // Checked before the version, so a retried request with its original If-Match still gets its answer.
    // Keys belong to their caller on this case: another user's same key is another command.
    const keyed = await this.checkKey(manager, `${row.id}:${actor.id}`, command.idempotencyKey, { op: 'send', event, actorId: actor.id }, false, 'This idempotency key was already used for a different command. Use a new key for a new command.');
    if ('replay' in keyed) return keyed.replay;
    if (command.expectedVersion !== undefined && command.expectedVersion !== row.version) {
      throw new DomainError(DomainErrorCode.VERSION_CONFLICT, `The case has changed since version ${command.expectedVersion}: it is now at version ${row.version}. Reload it and try again.`, {
        currentVersion: row.version,
        expectedVersion: command.expectedVersion,
      });
    }

    const definition = this.definition(row.workflowId, row.workflowVersion);
    const calendar = await this.calendars.forArea(manager, row.areaId, now);
    command.checkEvent?.({ ...row, timeZone: calendar.timeZone });
    const facts = this.facts ? await this.facts.forCase(manager, row, { now, timeZone: calendar.timeZone, policy: this.policy }) : undefined;
    const snapshot = this.restore(definition, row, now, calendar, actor, facts);
    this.authorise(definition, snapshot, row, { ...command, actor });
    if (command.check) await command.check(row, manager);
    if (isTimerEvent(command) && (await new TimerStore(manager).fireDue(row.id, event.type, now)) === 0) {
      // Written before the transition; any later rejection rolls it back with everything else.
      throw new DomainError(DomainErrorCode.EVENT_NOT_ALLOWED, `No timer ${event.type} is due on this case.`, {
        event: event.type,
        state: row.state,
        ...nextStepsFor(definition, snapshot, actor.role),
      });
    }

    const [next, rawActions] = countable(event.type, () => transition(definition.machine, snapshot, event as never));
    this.assertHealthy(next, event.type);
    const plan = planEffects(
      snapshot,
      next,
      rawActions as unknown as MachineAction[],
      now,
      reenteredNodes(definition.machine, snapshot, event, next),
      passedThrough(getMicrosteps(definition.machine, snapshot, event as never).map(([step]) => step)),
      definition.machine.getTransitionData(snapshot, event as never),
    );
    countable(event.type, () => countExactly(definition, next, plan));
    const { type: _type, ...data } = event;
    return this.commit(manager, {
      definition,
      actor,
      now,
      timeZone: calendar.timeZone,
      row,
      before: definition.project(snapshot).participants,
      next,
      projection: definition.project(next),
      plan,
      eventType: event.type,
      data,
      key: keyed.key,
    });
  }

  /**
   * The one commit step of `openIn` and `sendIn`: every row a transition implies, in one fixed
   * order (README "One commit step"): [open: the family's rows, then the case row claimed at
   * version 0] → participants → timers cancelled and scheduled, outbox → documents → the audit
   * event, hash-chained onto the case's head → the case row at version + 1 (snapshot, projection,
   * due date from the active timers) → [open: the caller's `link`] → the idempotency record.
   * Answers the transition's result (also what a replay of its key answers).
   */
  private async commit(manager: EntityManager, c: Commit): Promise<TransitionResult> {
    const { definition, actor, now, plan, projection } = c;
    const claimed = c.opening ? await this.claim(manager, c.opening, projection, actor, now) : { row: c.row, attributes: null };
    const { row } = claimed;
    const version = row.version + 1;

    const participants = new ParticipantStore(manager);
    if (c.opening) await participants.addOpener(row.id, actor.id, now);
    if (!sameParticipants(c.before, projection.participants)) await participants.replace(row.id, projection.participants, now);
    await this.writeEffects(manager, row.id, plan, now);
    const issuedDocuments = await this.issueDocuments(manager, {
      caseRow: row,
      caseVersion: version,
      state: projection.state,
      eventType: c.eventType,
      actor,
      context: c.next.context,
      kinds: plan.documents,
      now,
      timeZone: c.timeZone,
    });
    const hash = await new AuditStore(manager).append({
      caseId: row.id,
      seq: version,
      at: now,
      actorId: actor.id,
      actorRole: actor.role,
      eventType: c.eventType,
      fromState: row.state,
      toState: projection.state,
      // An opening records the attributes the case was opened with, its family's ids as written.
      data: claimed.attributes ? { ...c.data, attributes: claimed.attributes } : c.data,
      prevHash: row.lastAuditHash,
    });
    const written = await new CaseStore(manager).update(caseUpdate(definition, row.id, version, c.next, projection, hash, now));
    if (c.opening?.records?.link) await c.opening.records.link(manager, row.id, now);

    const result: TransitionResult = {
      caseId: row.id,
      version,
      state: projection.state,
      stage: projection.stage,
      status: projection.status,
      dueAt: iso(written.dueAt),
      dueOn: written.dueAt ? localDueDay(written.dueAt, c.timeZone) : null,
      timeZone: c.timeZone,
      ...nextStepsFor(definition, c.next, actor.role),
      documents: kindsOf(plan),
      issuedDocuments,
      replayed: false,
    };
    if (c.key) await new IdempotencyStore(manager).save(c.key.scope, c.key.key, c.key.requestHash, result, now);
    return result;
  }

  /**
   * An opening's first writes: the family's rows (the family, then the child, then the other
   * members) and the case row, inserted at version 0 so that the rows written next can reference
   * it; the commit then moves it to version 1 like any transition. Answers the row as the commit
   * continues from it (no state, no audit head yet) and the attributes the case opened with.
   */
  private async claim(manager: EntityManager, opening: Opening, projection: CaseProjection, actor: Actor, now: Date): Promise<{ row: CommittedRow; attributes: CaseAttributes }> {
    const { records } = opening;
    let attributes = opening.attributes;
    if (records) {
      const people = new PeopleStore(manager);
      const familyId = 'id' in records.family ? records.family.id : (await people.insertFamily({ areaId: attributes.areaId, createdBy: actor.id, createdAt: now, sensitive: records.family.new.sensitive ?? {} })).id;
      const newChild = 'new' in records.child ? [records.child.new] : [];
      const written = await people.insertMembers(familyId, [...newChild, ...(records.members ?? [])], now);
      const childPersonId = 'id' in records.child ? records.child.id : written[0]?.id;
      if (childPersonId === undefined) throw new Error('the child was not written');
      attributes = { ...attributes, familyId, childPersonId };
    }
    const row = {
      id: opening.caseId,
      areaId: attributes.areaId,
      familyId: attributes.familyId ?? null,
      childPersonId: attributes.childPersonId ?? null,
      openedAt: now,
    };
    await new CaseStore(manager).insert({
      ...row,
      workflowId: opening.workflowId,
      workflowVersion: opening.workflowVersion,
      origin: attributes.origin ?? null,
      previousEpisodeId: attributes.previousEpisodeId ?? null,
      leadPractitionerId: projection.leadPractitionerId,
      state: projection.state,
      stage: projection.stage,
      status: projection.status,
      closureReason: projection.closureReason,
      dueAt: null,
      overdue: false,
      snapshot: opening.snapshot,
      version: 0,
      // Never read: version 0 lives only inside this transaction, and the chain starts at null.
      lastAuditHash: '',
    });
    return { row: { ...row, version: 0, state: null, lastAuditHash: null }, attributes };
  }

  async recalculateDeadlinesIn(manager: EntityManager, command: RecalculateCommand): Promise<RecalculationResult> {
    const now = this.clock.now();
    const cases = new CaseStore(manager);
    const row = await cases.lock(command.caseId);
    if (!row) throw notFound(command.caseId);
    const definition = this.definition(row.workflowId, row.workflowVersion);
    const unchanged: RecalculationResult = { caseId: row.id, version: row.version, moves: [] };
    if (row.status === 'closed' || !definition.deadlineDue) return unchanged;

    const calendar = await this.calendars.forArea(manager, row.areaId, now);
    const snapshot = this.restore(definition, row, now, calendar, command.actor);
    const timers = new TimerStore(manager);
    const moves: DeadlineMove[] = [];
    for (const timer of await timers.listPending(row.id)) {
      const due = timer.delayName === null ? null : definition.deadlineDue(snapshot.context, timer.delayName);
      if (due === null || due.getTime() === timer.dueAt.getTime()) continue;
      await timers.reschedule(timer.id, due);
      moves.push({
        deadline: timer.delayName as string,
        stateId: timer.stateId,
        from: timer.dueAt.toISOString(),
        to: due.toISOString(),
        fromDay: localDueDay(timer.dueAt, calendar.timeZone),
        toDay: localDueDay(due, calendar.timeZone),
      });
    }
    if (moves.length === 0) return unchanged;

    const version = row.version + 1;
    const projection = definition.project(snapshot);
    const hash = await new AuditStore(manager).append({
      caseId: row.id,
      seq: version,
      at: now,
      actorId: command.actor.id,
      actorRole: command.actor.role,
      eventType: DEADLINES_RECALCULATED,
      fromState: row.state,
      toState: projection.state,
      data: { because: command.because, timeZone: calendar.timeZone, moves },
      prevHash: row.lastAuditHash,
    });
    await cases.update(caseUpdate(definition, row.id, version, snapshot, projection, hash, now));
    return { caseId: row.id, version, moves };
  }

  async recordChangeIn(manager: EntityManager, command: RecordChangeCommand): Promise<RecordChangeResult> {
    const now = this.clock.now();
    const cases = new CaseStore(manager);
    const row = await cases.lock(command.caseId, command.actor.id);
    const role = row ? command.roleOnCase(row) : null;
    if (!row || !role) throw notFound(command.caseId);
    if (command.expectedVersion !== undefined && command.expectedVersion !== row.version) {
      throw new DomainError(DomainErrorCode.VERSION_CONFLICT, `The case has changed since version ${command.expectedVersion}: it is now at version ${row.version}. Reload it and try again.`, {
        currentVersion: row.version,
        expectedVersion: command.expectedVersion,
      });
    }
    const data = await command.apply(row, role, manager);
    if (data === null) return { caseId: row.id, version: row.version, changed: false };
    // The same chain as every transition: seq = the new version, hashed onto the case's head.
    const version = row.version + 1;
    const hash = await new AuditStore(manager).append({
      caseId: row.id,
      seq: version,
      at: now,
      actorId: command.actor.id,
      actorRole: role,
      eventType: command.eventType,
      fromState: row.state,
      toState: row.state,
      data,
      prevHash: row.lastAuditHash,
    });
    await cases.advance(row.id, version, hash, now);
    return { caseId: row.id, version, changed: true };
  }

  async allowedEvents(caseId: string, actor: Actor): Promise<string[]> {
    const row = await new CaseStore(this.dataSource.manager).find(caseId);
    if (!row) throw notFound(caseId);
    return this.allowedEventsOf(row, actor);
  }

  allowedEventsOf(row: CaseSnapshotRow, actor: Actor): string[] {
    return this.nextStepsOf(row, actor).allowedEvents;
  }

  nextStepsOf(row: CaseSnapshotRow, actor: Actor): NextSteps {
    const definition = this.definition(row.workflowId, row.workflowVersion);
    return nextStepsFor(definition, this.restore(definition, row, this.clock.now(), undefined, actor), actor.role);
  }

  /**
   * The case's machine snapshot, brought to the workflow's current shape (`definition.upgrade`:
   * a case persisted by an earlier release continues), with the clock's reading in
   * `context.now`, the engine's deadline policy in `context.policy`, who acts in `context.actor`
   * (`{ id, role }` as they act on the case; null when nobody does) and, for a transition, the
   * organisation's working calendar in `context.calendar` and the case's facts (`caseFacts`)
   * (without them those of the last transition stay). Restored with `restoreSnapshot` rather
   * than `resolveState`: only the former revives history states.
   */
  restore(
    definition: WorkflowDefinition,
    row: Pick<CaseRow, 'id' | 'snapshot'>,
    now: Date,
    calendar?: WorkingCalendar,
    actor: Actor | null = null,
    facts?: Record<string, unknown>,
  ): AnyMachineSnapshot {
    const persisted = (definition.upgrade ? definition.upgrade(row.snapshot) : row.snapshot) as { context?: Record<string, unknown>; children?: Record<string, unknown> };
    if (persisted.children && Object.keys(persisted.children).length > 0) {
      throw new Error(`case ${row.id}: snapshots with child actors are not supported by the durable engine`);
    }
    // Who acts comes from the signed-in actor only, never from the event or an earlier transition.
    const acting = actor ? { id: actor.id, role: actor.role } : null;
    const json = { ...persisted, context: { ...persisted.context, ...facts, now: now.toISOString(), policy: this.policy, actor: acting, ...(calendar ? { calendar } : {}) } };
    return definition.machine.restoreSnapshot(json as never, undefined as never) as AnyMachineSnapshot;
  }

  /** Decides whether this actor may send this event now (`authoriseEvent`); throws the reason when not. */
  private authorise(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, row: CaseRow, command: SendCommand): void {
    authoriseEvent(definition, snapshot, row.state, command.event, command.actor);
  }

  /**
   * One way of idempotency for every command: without a key, nothing; with one, the commands
   * sharing (scope, key) serialised until the transaction ends, then the stored answer of the same
   * request (`replayed: true`), or IDEMPOTENCY_KEY_REUSED (`reused` is its message) when the key
   * was used for another request; else the record the commit saves. `lock`: take an advisory lock
   * on the key; a send passes false, since the case row it has locked (its scope) serialises its
   * keys already, and a second lock would cost every keyed send a round trip for nothing.
   */
  private async checkKey(manager: EntityManager, scope: string, key: string | undefined, request: unknown, lock: boolean, reused: string): Promise<{ replay: TransitionResult } | { key: KeyRecord | null }> {
    if (key === undefined) return { key: null };
    const store = new IdempotencyStore(manager);
    if (lock) await store.lockKey(scope, key);
    const requestHash = sha256(canonicalJson(request));
    const record = await store.find(scope, key);
    if (!record) return { key: { scope, key, requestHash } };
    if (record.requestHash !== requestHash) {
      throw new DomainError(DomainErrorCode.IDEMPOTENCY_KEY_REUSED, reused, { idempotencyKey: key });
    }
    return { replay: { ...(record.response as TransitionResult), replayed: true } };
  }

  private async writeEffects(manager: EntityManager, caseId: string, plan: EffectPlan, now: Date): Promise<void> {
    const timers = new TimerStore(manager);
    await timers.cancel(caseId, plan.cancelled, now);
    await timers.schedule(plan.timers.map((t) => ({ ...t, caseId })), now);
    await new OutboxStore(manager).add(
      plan.outbox.map((m) => ({ caseId, kind: m.kind, payload: m.payload })),
      now,
    );
  }

  /**
   * Renders and stores the documents of the states a transition entered, in its transaction: one
   * row per kind, audience and locale, each the next version of its series (a re-issued plan is
   * version 2; version 1 is never touched), with the SHA-256 of its HTML. A kind named twice in
   * one transition (two states entered that name it) is issued once.
   */
  private async issueDocuments(manager: EntityManager, issue: DocumentIssue): Promise<IssuedDocument[]> {
    const source = this.documentSource;
    const kinds = [...new Set(issue.kinds.map((d) => d.document))];
    if (!source || kinds.length === 0) return [];
    const store = new DocumentStore(manager);
    const latest = await store.latestVersions(issue.caseRow.id);
    const rows: NewDocument[] = [];
    for (const kind of kinds) {
      const nextVersion = (audience: string, locale: string) => (latest.get(documentSeries({ kind, audience, locale })) ?? 0) + 1;
      const rendered = await source.render(manager, { kind, caseRow: issue.caseRow, state: issue.state, context: issue.context, nextVersion, now: issue.now, timeZone: issue.timeZone });
      for (const doc of rendered) {
        rows.push({
          caseId: issue.caseRow.id,
          kind,
          audience: doc.audience,
          locale: doc.locale,
          version: nextVersion(doc.audience, doc.locale),
          state: issue.state,
          caseVersion: issue.caseVersion,
          eventType: issue.eventType,
          producedAt: issue.now,
          producedBy: issue.actor.id,
          producedByRole: issue.actor.role,
          templateVersion: doc.templateVersion,
          viewModel: doc.viewModel,
          html: doc.html,
          sha256: sha256(doc.html),
        });
      }
    }
    const ids = await store.add(rows);
    return rows.map((r, i) => ({ id: ids[i] as string, kind: r.kind, audience: r.audience, locale: r.locale, version: r.version, sha256: r.sha256 }));
  }

  private assertHealthy(snapshot: AnyMachineSnapshot, eventType: string): void {
    if (snapshot.status === 'error') {
      const reason = snapshot.error instanceof Error ? snapshot.error.message : String(snapshot.error);
      throw new DomainError(DomainErrorCode.INVALID_INPUT, `${eventType} could not be applied: ${reason}`, { event: eventType });
    }
  }
}

/** The kinds of document a transition issues, each once (a transition and the state it enters may name the same one). */
function kindsOf(plan: EffectPlan): string[] {
  return [...new Set(plan.documents.map((d) => d.document))];
}

/** The microsteps' snapshots before the last (which is the transition's result): the states passed through. */
function passedThrough(microsteps: readonly AnyMachineSnapshot[]): AnyMachineSnapshot[] {
  return microsteps.slice(0, -1);
}

/** An idempotency key checked new: where its record goes when the command commits. */
interface KeyRecord {
  scope: string;
  key: string;
  requestHash: string;
}

/** The case a commit writes on, as it stands before: a send's locked row, or an open's row just claimed (version 0, no state, no audit head). */
type CommittedRow = Pick<CaseRow, 'id' | 'areaId' | 'familyId' | 'childPersonId' | 'openedAt' | 'version'> & { state: string | null; lastAuditHash: string | null };

/** What an open hands the commit to claim the case row with. */
interface Opening {
  caseId: string;
  workflowId: string;
  workflowVersion: number;
  /** As given, with those the caller's `prepare` added (familyId and childPersonId come from the rows written). */
  attributes: CaseAttributes;
  /** The caller's rows (`OpenCommand.prepare`), or null: the case names the family the attributes give. */
  records: OpenRecords | null;
  /** The persisted initial snapshot. */
  snapshot: unknown;
}

/** What `commit` writes: an open's (with `opening`) or a send's (with the locked `row`). */
type Commit = {
  definition: WorkflowDefinition;
  /** Who acts, in the role they act in on the case. */
  actor: Actor;
  now: Date;
  /** The organisation's time zone (the answer's `dueOn`, the documents' dates). */
  timeZone: string;
  /** The participants the case named before (none for an open). */
  before: readonly { userId: string; kind: string }[];
  next: AnyMachineSnapshot;
  projection: CaseProjection;
  plan: EffectPlan;
  /** The audit event's type and data. */
  eventType: string;
  data: Record<string, unknown>;
  key: KeyRecord | null;
} & ({ opening: Opening; row?: undefined } | { opening?: undefined; row: CaseRow });

/** What `issueDocuments` needs of a transition. */
interface DocumentIssue {
  caseRow: Pick<CaseRow, 'id' | 'areaId' | 'familyId' | 'childPersonId' | 'openedAt'>;
  caseVersion: number;
  state: string;
  eventType: string;
  actor: Actor;
  context: unknown;
  kinds: EffectPlan['documents'];
  now: Date;
  timeZone: string;
}

/** The case row a snapshot makes, at `version`: its projection, the snapshot itself, the audit hash it ends on. */
function caseUpdate(definition: WorkflowDefinition, id: string, version: number, snapshot: AnyMachineSnapshot, projection: CaseProjection, lastAuditHash: string, at: Date): CaseUpdate {
  return {
    id,
    version,
    state: projection.state,
    stage: projection.stage,
    status: projection.status,
    leadPractitionerId: projection.leadPractitionerId,
    closureReason: projection.closureReason,
    snapshot: definition.machine.getPersistedSnapshot(snapshot),
    lastAuditHash,
    at,
    dueDateDelays: [...definition.dueDateDelays],
  };
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function sameParticipants(a: readonly { userId: string; kind: string }[], b: readonly { userId: string; kind: string }[]): boolean {
  const key = (p: { userId: string; kind: string }) => `${p.kind}:${p.userId}`;
  const before = new Set(a.map(key));
  return a.length === b.length && b.every((p) => before.has(key(p)));
}

/**
 * Decides whether this actor may send this event now; throws the reason when not, saying how
 * to get there: EVENT_NOT_ALLOWED names the state where the event is accepted and the events
 * that lead to it (when the machine says), ROLE_NOT_PERMITTED names the roles that may send it,
 * GUARD_FAILED gives each failing rule's reason. Every refusal carries this actor's next steps
 * (`allowedEvents`, `waitingEvents`). Pure: the engine calls it on the locked case's snapshot
 * before anything is written; `state` is the case's dotted state, for messages.
 */
export function authoriseEvent(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, state: string, event: SendCommand['event'], actor: Actor): void {
  const isTimer = isTimerEvent({ event, actor });
  const candidates = event.type.startsWith('xstate.') && !isTimer ? [] : candidateTransitions(snapshot, event.type);
  const nextSteps = () => nextStepsFor(definition, snapshot, actor.role);
  const notAllowed = () => {
    const found = event.type.startsWith('xstate.') ? null : wayToEventAndNeeds(definition, snapshot, event.type);
    const way = found?.way ?? null;
    return new DomainError(DomainErrorCode.EVENT_NOT_ALLOWED, notAllowedMessage(event.type, state, snapshot.status === 'active', way, found?.needs ?? []), {
      event: event.type,
      state,
      ...(way ? { acceptedIn: way.state, leadingEvents: way.events } : {}),
      ...nextSteps(),
    });
  };
  if (snapshot.status !== 'active' || candidates.length === 0) throw notAllowed();
  const roles = permittedRoles(snapshot, event.type);
  if (!isTimer && !roles.has(actor.role)) {
    const permitted = ROLES.filter((r) => roles.has(r));
    throw new DomainError(
      DomainErrorCode.ROLE_NOT_PERMITTED,
      `${capitalised(aRole(actor.role))} may not send ${event.type} while the case is ${state}: ${permitted.length > 0 ? `only ${rolesInWords(permitted)} may.` : 'nobody may send it in this state.'}`,
      { event: event.type, state, role: actor.role, permittedRoles: permitted, ...nextSteps() },
    );
  }
  const enabled = definition.machine.getTransitionData(snapshot, event as never);
  if (enabled.length === 0) {
    const { guards, reasons } = guardReasons(definition, snapshot, candidates, event);
    throw new DomainError(DomainErrorCode.GUARD_FAILED, reasons.join(' '), {
      event: event.type,
      state,
      guards,
      reasons,
      ...nextSteps(),
    });
  }
  if (!isTimer && enabled.every(isForbidden)) throw notAllowed();
}

/** A delayed event of the machine, delivered by the system actor (the timer worker). */
function isTimerEvent(command: Pick<SendCommand, 'event' | 'actor'>): boolean {
  return command.event.type.startsWith(AFTER_PREFIX) && command.actor.role === 'system';
}

function notFound(caseId: string): DomainError {
  // One answer for a missing case and one the caller may not see: neither says whether it exists.
  return new DomainError(DomainErrorCode.CASE_NOT_FOUND, 'There is no case with this id that you can see.', { caseId });
}

/** A deadline the working calendar cannot count (a day outside it, a zone-less time) is bad input, not a crash. */
function countable<T>(eventType: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof CalendarError)) throw err;
    throw new DomainError(DomainErrorCode.INVALID_INPUT, `${eventType} could not be applied: ${err.message}`, { event: eventType });
  }
}

/**
 * Timers of deadlines the workflow can count are due at the deadline's exact instant, even one
 * already past (a meeting recorded weeks after it was held is overdue at once), rather than
 * now + the delay XState computed (which stops at 0).
 */
function countExactly(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, plan: EffectPlan): void {
  if (!definition.deadlineDue) return;
  for (const timer of plan.timers) {
    const due = timer.delayName === null ? null : definition.deadlineDue(snapshot.context, timer.delayName);
    if (due !== null) timer.dueAt = due;
  }
}

/** "SUBMIT_REQUEST is not accepted while the case is request.draft. It is accepted in …, which REQUEST_CONSENT leads to; …" */
function notAllowedMessage(type: string, state: string, active: boolean, way: WayToEvent | null, then: readonly string[]): string {
  const refused = `${type} is not accepted while the case is ${state}.`;
  if (!active) return `${refused} The case is over: nothing more is accepted on it.`;
  if (!way) return refused;
  const route = way.events.length === 0 ? 'which this stage moves on to by itself' : `which ${way.events.join(', then ')} ${way.events.length === 1 ? 'leads' : 'lead'} to`;
  const needs = then.length > 0 ? ` As the case stands, ${type} will then need: ${then.join(' ')}` : '';
  return `${refused} It is accepted in ${way.state}, ${route}.${needs}`;
}
