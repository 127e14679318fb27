import { TokenRing } from '../ring/token-ring.js';
import { moveRanges, releaseLater, type RangeMovementResult } from './range-movement.js';
import type { MemberNode, TopologyCluster } from './topology-cluster.js';
import { waitUntil } from './wait.js';

/** Cassandra's ring_delay: how long a joining node waits for the cluster to learn of it through gossip. */
export const RING_DELAY_MS = 30_000;

export interface BootstrapOptions {
  /**
   * cassandra.consistent.rangemovement (default true): stream each range from the replica that gives it
   * up, and refuse to bootstrap while that replica is down; false takes any live replica instead.
   */
  readonly consistentRangeMovement?: boolean;
}

/**
 * Bootstraps a joining node (StorageService.joinTokenRing): waits until every live member's gossip
 * sees it, streams the ranges it takes over from their current replicas (writes to those ranges reach
 * it meanwhile), then makes it a normal member and announces it. On failure it leaves the cluster again.
 */
export async function bootstrap<N extends MemberNode>(
  cluster: TopologyCluster<N>, node: N, options: BootstrapOptions = {},
): Promise<RangeMovementResult> {
  const id = node.identity.id;
  try {
    // A coordinator takes a peer it has not heard from yet as down: the newcomer must be seen alive
    // everywhere before it owns data, or writes and reads at ALL would find it unavailable.
    await waitUntil(
      cluster.scheduler,
      () => cluster.ringMembers().every((m) => m.status !== 'up' || m.isAlive(id)),
      cluster.config.gossipIntervalMs,
      RING_DELAY_MS,
    );
    const before = cluster.tokenRing();
    const after = new TokenRing([...before.endpoints, node.identity]);
    const isAvailable = (nodeId: number): boolean => nodeId !== id && cluster.node(nodeId).status === 'up';
    const movement = await moveRanges(cluster, before, after, isAvailable, {
      requireSources: true, strict: options.consistentRangeMovement ?? true,
    });
    cluster.setMemberState(node, 'normal');
    cluster.notifyTopologyChange({ change: 'NEW_NODE', node });
    releaseLater(cluster, movement);
    return movement.result;
  } catch (e) {
    await cluster.cancelJoin(node);
    throw e;
  }
}
