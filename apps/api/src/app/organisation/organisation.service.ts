/**
 * The organisation's working calendar: what it is (public holidays, substitute days, closure
 * days), adding a closure day, and bringing the calendar up to date at start-up (the
 * configuration's calendar for the default organisation, a new holiday library version, and any
 * recount a crash interrupted). Every deadline move goes through the engine (`CalendarChanges`).
 */
import { ConflictException, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { addDays, isWeekend, outcomeFrameworkProblems, weekdayOf, type Actor } from '@tacu/domain';
import { CalendarChanges, closedDaysOf, HOLIDAY_LIBRARY, OrganisationOutcomeFrameworks, type Clock, type Engine } from '@tacu/engine';
import { DEFAULT_ORGANISATION_ID, OrganisationStore, type Organisation } from '@tacu/persistence';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CLOCK, DATA_SOURCE, ENGINE } from '../core/tokens';
import { ValidationFailed } from '../errors/validation-failed';
import type { AddClosureDayDto, ClosureDayAddedResponse, OrganisationCalendarResponse, OrganisationOutcomeFrameworkResponse } from './organisation.dto';

/** How far back and ahead a closure day may be added: within the working calendars the engine counts with. */
const CLOSURE_DAY_YEARS_BACK = 1;
const CLOSURE_DAY_YEARS_AHEAD = 2;

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const weekdayName = (day: string): string => WEEKDAYS[weekdayOf(day) - 1] ?? day;

