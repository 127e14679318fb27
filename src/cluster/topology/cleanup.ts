import { MIN_TOKEN } from '../ring/murmur3.js';
import { replicatedKeyspaces } from './range-movement.js';
import { asMutation, readRanges, type StreamingNode } from './streaming.js';
import type { RingView } from './topology-cluster.js';

const WHOLE_RING = { start: MIN_TOKEN, end: MIN_TOKEN };

/**
 * nodetool cleanup: drops the partitions a node keeps but no longer replicates (after nodes joined,
 * Cassandra leaves the old copies in place until cleanup). The table is rewritten with what the node
 * still owns, as Cassandra rewrites its SSTables. Returns the number of partitions dropped.
 */
export function cleanup(cluster: RingView, node: Pick<StreamingNode, 'identity' | 'storage' | 'clock'>): number {
  let dropped = 0;
  for (const ks of replicatedKeyspaces(cluster)) {
    for (const table of cluster.schema.keyspace(ks.name)?.tables.values() ?? []) {
      const stored = readRanges(node, table, [WHOLE_RING]);
      const owned = stored.filter((p) => cluster.placement(ks.name, p.token, node).replicas.some((r) => r.id === node.identity.id));
      if (owned.length === stored.length) continue;
      node.storage.truncate(table.id);
      for (const p of owned) node.storage.apply(asMutation(p));
      dropped += stored.length - owned.length;
    }
  }
  return dropped;
}
