import type { Clock, Scheduler } from '../../common/index.js';

/**
 * A countdown latch awaited until a deadline on the cluster's clock and scheduler (Cassandra's
 * CountDownLatch and SimpleCondition, whose awaitUntil a coordinator uses to wait for replicas).
 */
export class Latch {
  private waiters: (() => void)[] = [];

  constructor(private count: number, private readonly time: { readonly clock: Clock; readonly scheduler: Scheduler }) {}

  /** How many more countDown() calls open the latch (never negative). */
  get remaining(): number {
    return this.count;
  }

  get isOpen(): boolean {
    return this.count === 0;
  }

  countDown(): void {
    if (this.count === 0) return;
    this.count--;
    if (this.count === 0) this.release();
  }

  /** Opens the latch at once (a condition signalled). */
  open(): void {
    if (this.count === 0) return;
    this.count = 0;
    this.release();
  }

  /** True once the latch is open, false if `deadlineMs` (a clock reading) comes first. */
  awaitUntil(deadlineMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    const waitMs = deadlineMs - this.time.clock.nowMs();
    if (waitMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = (): void => {
        timer.cancel();
        resolve(true);
      };
      const timer = this.time.scheduler.schedule(waitMs, () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(this.count === 0);
      });
      this.waiters.push(waiter);
    });
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
