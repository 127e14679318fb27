import type { TableMetadata } from '../schema/index.js';
import type { DeletionTime, RangeTombstone, Row } from './partition-update.js';

/**
 * What a replica returns for a read, tombstones included, so that a coordinator can merge the answers of
 * several replicas by timestamp (Cassandra's UnfilteredRowIterator). Rows come in query order: clustering
 * order, or its reverse when `reversed`.
 */
export interface UnfilteredPartition {
  readonly table: TableMetadata;
  readonly key: Buffer;
  readonly token: bigint;
  readonly partitionDeletion: DeletionTime | null;
  /** The range tombstones that intersect the read, whole (not clipped to the read's slices). */
  readonly rangeTombstones: readonly RangeTombstone[];
  readonly staticRow: Row | null;
  readonly rows: readonly Row[];
  readonly reversed: boolean;
}
