import type { TableMetadata } from '../schema/index.js';
import type { Clustering, Slice } from './partition-update.js';

/** Which rows of a partition a read wants. */
export type ClusteringFilter =
  | { readonly kind: 'slices'; readonly slices: readonly Slice[]; readonly reversed: boolean }
  | { readonly kind: 'names'; readonly clusterings: readonly Clustering[]; readonly reversed: boolean };

/** A position on the ring for range reads: a token, optionally narrowed to a key at that token. */
export interface PartitionPosition {
  readonly token: bigint;
  /** When set, the position is exactly this key (paging resumes after it); else the whole token. */
  readonly key: Buffer | null;
}

/** Bounds of a range read: start exclusive, end inclusive, as Cassandra's Range (null = ring end). */
export interface PartitionBounds {
  readonly start: PartitionPosition | null;
  readonly startInclusive: boolean;
  readonly end: PartitionPosition | null;
  readonly endInclusive: boolean;
}

export interface SinglePartitionReadCommand {
  readonly kind: 'single';
  readonly table: TableMetadata;
  readonly key: Buffer;
  readonly token: bigint;
  readonly filter: ClusteringFilter;
  readonly nowInSec: number;
  /** Rows to return at most (live rows); Infinity when unlimited. */
  readonly rowLimit: number;
}

export interface PartitionRangeReadCommand {
  readonly kind: 'range';
  readonly table: TableMetadata;
  readonly bounds: PartitionBounds;
  readonly filter: ClusteringFilter;
  readonly nowInSec: number;
  readonly rowLimit: number;
  /** Partitions to return at most. */
  readonly partitionLimit: number;
}

export type ReadCommand = SinglePartitionReadCommand | PartitionRangeReadCommand;
