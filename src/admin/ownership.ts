import type { Cluster, Node } from '../cluster/index.js';

const RING_SIZE = 2n ** 64n;
/** Shares are computed in millionths: enough for nodetool's percentages with two decimals. */
const PRECISION = 1_000_000n;

/**
 * The share of the ring each member owns, by node id, as nodetool status shows it: without a keyspace
 * the ranges each node's tokens end (raw ownership); with one, the ranges each node is a replica of
 * (effective ownership, which adds up to the replication factor), placed as `observer` sees the ring.
 */
export function ringOwnership(cluster: Cluster, keyspace: string | null, observer: Node): Map<number, number> {
  const ring = cluster.tokenRing();
  const tokens = ring.sortedTokens;
  const owned = new Map<number, bigint>();
  tokens.forEach((token, i) => {
    const previous = tokens[(i + tokens.length - 1) % tokens.length]!;
    const width = tokens.length === 1 ? RING_SIZE : (((token - previous) % RING_SIZE) + RING_SIZE) % RING_SIZE;
    const owners = keyspace === null ? [ring.ownerAt(i)] : cluster.placement(keyspace, token, observer).replicas;
    for (const owner of owners) owned.set(owner.id, (owned.get(owner.id) ?? 0n) + width);
  });
  return new Map([...owned].map(([id, width]) => [id, Number((width * PRECISION) / RING_SIZE) / Number(PRECISION)]));
}
