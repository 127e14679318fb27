import type { ReplicationStrategy } from './replication-strategy.js';
import { ReplicaCache } from './replica-cache.js';
import type { RingEndpoint, TokenRing } from './token-ring.js';

/**
 * NetworkTopologyStrategy: a replication factor per data center, replicas spread over racks. One walk of
 * the ring from the token serves every data center at once (calculateNaturalReplicas), so replicas come
 * out in ring order, the owner of the token first when its data center is replicated.
 */
export class NetworkTopologyStrategy implements ReplicationStrategy {
  readonly totalReplicationFactor: number;
  private readonly cache: ReplicaCache;

  /** `factors`: data center → replication factor, as the keyspace configures them. */
  constructor(private readonly ring: TokenRing, private readonly factors: ReadonlyMap<string, number>) {
    this.totalReplicationFactor = [...factors.values()].reduce((sum, rf) => sum + rf, 0);
    this.cache = new ReplicaCache(ring, (index) => this.calculateNaturalReplicas(index));
  }

  replicasFor(token: bigint): readonly RingEndpoint[] {
    return this.cache.replicasFor(token);
  }

  /** Every configured data center, including ones with no nodes (Cassandra keeps them in its map too). */
  replicationFactors(): ReadonlyMap<string, number> {
    return this.factors;
  }

  private calculateNaturalReplicas(startIndex: number): RingEndpoint[] {
    const replicas: RingEndpoint[] = [];
    const chosen = new Set<number>();
    const dataCenters = new Map<string, DataCenterReplicas>();
    for (const [dc, rf] of this.factors) {
      const size = this.ring.dataCenters.get(dc);
      if (rf <= 0 || size === undefined) continue;
      dataCenters.set(dc, new DataCenterReplicas(rf, size.rackCount, size.endpointCount));
    }
    let dataCentersToFill = dataCenters.size;
    for (const endpoint of this.ring.ownersFrom(startIndex)) {
      if (dataCentersToFill === 0) break;
      const dc = dataCenters.get(endpoint.dataCenter);
      if (dc === undefined || !dc.accepts(endpoint, chosen)) continue;
      chosen.add(endpoint.id);
      replicas.push(endpoint);
      if (dc.done) dataCentersToFill--;
    }
    return replicas;
  }
}

/**
 * The replicas still wanted from one data center during a walk (NetworkTopologyStrategy.DatacenterEndpoints):
 * the first endpoint met on each rack is taken; an endpoint on a rack already used is taken only while the
 * factor exceeds the number of racks, and then at once, in ring order (not after the other racks).
 */
class DataCenterReplicas {
  /** Replicas still to take: the factor, or every endpoint of a data center smaller than it. */
  private replicasLeft: number;
  /** Endpoints on an already used rack still allowed: what the racks alone cannot hold. */
  private rackRepeatsLeft: number;
  private readonly racksUsed = new Set<string>();

  constructor(replicationFactor: number, rackCount: number, endpointCount: number) {
    this.replicasLeft = Math.min(replicationFactor, endpointCount);
    this.rackRepeatsLeft = replicationFactor - rackCount;
  }

  get done(): boolean {
    return this.replicasLeft === 0;
  }

  /** Whether to take `endpoint` as the next replica; counts it when so. */
  accepts(endpoint: RingEndpoint, chosen: ReadonlySet<number>): boolean {
    if (this.done || chosen.has(endpoint.id)) return false;
    if (!this.racksUsed.has(endpoint.rack)) {
      this.racksUsed.add(endpoint.rack);
    } else if (this.rackRepeatsLeft > 0) {
      this.rackRepeatsLeft--;
    } else {
      return false;
    }
    this.replicasLeft--;
    return true;
  }
}
