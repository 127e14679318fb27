import type { ColumnMetadata } from '../../../schema/index.js';
import { comparatorFor } from '../../../types/index.js';
import type { ClusteringBound, ClusteringFilter, Slice } from '../../../data/index.js';

/** Compares clustering prefixes in clustering order (DESC columns reversed), shorter prefix first on ties. */
export type PrefixComparator = (a: readonly Buffer[], b: readonly Buffer[]) => number;

export function prefixComparator(clustering: readonly ColumnMetadata[]): PrefixComparator {
  const cmps = clustering.map((c) => {
    const cmp = comparatorFor(c.type);
    return c.clusteringOrder === 'desc' ? (a: Buffer, b: Buffer) => cmp(b, a) : cmp;
  });
  return (a, b) => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const r = cmps[i]!(a[i]!, b[i]!);
      if (r !== 0) return r;
    }
    return a.length - b.length;
  };
}

/** Sorts prefixes in clustering order and drops duplicates. */
export function sortedUnique(prefixes: Buffer[][], cmp: PrefixComparator): Buffer[][] {
  prefixes.sort(cmp);
  return prefixes.filter((p, i) => i === 0 || cmp(prefixes[i - 1]!, p) !== 0);
}

/** A slice of exactly the rows sharing `prefix` (the whole clustering when the prefix is complete). */
export function prefixSlice(prefix: readonly Buffer[]): Slice {
  const bound: ClusteringBound = { prefix, inclusive: true };
  return { start: bound, end: bound };
}

/** The filter selecting every row of a partition. */
export function allRows(reversed: boolean): ClusteringFilter {
  return { kind: 'slices', slices: [prefixSlice([])], reversed };
}

/**
 * A filter for the given prefixes, each optionally narrowed by slices on the following columns:
 * full clusterings become a names filter, the rest slices in clustering order.
 */
export function filterFor(
  prefixes: Buffer[][], clusteringSize: number, reversed: boolean, cmp: PrefixComparator,
  narrow?: (prefix: Buffer[]) => readonly Slice[],
): ClusteringFilter {
  const unique = sortedUnique(prefixes, cmp);
  if (narrow === undefined && unique.every((p) => p.length === clusteringSize) && clusteringSize > 0) {
    return { kind: 'names', clusterings: unique, reversed };
  }
  const slices: Slice[] = [];
  for (const p of unique) {
    if (narrow === undefined) slices.push(prefixSlice(p));
    else slices.push(...narrow(p));
  }
  return { kind: 'slices', slices, reversed };
}
