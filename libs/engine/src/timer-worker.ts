/**
 * Fires durable timers. Each due timer is fired in its own transaction: lock the case row,
 * claim the timer row (SKIP LOCKED, still active and unfired), send its event through the engine
 * as the system actor, mark it fired. Case-then-timer is the same lock order as a user's send
 * that cancels timers, so the two never deadlock; SKIP LOCKED plus the "unfired" re-check means
 * two workers never fire one timer twice. Timers are rows, so they survive restarts.
 */
import type { DataSource } from 'typeorm';
import { DomainError, DomainErrorCode, SYSTEM_ACTOR } from '@tacu/domain';
import { CaseStore, TimerStore } from '@tacu/persistence';
import type { Clock, Engine } from './engine.types';

export interface TimerWorkerOptions {
  dataSource: DataSource;
  engine: Pick<Engine, 'sendIn'>;
  clock: Clock;
  /** Called for a timer that failed with an unexpected error (it stays due and is retried). */
  onError?: (error: unknown, timer: { id: string; caseId: string }) => void;
}

export interface RunDueResult {
  /** Timers whose event the machine applied. */
  fired: number;
  /** Timers another worker had claimed or fired, or that were cancelled meanwhile. */
  skipped: number;
  /** Timers whose event the machine refused (guard failed, or its state is no longer active). */
  rejected: number;
  /** Timers that failed with an unexpected error. */
  failed: number;
}

export class TimerWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(private readonly options: TimerWorkerOptions) {}

  /**
   * Fires up to `limit` due timers, oldest first. `caseIds` restricts it to some cases (tests that
   * share one server database; an operator re-driving one case).
   */
  async runDue({ limit = 100, caseIds }: { limit?: number; caseIds?: readonly string[] } = {}): Promise<RunDueResult> {
    const { dataSource, clock } = this.options;
    const result: RunDueResult = { fired: 0, skipped: 0, rejected: 0, failed: 0 };
    const due = await new TimerStore(dataSource.manager).findDue(clock.now(), limit, caseIds);
    for (const candidate of due) {
      try {
        result[await this.fire(candidate)]++;
      } catch (err) {
        result.failed++;
        this.options.onError?.(err, candidate);
      }
    }
    return result;
  }

  private async fire(candidate: { id: string; caseId: string }): Promise<'fired' | 'skipped' | 'rejected'> {
    const { dataSource, engine, clock } = this.options;
    const outcome = await dataSource.transaction(async (manager) => {
      if (!(await new CaseStore(manager).lock(candidate.caseId))) return 'skipped' as const;
      const timers = new TimerStore(manager);
      const timer = await timers.claim(candidate.id);
      if (!timer) return 'skipped' as const;
      try {
        // A savepoint: a refused event rolls back only the send, the claim stays.
        await manager.transaction((inner) => engine.sendIn(inner, { caseId: timer.caseId, event: { type: timer.eventType }, actor: SYSTEM_ACTOR }));
      } catch (err) {
        if (!(err instanceof DomainError) || (err.code !== DomainErrorCode.GUARD_FAILED && err.code !== DomainErrorCode.EVENT_NOT_ALLOWED)) throw err;
        // The machine ignores this delayed event now: it is spent. If its state is gone, it no longer sets a due date.
        await timers.markFired(timer.id, clock.now(), err.code === DomainErrorCode.EVENT_NOT_ALLOWED);
        return 'rejected' as const;
      }
      // The engine marked the timer fired as part of the send.
      return 'fired' as const;
    });
    return outcome;
  }

  /**
   * Runs `runDue` every `intervalMs` (milliseconds) until `stop()`; runs never overlap. `caseIds`
   * restricts it to some cases, as for `runDue`.
   */
  start(intervalMs = 1000, limit = 100, caseIds?: readonly string[]): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.runDue({ limit, caseIds })
        .catch((err) => this.options.onError?.(err, { id: '', caseId: '' }))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops the loop and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}

export function createTimerWorker(options: TimerWorkerOptions): TimerWorker {
  return new TimerWorker(options);
}
