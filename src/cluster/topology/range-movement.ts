import type { TokenRing } from '../ring/token-ring.js';
import { PendingRangeWrites } from './pending-range-writes.js';
import {
  planRangeMovement, type RangeMovementPlan, type RangeTransfer, type ReplicatedKeyspace, type UnavailableRange,
} from './range-movement-plan.js';
import { fetchRanges } from './streaming.js';
import { formatRange } from './token-range.js';
import type { MemberNode, RingView, TopologyCluster } from './topology-cluster.js';

/** What a topology change streamed. */
export interface RangeMovementResult {
  readonly transfers: readonly RangeTransfer[];
  readonly streamedPartitions: number;
  /** Ranges taken over that no live replica could send (their data is lost, as in Cassandra). */
  readonly unavailable: readonly UnavailableRange[];
}

/** A finished stream whose write forwarding is still on, until the new ring is in use everywhere. */
export interface RangeMovement {
  readonly result: RangeMovementResult;
  readonly pendingWrites: PendingRangeWrites;
}

/** Every keyspace whose data lives on the ring (not LocalStrategy, not virtual). */
export function replicatedKeyspaces(cluster: Pick<RingView, 'schema' | 'isNodeLocal'>): ReplicatedKeyspace[] {
  return [...cluster.schema.keyspaces.values()].filter((ks) => !cluster.isNodeLocal(ks.name));
}

/** How a range movement picks its sources. */
export interface SourcePolicy {
  /**
   * A range no live replica can send fails the change before anything streams (bootstrap and
   * decommission refuse to lose data, unless the keyspace has a single replica; removenode goes on).
   */
  readonly requireSources: boolean;
  /** Consistent range movement: stream only from the replica giving a range up (a bootstrap's default). */
  readonly strict: boolean;
}

/**
 * Streams, for every replicated keyspace, the data each node gains going from `before` to `after`
 * (StreamPlan.requestRanges on each receiving node, in parallel). Each source starts forwarding its new
 * writes in those ranges before its data is read; the caller releases that once the new ring is in
 * force.
 */
export async function moveRanges(
  cluster: TopologyCluster<MemberNode>, before: TokenRing, after: TokenRing, isAvailable: (nodeId: number) => boolean, policy: SourcePolicy,
): Promise<RangeMovement> {
  const keyspaces = replicatedKeyspaces(cluster);
  const plan = planRangeMovement(keyspaces, before, after, isAvailable, policy.strict);
  checkSources(cluster, plan, policy);
  const pendingWrites = new PendingRangeWrites();
  const timeoutMs = cluster.config.rangeRequestTimeoutMs;
  // Every stream runs to its end (or its timeout) before a failure is reported: none is left behind.
  const outcomes = await Promise.allSettled(plan.transfers.map((t) => {
    const target = cluster.node(t.target.id);
    pendingWrites.add(cluster.node(t.source.id), t.keyspace, t.ranges, t.target.id);
    const tables = [...(cluster.schema.keyspace(t.keyspace)?.tables.values() ?? [])];
    return fetchRanges(target, t.source.id, tables, t.ranges, timeoutMs);
  }));
  let streamedPartitions = 0;
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') {
      pendingWrites.release();
      throw outcome.reason;
    }
    streamedPartitions += outcome.value;
  }
  return { result: { transfers: plan.transfers, streamedPartitions, unavailable: plan.unavailable }, pendingWrites };
}

/** RangeStreamer's refusals, as its messages word them (a range as the Replica that holds it: Full(endpoint,range)). */
function checkSources(cluster: RingView, plan: RangeMovementPlan, policy: SourcePolicy): void {
  const down = plan.strictSourcesDown[0];
  if (down !== undefined) {
    throw new Error(`Necessary replicas for strict consistency were removed by source filters: Filtered Full(${cluster.endpointName(down.source)},${formatRange(down.range)}) out because it was down`);
  }
  const missing = plan.unavailable.find((u) => u.replicationFactor > 1);
  if (policy.requireSources && missing !== undefined) {
    const replica = `Full(${cluster.endpointName(missing.target)},${formatRange(missing.range)})`;
    throw new Error(`Unable to find sufficient sources for streaming range ${replica} in keyspace ${missing.keyspace}`);
  }
}

/** Keeps forwarding for as long as a write coordinated on the old ring may still arrive, then stops. */
export function releaseLater(cluster: Pick<TopologyCluster<MemberNode>, 'scheduler' | 'config'>, movement: RangeMovement): void {
  cluster.scheduler.schedule(cluster.config.writeRequestTimeoutMs, () => movement.pendingWrites.release());
}
