import type { Cancellable, Clock } from '../../common/index.js';

/** Schedules a task through the network, which tracks the timer so close() can cancel it. */
export type ScheduleTask = (delayMs: number, task: () => void) => Cancellable;

/**
 * The messages in flight on one directional link. Like a TCP connection it keeps order: a message
 * never overtakes one sent before it, even if the latency was lowered meanwhile. One timer serves the
 * whole link (for its earliest message), so a flood costs one scheduled task, not one per message.
 */
export class LinkQueue<T> {
  /** Messages accepted on this link and not yet delivered or dropped, counted by the network. */
  queuedCount = 0;
  private entries: { readonly dueMs: number; readonly item: T }[] = [];
  private headIndex = 0;
  private lastDueMs = -Infinity;
  private timer: Cancellable | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly schedule: ScheduleTask,
    private readonly arrive: (item: T) => void,
  ) {}

  push(item: T, latencyMs: number): void {
    const nowMs = this.clock.nowMs();
    this.lastDueMs = Math.max(nowMs + latencyMs, this.lastDueMs);
    this.entries.push({ dueMs: this.lastDueMs, item });
    this.timer ??= this.schedule(this.lastDueMs - nowMs, () => this.drain());
  }

  /** Gives up every message waiting on the link (returned, to be counted) and its timer. */
  discard(): T[] {
    this.timer?.cancel();
    this.timer = null;
    const items = this.entries.slice(this.headIndex).map((e) => e.item);
    this.entries = [];
    this.headIndex = 0;
    return items;
  }

  private drain(): void {
    this.timer = null;
    const nowMs = this.clock.nowMs();
    try {
      for (;;) {
        const next = this.entries[this.headIndex];
        if (next === undefined || next.dueMs > nowMs) break;
        this.headIndex++;
        this.arrive(next.item);
      }
    } finally {
      // Even if a handler threw, the rest of the link keeps flowing.
      this.scheduleNext(nowMs);
    }
  }

  private scheduleNext(nowMs: number): void {
    // Let go of delivered entries once they outnumber those still waiting.
    if (this.headIndex * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.headIndex);
      this.headIndex = 0;
    }
    const next = this.entries[this.headIndex];
    if (next !== undefined) this.timer ??= this.schedule(Math.max(0, next.dueMs - nowMs), () => this.drain());
  }
}
