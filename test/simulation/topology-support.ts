/**
 * Shared by the topology scenarios: a seeded cluster with a virtual clock and a Node.js driver client,
 * and ways to look into each node's storage to compare what it holds with what placement says.
 */
import { murmur3Token, type Node } from '../../src/cluster/index.js';
import type { UnfilteredPartition } from '../../src/data/index.js';

export * from './driver-harness.js';

export function intKey(k: number): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt32BE(k);
  return key;
}

/** Everything `node` stores of a table, tombstones included, in ring order. */
export function storedPartitions(node: Node, keyspace: string, table: string): UnfilteredPartition[] {
  const metadata = node.cluster.schema.keyspace(keyspace)?.tables.get(table);
  if (metadata === undefined) throw new Error(`no table ${keyspace}.${table}`);
  return node.storage.read({
    kind: 'range',
    table: metadata,
    bounds: { start: null, startInclusive: true, end: null, endInclusive: true },
    filter: { kind: 'slices', slices: [{ start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } }], reversed: false },
    nowInSec: node.clock.nowSeconds(),
    rowLimit: Infinity,
    perPartitionLimit: Infinity,
    partitionLimit: Infinity,
  });
}

/** The hex keys of every partition `node` stores for a table, tombstone-only ones included. */
export function storedKeys(node: Node, keyspace: string, table: string): Set<string> {
  return new Set(storedPartitions(node, keyspace, table).map((p) => p.key.toString('hex')));
}

/** The hex keys among `keys` that `node` replicates in `keyspace`, by the cluster's current placement. */
export function ownedKeys(node: Node, keyspace: string, keys: readonly Buffer[]): Set<string> {
  const owned = keys.filter((key) => node.cluster.placement(keyspace, murmur3Token(key), node).replicas
    .some((r) => r.id === node.identity.id));
  return new Set(owned.map((k) => k.toString('hex')));
}

export function sorted(keys: ReadonlySet<string>): string[] {
  return [...keys].sort();
}
