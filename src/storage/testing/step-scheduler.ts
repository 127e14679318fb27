import type { Cancellable, Scheduler } from '../../common/index.js';

/** A scheduler whose tasks run only when a test says so, one at a time: a test interleaves its requests with background slices. */
export class StepScheduler implements Scheduler {
  private tasks: { task: () => void; cancelled: boolean }[] = [];
  private readonly settled = new WeakMap<Promise<unknown>, { done: boolean }>();

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

  /**
   * Runs the next task; while none waits and `work` has not settled, gives the event loop turns first (a
   * background job waits for a sync on the thread pool). False once `work` settled with nothing waiting.
   */
  async step(work: Promise<unknown>): Promise<boolean> {
    let state = this.settled.get(work);
    if (state === undefined) {
      const s = { done: false };
      state = s;
      this.settled.set(work, s);
      work.then(() => { s.done = true; }, () => { s.done = true; });
    }
    for (;;) {
      if (this.runOne()) return true;
      if (state.done) return false;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Runs tasks until `work` settles; resolves as it does. */
  async drive<T>(work: Promise<T>): Promise<T> {
    while (await this.step(work));
    return work;
  }
}
