/**
 * Time is injected: nothing in Cassanova reads the system clock directly, so a test can run a cluster on
 * a virtual clock, advance it (expire a TTL, pass a hint window) and reproduce a run exactly.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  nowMs(): number;
  /** Microseconds since the Unix epoch, strictly increasing across calls (write timestamps). */
  nowMicros(): bigint;
  /** Seconds since the Unix epoch (TTL expiry, local deletion time). */
  nowSeconds(): number;
}

/** Shared logic: microsecond timestamps never repeat nor go backwards, as Cassandra's ClientState ensures. */
abstract class MonotonicMicros implements Clock {
  private lastMicros = 0n;
  abstract nowMs(): number;
  nowMicros(): bigint {
    const micros = BigInt(Math.floor(this.nowMs() * 1000));
    this.lastMicros = micros > this.lastMicros ? micros : this.lastMicros + 1n;
    return this.lastMicros;
  }
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }
}

export class SystemClock extends MonotonicMicros {
  nowMs(): number {
    return performance.timeOrigin + performance.now();
  }
}

/** A clock that moves only when told to. */
export class VirtualClock extends MonotonicMicros {
  constructor(private currentMs = Date.UTC(2025, 0, 1)) {
    super();
  }
  nowMs(): number {
    return this.currentMs;
  }
  advance(ms: number): void {
    this.currentMs += ms;
  }
}
