import type { ReplicationStrategy } from './replication-strategy.js';
import type { RingEndpoint } from './token-ring.js';

/** LocalStrategy (system keyspaces): every node keeps its own copy, so the only replica is the local node. */
export class LocalStrategy implements ReplicationStrategy {
  readonly totalReplicationFactor = 1;
  private readonly replicas: readonly RingEndpoint[];
  private readonly factors: ReadonlyMap<string, number>;

  constructor(localEndpoint: RingEndpoint) {
    this.replicas = Object.freeze([localEndpoint]);
    this.factors = new Map([[localEndpoint.dataCenter, 1]]);
  }

  replicasFor(_token: bigint): readonly RingEndpoint[] {
    return this.replicas;
  }

  replicationFactors(): ReadonlyMap<string, number> {
    return this.factors;
  }
}
