import type {
  Clustering, ClusteringComparator, ClusteringFilter, RangeTombstone, Row, SlicePositions,
} from '../../data/index.js';
import { normalizedSlices } from '../partition-reader.js';
import type { RowIndexBlock } from './index-entry.js';

/**
 * What a clustering filter selects of a stored partition, as positions: the blocks of a wide
 * partition worth reading, the rows and the range tombstones it returns (whole, as the memtable does).
 */
export class PartitionSelection {
  private constructor(
    private readonly comparator: ClusteringComparator,
    /** Sorted, disjoint; null selects everything. */
    private readonly ranges: readonly SlicePositions[] | null,
    private readonly names: readonly Clustering[] | null,
  ) {}

  static of(comparator: ClusteringComparator, filter: ClusteringFilter | null): PartitionSelection {
    if (filter === null) return new PartitionSelection(comparator, null, null);
    if (filter.kind === 'names') {
      const ranges = filter.clusterings.map((c) =>
        comparator.positionsOf({ start: { prefix: c, inclusive: true }, end: { prefix: c, inclusive: true } }));
      return new PartitionSelection(comparator, ranges, filter.clusterings);
    }
    return new PartitionSelection(comparator, normalizedSlices(comparator, filter), null);
  }

  get selectsAll(): boolean {
    return this.ranges === null;
  }

  /** Whether a block of rows spanning [first, last] may hold a selected row. */
  wantsBlock(block: RowIndexBlock): boolean {
    if (this.ranges === null) return true;
    const cmp = this.comparator.compare;
    return this.ranges.some((r) => cmp(r.start, block.lastClustering) < 0 && cmp(block.firstClustering, r.end) < 0);
  }

  wantsRow(row: Row): boolean {
    if (this.ranges === null) return true;
    if (this.names !== null) return this.names.some((n) => this.comparator.compare(n, row.clustering) === 0);
    return this.ranges.some((r) => this.comparator.contains(r, row.clustering));
  }

  tombstones(all: readonly RangeTombstone[]): readonly RangeTombstone[] {
    const ranges = this.ranges;
    if (ranges === null || all.length === 0) return all;
    return all.filter((rt) => {
      const positions = this.comparator.positionsOf(rt.slice);
      return ranges.some((r) => this.comparator.intersects(positions, r));
    });
  }
}
