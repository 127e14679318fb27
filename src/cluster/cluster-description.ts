import type { ClusterConfig } from '../config/index.js';
import { MURMUR3_PARTITIONER_CLASS } from './ring/murmur3-partitioner.js';
import type { RingEndpoint } from './ring/token-ring.js';
import type { RingView } from './topology/topology-cluster.js';

/** What DESCRIBE CLUSTER needs (structurally cql/describe's ClusterDescription). */
export interface ClusterDescription {
  readonly clusterName: string;
  readonly partitioner: string;
  readonly snitch: string;
  rangeOwnership(keyspace: string): ReadonlyMap<string, readonly string[]>;
}

/** What DESCRIBE CLUSTER reads of the cluster: its name, ring and members. */
export interface DescribedCluster extends Pick<RingView, 'tokenRing' | 'placement' | 'endpointName'> {
  readonly config: ClusterConfig;
  ringMembers(): readonly { readonly identity: RingEndpoint }[];
}

/** What DESCRIBE CLUSTER reports: each range's end token with the endpoints of its replicas. */
export function describeCluster(cluster: DescribedCluster): ClusterDescription {
  return {
    clusterName: cluster.config.clusterName,
    partitioner: MURMUR3_PARTITIONER_CLASS,
    snitch: 'org.apache.cassandra.locator.GossipingPropertyFileSnitch',
    rangeOwnership: (keyspace) => {
      const from = cluster.ringMembers()[0]!;
      const owners = new Map<string, string[]>();
      for (const token of cluster.tokenRing().sortedTokens) {
        const replicas = cluster.placement(keyspace, token, from).replicas;
        owners.set(token.toString(), replicas.map((r) => cluster.endpointName(r)));
      }
      return owners;
    },
  };
}
