import type { VirtualClock } from './clock.js';

/** Timers are injected like the clock, so a virtual-time cluster fires them when time is advanced. */
export interface Scheduler {
  schedule(delayMs: number, task: () => void): Cancellable;
}

export interface Cancellable {
  cancel(): void;
}

/** Runs `task` every `delayMs` (ScheduledExecutorService.scheduleWithFixedDelay) until cancelled. */
export function scheduleWithFixedDelay(scheduler: Scheduler, delayMs: number, task: () => void): Cancellable {
  let cancelled = false;
  let timer: Cancellable;
  const run = (): void => {
    task();
    if (!cancelled) timer = scheduler.schedule(delayMs, run);
  };
  timer = scheduler.schedule(delayMs, run);
  return { cancel: () => { cancelled = true; timer.cancel(); } };
}

/**
 * Real timers. A task due now (a message on a link without latency) runs in this turn's check phase,
 * before the event loop polls for I/O again: a replica applies a mutation sent to it before the
 * coordinator's answer can reach a client and the client's next request can arrive, as on a real
 * cluster on one machine. A zero-delay setTimeout would wait at least a millisecond, long enough for a
 * client's read to overtake the write it just saw acknowledged.
 */
export class SystemScheduler implements Scheduler {
  schedule(delayMs: number, task: () => void): Cancellable {
    if (delayMs <= 0) {
      // Not unref'd: an unref'd immediate lets the loop block in its poll phase until some timer or I/O
      // wakes it, and a message between nodes then waits for the next timer or I/O (hundreds of ms when idle).
      const immediate = setImmediate(task);
      return { cancel: () => clearImmediate(immediate) };
    }
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

function earlier(a: PendingTask, b: PendingTask): boolean {
  return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.order < b.order);
}

/**
 * Runs tasks in due-time order (a binary heap) on a virtual clock. Tasks already due (zero delay: a
 * message on a link without latency) run on the next turn of the event loop without the clock moving;
 * everything later waits until advance() moves time past it.
 */
export class VirtualScheduler implements Scheduler {
  private readonly heap: PendingTask[] = [];
  private order = 0;
  private drainScheduled = false;
  private tasksRun = 0;

  constructor(private readonly clock: VirtualClock) {}

  schedule(delayMs: number, task: () => void): Cancellable {
    const entry: PendingTask = { dueMs: this.clock.nowMs() + Math.max(0, delayMs), order: this.order++, task, cancelled: false };
    this.push(entry);
    if (entry.dueMs <= this.clock.nowMs() && !this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(() => {
        this.drainScheduled = false;
        this.advance(0);
      });
    }
    return { cancel: () => { entry.cancelled = true; } };
  }

  /** Moves time forward by `ms`, running every task that falls due on the way, in order. */
  advance(ms: number): void {
    const targetMs = this.clock.nowMs() + ms;
    for (;;) {
      const next = this.heap[0];
      if (next === undefined || next.dueMs > targetMs) break;
      this.pop();
      if (next.cancelled) continue;
      this.clock.advance(Math.max(0, next.dueMs - this.clock.nowMs()));
      this.tasksRun++;
      next.task();
    }
    this.clock.advance(Math.max(0, targetMs - this.clock.nowMs()));
  }

  /** Moves time to the next task's due time, running every task due by then; false when no task waits. */
  advanceToNext(): boolean {
    while (this.heap[0]?.cancelled === true) this.pop();
    const next = this.heap[0];
    if (next === undefined) return false;
    this.advance(Math.max(0, next.dueMs - this.clock.nowMs()));
    return true;
  }

  /** Tasks run so far: when it has not changed between two looks, nothing ran on the virtual clock meanwhile. */
  get ranCount(): number {
    return this.tasksRun;
  }

  /** Tasks waiting (cancelled ones included until they come due). */
  get pendingCount(): number {
    return this.heap.length;
  }

  private push(entry: PendingTask): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && earlier(h[l]!, h[m]!)) m = l;
      if (r < h.length && earlier(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
