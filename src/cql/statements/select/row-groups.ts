import type { RowView } from '../selection/row-view.js';
import type { Selection, SelectorContext } from '../selection/selection.js';

/** How many groups a page may hold, and the LIMIT and PER PARTITION LIMIT left, all counted in groups. */
export interface GroupLimits {
  readonly pageSize: number;
  readonly remaining: number;
  readonly perPartition: number;
  /** Groups still allowed in the first partition, when a page resumes inside it. */
  readonly firstPartitionRemaining: number;
}

export interface GroupedPage {
  readonly rows: (Buffer | null)[][];
  /** The first row of each group, for sorting groups when partitions are merged in ORDER BY order. */
  readonly firsts: readonly RowView[];
  /** The last row of the last group returned: where the next page resumes; null when nothing is left. */
  readonly resumeAfter: RowView | null;
  readonly remaining: number;
  readonly remainingInPartition: number;
}

const samePartition = (a: RowView, b: RowView): boolean => a.partitionKey.every((k, i) => k.equals(b.partitionKey[i]!));

function sameGroup(a: RowView, b: RowView, clusteringPrefix: number): boolean {
  if (!samePartition(a, b)) return false;
  for (let i = 0; i < clusteringPrefix; i++) {
    const x = a.clustering[i];
    const y = b.clustering[i];
    if (x === undefined || y === undefined || !x.equals(y)) return x === y;
  }
  return true;
}

/**
 * GROUP BY over rows in result order (Cassandra's GroupMaker): each run of rows with the same partition key
 * and clustering prefix becomes one row, aggregates over the run and other selectors from its first row.
 */
export function groupRows(
  rows: readonly RowView[], selection: Selection, sc: SelectorContext, clusteringPrefix: number, limits: GroupLimits,
): GroupedPage {
  const out: (Buffer | null)[][] = [];
  const firsts: RowView[] = [];
  let remaining = limits.remaining;
  let inPartition = limits.firstPartitionRemaining;
  let last: RowView | null = null;
  let i = 0;
  while (i < rows.length && remaining > 0 && out.length < limits.pageSize) {
    const first = rows[i]!;
    if (last !== null && !samePartition(last, first)) inPartition = limits.perPartition;
    let end = i + 1;
    while (end < rows.length && sameGroup(first, rows[end]!, clusteringPrefix)) end++;
    last = rows[end - 1]!;
    if (inPartition > 0) {
      const aggregator = selection.aggregator(sc);
      for (let r = i; r < end; r++) aggregator.add(rows[r]!);
      out.push(aggregator.result());
      firsts.push(first);
      remaining--;
      inPartition--;
    }
    i = end;
  }
  const more = i < rows.length && remaining > 0;
  return { rows: out, firsts, resumeAfter: more ? last : null, remaining, remainingInPartition: inPartition };
}
