import { INTERNAL_REQUEST, type RequestContext, type TraceState } from '../../common/index.js';
import type { PartitionUpdate } from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import type { CoordinatorNode } from '../coordinator/coordinator-node.js';
import { newBallot, type Ballot } from './ballot.js';
import { emptyUpdate } from './commit.js';

/** Cassandra sleeps up to this long before retrying a round another coordinator pre-empted. */
const MAX_BACKOFF_MS = 100;

/**
 * One Paxos operation (a CAS or a serial read) on one partition, as its coordinator runs it: where and
 * when it started, and how often other proposers got in its way.
 */
export class PaxosRound {
  readonly startMs: number;
  contentions = 0;

  constructor(
    readonly node: CoordinatorNode, readonly table: TableMetadata, readonly key: Buffer, readonly token: bigint,
    /** The client request: its tracing session traces the phases as StorageProxy does; it notes the participants. */
    readonly request: RequestContext = INTERNAL_REQUEST,
  ) {
    this.startMs = node.clock.nowMs();
  }

  get trace(): TraceState | null {
    return this.request.trace;
  }

  elapsedMs(): number {
    return this.node.clock.nowMs() - this.startMs;
  }

  /** Whether cas_contention_timeout still leaves room for another attempt. */
  canRetry(): boolean {
    return this.elapsedMs() < this.node.cluster.config.casContentionTimeoutMs;
  }

  /** Each phase waits what is left of the write timeout, counted from the start of the operation. */
  remainingMs(): number {
    return Math.max(0, this.node.cluster.config.writeRequestTimeoutMs - this.elapsedMs());
  }

  /** A ballot from the coordinator's clock, newer than `minMicros` when a replica refused an older one. */
  nextBallot(minMicros: bigint | null): Ballot {
    const now = this.node.clock.nowMicros();
    return newBallot(minMicros !== null && minMicros > now ? minMicros : now, this.node.random);
  }

  emptyUpdate(): PartitionUpdate {
    return emptyUpdate(this.table, this.key, this.token);
  }

  /** Sleeps a random moment to let the other proposer finish. */
  backOff(): Promise<void> {
    const delayMs = Math.floor(this.node.random.next() * MAX_BACKOFF_MS);
    return new Promise((resolve) => this.node.cluster.scheduler.schedule(delayMs, resolve));
  }
}
