import { invariant } from '../../common/index.js';
import { NO_DELETION_TIME, type Cell, type PartitionUpdate, type Row } from '../../data/index.js';
import { comparatorFor, serialize } from '../../types/index.js';
import type { TableMetadata } from '../../schema/index.js';

/** The token of a serialized partition key under the cluster's partitioner. */
export type TokenOf = (key: Buffer) => bigint;

/** One row as column name → JS value (as types' serialize takes it); null and undefined leave the cell out. */
export type RowValues = Readonly<Record<string, unknown>>;

/**
 * Turns rows of a table with a single-column partition key into partition updates: live rows (with a row
 * marker) whose cells carry `timestampMicros`, partitions in token order and rows in clustering order.
 */
export function toPartitionUpdates(
  table: TableMetadata,
  rows: readonly RowValues[],
  tokenOf: TokenOf,
  timestampMicros = 0n,
): PartitionUpdate[] {
  invariant(table.partitionKey.length === 1, `${table.keyspace}.${table.name} needs a single-column partition key`);
  const keyColumn = table.partitionKey[0]!;
  const partitions = new Map<string, { key: Buffer; rows: Row[] }>();
  for (const values of rows) {
    const key = serialize(keyColumn.type, values[keyColumn.name]);
    const id = key.toString('hex');
    const partition = partitions.get(id) ?? { key, rows: [] };
    partition.rows.push(toRow(table, values, timestampMicros));
    partitions.set(id, partition);
  }
  const compareClustering = clusteringComparator(table);
  return [...partitions.values()]
    .map(({ key, rows: partitionRows }): PartitionUpdate => ({
      table,
      key,
      token: tokenOf(key),
      partitionDeletion: null,
      rangeTombstones: [],
      staticRow: null,
      rows: partitionRows.sort((a, b) => compareClustering(a.clustering, b.clustering)),
    }))
    .sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : Buffer.compare(a.key, b.key)));
}

function toRow(table: TableMetadata, values: RowValues, timestamp: bigint): Row {
  const clustering = table.clustering.map((c) => serialize(c.type, values[c.name]));
  const cells = new Map<string, Cell>();
  for (const column of table.regularColumns) {
    const value = values[column.name];
    if (value === null || value === undefined) continue;
    cells.set(column.name, { value: serialize(column.type, value), timestamp, ttlSeconds: 0, localDeletionTime: NO_DELETION_TIME });
  }
  return {
    clustering,
    liveness: { timestamp, ttlSeconds: 0, localExpirationTime: NO_DELETION_TIME },
    deletion: null,
    cells,
  };
}

function clusteringComparator(table: TableMetadata): (a: readonly Buffer[], b: readonly Buffer[]) => number {
  const comparators = table.clustering.map((c) => ({ compare: comparatorFor(c.type), sign: c.clusteringOrder === 'desc' ? -1 : 1 }));
  return (a, b) => {
    for (let i = 0; i < comparators.length; i++) {
      const { compare, sign } = comparators[i]!;
      const order = sign * compare(a[i]!, b[i]!);
      if (order !== 0) return order;
    }
    return 0;
  };
}
