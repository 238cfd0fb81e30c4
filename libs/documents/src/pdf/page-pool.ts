/**
 * A bounded pool of reusable items (the renderer's browser pages): at most `size` exist, idle
 * ones are reused, items are opened lazily, and a caller that finds every item taken waits in a
 * first-come queue for at most `queueTimeoutMs` before `PdfBusyError`.
 */
import { PdfBusyError } from './errors';

/** How the pool makes, checks and gets rid of its items. */
export interface PoolItems<T> {
  /** Opens a new item; its error is the acquiring caller's error. */
  open(): Promise<T>;
  /** Whether an item can still be used (a page of a browser that died cannot). */
  isUsable(item: T): boolean;
  /** Gets rid of an item; must not throw. */
  dispose(item: T): Promise<void>;
}

interface Waiter<T> {
  resolve(item: T): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
}

/** A bounded pool: `acquire` an item, then exactly one of `release` (reuse it) or `discard` (drop it). */
export class BoundedPool<T> {
  private readonly idle: T[] = [];
  /** Items lent out or being opened; with the idle ones, never more than `size`. */
  private taken = 0;
  private readonly waiters: Waiter<T>[] = [];
  private closedWith: Error | undefined;

  constructor(
    readonly size: number,
    readonly queueTimeoutMs: number,
    private readonly items: PoolItems<T>,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a whole number of at least 1, not ${size}`);
    if (!(queueTimeoutMs >= 0)) throw new RangeError(`queue timeout must be 0 ms or more, not ${queueTimeoutMs}`);
  }

  /** An item for the caller alone. Throws `PdfBusyError` after the bounded wait, or `open`'s error. */
  async acquire(): Promise<T> {
    if (this.closedWith) throw this.closedWith;
    const idle = this.takeIdle();
    if (idle !== undefined) return idle;
    if (this.hasRoom()) return this.openTaken();
    return this.enqueue();
  }

  /** Gives a used item back: to the first waiter, else to the idle ones. Unusable items are discarded. */
  release(item: T): void {
    if (this.closedWith || !this.items.isUsable(item)) {
      this.discard(item);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      clearTimeout(waiter.timer);
      waiter.resolve(item);
      return;
    }
    this.taken--;
    this.idle.push(item);
  }

  /** Drops a used item (it failed or timed out); a waiter gets a newly opened one in its place. */
  discard(item: T): void {
    this.taken--;
    void this.items.dispose(item);
    this.serveNextWaiter();
  }

  /** Forgets the idle items without disposing of them (their browser is gone already). */
  forgetIdle(): void {
    this.idle.length = 0;
  }

  /** Refuses every waiter and later `acquire` with `error`, and disposes of the idle items. */
  async close(error: Error): Promise<void> {
    this.closedWith = error;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    await Promise.all(this.idle.splice(0).map((item) => this.items.dispose(item)));
  }

  private hasRoom(): boolean {
    return this.taken + this.idle.length < this.size;
  }

  private takeIdle(): T | undefined {
    for (let item = this.idle.pop(); item !== undefined; item = this.idle.pop()) {
      if (this.items.isUsable(item)) {
        this.taken++;
        return item;
      }
      void this.items.dispose(item);
    }
    return undefined;
  }

  private async openTaken(): Promise<T> {
    this.taken++;
    try {
      return await this.items.open();
    } catch (error) {
      this.taken--;
      this.serveNextWaiter();
      throw error;
    }
  }

  private enqueue(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const at = this.waiters.indexOf(waiter);
          if (at >= 0) this.waiters.splice(at, 1);
          reject(new PdfBusyError(this.size, this.queueTimeoutMs));
        }, this.queueTimeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  private serveNextWaiter(): void {
    if (this.closedWith || !this.hasRoom()) return;
    const waiter = this.waiters.shift();
    if (!waiter) return;
    clearTimeout(waiter.timer);
    this.openTaken().then(waiter.resolve, waiter.reject);
  }
}
