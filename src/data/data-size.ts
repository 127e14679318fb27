import type { ComplexColumn, Mutation, PartitionUpdate, RangeTombstone, Row } from './partition-update.js';

/**
 * The size of the data a write carries, counted as Cassandra's PartitionUpdate.dataSize() counts it (what
 * batch_size_warn_threshold compares with): values, clusterings and cell paths at their length, each
 * cell's timestamp, TTL and local deletion time (16 bytes), each row's liveness (8, 16 with a TTL) and
 * deletion (12), each complex column's deletion (12), the partition deletion (8) and the range
 * tombstones (their bounds, 12 each, and the list's count). An update without a static row still counts
 * Cassandra's empty static row (20).
 */
export function partitionUpdateDataSize(update: PartitionUpdate): number {
  let size = update.staticRow === null ? EMPTY_ROW_SIZE : rowDataSize(update.staticRow);
  for (const row of update.rows) size += rowDataSize(row);
  return size + PARTITION_DELETION_SIZE + rangeTombstonesSize(update.rangeTombstones);
}

/** IMutation.dataSize over a batch's mutations. */
export function mutationsDataSize(mutations: readonly Mutation[]): number {
  let size = 0;
  for (const m of mutations) for (const u of m.updates) size += partitionUpdateDataSize(u);
  return size;
}

const TIMESTAMP_SIZE = 8;
const INT_SIZE = 4;
/** DeletionTime: markedForDeleteAt and localDeletionTime; Cassandra counts it for live deletions too. */
const DELETION_TIME_SIZE = TIMESTAMP_SIZE + INT_SIZE;
/** A cell's timestamp, TTL and local deletion time. */
const CELL_OVERHEAD = TIMESTAMP_SIZE + INT_SIZE + INT_SIZE;
/** Rows.EMPTY_STATIC_ROW: no clustering, an empty liveness (its timestamp) and a live deletion. */
const EMPTY_ROW_SIZE = TIMESTAMP_SIZE + DELETION_TIME_SIZE;
const PARTITION_DELETION_SIZE = TIMESTAMP_SIZE;

function rowDataSize(row: Row): number {
  let size = valuesSize(row.clustering) + DELETION_TIME_SIZE;
  size += row.liveness !== null && row.liveness.ttlSeconds > 0 ? TIMESTAMP_SIZE + 2 * INT_SIZE : TIMESTAMP_SIZE;
  for (const cell of row.cells.values()) size += CELL_OVERHEAD + (cell.value?.length ?? 0);
  if (row.complex !== undefined) for (const column of row.complex.values()) size += complexColumnSize(column);
  return size;
}

function complexColumnSize(column: ComplexColumn): number {
  let size = DELETION_TIME_SIZE;
  for (const { path, cell } of column.cells) size += CELL_OVERHEAD + path.length + (cell.value?.length ?? 0);
  return size;
}

/** RangeTombstoneList.dataSize; a partition without range tombstones has no list at all. */
function rangeTombstonesSize(tombstones: readonly RangeTombstone[]): number {
  if (tombstones.length === 0) return 0;
  let size = INT_SIZE;
  for (const rt of tombstones) size += valuesSize(rt.slice.start.prefix) + valuesSize(rt.slice.end.prefix) + DELETION_TIME_SIZE;
  return size;
}

function valuesSize(values: readonly Buffer[]): number {
  let size = 0;
  for (const v of values) size += v.length;
  return size;
}
