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
  /**
   * Kept as a number: microseconds since the epoch stay below 2^53 until the year 2255, and number
   * arithmetic saves making BigInts for the comparison and the increment on every write.
   */
  private lastMicros = 0;
  abstract nowMs(): number;
  nowMicros(): bigint {
    const micros = Math.floor(this.nowMs() * 1000);
    this.lastMicros = micros > this.lastMicros ? micros : this.lastMicros + 1;
    return BigInt(this.lastMicros);
  }
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }
}

/** performance.timeOrigin is a getter, and constant for the life of the process. */
const TIME_ORIGIN_MS = performance.timeOrigin;

export class SystemClock extends MonotonicMicros {
  nowMs(): number {
    return TIME_ORIGIN_MS + performance.now();
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
