import type { Scheduler } from '../../common/index.js';
import type { ClusterConfig } from '../../config/index.js';
import type { Placement } from '../coordinator/placement.js';
import type { MessagingService } from '../network/messaging-service.js';
import type { NodeIdentity } from '../node/node-identity.js';
import type { ReplicaNode } from '../node/replica-node.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import type { HintStore } from './hint-store.js';

/** What hint delivery needs of the cluster: its members, the replicas of a token, the network, timers. */
export interface HintsCluster {
  readonly config: ClusterConfig;
  readonly scheduler: Scheduler;
  readonly network: MessagingService;
  readonly nodes: readonly { readonly identity: NodeIdentity }[];
  node(id: number): { readonly identity: NodeIdentity };
  ringMembers(): readonly { readonly identity: NodeIdentity }[];
  placement(keyspace: string, token: bigint, from: { readonly identity: RingEndpoint }): Placement;
}

/**
 * What hint delivery (Cassandra's HintsService: the dispatcher and the HINT verb) needs of its node: its
 * replica side, the hints it holds, and its failure detector's view of the targets.
 */
export interface HintsNode extends ReplicaNode {
  readonly cluster: HintsCluster;
  readonly hints: HintStore;
  readonly stats: { hintsReplayed: number };
  isAlive(nodeId: number): boolean;
}
