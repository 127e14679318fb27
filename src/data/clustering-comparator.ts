import type { TableMetadata } from '../schema/index.js';
import { comparatorFor, type ValueComparator } from '../types/index.js';
import type { Clustering, ClusteringBound, Slice } from './partition-update.js';

/**
 * The order of rows within a partition (Cassandra's ClusteringComparator): clustering values compared
 * column by column with each column's type order, reversed for DESC columns.
 *
 * Slice bounds become positions in the same order, so one comparison serves rows, bounds and B-tree
 * searches: a bound is its prefix followed by a sentinel that sorts before (BOTTOM) or after (TOP) every
 * row sharing the prefix. An inclusive start and an exclusive end end in BOTTOM; an exclusive start and
 * an inclusive end in TOP. The unbounded start is [BOTTOM], the unbounded end [TOP]. Rows themselves are
 * full clusterings, never equal to a position.
 */

/** Sentinels are matched by identity and never compared by content. */
const BOTTOM: Buffer = Buffer.alloc(1);
const TOP: Buffer = Buffer.alloc(1);

/** A slice as two positions, computed once and reused for every row it is tested against. */
export interface SlicePositions {
  readonly start: Clustering;
  readonly end: Clustering;
}

/** The unbounded slice, shared: most reads ask for a whole partition. */
const EVERYTHING: SlicePositions = Object.freeze({ start: Object.freeze([BOTTOM]), end: Object.freeze([TOP]) });

export class ClusteringComparator {
  /** Total order over clusterings and positions; a bound method so it can be handed to a B-tree. */
  readonly compare: (a: Clustering, b: Clustering) => number;

  constructor(private readonly columns: readonly ValueComparator[]) {
    this.compare = (a, b) => this.compareClusterings(a, b);
  }

  get size(): number {
    return this.columns.length;
  }

  startPosition(bound: ClusteringBound): Clustering {
    if (bound.prefix.length === 0) return [BOTTOM];
    return [...bound.prefix, bound.inclusive ? BOTTOM : TOP];
  }

  endPosition(bound: ClusteringBound): Clustering {
    if (bound.prefix.length === 0) return [TOP];
    return [...bound.prefix, bound.inclusive ? TOP : BOTTOM];
  }

  positionsOf(slice: Slice): SlicePositions {
    if (slice.start.prefix.length === 0 && slice.end.prefix.length === 0) return EVERYTHING;
    return { start: this.startPosition(slice.start), end: this.endPosition(slice.end) };
  }

  /** Whether a row's clustering lies within the slice. */
  contains(slice: SlicePositions, clustering: Clustering): boolean {
    return this.compare(slice.start, clustering) < 0 && this.compare(clustering, slice.end) < 0;
  }

  /** Whether a slice selects nothing (its start is not before its end). */
  isEmpty(slice: SlicePositions): boolean {
    return this.compare(slice.start, slice.end) >= 0;
  }

  intersects(a: SlicePositions, b: SlicePositions): boolean {
    const start = this.compare(a.start, b.start) >= 0 ? a.start : b.start;
    const end = this.compare(a.end, b.end) <= 0 ? a.end : b.end;
    return this.compare(start, end) < 0;
  }

  /** Whether `outer` covers all of `inner`. */
  covers(outer: SlicePositions, inner: SlicePositions): boolean {
    return this.compare(outer.start, inner.start) <= 0 && this.compare(inner.end, outer.end) <= 0;
  }

  private compareClusterings(a: Clustering, b: Clustering): number {
    const n = a.length < b.length ? a.length : b.length;
    for (let i = 0; i < n; i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (x === y) continue;
      if (x === TOP || y === BOTTOM) return 1;
      if (x === BOTTOM || y === TOP) return -1;
      const c = this.columns[i]!(x, y);
      if (c !== 0) return c < 0 ? -1 : 1;
    }
    if (a.length === b.length) return 0;
    // One is a strict prefix of the other: the longer one's next element decides (a BOTTOM sentinel sorts
    // before everything sharing the prefix, anything else after the bare prefix).
    if (a.length > b.length) return a[n] === BOTTOM ? -1 : 1;
    return b[n] === BOTTOM ? 1 : -1;
  }
}

const byTable = new WeakMap<TableMetadata, ClusteringComparator>();

/** The clustering order of a table, built once per metadata snapshot. */
export function clusteringComparatorFor(table: TableMetadata): ClusteringComparator {
  let comparator = byTable.get(table);
  if (comparator === undefined) {
    const columns = [...table.clustering].sort((x, y) => x.position - y.position).map((c) => {
      const base = comparatorFor(c.type);
      return c.clusteringOrder === 'desc' ? (a: Buffer, b: Buffer) => base(b, a) : base;
    });
    comparator = new ClusteringComparator(columns);
    byTable.set(table, comparator);
  }
  return comparator;
}
