import { ConsistencyLevel, InvalidRequestError, UnavailableError, WriteTimeoutError, type WriteType } from '../../errors/index.js';

/** What a consistency level needs to know of the replicas of one token. */
export interface ReplicaView {
  readonly id: number;
  readonly dataCenter: string;
}

function quorum(n: number): number {
  return Math.floor(n / 2) + 1;
}

/**
 * Cassandra's ConsistencyLevel.blockFor: how many replica answers the coordinator waits for.
 * `factors` is the replication factor per data center, `localDc` the coordinator's data center.
 */
export function blockFor(cl: ConsistencyLevel, factors: ReadonlyMap<string, number>, localDc: string): number {
  const total = [...factors.values()].reduce((a, b) => a + b, 0);
  switch (cl) {
    case ConsistencyLevel.ANY:
    case ConsistencyLevel.ONE:
    case ConsistencyLevel.LOCAL_ONE:
      return 1;
    case ConsistencyLevel.TWO:
      return 2;
    case ConsistencyLevel.THREE:
      return 3;
    case ConsistencyLevel.QUORUM:
    case ConsistencyLevel.SERIAL:
      return quorum(total);
    case ConsistencyLevel.ALL:
      return total;
    case ConsistencyLevel.LOCAL_QUORUM:
    case ConsistencyLevel.LOCAL_SERIAL:
      return quorum(factors.get(localDc) ?? 0);
    case ConsistencyLevel.EACH_QUORUM:
      return [...factors.values()].reduce((sum, rf) => sum + (rf > 0 ? quorum(rf) : 0), 0);
  }
}

/** Whether answers from a replica count towards the level (LOCAL_* count only the local data center). */
export function countsTowards(cl: ConsistencyLevel, replica: ReplicaView, localDc: string): boolean {
  return isDatacenterLocal(cl) ? replica.dataCenter === localDc : true;
}

export function isDatacenterLocal(cl: ConsistencyLevel): boolean {
  return cl === ConsistencyLevel.LOCAL_ONE || cl === ConsistencyLevel.LOCAL_QUORUM || cl === ConsistencyLevel.LOCAL_SERIAL;
}

/**
 * Tracks acknowledgements against a level, EACH_QUORUM per data center: `satisfied` once enough
 * replicas answered, in the right places.
 */
export class AckCounter {
  private readonly perDc = new Map<string, number>();
  received = 0;

  constructor(
    private readonly cl: ConsistencyLevel, readonly required: number,
    private readonly factors: ReadonlyMap<string, number>, private readonly localDc: string,
  ) {}

  ack(replica: ReplicaView): void {
    if (!countsTowards(this.cl, replica, this.localDc)) return;
    this.received++;
    this.perDc.set(replica.dataCenter, (this.perDc.get(replica.dataCenter) ?? 0) + 1);
  }

  get satisfied(): boolean {
    if (this.cl !== ConsistencyLevel.EACH_QUORUM) return this.received >= this.required;
    for (const [dc, rf] of this.factors) if (rf > 0 && (this.perDc.get(dc) ?? 0) < quorum(rf)) return false;
    return true;
  }

  /**
   * The WriteTimeout of a write that did not hear enough in time. Acknowledgements in the wrong data
   * centers can reach blockFor at EACH_QUORUM; as AbstractWriteResponseHandler, never more than
   * blockFor − 1 are reported, so a client never sees a timeout that looks satisfied.
   */
  timeout(writeType: WriteType): WriteTimeoutError {
    return new WriteTimeoutError(this.cl, Math.min(this.received, this.required - 1), this.required, writeType);
  }
}

/** Throws Unavailable, with Cassandra's required/alive figures, when too few replicas are known alive. */
export function assureSufficientLiveReplicas(
  cl: ConsistencyLevel, alive: readonly ReplicaView[], factors: ReadonlyMap<string, number>, localDc: string,
): void {
  if (cl === ConsistencyLevel.ANY) return;
  if (cl === ConsistencyLevel.EACH_QUORUM) {
    for (const [dc, rf] of factors) {
      const liveInDc = alive.filter((r) => r.dataCenter === dc).length;
      if (rf > 0 && liveInDc < quorum(rf)) throw new UnavailableError(cl, quorum(rf), liveInDc);
    }
    return;
  }
  const required = blockFor(cl, factors, localDc);
  const counted = alive.filter((r) => countsTowards(cl, r, localDc)).length;
  if (counted < required) throw new UnavailableError(cl, required, counted);
}

/** SERIAL levels are for the Paxos phase only; reads and writes reject them as Cassandra does. */
export function validateForWrite(cl: ConsistencyLevel): void {
  if (cl === ConsistencyLevel.SERIAL || cl === ConsistencyLevel.LOCAL_SERIAL) {
    throw new InvalidRequestError(`You must use conditional updates for serializable writes`);
  }
}

export function validateForRead(cl: ConsistencyLevel): void {
  if (cl === ConsistencyLevel.ANY) throw new InvalidRequestError('ANY ConsistencyLevel is only supported for writes');
}
