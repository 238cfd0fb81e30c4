/**
 * Holidays are facts, not policy: when an organisation's calendar changes (a closure day added,
 * its country, region, time zone or substitute rule changed, a new holiday library version at
 * start-up), every open deadline it falls inside moves. Each change is first recorded
 * (`calendar_changes`: who, when, what, in the transaction that makes it), then applied case by
 * case through `engine.recalculateDeadlinesIn`, one transaction per case (a moved deadline is a
 * case change: version + 1 and a DEADLINES_RECALCULATED audit event in its hash chain). A change
 * is marked complete once every case is recounted; until then it is pending and `runPending`
 * (called at start-up, and after each change) takes it up again, so a crash half-way loses
 * nothing. Recounting twice moves nothing the second time.
 *
 * Deadlines that have already passed (their timer fired) are history and do not move.
 */
import type { DataSource } from 'typeorm';
import { addDays, endOfLocalDay, SYSTEM_ACTOR, type Actor } from '@tacu/domain';
import { OrganisationStore, type CalendarChange, type CalendarSettings, type StoredClosureDay } from '@tacu/persistence';
import type { Clock, Engine } from '../engine.types';
import { holidaySourceOf } from './working-calendars';

export interface CalendarChangesOptions {
  dataSource: DataSource;
  engine: Pick<Engine, 'recalculateDeadlinesIn'>;
  clock: Clock;
  /** Called for a case whose recount failed (the change stays pending and is retried later). */
  onError?: (error: unknown, at: { changeId: string; caseId: string }) => void;
}

/** What applying pending changes did. */
export interface RecountSummary {
  /** Changes applied to every case (now complete). */
  changes: number;
  /** Cases recounted. */
  cases: number;
  /** Cases at least one of whose deadlines moved. */
  moved: number;
  /** Cases whose recount failed (their change stays pending). */
  failed: number;
}

/** Who made a change read from a configuration file at start-up. */
export const CONFIGURATION_ACTOR: Actor = { id: 'configuration', role: 'system', areaId: '*', name: 'Configuration file' };

export class CalendarChanges {
  constructor(private readonly options: CalendarChangesOptions) {}

  /**
   * Adds a closure day to an organisation and recounts the open deadlines it falls inside.
   * `added` is false (nothing written or recounted) when the organisation already closes that day.
   */
  async addClosureDay(input: { organisationId: string; date: string; name: string; actor: Actor; requestId?: string | null }): Promise<{ added: boolean; recount: RecountSummary }> {
    const { dataSource, clock } = this.options;
    const added = await dataSource.transaction(async (manager) => {
      const store = new OrganisationStore(manager);
      const organisation = await store.find(input.organisationId);
      if (!organisation) throw new Error(`There is no organisation "${input.organisationId}".`);
      return this.recordClosureDay(store, organisation, { date: input.date, name: input.name }, input.actor, input.requestId ?? null, clock.now());
    });
    if (!added) return { added, recount: { changes: 0, cases: 0, moved: 0, failed: 0 } };
    return { added, recount: await this.runPending([input.organisationId]) };
  }

  /**
   * Makes an organisation's calendar what a configuration says: creates it with these settings
   * (or sets them), and adds the closure days it does not have yet (a day removed from the
   * configuration stays: closure days are never deleted). Records a change for each closure day
   * added; changed settings are found by `checkHolidaySources`. Does not recount: call
   * `checkHolidaySources` and `runPending` next.
   */
  async configure(organisationId: string, settings: CalendarSettings, closureDays: readonly StoredClosureDay[], actor: Actor = CONFIGURATION_ACTOR): Promise<void> {
    const { dataSource, clock } = this.options;
    await dataSource.transaction(async (manager) => {
      const store = new OrganisationStore(manager);
      const existing = await store.find(organisationId);
      if (existing) await store.setCalendarSettings(organisationId, settings);
      else await store.upsert({ id: organisationId, name: organisationId, ...settings });
      const organisation = { ...(existing ?? { id: organisationId, name: organisationId, holidaySource: null }), ...settings };
      for (const day of closureDays) await this.recordClosureDay(store, organisation, day, actor, null, clock.now());
    });
  }

