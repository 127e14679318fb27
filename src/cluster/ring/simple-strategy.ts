import type { ReplicationStrategy } from './replication-strategy.js';
import { ReplicaCache } from './replica-cache.js';
import type { RingEndpoint, TokenRing } from './token-ring.js';

/**
 * SimpleStrategy: walk the ring from the token and take the first `replicationFactor` distinct endpoints,
 * ignoring data centers and racks. With fewer endpoints than the factor, every endpoint is a replica.
 */
export class SimpleStrategy implements ReplicationStrategy {
  private readonly cache: ReplicaCache;
  private readonly factors: ReadonlyMap<string, number>;

  constructor(
    private readonly ring: TokenRing,
    readonly totalReplicationFactor: number,
    localDataCenter: string,
  ) {
    this.cache = new ReplicaCache(ring, (index) => this.calculateNaturalReplicas(index));
    this.factors = new Map([[localDataCenter, totalReplicationFactor]]);
  }

  replicasFor(token: bigint): readonly RingEndpoint[] {
    return this.cache.replicasFor(token);
  }

  /**
   * SimpleStrategy knows no data centers. Cassandra's LOCAL_QUORUM and EACH_QUORUM on such a keyspace are
   * a quorum of the whole factor (ConsistencyLevel.localQuorumFor), which this one entry gives.
   */
  replicationFactors(): ReadonlyMap<string, number> {
    return this.factors;
  }

  private calculateNaturalReplicas(startIndex: number): RingEndpoint[] {
    const replicas: RingEndpoint[] = [];
    const chosen = new Set<number>();
    for (const endpoint of this.ring.ownersFrom(startIndex)) {
      if (replicas.length >= this.totalReplicationFactor) break;
      if (chosen.has(endpoint.id)) continue;
      chosen.add(endpoint.id);
      replicas.push(endpoint);
    }
    return replicas;
  }
}
