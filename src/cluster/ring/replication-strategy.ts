import type { RingEndpoint } from './token-ring.js';

/** Where a keyspace keeps the copies of a token's data (Cassandra's AbstractReplicationStrategy). */
export interface ReplicationStrategy {
  /** Natural replicas of a token, in Cassandra's order (the first is the primary replica). */
  replicasFor(token: bigint): readonly RingEndpoint[];
  /**
   * Replicas per data center that the strategy wants (for LOCAL_QUORUM/EACH_QUORUM): dc → RF.
   * NetworkTopologyStrategy lists its configured data centers; SimpleStrategy and LocalStrategy, which know
   * no data centers, give their whole factor to the local endpoint's data center.
   */
  replicationFactors(): ReadonlyMap<string, number>;
  readonly totalReplicationFactor: number;
}
