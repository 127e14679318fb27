import type { Cancellable, Scheduler } from '../../common/index.js';
import type { PendingSync, SlicedWork } from '../sstable/index.js';

/** A piece of background work: a generator that yields between slices (see SlicedWork) and returns its result. */
export type SlicedJob<T> = () => SlicedWork<T>;

interface Queued {
  readonly job: SlicedJob<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

interface Running extends Queued {
  readonly work: SlicedWork<unknown>;
  /** The next slice scheduled, or the sync being waited for. */
  next: Cancellable | null;
  /** The sync running off the event loop, done again at once if the job must end now. */
  syncing: PendingSync | null;
}

type Outcome = { readonly sync: PendingSync | null } | { readonly ended: true; readonly error?: { readonly value: unknown } };

/**
 * Runs jobs one after the other, a slice per turn of the scheduler, so that requests are served between
 * two slices (Cassandra runs flushes and compactions on threads of their own; here they share the event
 * loop); a sync a slice asks for runs on the thread pool meanwhile. A job starts when the one before it
 * ends: it picks what it works on then.
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
   * Runs the running job and every queued one to their ends now (a drain, or writes waiting for memory),
   * syncing at once; throws the first failure once all have ended (each job's promise is rejected with its own).
   */
  finishNow(): void {
    let failure: { readonly value: unknown } | undefined;
    while (this.running !== null) {
      const running = this.running;
      this.stopWaiting(running);
      running.syncing?.runSync();
      running.syncing = null;
      for (;;) {
        const outcome = this.step(running);
        if ('ended' in outcome) {
          failure ??= outcome.error;
          break;
        }
        outcome.sync?.runSync();
      }
    }
    if (failure !== undefined) throw failure.value;
  }

  /** Stops the running job where it is (its generator returns: its finally blocks clean up) and drops the queued ones. */
  abort(): void {
    const running = this.running;
    this.running = null;
    const dropped = this.queue.splice(0);
    if (running !== null) {
      this.stopWaiting(running);
      running.work.return(undefined);
      running.resolve(undefined);
    }
    for (const q of dropped) q.resolve(undefined);
  }

  private startNext(): void {
    const queued = this.queue.shift();
    if (queued === undefined) return;
    let work: SlicedWork<unknown>;
    try {
      work = queued.job();
    } catch (e) {
      queued.reject(e);
      this.startNext();
      return;
    }
    const running: Running = { ...queued, work, next: null, syncing: null };
    this.running = running;
    this.scheduleSlice(running);
  }

  private scheduleSlice(running: Running): void {
    running.next = this.scheduler.schedule(0, () => {
      running.next = null;
      this.continueWith(running, this.step(running));
    });
  }

  /** After a slice: the next one, once the sync it asked for is done. */
  private continueWith(running: Running, outcome: Outcome): void {
    if ('ended' in outcome || this.running !== running) return;
    const sync = outcome.sync;
    if (sync === null) {
      this.scheduleSlice(running);
      return;
    }
    let cancelled = false;
    running.syncing = sync;
    running.next = { cancel: () => { cancelled = true; } };
    sync.run().then(() => {
      if (cancelled) return;
      running.syncing = null;
      this.scheduleSlice(running);
    }, (error: unknown) => {
      if (cancelled) return;
      running.syncing = null;
      // The job sees the failure where it asked for the sync: its finally blocks clean up.
      this.continueWith(running, this.step(running, { value: error }));
    });
  }

  private stopWaiting(running: Running): void {
    running.next?.cancel();
    running.next = null;
  }

  /** Runs one slice of `running` (or throws `error` into it); says what it asks for next, or that it ended. */
  private step(running: Running, error?: { readonly value: unknown }): Outcome {
    let result: IteratorResult<PendingSync | undefined, unknown>;
    try {
      result = error === undefined ? running.work.next() : running.work.throw(error.value);
    } catch (e) {
      this.ended(running);
      running.reject(e);
      return { ended: true, error: { value: e } };
    }
    if (result.done === true) {
      this.ended(running);
      running.resolve(result.value);
      return { ended: true };
    }
    return { sync: result.value ?? null };
  }

  private ended(running: Running): void {
    if (this.running !== running) return;
    this.running = null;
    this.startNext();
  }
}
