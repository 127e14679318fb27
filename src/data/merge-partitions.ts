import { invariant } from '../common/index.js';
import type { TableMetadata } from '../schema/index.js';
import { clusteringComparatorFor, type ClusteringComparator } from './clustering-comparator.js';
import { deletes, deletionSupersedes, maxDeletion } from './deletion-time.js';
import type { Clustering, RangeTombstone, Row } from './partition-update.js';
import { mergeRows } from './row-merge.js';
import type { UnfilteredPartition } from './unfiltered-partition.js';

/**
 * Merges the answers of several replicas for one partition into one unfiltered partition: rows and the
 * static row merged by timestamp (multi-cell columns element by element), the strongest partition
 * deletion, range tombstones collected. The result keeps tombstones; purgePartition turns it into what
 * the client sees.
 */
export function mergePartitions(partitions: readonly UnfilteredPartition[]): UnfilteredPartition {
  invariant(partitions.length > 0, 'merging needs at least one partition');
  const first = partitions[0]!;
  if (partitions.length === 1) return first;
  const comparator = clusteringComparatorFor(first.table);
  const order = first.reversed
    ? (a: Clustering, b: Clustering) => comparator.compare(b, a)
    : comparator.compare;
  let rows = first.rows;
  let staticRow = first.staticRow;
  let partitionDeletion = first.partitionDeletion;
  for (let i = 1; i < partitions.length; i++) {
    const p = partitions[i]!;
    invariant(p.key.equals(first.key), 'merged partitions share their key');
    invariant(p.reversed === first.reversed, 'merged partitions share their order');
    rows = mergeSortedRows(rows, p.rows, order, first.table);
    staticRow = staticRow === null ? p.staticRow : p.staticRow === null ? staticRow : mergeRows(staticRow, p.staticRow, first.table);
    partitionDeletion = maxDeletion(partitionDeletion, p.partitionDeletion);
  }
  const rangeTombstones = collectRangeTombstones(partitions, comparator)
    .filter((rt) => !deletes(partitionDeletion, rt.deletion.markedForDeleteAt));
  return { ...first, partitionDeletion, rangeTombstones, staticRow, rows };
}

function mergeSortedRows(
  a: readonly Row[], b: readonly Row[], order: (x: Clustering, y: Clustering) => number, table: TableMetadata,
): readonly Row[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: Row[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c = order(a[i]!.clustering, b[j]!.clustering);
    if (c < 0) out.push(a[i++]!);
    else if (c > 0) out.push(b[j++]!);
    else out.push(mergeRows(a[i++]!, b[j++]!, table));
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** All range tombstones; of several over the same slice only the strongest is kept. */
function collectRangeTombstones(
  partitions: readonly UnfilteredPartition[], comparator: ClusteringComparator,
): RangeTombstone[] {
  const out: RangeTombstone[] = [];
  for (const p of partitions) {
    for (const rt of p.rangeTombstones) {
      const same = out.findIndex((o) => sameSlice(o, rt, comparator));
      if (same < 0) out.push(rt);
      else if (deletionSupersedes(rt.deletion, out[same]!.deletion)) out[same] = rt;
    }
  }
  return out;
}

function sameSlice(a: RangeTombstone, b: RangeTombstone, comparator: ClusteringComparator): boolean {
  const pa = comparator.positionsOf(a.slice);
  const pb = comparator.positionsOf(b.slice);
  return comparator.compare(pa.start, pb.start) === 0 && comparator.compare(pa.end, pb.end) === 0;
}