@Injectable()
export class OrganisationService implements OnModuleInit {
  private readonly logger = new Logger('Calendar');
  private readonly changes: CalendarChanges;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(ENGINE) engine: Engine,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.changes = new CalendarChanges({
      dataSource,
      engine,
      clock,
      onError: (error, at) =>
        this.logger.error({ ...at, err: { type: (error as Error)?.name, message: (error as Error)?.message } }, 'A deadline recount failed; the calendar change stays pending'),
    });
  }

  /**
   * Before the app serves anyone (and before the deadline worker starts): the default
   * organisation's name as configured, the policy file's calendar for it, a new holiday library version or changed settings,
   * and pending recounts, so no deadline is counted or fires on an outdated calendar.
   */
  async onModuleInit(): Promise<void> {
    // One name everywhere: the API and its error messages say what the pages and documents say (ORGANISATION_NAME).
    await new OrganisationStore(this.dataSource.manager).rename(DEFAULT_ORGANISATION_ID, this.config.pages.organisationName);
    await this.configureOutcomeFrameworks();
    if (this.config.calendar) await this.changes.configure(DEFAULT_ORGANISATION_ID, this.config.calendar.settings, this.config.calendar.closureDays);
    await this.changes.checkHolidaySources();
    const recount = await this.changes.runPending();
    if (recount.cases > 0) this.logger.log(recount, 'Open deadlines recounted on the current working calendars');
  }

  /**
   * The policy file's outcome frameworks written for organisations to name, the default
   * organisation's framework as the file says (null in the table: the built-in default), and every
   * stored definition checked: one edited by hand into something the system cannot rate on stops
   * the start, naming what to fix, rather than open a case on it. Open cases keep their own copy.
   */
  private async configureOutcomeFrameworks(): Promise<void> {
    const { outcomeFrameworks, outcomeFramework } = this.config;
    await this.dataSource.transaction(async (manager) => {
      const store = new OrganisationStore(manager);
      const now = this.clock.now();
      for (const framework of outcomeFrameworks) await store.saveOutcomeFramework(framework, now);
      if (outcomeFramework !== undefined) {
        const chosen = outcomeFrameworks.some((f) => f.id === outcomeFramework) ? outcomeFramework : null;
        const before = await store.outcomeFrameworkIdOf(DEFAULT_ORGANISATION_ID);
        if (before !== chosen) {
          await store.setOutcomeFramework(DEFAULT_ORGANISATION_ID, chosen);
          this.logger.log({ organisationId: DEFAULT_ORGANISATION_ID, from: before ?? 'built-in default', to: outcomeFramework }, 'New cases of the organisation are rated on another outcome framework; open cases keep theirs');
        }
      }
      const problems = (await store.listOutcomeFrameworks()).flatMap((f) => outcomeFrameworkProblems(f.definition, `stored outcome framework "${f.id}"`));
      if (problems.length > 0) throw new Error(`The outcome frameworks in the database are not valid: ${problems.join('; ')}. Fix them in DEADLINE_POLICY_FILE's outcomeFrameworks.`);
    });
  }

  /** The outcome framework the caller's organisation rates new cases and pre-request checklists on. */
  async outcomeFramework(actor: Actor): Promise<OrganisationOutcomeFrameworkResponse> {
    const manager = this.dataSource.manager;
    const organisationId = await new OrganisationStore(manager).organisationIdOfArea(actor.areaId);
    const framework = await new OrganisationOutcomeFrameworks().forArea(manager, actor.areaId);
    return { organisationId, framework: framework as unknown as OrganisationOutcomeFrameworkResponse['framework'] };
  }

  /** The organisation of the caller's area, with every closed day of a year. */
  async calendar(actor: Actor, year?: number): Promise<OrganisationCalendarResponse> {
    const organisation = await this.organisationOf(actor);
    const shown = year ?? DateTime.fromJSDate(this.clock.now(), { zone: organisation.timeZone }).year;
    const closureDays = await new OrganisationStore(this.dataSource.manager).listClosureDays(organisation.id);
    return {
      organisationId: organisation.id,
      name: organisation.name,
      country: organisation.country,
      region: organisation.region,
      timeZone: organisation.timeZone,
      substituteDays: organisation.substituteDays,
      holidayLibrary: HOLIDAY_LIBRARY,
      year: shown,
      closedDays: closedDaysOf(organisation, closureDays, shown, shown),
    };
  }

  /**
   * Adds a closure day to the caller's organisation and moves the open deadlines it falls
   * inside (each move audited in its case's history; the change itself, with who and the
   * request id, in `calendar_changes`). 409 when the organisation is closed that day already (a
   * closure day, a public holiday or substitute day, a Saturday or a Sunday).
   */
  async addClosureDay(actor: Actor, dto: AddClosureDayDto, requestId: string | null): Promise<ClosureDayAddedResponse> {
    const organisation = await this.organisationOf(actor);
    const today = DateTime.fromJSDate(this.clock.now(), { zone: organisation.timeZone }).toISODate() as string;
    const earliest = addDays(today, -366 * CLOSURE_DAY_YEARS_BACK);
    const latest = `${Number(today.slice(0, 4)) + CLOSURE_DAY_YEARS_AHEAD}-12-31`;
    if (dto.date < earliest || dto.date > latest) {
      throw new ValidationFailed([{ field: 'date', problems: [`date must be from ${earliest} to ${latest}: a closure day within a year back and up to the end of ${latest.slice(0, 4)}`] }]);
    }
    // A day the organisation is closed anyway moves no deadline; adding it would only leave a
    // closure day behind that nobody can take away.
    if (isWeekend(dto.date)) throw new ConflictException(`${dto.date} is a ${weekdayName(dto.date)}: ${organisation.name} is closed that day already, and no deadline counts it.`);
    const year = Number(dto.date.slice(0, 4));
    const holiday = closedDaysOf(organisation, [], year, year).find((d) => d.date === dto.date);
    if (holiday) throw new ConflictException(`${dto.date} is ${holiday.name}, a public holiday ${organisation.name} is closed on already: nothing changed.`);
    const name = dto.name.trim();
    const { added, recount } = await this.changes.addClosureDay({ organisationId: organisation.id, date: dto.date, name, actor, requestId });
    if (!added) throw new ConflictException(`${dto.date} is already a closure day of ${organisation.name}: nothing changed.`);
    return { organisationId: organisation.id, date: dto.date, name, recount: { cases: recount.cases, moved: recount.moved, failed: recount.failed } };
  }

  private async organisationOf(actor: Actor): Promise<Organisation> {
    const store = new OrganisationStore(this.dataSource.manager);
    const organisation = await store.find(await store.organisationIdOfArea(actor.areaId));
    if (!organisation) throw new Error(`The organisation of area ${actor.areaId} has no row`);
    return organisation;
  }
}
