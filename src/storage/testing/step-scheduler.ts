import type { Cancellable, Scheduler } from '../../common/index.js';

/** A scheduler whose tasks run only when a test says so, one at a time: a test interleaves its requests with background slices. */
export class StepScheduler implements Scheduler {
  private tasks: { task: () => void; cancelled: boolean }[] = [];

  schedule(_delayMs: number, task: () => void): Cancellable {
    const entry = { task, cancelled: false };
    this.tasks.push(entry);
    return { cancel: () => { entry.cancelled = true; } };
  }

  get pending(): number {
    return this.tasks.filter((t) => !t.cancelled).length;
  }

  /** Runs the oldest task waiting; false when none waits. */
  runOne(): boolean {
    for (;;) {
      const next = this.tasks.shift();
      if (next === undefined) return false;
      if (next.cancelled) continue;
      next.task();
      return true;
    }
  }

  /** Runs tasks until none waits; returns how many ran. */
  runAll(): number {
    let count = 0;
    while (this.runOne()) count++;
    return count;
  }
}
