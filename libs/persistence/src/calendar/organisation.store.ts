/**
 * The organisations' calendar settings, their closure days and the log of calendar changes
 * (migration Calendar1795392500000). Takes the caller's EntityManager: the engine reads an
 * area's calendar inside the transition's transaction, and a closure day is written with the
 * change that records it. An area without a row belongs to the `default` organisation.
 */
import type { EntityManager } from 'typeorm';
import type { SubstituteDayRule } from '@tacu/domain';
import { jsonb, sql } from '../sql';

/** The organisation every area belongs to unless it says otherwise. */
export const DEFAULT_ORGANISATION_ID = 'default';

/** Where an organisation's public holidays come from and how its days are counted. */
export interface CalendarSettings {
  /** Country code of the holiday library (ISO 3166-1 alpha-2, e.g. `IE`). */
  country: string;
  /** The library's region (state) code within the country, e.g. `NIR` in `GB`; null for none. */
  region: string | null;
  /** IANA time zone deadlines are counted in. */
  timeZone: string;
  substituteDays: SubstituteDayRule;
}

export interface Organisation extends CalendarSettings {
  id: string;
  name: string;
  /** The holiday library version and settings its open deadlines were last counted with. */
  holidaySource: string | null;
}

export interface StoredClosureDay {
  /** Local day, YYYY-MM-DD. */
  date: string;
  name: string;
}

/** A configured outcome framework as stored: its id and its definition (checked before it was written). */
export interface ConfiguredOutcomeFramework {
  id: string;
  definition: unknown;
  configuredAt: Date;
}

/** An organisation's settings with all its closure days: what the engine builds its calendar from. */
export interface OrganisationCalendar extends Organisation {
  closureDays: StoredClosureDay[];
}

/** A closure day added; or the holiday library version or the calendar settings changed (found at start-up). */
export type CalendarChangeKind = 'closureDayAdded' | 'holidaySourceChanged';

export interface NewCalendarChange {
  organisationId: string;
  kind: CalendarChangeKind;
  detail: Record<string, unknown>;
  /** Only deadlines due from this instant on can move (null: any open deadline). */
  affectsFrom: Date | null;
  actorId: string;
  actorRole: string;
  requestId: string | null;
  at: Date;
}

export interface CalendarChange extends Omit<NewCalendarChange, 'at'> {
  id: string;
  createdAt: Date;
  completedAt: Date | null;
}

const ORGANISATION_COLUMNS = `o.id, o.name, o.country, o.region, o.time_zone AS "timeZone", o.substitute_days AS "substituteDays",
  o.holiday_source AS "holidaySource"`;

const CHANGE_COLUMNS = `id::text AS id, organisation_id AS "organisationId", kind, detail, affects_from AS "affectsFrom",
  actor_id AS "actorId", actor_role AS "actorRole", request_id AS "requestId", created_at AS "createdAt", completed_at AS "completedAt"`;

export class OrganisationStore {
  constructor(private readonly manager: EntityManager) {}

  /**
   * The calendar of the organisation an area belongs to (the `default` organisation for an area
   * without a row); null when that organisation does not exist. One statement: the engine runs
   * it in every transition.
   */
  async calendarOfArea(areaId: string): Promise<OrganisationCalendar | null> {
    const { rows } = await sql<OrganisationCalendar>(
      this.manager,
      `SELECT ${ORGANISATION_COLUMNS},
         coalesce((SELECT json_agg(json_build_object('date', c.day::text, 'name', c.name) ORDER BY c.day)
                   FROM closure_days c WHERE c.organisation_id = o.id), '[]'::json) AS "closureDays"
       FROM organisations o
       WHERE o.id = coalesce((SELECT a.organisation_id FROM areas a WHERE a.id = $1), '${DEFAULT_ORGANISATION_ID}')`,
      [areaId],
    );
    return rows[0] ?? null;
  }

  /** The organisation an area belongs to (`default` for an area without a row). */
  async organisationIdOfArea(areaId: string): Promise<string> {
    const { rows } = await sql<{ id: string }>(this.manager, `SELECT organisation_id AS id FROM areas WHERE id = $1`, [areaId]);
    return rows[0]?.id ?? DEFAULT_ORGANISATION_ID;
  }

