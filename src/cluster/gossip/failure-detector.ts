import { invariant, type Clock } from '../../common/index.js';
import { ArrivalWindow } from './arrival-window.js';

/** Cassandra's default phi_convict_threshold. */
export const DEFAULT_PHI_CONVICT_THRESHOLD = 8;

/** Cassandra seeds a window with, and never records intervals above, twice its 1 s gossip interval. */
export const DEFAULT_INITIAL_INTERVAL_MS = 2000;

/**
 * Cassandra compares phi scaled by 1/ln(10) with the threshold, kept for compatibility with the
 * thresholds users had tuned for an older formula; phi() returns it on that same scale.
 */
const PHI_FACTOR = 1 / Math.LN10;

/**
 * The phi-accrual failure detector (Hayashibara et al.) as Cassandra's FailureDetector implements it:
 * phi rises linearly with the silence since an endpoint's last heartbeat, in units of its mean
 * heartbeat interval, and the endpoint is convicted once phi exceeds the threshold. With heartbeats
 * every second and the default threshold of 8 that takes 8·ln(10) ≈ 18.4 mean intervals of silence.
 */
export class FailureDetector {
  private readonly clock: Clock;
  private readonly phiConvictThreshold: number;
  private readonly initialIntervalMs: number;
  private readonly windows = new Map<number, ArrivalWindow>();

  constructor(deps: { clock: Clock; phiConvictThreshold?: number; initialIntervalMs?: number }) {
    this.clock = deps.clock;
    this.phiConvictThreshold = deps.phiConvictThreshold ?? DEFAULT_PHI_CONVICT_THRESHOLD;
    this.initialIntervalMs = deps.initialIntervalMs ?? DEFAULT_INITIAL_INTERVAL_MS;
    invariant(this.phiConvictThreshold > 0, 'the phi convict threshold must be positive');
    invariant(this.initialIntervalMs > 0, 'the initial heartbeat interval must be positive');
  }

  /** A heartbeat from endpoint arrived now. */
  report(endpoint: number): void {
    const nowMs = this.clock.nowMs();
    const window = this.windows.get(endpoint);
    if (window !== undefined) window.add(nowMs);
    // As in Cassandra, the seed interval also caps the intervals recorded later.
    else this.windows.set(endpoint, new ArrivalWindow(nowMs, this.initialIntervalMs, this.initialIntervalMs));
  }

  /** On the threshold's scale; Infinity for an endpoint never heard from. */
  phi(endpoint: number): number {
    const window = this.windows.get(endpoint);
    if (window === undefined) return Infinity;
    return PHI_FACTOR * window.silenceInMeans(this.clock.nowMs());
  }

  /**
   * Whether the endpoint's silence is still within the threshold (Cassandra convicts on phi strictly
   * above it). An endpoint never heard from has given no sign of life, so it is not alive.
   */
  isAlive(endpoint: number): boolean {
    return this.phi(endpoint) <= this.phiConvictThreshold;
  }

  /** Drops what was learned of the endpoint (it left, or restarted and its intervals are relearned). */
  forget(endpoint: number): void {
    this.windows.delete(endpoint);
  }
}
