import type { Clock, RequestContext, Scheduler, SeededRandom } from '../../common/index.js';
import type { ClusterConfig } from '../../config/index.js';
import type { ConsistencyLevel } from '../../errors/index.js';
import type { ReadCommand, ReadPartition, UnfilteredPartition } from '../../data/index.js';
import type { HintStore } from '../hints/hint-store.js';
import type { ClientRequestMetrics } from '../metrics/client-request-metrics.js';
import type { TableMetricsRegistry } from '../metrics/table-metrics.js';
import type { NodeIdentity, NodeStatus } from '../node/node-identity.js';
import type { ReplicaNode } from '../node/replica-node.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import type { MessagingCluster, MessagingNode } from '../tracing/tracing-node.js';
import type { Placement } from './placement.js';

/**
 * What a coordinator needs of its cluster (StorageProxy's view of it): the replicas of a token
 * (TokenMetadata with the keyspace's replication strategy), which keyspaces never leave a node, the
 * members of the ring, the network, the timeouts of the configuration, the clock and the timers.
 */
export interface CoordinatorCluster extends MessagingCluster {
  readonly config: ClusterConfig;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Every node gossip knows (TRUNCATE counts them; the batchlog picks among those of its data center). */
  readonly nodes: readonly { readonly identity: NodeIdentity }[];
  ringMembers(): readonly { readonly identity: NodeIdentity }[];
  /** The replicas of a token in a keyspace, as `from` sees the ring. */
  placement(keyspace: string, token: bigint, from: { readonly identity: RingEndpoint }): Placement;
  isNodeLocal(keyspace: string): boolean;
}

/**
 * What the coordinator, Paxos and the batchlog need of the node they run on: its replica side, its
 * failure detector's view (isAlive), the hints it writes, its metrics, its virtual tables, and its own
 * coordinator read (the CAS read of a Paxos round goes through it, as StorageProxy.cas reads).
 */
export interface CoordinatorNode extends ReplicaNode, MessagingNode {
  readonly cluster: CoordinatorCluster;
  readonly random: SeededRandom;
  readonly status: NodeStatus;
  readonly hints: Pick<HintStore, 'add'>;
  readonly tableMetrics: TableMetricsRegistry;
  readonly clientRequests: ClientRequestMetrics;
  readonly stats: { readRepairs: number };
  readonly virtualTables: { read(command: ReadCommand): UnfilteredPartition[] | null };
  /** Whether this node believes `nodeId` alive (its failure detector; itself always). */
  isAlive(nodeId: number): boolean;
  onStatusChange(listener: (status: NodeStatus) => void): () => void;
  read(command: ReadCommand, consistency: ConsistencyLevel, request: RequestContext): Promise<ReadPartition[]>;
}
