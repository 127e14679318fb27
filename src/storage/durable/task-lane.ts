import type { Cancellable, Scheduler } from '../../common/index.js';

/** A piece of background work: a generator that yields between slices and returns its result. */
export type SlicedJob<T> = () => Generator<void, T>;

interface Queued {
  readonly job: SlicedJob<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

interface Running extends Queued {
  readonly work: Generator<void, unknown>;
  next: Cancellable | null;
}

/**
 * Runs jobs one after the other, a slice per turn of the scheduler, so that requests are served between
 * two slices (Cassandra runs flushes and compactions on threads of their own; here they share the event
 * loop). A job starts when the one before it ends: it picks what it works on then.
 */
export class TaskLane {
  private readonly queue: Queued[] = [];
  private running: Running | null = null;

  constructor(private readonly scheduler: Scheduler) {}

  /** Whether a job runs or waits. */
  get busy(): boolean {
    return this.running !== null || this.queue.length > 0;
  }

  /** Queues `job`; resolves with its result, or with undefined when the lane was aborted before it ended. */
  submit<T>(job: SlicedJob<T>): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve, reject) => {
      this.queue.push({ job, resolve: resolve as (value: unknown) => void, reject });
      if (this.running === null) this.startNext();
    });
  }

  /** Resolves once every job queued now has ended. */
  idle(): Promise<void> {
    return this.busy ? this.submit(function* () {}).then(() => undefined) : Promise.resolve();
  }

  /**
   * Runs the running job and every queued one to their ends now (a drain, or writes waiting for memory);
   * throws the first failure once all have ended (each job's promise is rejected with its own).
   */
  finishNow(): void {
    let failure: { readonly error: unknown } | null = null;
    while (this.running !== null) {
      const running = this.running;
      running.next?.cancel();
      running.next = null;
      while (this.running === running) {
        const error = this.step(running);
        if (error !== null) failure ??= error;
      }
    }
    if (failure !== null) throw failure.error;
  }

  /** Stops the running job where it is (its generator returns: its finally blocks clean up) and drops the queued ones. */
  abort(): void {
    const running = this.running;
    this.running = null;
    const dropped = this.queue.splice(0);
    if (running !== null) {
      running.next?.cancel();
      running.work.return(undefined);
      running.resolve(undefined);
    }
    for (const q of dropped) q.resolve(undefined);
  }

  private startNext(): void {
    const queued = this.queue.shift();
    if (queued === undefined) return;
    let work: Generator<void, unknown>;
    try {
      work = queued.job();
    } catch (e) {
      queued.reject(e);
      this.startNext();
      return;
    }
    const running: Running = { ...queued, work, next: null };
    this.running = running;
    running.next = this.scheduler.schedule(0, () => this.slice(running));
  }

  /** One slice from the scheduler; the next one is scheduled if the job goes on. */
  private slice(running: Running): void {
    running.next = null;
    this.step(running);
    if (this.running === running) running.next = this.scheduler.schedule(0, () => this.slice(running));
  }

  /** Runs one slice of `running`; returns what it threw, if it did. */
  private step(running: Running): { readonly error: unknown } | null {
    let result: IteratorResult<void, unknown>;
    try {
      result = running.work.next();
    } catch (error) {
      this.ended(running);
      running.reject(error);
      return { error };
    }
    if (result.done === true) {
      this.ended(running);
      running.resolve(result.value);
    }
    return null;
  }

  private ended(running: Running): void {
    if (this.running !== running) return;
    this.running = null;
    this.startNext();
  }
}
