import {
  complexPathOrder, decomposeComplexValue, NO_DELETION_TIME, sortedComplexColumn,
  type Cell, type ComplexColumn, type PartitionUpdate, type Row,
} from '../../data/index.js';
import { comparatorFor, isMultiCell, minTimeUuid, serialize } from '../../types/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { serializePartitionKey } from '../ring/partition-key.js';

/** The token of a serialized partition key under the cluster's partitioner. */
export type TokenOf = (key: Buffer) => bigint;

/** One row as column name → JS value (as types' serialize takes it); null and undefined leave the cell out. */
export type RowValues = Readonly<Record<string, unknown>>;

/**
 * Turns rows into partition updates: live rows (with a row marker) whose cells carry `timestampMicros`,
 * partitions in token order and rows in clustering order.
 */
export function toPartitionUpdates(
  table: TableMetadata,
  rows: readonly RowValues[],
  tokenOf: TokenOf,
  timestampMicros = 0n,
): PartitionUpdate[] {
  const partitions = new Map<string, { key: Buffer; rows: Row[] }>();
  for (const values of rows) {
    const key = serializePartitionKey(table.partitionKey.map((c) => serialize(c.type, values[c.name])));
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
  const complex = new Map<string, ComplexColumn>();
  const cellOf = (value: Buffer): Cell => ({ value, timestamp, ttlSeconds: 0, localDeletionTime: NO_DELETION_TIME });
  for (const column of table.regularColumns) {
    const value = values[column.name];
    if (value === null || value === undefined) continue;
    const serialized = serialize(column.type, value);
    if (!isMultiCell(column.type)) {
      cells.set(column.name, cellOf(serialized));
      continue;
    }
    // Multi-cell columns are stored element by element, as Cassandra stores system.local's tokens.
    const elements = decomposeComplexValue(column.type, serialized, cellOf, listPaths);
    if (elements.length > 0) complex.set(column.name, sortedComplexColumn(null, elements, complexPathOrder(table, column.name)));
  }
  const row = {
    clustering,
    liveness: { timestamp, ttlSeconds: 0, localExpirationTime: NO_DELETION_TIME },
    deletion: null,
    cells,
  };
  return complex.size === 0 ? row : { ...row, complex };
}

/** Computed content is rebuilt whole, so list paths need only be ordered: timeuuids 1 ms apart from the epoch. */
function listPaths(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => minTimeUuid(i));
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
