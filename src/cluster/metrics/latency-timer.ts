import type { Clock } from '../../common/index.js';
import { EstimatedHistogram } from './estimated-histogram.js';
import { Meter } from './meter.js';

const NANOS_PER_MS = 1_000_000;

/** A Dropwizard Timer as Cassandra's LatencyMetrics keep one: how many, how long (in ns buckets), how often. */
export class LatencyTimer {
  private readonly histogram = new EstimatedHistogram();
  private readonly meter: Meter;

  constructor(clock: Clock) {
    this.meter = new Meter(clock);
  }

  /** Records one operation that ran from `startMs` to `endMs` (clock readings). */
  record(startMs: number, endMs: number): void {
    this.histogram.update(Math.round((endMs - startMs) * NANOS_PER_MS));
    this.meter.mark(endMs);
  }

  get count(): number {
    return this.histogram.count;
  }

  /** The latency at `quantile` in milliseconds (a bucket bound), as a snapshot's getValue reads it. */
  valueAtMs(quantile: number): number {
    return this.histogram.valueAt(quantile) / NANOS_PER_MS;
  }

  /** Median, 99th percentile and maximum in milliseconds, and the five-minute rate per second. */
  snapshot(): { p50Ms: number; p99Ms: number; maxMs: number; perSecond: number } {
    return {
      p50Ms: this.valueAtMs(0.5),
      p99Ms: this.valueAtMs(0.99),
      maxMs: this.histogram.max() / NANOS_PER_MS,
      perSecond: this.meter.fiveMinuteRate(),
    };
  }
}
