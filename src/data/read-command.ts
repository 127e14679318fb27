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
  /** Rows counted (countedRows) to return at most over the whole range. */
  readonly rowLimit: number;
  /** Live rows of one partition to return at most (PER PARTITION LIMIT, 1 for DISTINCT). */
  readonly perPartitionLimit: number;
  /** Partitions to return at most. */
  readonly partitionLimit: number;
}

export type ReadCommand = SinglePartitionReadCommand | PartitionRangeReadCommand;

/**
 * ReadCommand.selectsFullPartition: the read wants every row of each partition (no clustering restriction;
 * row filters run above the read here, and a filtered read is never limited).
 */
export function selectsFullPartition(command: ReadCommand): boolean {
  const filter = command.filter;
  if (filter.kind !== 'slices' || filter.slices.length !== 1) return false;
  const only = filter.slices[0]!;
  return only.start.prefix.length === 0 && only.end.prefix.length === 0;
}

/**
 * What a partition of a range read counts towards its rowLimit, as DataLimits.CQLCounter counts: each
 * live row, at most perPartitionLimit of them; a partition with only a live static row counts as one row
 * when the read selects whole partitions, the only case where CQL returns a row for it, and as nothing
 * otherwise. `countsStaticOnly` is selectsFullPartition(command), computed once per read.
 */
export function countedRows(
  limits: { readonly perPartitionLimit: number }, countsStaticOnly: boolean, liveRowCount: number, hasLiveStaticRow: boolean,
): number {
  if (liveRowCount > 0) return Math.min(liveRowCount, limits.perPartitionLimit);
  return countsStaticOnly && hasLiveStaticRow ? 1 : 0;
}