  async find(id: string): Promise<Organisation | null> {
    const { rows } = await sql<Organisation>(this.manager, `SELECT ${ORGANISATION_COLUMNS} FROM organisations o WHERE o.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async list(): Promise<Organisation[]> {
    const { rows } = await sql<Organisation>(this.manager, `SELECT ${ORGANISATION_COLUMNS} FROM organisations o ORDER BY o.id`);
    return rows;
  }

  /** Creates an organisation, or renames it and sets its calendar settings. */
  async upsert(organisation: Omit<Organisation, 'holidaySource'>): Promise<void> {
    await sql(
      this.manager,
      `INSERT INTO organisations (id, name, country, region, time_zone, substitute_days) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, country = EXCLUDED.country, region = EXCLUDED.region,
         time_zone = EXCLUDED.time_zone, substitute_days = EXCLUDED.substitute_days`,
      [organisation.id, organisation.name, organisation.country, organisation.region, organisation.timeZone, organisation.substituteDays],
    );
  }

  /** Names an organisation as its people know it (the name its pages and documents show); false when it has no row. */
  async rename(id: string, name: string): Promise<boolean> {
    const { rowCount } = await sql(this.manager, `UPDATE organisations SET name = $2 WHERE id = $1 AND name IS DISTINCT FROM $2`, [id, name]);
    return rowCount === 1;
  }

  /** Sets an organisation's calendar settings; false when it has no row. */
  async setCalendarSettings(id: string, settings: CalendarSettings): Promise<boolean> {
    const { rowCount } = await sql(
      this.manager,
      `UPDATE organisations SET country = $2, region = $3, time_zone = $4, substitute_days = $5 WHERE id = $1`,
      [id, settings.country, settings.region, settings.timeZone, settings.substituteDays],
    );
    return rowCount === 1;
  }

  /** Records which holiday library version and settings the organisation's open deadlines are counted with. */
  async setHolidaySource(id: string, source: string): Promise<void> {
    await sql(this.manager, `UPDATE organisations SET holiday_source = $2 WHERE id = $1`, [id, source]);
  }

  /** Puts an area (which must exist) in an organisation. */
  async assignArea(areaId: string, organisationId: string): Promise<void> {
    await sql(this.manager, `UPDATE areas SET organisation_id = $2 WHERE id = $1`, [areaId, organisationId]);
  }

  /** Adds a closure day; false (and nothing written) when the organisation already has one that day. */
  async addClosureDay(day: { organisationId: string; date: string; name: string; createdAt: Date; createdBy: string | null }): Promise<boolean> {
    const { rowCount } = await sql(
      this.manager,
      `INSERT INTO closure_days (organisation_id, day, name, created_at, created_by) VALUES ($1, $2::date, $3, $4, $5)
       ON CONFLICT (organisation_id, day) DO NOTHING`,
      [day.organisationId, day.date, day.name, day.createdAt, day.createdBy],
    );
    return rowCount === 1;
  }

  async listClosureDays(organisationId: string): Promise<StoredClosureDay[]> {
    const { rows } = await sql<StoredClosureDay>(
      this.manager,
      `SELECT day::text AS date, name FROM closure_days WHERE organisation_id = $1 ORDER BY day`,
      [organisationId],
    );
    return rows;
  }

  /** Records a calendar change (still to be applied to open deadlines); returns its id. */
  async recordChange(change: NewCalendarChange): Promise<string> {
    const { rows } = await sql<{ id: string }>(
      this.manager,
      `INSERT INTO calendar_changes (organisation_id, kind, detail, affects_from, actor_id, actor_role, request_id, created_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8) RETURNING id::text AS id`,
      [change.organisationId, change.kind, jsonb(change.detail), change.affectsFrom, change.actorId, change.actorRole, change.requestId, change.at],
    );
    return rows[0].id;
  }

  /** Changes whose open deadlines are not all recounted yet, oldest first (`organisationIds` narrows them). */
  async pendingChanges(organisationIds?: readonly string[]): Promise<CalendarChange[]> {
    const { rows } = await sql<CalendarChange>(
      this.manager,
      `SELECT ${CHANGE_COLUMNS} FROM calendar_changes
       WHERE completed_at IS NULL AND ($1::text[] IS NULL OR organisation_id = ANY($1::text[])) ORDER BY id`,
      [organisationIds ? [...organisationIds] : null],
    );
    return rows;
  }

  async listChanges(organisationId: string): Promise<CalendarChange[]> {
    const { rows } = await sql<CalendarChange>(this.manager, `SELECT ${CHANGE_COLUMNS} FROM calendar_changes WHERE organisation_id = $1 ORDER BY id`, [organisationId]);
    return rows;
  }

  async completeChange(id: string, at: Date): Promise<void> {
    await sql(this.manager, `UPDATE calendar_changes SET completed_at = $2 WHERE id = $1::bigint AND completed_at IS NULL`, [id, at]);
  }

  /**
   * Open cases of the organisation with a deadline still to come that a calendar change could
   * move: an active, unfired timer (due from `affectsFrom` on, when given; counted in working
   * days, when `workingDaysOnly`: a closed day moves no deadline counted in calendar days or
   * weeks; the rule is the one the case recorded when the deadline started). Driven by the
   * timers' partial index on pending rows.
   */
  async casesWithPendingDeadlines(organisationId: string, affectsFrom: Date | null, workingDaysOnly = false): Promise<string[]> {
    const { rows } = await sql<{ id: string }>(
      this.manager,
      `SELECT DISTINCT t.case_id AS id
       FROM timers t JOIN cases c ON c.id = t.case_id LEFT JOIN areas a ON a.id = c.area_id
       WHERE t.active AND t.fired_at IS NULL AND ($2::timestamptz IS NULL OR t.due_at >= $2::timestamptz)
         AND c.status <> 'closed' AND coalesce(a.organisation_id, '${DEFAULT_ORGANISATION_ID}') = $1
         AND (NOT $3::boolean OR c.snapshot->'context'->'deadlineRules'->t.delay_name->>'unit' = 'workingDays')
       ORDER BY 1`,
      [organisationId, affectsFrom, workingDaysOnly],
    );
    return rows.map((r) => r.id);
  }

  // ---- outcome frameworks (migration OutcomeFrameworks1795392900000) ------------------------

  /**
   * The definition of the outcome framework the area's organisation rates new cases on (the
   * `default` organisation for an area without a row), as stored; null for the built-in default
   * (no framework named, or no organisation row). One statement.
   */
  async outcomeFrameworkOfArea(areaId: string): Promise<ConfiguredOutcomeFramework | null> {
    const { rows } = await sql<ConfiguredOutcomeFramework>(
      this.manager,
      `SELECT f.id, f.definition, f.configured_at AS "configuredAt"
       FROM organisations o JOIN outcome_frameworks f ON f.id = o.outcome_framework_id
       WHERE o.id = coalesce((SELECT a.organisation_id FROM areas a WHERE a.id = $1), '${DEFAULT_ORGANISATION_ID}')`,
      [areaId],
    );
    return rows[0] ?? null;
  }

  /** The id of the framework an organisation names; null for the built-in default (or no such organisation). */
  async outcomeFrameworkIdOf(organisationId: string): Promise<string | null> {
    const { rows } = await sql<{ id: string | null }>(this.manager, `SELECT outcome_framework_id AS id FROM organisations WHERE id = $1`, [organisationId]);
    return rows[0]?.id ?? null;
  }

  /** Writes a framework's checked definition under its id (a changed definition replaces the old: cases keep their own copies). */
  async saveOutcomeFramework(definition: { id: string }, at: Date): Promise<void> {
    await sql(
      this.manager,
      `INSERT INTO outcome_frameworks (id, definition, configured_at) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition, configured_at = EXCLUDED.configured_at
       WHERE outcome_frameworks.definition IS DISTINCT FROM EXCLUDED.definition`,
      [definition.id, jsonb(definition), at],
    );
  }

  /** Every configured framework as stored, by id (the start-up check reads them all). */
  async listOutcomeFrameworks(): Promise<ConfiguredOutcomeFramework[]> {
    const { rows } = await sql<ConfiguredOutcomeFramework>(this.manager, `SELECT id, definition, configured_at AS "configuredAt" FROM outcome_frameworks ORDER BY id`);
    return rows;
  }

  /**
   * Names the framework an organisation's new cases are rated on (a configured one's id, or null
   * for the built-in default); false when the organisation has no row. Open cases keep theirs.
   */
  async setOutcomeFramework(organisationId: string, frameworkId: string | null): Promise<boolean> {
    const { rowCount } = await sql(this.manager, `UPDATE organisations SET outcome_framework_id = $2 WHERE id = $1`, [organisationId, frameworkId]);
    return rowCount === 1;
  }

  /** The time zone of each area's organisation (areas without a row: the `default` organisation's). */
  async timeZonesOfAreas(areaIds: readonly string[]): Promise<Map<string, string>> {
    const { rows } = await sql<{ areaId: string; timeZone: string }>(
      this.manager,
      `SELECT ids.id AS "areaId", o.time_zone AS "timeZone"
       FROM unnest($1::text[]) AS ids(id) LEFT JOIN areas a ON a.id = ids.id
       JOIN organisations o ON o.id = coalesce(a.organisation_id, '${DEFAULT_ORGANISATION_ID}')`,
      [[...new Set(areaIds)]],
    );
    return new Map(rows.map((r) => [r.areaId, r.timeZone]));
  }
}
