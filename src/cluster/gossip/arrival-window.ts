/** How many inter-arrival intervals an endpoint's window keeps (Cassandra's SAMPLE_SIZE). */
export const ARRIVAL_WINDOW_SIZE = 1000;

/**
 * The recent intervals between heartbeats of one endpoint, as Cassandra's ArrivalWindow keeps them:
 * the first arrival records a deliberately large initial interval, and intervals longer than the
 * maximum (a partition, a restart) are not recorded, so a flaky link is convicted quickly rather than
 * learned as normal.
 */
export class ArrivalWindow {
  private readonly intervalsMs = new Float64Array(ARRIVAL_WINDOW_SIZE);
  private nextIndex = 0;
  private sampleCount = 0;
  private sumMs = 0;
  private lastArrivalMs: number;

  /** Starts with the first heartbeat, recorded as `initialIntervalMs`. */
  constructor(firstArrivalMs: number, initialIntervalMs: number, private readonly maxIntervalMs: number) {
    this.record(initialIntervalMs);
    this.lastArrivalMs = firstArrivalMs;
  }

  add(nowMs: number): void {
    const intervalMs = nowMs - this.lastArrivalMs;
    if (intervalMs <= this.maxIntervalMs) this.record(intervalMs);
    this.lastArrivalMs = nowMs;
  }

  meanMs(): number {
    return this.sumMs / this.sampleCount;
  }

  /**
   * Silence measured in mean intervals. Cassandra's phi (CASSANDRA-2597) assumes exponentially
   * distributed arrivals, for which −log10 P(no heartbeat for t) is t / mean · log10(e).
   */
  silenceInMeans(nowMs: number): number {
    return (nowMs - this.lastArrivalMs) / this.meanMs();
  }

  private record(intervalMs: number): void {
    if (this.sampleCount === ARRIVAL_WINDOW_SIZE) this.sumMs -= this.intervalsMs[this.nextIndex]!;
    else this.sampleCount++;
    this.intervalsMs[this.nextIndex] = intervalMs;
    this.sumMs += intervalMs;
    this.nextIndex = (this.nextIndex + 1) % ARRIVAL_WINDOW_SIZE;
  }
}
