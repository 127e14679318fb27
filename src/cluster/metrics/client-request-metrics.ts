import type { ConsistencyLevel } from '../../errors/index.js';
import { EstimatedHistogram } from './estimated-histogram.js';

/**
 * The coordinator operations Cassandra's ClientRequestMetrics keep apart (its scopes Read, RangeSlice,
 * Write, CASRead, CASWrite), each further split by consistency level as ClientRequestMetricsPerConsistencyLevel.
 */
export type ClientRequestOperation = 'read' | 'range' | 'write' | 'cas_read' | 'cas_write';

/** One operation at one consistency level: how many, and how long, in nanoseconds. */
export interface ClientRequestLatency {
  readonly operation: ClientRequestOperation;
  readonly consistency: ConsistencyLevel;
  readonly latencyNanos: EstimatedHistogram;
}

const NANOS_PER_MS = 1_000_000;

/**
 * One node's latencies as a coordinator, per operation and consistency level. Recording is an array
 * index and a histogram update: the request path allocates nothing once a pair has been seen.
 */
export class ClientRequestMetrics {
  private readonly byOperation = new Map<ClientRequestOperation, (ClientRequestLatency | undefined)[]>();

  record(operation: ClientRequestOperation, consistency: ConsistencyLevel, startMs: number, endMs: number): void {
    let levels = this.byOperation.get(operation);
    if (levels === undefined) {
      levels = [];
      this.byOperation.set(operation, levels);
    }
    let latency = levels[consistency];
    if (latency === undefined) {
      latency = { operation, consistency, latencyNanos: new EstimatedHistogram() };
      levels[consistency] = latency;
    }
    latency.latencyNanos.update(Math.round((endMs - startMs) * NANOS_PER_MS));
  }

  /** Every operation and level recorded so far. */
  *latencies(): Iterable<ClientRequestLatency> {
    for (const levels of this.byOperation.values()) {
      for (const latency of levels) if (latency !== undefined) yield latency;
    }
  }
}
