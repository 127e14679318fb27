import type { Cancellable, Scheduler, VirtualScheduler } from './scheduler.js';

/** How often (real milliseconds) the cluster is looked at: a jump needs two quiet looks in a row. */
const POLL_MS = 5;

/**
 * Virtual time that moves by itself (`clock: 'auto'`): whenever something waits on the cluster (a client
 * request in flight, a topology change, a statement run through the API) and the cluster has been quiet for
 * a look (no virtual task ran since the previous one), time jumps to the next timer and runs what falls due
 * then, one due time per jump. A request to a dead replica thus gets its timeout in milliseconds of real
 * time instead of hanging until someone calls advanceTime.
 *
 * Timers still fire in order at their own virtual times, as under 'virtual'; what real time decides is only
 * where, between two jumps, a request arriving from a client falls. With nothing waiting, time stands still,
 * so TTLs and hint windows do not run out between two requests of a test.
 */
export class AutoAdvance {
  private lastRanCount = -1;
  private poll: Cancellable | null = null;

  /** `real` schedules the looks (real time); `waiting` says whether anything waits on the cluster now. */
  constructor(private readonly virtual: VirtualScheduler, private readonly real: Scheduler, private readonly waiting: () => boolean) {}

  start(): void {
    if (this.poll === null) this.schedule();
  }

  stop(): void {
    this.poll?.cancel();
    this.poll = null;
  }

  private schedule(): void {
    this.poll = this.real.schedule(POLL_MS, () => {
      this.look();
      this.schedule();
    });
  }

  private look(): void {
    const ran = this.virtual.ranCount;
    const quiet = ran === this.lastRanCount;
    this.lastRanCount = ran;
    if (quiet && this.waiting()) this.virtual.advanceToNext();
  }
}
