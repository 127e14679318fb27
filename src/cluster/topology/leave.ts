import { createReplicationStrategy } from '../ring/create-replication-strategy.js';
import { TokenRing } from '../ring/token-ring.js';
import { moveRanges, releaseLater, replicatedKeyspaces, type RangeMovement, type RangeMovementResult } from './range-movement.js';
import type { MemberNode, TopologyCluster } from './topology-cluster.js';

export interface DecommissionOptions {
  /** Leave even when fewer nodes than the replication factor would remain (nodetool decommission --force). */
  readonly force?: boolean;
}

/**
 * StorageService.decommission's check: leaving must not leave a keyspace with fewer nodes than
 * replicas (counted in the node's own data center for NetworkTopologyStrategy).
 */
function checkReplicationAfterLeaving<N extends MemberNode>(cluster: TopologyCluster<N>, node: N): void {
  const ring = cluster.tokenRing();
  const members = cluster.ringMembers();
  for (const ks of replicatedKeyspaces(cluster)) {
    const strategy = createReplicationStrategy(ks.replication, ring, node.identity);
    const nts = ks.replication.get('class')?.endsWith('NetworkTopologyStrategy') ?? false;
    const dc = node.identity.dataCenter;
    const rf = nts ? strategy.replicationFactors().get(dc) ?? 0 : strategy.totalReplicationFactor;
    const n = nts ? members.filter((m) => m.identity.dataCenter === dc).length : members.length;
    if (rf > 0 && n <= rf) {
      throw new Error(`Not enough live nodes to maintain replication factor in keyspace ${ks.name} (RF = ${rf}, N = ${n}). Perform a forceful decommission to ignore.`);
    }
  }
}

/** What a live node leaving hands over besides its ranges, before and after they stream. */
interface HandOver {
  beforeStreaming(): Promise<void>;
  afterStreaming(): Promise<void>;
}

/**
 * Takes a member out of the ring: it turns leaving, the nodes that become replicas of its ranges fetch
 * them, then it leaves for good. A failed stream or hand-over leaves it a normal member.
 */
async function leaveRing<N extends MemberNode>(
  cluster: TopologyCluster<N>, node: N, isAvailable: (id: number) => boolean, handOver: HandOver | null,
): Promise<RangeMovementResult> {
  if (cluster.ringMembers().length === 1) throw new Error('no other normal nodes in the ring; the last node cannot leave it');
  cluster.setMemberState(node, 'leaving');
  const before = cluster.tokenRing();
  const after = new TokenRing(before.endpoints.filter((e) => e.id !== node.identity.id));
  const policy = { requireSources: handOver !== null, strict: false };
  let movement: RangeMovement | null = null;
  try {
    await handOver?.beforeStreaming();
    movement = await moveRanges(cluster, before, after, isAvailable, policy);
    await handOver?.afterStreaming();
  } catch (e) {
    movement?.pendingWrites.release();
    cluster.setMemberState(node, 'normal');
    throw e;
  }
  await cluster.expel(node);
  releaseLater(cluster, movement);
  return movement.result;
}

/**
 * Decommissions a live member (nodetool decommission, StorageService.unbootstrap): it replays its
 * batchlog, its ranges stream from it to the nodes that become their replicas, it hands the hints it
 * holds to a live member, then it leaves the ring and stops.
 */
export async function decommission<N extends MemberNode>(
  cluster: TopologyCluster<N>, node: N, options: DecommissionOptions,
): Promise<RangeMovementResult> {
  if (cluster.memberState(node) !== 'normal') throw new Error(`Node ${cluster.endpointName(node.identity)} is not a normal member of the ring`);
  if (node.status !== 'up') throw new Error(`Node ${cluster.endpointName(node.identity)} is not running: use removeNode for a dead node`);
  if (options.force !== true) checkReplicationAfterLeaving(cluster, node);
  return leaveRing(cluster, node, (id) => cluster.node(id).status === 'up', {
    beforeStreaming: () => node.batchlog.replayAll(),
    afterStreaming: () => node.hintsDispatcher.transfer(),
  });
}

/**
 * Removes a dead member (nodetool removenode): the nodes that become replicas of its ranges fetch them
 * from surviving replicas, then it is dropped from the ring. Ranges it alone held are lost.
 */
export async function removeNode<N extends MemberNode>(cluster: TopologyCluster<N>, node: N): Promise<RangeMovementResult> {
  if (cluster.memberState(node) !== 'normal') throw new Error(`Node ${cluster.endpointName(node.identity)} is not a normal member of the ring`);
  if (node.status === 'up') {
    throw new Error(`Node ${cluster.endpointName(node.identity)} is alive and owns this ID. Use decommission command to remove it from the ring`);
  }
  const id = node.identity.id;
  return leaveRing(cluster, node, (n) => n !== id && cluster.node(n).status === 'up', null);
}
