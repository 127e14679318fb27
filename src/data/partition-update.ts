import type { TableMetadata } from '../schema/index.js';

/**
 * The shared vocabulary of writes and reads, as in Cassandra's org.apache.cassandra.db: cells with write
 * timestamps, rows, tombstones, partition updates and mutations. Values stay serialized Buffers.
 */

/**
 * Seconds value meaning "never" for local deletion / expiration times: Cassandra's Cell.NO_DELETION_TIME,
 * Integer.MAX_VALUE. A small integer to V8 too, so that cells and row markers keep it inline rather than
 * in a boxed number each (16 bytes per cell).
 */
export const NO_DELETION_TIME = 2 ** 31 - 1;

export interface Cell {
  /** The serialized value; null marks a cell tombstone. */
  readonly value: Buffer | null;
  /** Write timestamp in microseconds. */
  readonly timestamp: bigint;
  /** TTL in seconds, 0 when the cell does not expire. */
  readonly ttlSeconds: number;
  /** For an expiring cell its expiry time, for a tombstone its deletion time (seconds); else NO_DELETION_TIME. */
  readonly localDeletionTime: number;
}

/** A deletion: everything written at or before markedForDeleteAt is shadowed. */
export interface DeletionTime {
  readonly markedForDeleteAt: bigint;
  readonly localDeletionTime: number;
}

/** The primary key liveness of a row (INSERT writes it; UPDATE does not), Cassandra's LivenessInfo. */
export interface LivenessInfo {
  readonly timestamp: bigint;
  readonly ttlSeconds: number;
  /** Expiry in seconds, NO_DELETION_TIME if the row marker does not expire. */
  readonly localExpirationTime: number;
}

/** Serialized clustering values, one per clustering column (a prefix for bounds). */
export type Clustering = readonly Buffer[];

/**
 * One cell of a multi-cell column at its cell path (Cassandra's CellPath): for a set the path is the
 * element (and the value is empty), for a map the key, for a list a timeuuid giving the element's place,
 * for a user type the field's position as a 2-byte short.
 */
export interface PathCell {
  readonly path: Buffer;
  readonly cell: Cell;
}

/**
 * What a row holds of one multi-cell column (a non-frozen collection or user type), Cassandra's
 * ComplexColumnData: a deletion of the whole column (everything at or before it is gone) and the cells,
 * sorted by path in the column's path order, one per path.
 */
export interface ComplexColumn {
  readonly deletion: DeletionTime | null;
  readonly cells: readonly PathCell[];
}

export interface Row {
  readonly clustering: Clustering;
  readonly liveness: LivenessInfo | null;
  readonly deletion: DeletionTime | null;
  /** Cells of single-cell columns by column name. */
  readonly cells: ReadonlyMap<string, Cell>;
  /** Multi-cell columns by column name; absent when the row has none. */
  readonly complex?: ReadonlyMap<string, ComplexColumn>;
}

/** A bound on clusterings: a prefix of values; an empty prefix is unbounded. */
export interface ClusteringBound {
  readonly prefix: Clustering;
  readonly inclusive: boolean;
}

/** A slice of clusterings from start to end (in clustering order, not query order). */
export interface Slice {
  readonly start: ClusteringBound;
  readonly end: ClusteringBound;
}

export interface RangeTombstone {
  readonly slice: Slice;
  readonly deletion: DeletionTime;
}

/** Everything one write does to one partition of one table. */
export interface PartitionUpdate {
  readonly table: TableMetadata;
  /** The serialized partition key (composite keys in Cassandra's CompositeType layout). */
  readonly key: Buffer;
  readonly token: bigint;
  readonly partitionDeletion: DeletionTime | null;
  readonly rangeTombstones: readonly RangeTombstone[];
  readonly staticRow: Row | null;
  readonly rows: readonly Row[];
}

/** A Mutation: the partition updates of one keyspace for one partition key (one or more tables). */
export interface Mutation {
  readonly keyspace: string;
  readonly key: Buffer;
  readonly token: bigint;
  readonly updates: readonly PartitionUpdate[];
}
