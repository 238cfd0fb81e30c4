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
  auditHash,
  CaseStore,
  canonicalJson,
  DocumentStore,
  documentSeries,
  IdempotencyStore,
  isUuid,
  iso,
  OutboxStore,
  ParticipantStore,
  sha256,
  TimerStore,
  type CaseRow,
  type CaseUpdate,
  type NewDocument,
  type NewAuditEvent,
} from '@tacu/persistence';
import type {
  CaseFactsSource,
  CaseSnapshotRow,
  Clock,
  DeadlineMove,
  DocumentSource,
  Engine,
  IssuedDocument,
  OpenCommand,
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

  async openIn(manager: EntityManager, command: OpenCommand): Promise<TransitionResult> {
    const now = this.clock.now();
    const definition = this.definition(command.workflowId, command.workflowVersion);
    const attributes = command.attributes ?? ({} as OpenCommand['attributes']);
    if (typeof attributes.areaId !== 'string' || attributes.areaId === '') {
      throw new DomainError(DomainErrorCode.INVALID_INPUT, 'A case needs the network area it belongs to (attributes.areaId).', { field: 'attributes.areaId' });
    }
    const key = command.idempotencyKey;
    const requestHash = key === undefined ? '' : sha256(canonicalJson({ op: 'open', workflowId: definition.id, workflowVersion: definition.version, input: command.input, attributes, caseId: command.caseId ?? null, actorId: command.actor.id }));
    if (key !== undefined) {
      const idempotency = new IdempotencyStore(manager);
      await idempotency.lockKey('open', key);
      const replay = await this.replay(idempotency, 'open', key, requestHash);
      if (replay) return replay;
    }

    const cases = new CaseStore(manager);
    const caseId = command.caseId ?? randomUUID();
    if (command.caseId !== undefined) {
      if (!isUuid(caseId)) throw new DomainError(DomainErrorCode.INVALID_INPUT, 'A case id must be a uuid.', { field: 'caseId' });
      if (await cases.exists(caseId)) throw new DomainError(DomainErrorCode.INVALID_INPUT, `A case with id ${caseId} already exists.`, { field: 'caseId' });
    }

    const calendar = await this.calendars.forArea(manager, attributes.areaId, now);
    // The case keeps the framework it opens with: every later rating is checked against this copy.
    const outcomeFramework = await this.outcomeFrameworks.forArea(manager, attributes.areaId);
    let input: unknown;
    try {
      input = definition.input({ ...(command.input ?? {}), now: now.toISOString(), policy: this.policy, calendar, outcomeFramework });
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
    const dueAt = earliestDue(plan, definition.dueDateDelays);
    const audit: NewAuditEvent = {
      caseId,
      seq: 1,
      at: now,
      actorId: command.actor.id,
      actorRole: command.actor.role,
      eventType: OPEN_CASE,
      fromState: null,
      toState: projection.state,
      data: { workflowId: definition.id, workflowVersion: definition.version, input: command.input ?? {}, attributes, outcomeFramework: outcomeFramework.id },
      prevHash: null,
    };
    const hash = auditHash({ ...audit, data: JSON.parse(JSON.stringify(audit.data)) });
    await cases.insert({
      id: caseId,
      workflowId: definition.id,
      workflowVersion: definition.version,
      areaId: attributes.areaId,
      familyId: attributes.familyId ?? null,
      childPersonId: attributes.childPersonId ?? null,
      origin: attributes.origin ?? null,
      previousEpisodeId: attributes.previousEpisodeId ?? null,
      leadPractitionerId: projection.leadPractitionerId,
      state: projection.state,
      stage: projection.stage,
      status: projection.status,
      closureReason: projection.closureReason,
      dueAt,
      overdue: dueAt !== null && dueAt.getTime() <= now.getTime(),
      snapshot: definition.machine.getPersistedSnapshot(snapshot),
      version: 1,
      lastAuditHash: hash,
      openedAt: now,
      closedAt: projection.status === 'closed' ? now : null,
    });
    await new AuditStore(manager).append(audit);
    await this.writeEffects(manager, caseId, plan, now);
    const issuedDocuments = await this.issueDocuments(manager, {
      caseRow: { id: caseId, areaId: attributes.areaId, familyId: attributes.familyId ?? null, childPersonId: attributes.childPersonId ?? null, openedAt: now },
      caseVersion: 1,
      state: projection.state,
      eventType: OPEN_CASE,
      actor: command.actor,
      context: snapshot.context,
      kinds: plan.documents,
      now,
      timeZone: calendar.timeZone,
    });
    const participants = new ParticipantStore(manager);
    await participants.addOpener(caseId, command.actor.id, now);
    await participants.replace(caseId, projection.participants, now);

    const result: TransitionResult = {
      caseId,
      version: 1,
      state: projection.state,
      stage: projection.stage,
      status: projection.status,
      dueAt: iso(dueAt),
      dueOn: dueAt ? localDueDay(dueAt, calendar.timeZone) : null,
      timeZone: calendar.timeZone,
      ...nextStepsFor(definition, snapshot, command.actor.role),
      documents: kindsOf(plan),
      issuedDocuments,
      replayed: false,
    };
    if (key !== undefined) await new IdempotencyStore(manager).save('open', key, requestHash, result, now);
    return result;
  }

  async sendIn(manager: EntityManager, command: SendCommand): Promise<TransitionResult> {
    const now = this.clock.now();
    const { event } = command;
    if (!event || typeof event.type !== 'string' || event.type === '') {
      throw new DomainError(DomainErrorCode.INVALID_INPUT, 'An event needs a type.', { field: 'event.type' });
    }
    const cases = new CaseStore(manager);
    const row = await cases.lock(command.caseId, command.roleOnCase ? command.actor.id : undefined);
    const role = row && command.roleOnCase ? command.roleOnCase(row) : command.actor.role;
    if (!row || !role) throw notFound(command.caseId);
    // The machine's permissions and the audit trail see the role the actor acts in on this case.
    const actor: Actor = role === command.actor.role ? command.actor : { ...command.actor, role };

    const key = command.idempotencyKey;
    const requestHash = key === undefined ? '' : sha256(canonicalJson({ op: 'send', event, actorId: actor.id }));
    if (key !== undefined) {
      const replay = await this.replay(new IdempotencyStore(manager), row.id, key, requestHash);
      if (replay) return replay;
    }
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
    const projection = definition.project(next);
    const version = row.version + 1;
    if (!sameParticipants(definition.project(snapshot).participants, projection.participants)) {
      await new ParticipantStore(manager).replace(row.id, projection.participants, now);
    }
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

    await this.writeEffects(manager, row.id, plan, now);
    const issuedDocuments = await this.issueDocuments(manager, {
      caseRow: row,
      caseVersion: version,
      state: projection.state,
      eventType: event.type,
      actor,
      context: next.context,
      kinds: plan.documents,
      now,
      timeZone: calendar.timeZone,
    });
    const { type: _type, ...data } = event;
    const hash = await new AuditStore(manager).append({
      caseId: row.id,
      seq: version,
      at: now,
      actorId: actor.id,
      actorRole: actor.role,
      eventType: event.type,
      fromState: row.state,
      toState: projection.state,
      data,
      prevHash: row.lastAuditHash,
    });
    const written = await cases.update(caseUpdate(definition, row.id, version, next, projection, hash, now));

    const result: TransitionResult = {
      caseId: row.id,
      version,
      state: projection.state,
      stage: projection.stage,
      status: projection.status,
      dueAt: iso(written.dueAt),
      dueOn: written.dueAt ? localDueDay(written.dueAt, calendar.timeZone) : null,
      timeZone: calendar.timeZone,
      ...nextStepsFor(definition, next, actor.role),
      documents: kindsOf(plan),
      issuedDocuments,
      replayed: false,
    };
    if (key !== undefined) await new IdempotencyStore(manager).save(row.id, key, requestHash, result, now);
    return result;
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

  private async replay(store: IdempotencyStore, scope: string, key: string, requestHash: string): Promise<TransitionResult | null> {
    const record = await store.find(scope, key);
    if (!record) return null;
    if (record.requestHash !== requestHash) {
      throw new DomainError(DomainErrorCode.IDEMPOTENCY_KEY_REUSED, 'This idempotency key was already used for a different command. Use a new key for a new command.', {
        idempotencyKey: key,
      });
    }
    return { ...(record.response as TransitionResult), replayed: true };
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

/** Earliest due time among the planned timers whose delay sets the due date (a new case has no other timers). */
function earliestDue(plan: EffectPlan, dueDateDelays: ReadonlySet<string>): Date | null {
  let earliest: Date | null = null;
  for (const t of plan.timers) {
    if (t.delayName !== null && dueDateDelays.has(t.delayName) && (!earliest || t.dueAt < earliest)) earliest = t.dueAt;
  }
  return earliest;
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
