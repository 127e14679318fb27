/** Shared helpers of the control tests: writes, reads and the state of every store of a node. */
import type { Mutation } from '../../data/index.js';
import { ALL, cell, int, liveness, mutation, row, update } from '../../data/testing/fixtures.js';
import type { SchemaChange, TableMetadata } from '../../schema/index.js';
import type { Cluster, Node } from '../cluster.js';
import { newBallot } from '../paxos/ballot.js';

export function write(table: TableMetadata, key: number, value = `v${key}`, timestamp = 10): Mutation {
  return mutation(update(table, int(key), { rows: [row([], { v: cell(value, timestamp) }, { liveness: liveness(timestamp) })] }));
}

/** The value of partition `key` on one node (its own storage), or null. */
export function valueOn(node: Node, table: TableMetadata, key: number): string | null {
  const [partition] = node.storage.read({
    kind: 'single', table, key: int(key), token: BigInt(key), filter: { kind: 'slices', slices: [ALL], reversed: false }, nowInSec: 0, rowLimit: Infinity,
  });
  return partition?.rows[0]?.cells.get('v')?.value?.toString('utf8') ?? null;
}

/** Puts something of `table` in every store a node keeps besides its memtables. */
export function fillStores(node: Node, table: TableMetadata, key: number): void {
  node.hints.add(99, write(table, key));
  node.batchlog.store({ id: Buffer.from(`batch-${key}`), createdMs: node.clock.nowMs(), mutations: [write(table, key)] });
  node.paxos.commit({ ballot: newBallot(1_000n, { bytes: (n) => Buffer.alloc(n, key) }), update: write(table, key).updates[0]! });
}

/** What a node's stores besides its memtables hold for `table`: hint count, batch count, whether Paxos has the key. */
export function storesOf(node: Node, table: TableMetadata, key: number): [number, number, boolean] {
  return [node.hints.count(), node.batchlog.pendingCount, node.paxos.partition(table.id, int(key)).committed !== null];
}

/** Records the schema changes listeners hear, as "CHANGE TARGET ks.name". */
export function schemaEvents(cluster: Cluster): string[] {
  const events: string[] = [];
  cluster.onSchemaChange((c: SchemaChange) => events.push(`${c.change} ${c.target} ${c.keyspace}${c.name === null ? '' : `.${c.name}`}`));
  return events;
}
