import type { ColumnMetadata } from '../../../schema/index.js';
import type { ClusteringBound, Slice } from '../../../data/index.js';
import type { PrefixComparator } from './clustering-slices.js';

/** One end of a multi-column slice: the tuple's values (a prefix of its columns) and whether it is inclusive. */
export interface TupleBound {
  readonly values: readonly Buffer[];
  readonly inclusive: boolean;
}

/** Where a bound falls among clusterings: just before (-1) or just after (1) every clustering starting with prefix. */
interface Position {
  readonly prefix: readonly Buffer[];
  readonly side: -1 | 1;
}

interface Range {
  readonly start: Position;
  readonly end: Position;
}

/**
 * The slices, in clustering order, selecting the rows whose tuple of `columns` lies between `lower` and
 * `upper` in the columns' own order, when the columns do not share one clustering order (`(b, c) > (1, 2)`
 * with b DESC, c ASC). Cassandra 4.1 compares the tuple lexicographically, column by column, in each
 * type's natural order, and splits the slice where the clustering order changes (MultiColumnRestriction.
 * SliceRestriction.appendBoundTo); here each bound becomes the union of "equal on the first i columns and
 * beyond on column i" ranges, and the two unions are intersected.
 */
export function mixedOrderSlices(
  prefix: readonly Buffer[], columns: readonly ColumnMetadata[], lower: TupleBound | null, upper: TupleBound | null, cmp: PrefixComparator,
): Slice[] {
  const everything: Range[] = [{ start: { prefix, side: -1 }, end: { prefix, side: 1 } }];
  const compare = (a: Position, b: Position) => comparePositions(a, b, cmp);
  const above = lower === null ? everything : boundRanges(prefix, columns, lower, true, compare);
  const below = upper === null ? everything : boundRanges(prefix, columns, upper, false, compare);
  return intersect(above, below, compare).map(toSlice);
}

/**
 * The rows beyond a bound (`greater`: above it), as disjoint ranges in clustering order: for each column i
 * of the bound, the rows equal to it on the columns before i and beyond it on column i, plus, when
 * inclusive, the rows equal to it on all its columns.
 */
function boundRanges(
  prefix: readonly Buffer[], columns: readonly ColumnMetadata[], bound: TupleBound, greater: boolean, compare: (a: Position, b: Position) => number,
): Range[] {
  const ranges: Range[] = [];
  for (let i = 0; i < bound.values.length; i++) {
    const equal = [...prefix, ...bound.values.slice(0, i)];
    const beyond = [...equal, bound.values[i]!];
    // Greater in a DESC column comes earlier in clustering order.
    const later = greater !== (columns[i]!.clusteringOrder === 'desc');
    ranges.push(later
      ? { start: { prefix: beyond, side: 1 }, end: { prefix: equal, side: 1 } }
      : { start: { prefix: equal, side: -1 }, end: { prefix: beyond, side: -1 } });
  }
  if (bound.inclusive) {
    const all = [...prefix, ...bound.values];
    ranges.push({ start: { prefix: all, side: -1 }, end: { prefix: all, side: 1 } });
  }
  return ranges.sort((a, b) => compare(a.start, b.start));
}

/** The intersection of two sorted lists of disjoint ranges, itself sorted; empty ranges dropped. */
function intersect(a: readonly Range[], b: readonly Range[], compare: (x: Position, y: Position) => number): Range[] {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = compare(x.start, y.start) >= 0 ? x.start : y.start;
    const endOrder = compare(x.end, y.end);
    const end = endOrder <= 0 ? x.end : y.end;
    if (compare(start, end) < 0) out.push({ start, end });
    if (endOrder <= 0) i++;
    else j++;
  }
  return out;
}

function comparePositions(a: Position, b: Position, cmp: PrefixComparator): number {
  const n = Math.min(a.prefix.length, b.prefix.length);
  const order = cmp(a.prefix.slice(0, n), b.prefix.slice(0, n));
  if (order !== 0) return order;
  if (a.prefix.length === b.prefix.length) return a.side - b.side;
  // The shorter prefix's position lies before or after every clustering extending it.
  return a.prefix.length === n ? a.side : -b.side;
}

function toSlice(r: Range): Slice {
  const start: ClusteringBound = { prefix: r.start.prefix, inclusive: r.start.side === -1 };
  const end: ClusteringBound = { prefix: r.end.prefix, inclusive: r.end.side === 1 };
  return { start, end };
}
