import type { Scheduler } from '../../common/index.js';
import type { ClusterConfig } from '../../config/index.js';
import type { Schema } from '../../schema/index.js';
import type { BatchlogManager } from '../coordinator/batchlog-manager.js';
import type { Placement } from '../coordinator/placement.js';
import type { HintsDispatcher } from '../hints/hints-dispatcher.js';
import type { EndpointAddress, NodeStatus } from '../node/node-identity.js';
import type { RingEndpoint, TokenRing } from '../ring/token-ring.js';
import type { MemberState, TopologyChange } from './membership.js';
import type { StreamingNode } from './streaming.js';

/**
 * The ring as topology changes and repair read it (Cassandra's Schema with TokenMetadata and each
 * keyspace's replication strategy): the keyspaces, the current ring, the replicas of a token, and how
 * a node is named in messages.
 */
export interface RingView {
  readonly schema: Schema;
  tokenRing(): TokenRing;
  /** The replicas of a token in a keyspace, as `from` sees the ring. */
  placement(keyspace: string, token: bigint, from: { readonly identity: RingEndpoint }): Placement;
  /** Keyspaces whose data never leaves a node (LocalStrategy and virtual ones). */
  isNodeLocal(keyspace: string): boolean;
  endpointName(endpoint: EndpointAddress): string;
}

/**
 * A node as a topology change handles it: what it streams, whether it runs, its failure detector's view,
 * and what a leaving node hands over (its batchlog replayed, its hints transferred).
 */
export interface MemberNode extends StreamingNode {
  readonly status: NodeStatus;
  isAlive(nodeId: number): boolean;
  readonly batchlog: Pick<BatchlogManager, 'replayAll'>;
  readonly hintsDispatcher: Pick<HintsDispatcher, 'transfer'>;
}

/**
 * What bootstrap, decommission, removenode and cleanup need of the cluster (StorageService's part):
 * its ring and members (of the cluster's node type `N`), moving a member between ring states and
 * announcing it, and the timers and timeouts the changes wait on.
 */
export interface TopologyCluster<N extends MemberNode> extends RingView {
  readonly config: ClusterConfig;
  readonly scheduler: Scheduler;
  ringMembers(): readonly N[];
  node(id: number): N;
  memberState(node: N): MemberState | undefined;
  setMemberState(node: N, state: MemberState): void;
  notifyTopologyChange(event: TopologyChange<N>): void;
  /** Takes a joining node out again. */
  cancelJoin(node: N): Promise<void>;
  /** A member leaves for good: out of the ring, announced, stopped. */
  expel(node: N): Promise<void>;
}
