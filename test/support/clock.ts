export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

/** A clock that only moves when told to: tests jump weeks ahead to reach deadlines (an engine `Clock`). */
export class FixedClock {
  private ms: number;

  constructor(start: Date | string = '2026-01-05T09:00:00.000Z') {
    this.ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): Date {
    this.ms += ms;
    return this.now();
  }

  set(at: Date | string): Date {
    this.ms = new Date(at).getTime();
    return this.now();
  }
}
