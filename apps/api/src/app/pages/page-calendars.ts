/**
 * The working calendars the pages count due days with, one per area, each reused for a minute:
 * a calendar changes only when a closure day is added or the organisation's settings change, and
 * reading and building it (a query, five years of holidays) on every page was a cost of each
 * request. Shared by "my cases" and the case page, so both count on the same calendar.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { WorkingCalendar } from '@tacu/domain';
import { OrganisationCalendars, type Clock } from '@tacu/engine';
import { CLOCK, DATA_SOURCE } from '../core/tokens';

/** How long an area's working calendar is reused, in milliseconds (it changes only with a closure day). */
export const CALENDAR_CACHE_MS = 60_000;

@Injectable()
export class PageCalendars {
  private readonly calendars = new Map<string, { calendar: WorkingCalendar; until: number }>();

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The working calendar of the organisation `areaId` belongs to, at the clock's reading: the one
   * made within the last minute, else a fresh one. A clock set back (tests) makes a fresh one.
   */
  async forArea(areaId: string): Promise<WorkingCalendar> {
    const now = this.clock.now();
    const cached = this.calendars.get(areaId);
    if (cached && now.getTime() < cached.until && now.getTime() >= cached.until - CALENDAR_CACHE_MS) return cached.calendar;
    const calendar = await new OrganisationCalendars().forArea(this.dataSource.manager, areaId, now);
    this.calendars.set(areaId, { calendar, until: now.getTime() + CALENDAR_CACHE_MS });
    return calendar;
  }
}
