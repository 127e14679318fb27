import type { Clock } from '../../common/index.js';

const TICK_INTERVAL_MS = 5000;
/** The five-minute exponentially weighted moving average of a Dropwizard Meter, ticking every 5 seconds. */
const ALPHA = 1 - Math.exp(-TICK_INTERVAL_MS / 1000 / 60 / 5);

/**
 * Events per second over the last five minutes, as the Dropwizard Meter behind Cassandra's metrics
 * computes it: events are gathered per 5-second tick and each tick moves the average towards the tick's
 * rate. Ticks happen lazily, when an event is marked or the rate is read.
 */
export class Meter {
  private uncounted = 0;
  private rate = 0;
  private initialized = false;
  private lastTickMs: number;

  constructor(private readonly clock: Clock) {
    this.lastTickMs = clock.nowMs();
  }

  /** Counts an event that happened at `nowMs` (the caller's clock reading, saving another). */
  mark(nowMs: number): void {
    this.tickIfNecessary(nowMs);
    this.uncounted++;
  }

  /** The five-minute rate, per second. */
  fiveMinuteRate(): number {
    this.tickIfNecessary(this.clock.nowMs());
    return this.rate;
  }

  private tickIfNecessary(nowMs: number): void {
    const age = nowMs - this.lastTickMs;
    if (age <= TICK_INTERVAL_MS) return;
    const ticks = Math.floor(age / TICK_INTERVAL_MS);
    this.lastTickMs += ticks * TICK_INTERVAL_MS;
    // The first tick takes the events gathered since the last one; the others saw none and only decay.
    const instantRate = this.uncounted / (TICK_INTERVAL_MS / 1000);
    this.uncounted = 0;
    this.rate = this.initialized ? this.rate + ALPHA * (instantRate - this.rate) : instantRate;
    this.initialized = true;
    if (ticks > 1) this.rate *= (1 - ALPHA) ** (ticks - 1);
  }
}
