import type { VirtualClock } from './clock.js';

/** Timers are injected like the clock, so a virtual-time cluster fires them when time is advanced. */
export interface Scheduler {
  schedule(delayMs: number, task: () => void): Cancellable;
}

export interface Cancellable {
  cancel(): void;
}

export class SystemScheduler implements Scheduler {
  schedule(delayMs: number, task: () => void): Cancellable {
    const handle = setTimeout(task, delayMs);
    handle.unref?.();
    return { cancel: () => clearTimeout(handle) };
  }
}

interface PendingTask {
  dueMs: number;
  order: number;
  task: () => void;
  cancelled: boolean;
}

/** Runs tasks only when the virtual clock is advanced through it, in due-time order. */
export class VirtualScheduler implements Scheduler {
  private pending: PendingTask[] = [];
  private order = 0;

  constructor(private readonly clock: VirtualClock) {}

  schedule(delayMs: number, task: () => void): Cancellable {
    const entry: PendingTask = { dueMs: this.clock.nowMs() + delayMs, order: this.order++, task, cancelled: false };
    this.pending.push(entry);
    return { cancel: () => { entry.cancelled = true; } };
  }

  /** Moves time forward by `ms`, running every task that falls due on the way. */
  advance(ms: number): void {
    const targetMs = this.clock.nowMs() + ms;
    for (;;) {
      this.pending = this.pending.filter((t) => !t.cancelled);
      this.pending.sort((a, b) => a.dueMs - b.dueMs || a.order - b.order);
      const next = this.pending[0];
      if (next === undefined || next.dueMs > targetMs) break;
      this.pending.shift();
      this.clock.advance(Math.max(0, next.dueMs - this.clock.nowMs()));
      next.task();
    }
    this.clock.advance(targetMs - this.clock.nowMs());
  }
}