  /**
   * For each organisation (or those named) whose holiday library version or calendar settings
   * differ from those its open deadlines were counted with: records a change to recount them
   * all. Returns how many changes it recorded.
   */
  async checkHolidaySources(organisationIds?: readonly string[], actor: Actor = SYSTEM_ACTOR): Promise<number> {
    const { dataSource, clock } = this.options;
    return dataSource.transaction(async (manager) => {
      const store = new OrganisationStore(manager);
      let recorded = 0;
      for (const organisation of await store.list()) {
        if (organisationIds && !organisationIds.includes(organisation.id)) continue;
        const source = holidaySourceOf(organisation);
        if (organisation.holidaySource === source) continue;
        await store.recordChange({
          organisationId: organisation.id,
          kind: 'holidaySourceChanged',
          detail: { from: organisation.holidaySource, to: source },
          affectsFrom: null,
          actorId: actor.id,
          actorRole: actor.role,
          requestId: null,
          at: clock.now(),
        });
        await store.setHolidaySource(organisation.id, source);
        recorded++;
      }
      return recorded;
    });
  }

  /** Applies every pending change (of the organisations named, or all) to the open deadlines of its organisation. */
  async runPending(organisationIds?: readonly string[]): Promise<RecountSummary> {
    const { dataSource } = this.options;
    const summary: RecountSummary = { changes: 0, cases: 0, moved: 0, failed: 0 };
    for (const change of await new OrganisationStore(dataSource.manager).pendingChanges(organisationIds)) {
      const failedBefore = summary.failed;
      await this.apply(change, summary);
      if (summary.failed === failedBefore) {
        await new OrganisationStore(dataSource.manager).completeChange(change.id, this.options.clock.now());
        summary.changes++;
      }
    }
    return summary;
  }

  private async apply(change: CalendarChange, summary: RecountSummary): Promise<void> {
    const { dataSource, engine, onError } = this.options;
    const actor = { id: change.actorId, role: change.actorRole, areaId: '*' } as Actor;
    const because = { calendarChange: change.id, kind: change.kind, ...change.detail };
    // A closed day moves only deadlines counted in working days; a new library or settings (a time zone) can move any.
    const workingDaysOnly = change.kind === 'closureDayAdded';
    for (const caseId of await new OrganisationStore(dataSource.manager).casesWithPendingDeadlines(change.organisationId, change.affectsFrom, workingDaysOnly)) {
      try {
        const result = await dataSource.transaction((manager) => engine.recalculateDeadlinesIn(manager, { caseId, actor, because }));
        summary.cases++;
        if (result.moves.length > 0) summary.moved++;
      } catch (error) {
        summary.failed++;
        onError?.(error, { changeId: change.id, caseId });
      }
    }
  }

  /** Writes a closure day and the change that records it (in the caller's transaction); false when it already exists. */
  private async recordClosureDay(
    store: OrganisationStore,
    organisation: { id: string; timeZone: string },
    day: StoredClosureDay,
    actor: Actor,
    requestId: string | null,
    at: Date,
  ): Promise<boolean> {
    const added = await store.addClosureDay({ organisationId: organisation.id, date: day.date, name: day.name, createdAt: at, createdBy: actor.id });
    if (!added) return false;
    await store.recordChange({
      organisationId: organisation.id,
      kind: 'closureDayAdded',
      detail: { date: day.date, name: day.name },
      // Only deadlines due after the closure day starts can move.
      affectsFrom: endOfLocalDay(addDays(day.date, -1), organisation.timeZone),
      actorId: actor.id,
      actorRole: actor.role,
      requestId,
      at,
    });
    return true;
  }
}
