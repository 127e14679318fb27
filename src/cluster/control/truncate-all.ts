import { isSystemKeyspace, type KeyspaceMetadata, type Schema, type TableMetadata } from '../../schema/index.js';
import type { ControlledCluster, ControlledNode } from './controlled-cluster.js';

/**
 * The data of every user table gone from every node, the schema kept: what a test suite needs between
 * two tests. Like TRUNCATE of each table on each node, but without TRUNCATE's rule that every node be up
 * (a stopped node's data goes too) and without truncation records: instead, whatever could bring the
 * data back later is dropped with it (hints, batchlog entries, Paxos proposals of those tables, and the
 * messages in flight between nodes), so a record would have nothing to refuse, and a write that comes
 * later applies even within the same millisecond of a virtual clock.
 */
export async function truncateAll(cluster: ControlledCluster): Promise<void> {
  await cluster.exclusively('truncate every table', async () => {
    const tables = userTables(cluster.schema);
    cluster.network.discardInFlight();
    for (const node of cluster.nodes) dropData(node, tables);
  });
}

/** Drops the data of `tables` on one node, wherever it is kept. */
export function dropData(node: ControlledNode, tables: readonly TableMetadata[]): void {
  const ids = new Set(tables.map((t) => t.id.toString('hex')));
  for (const table of tables) node.storage.truncate(table.id);
  node.hints.dropTables(ids);
  node.batchlog.dropTables(ids);
  node.paxos.dropTables(ids);
}

/** The keyspaces a user created (every one but the system keyspaces). */
export function userKeyspaces(schema: Schema): KeyspaceMetadata[] {
  return [...schema.keyspaces.values()].filter((ks) => !isSystemKeyspace(ks.name));
}

/** The tables of every keyspace a user created. */
export function userTables(schema: Schema): TableMetadata[] {
  return userKeyspaces(schema).flatMap((ks) => [...ks.tables.values()]);
}
