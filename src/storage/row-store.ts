import type { Clustering, ClusteringComparator, Row, SlicePositions } from '../data/index.js';
import { BTree } from './btree.js';

/**
 * The rows of one memtable partition. Tables with clustering columns keep them in a B-tree in clustering
 * order; tables without have at most one row per partition, kept in a field, which saves a tree per
 * partition on the most common kind of table.
 */
export interface RowStore {
  readonly size: number;
  get(clustering: Clustering): Row | undefined;
  set(row: Row): void;
  delete(clustering: Clustering): void;
  /**
   * Visits the rows within the slice in clustering order, or in reverse, while `visit` returns true.
   * Returns false if a visit stopped it.
   */
  visit(slice: SlicePositions, reversed: boolean, visit: (row: Row) => boolean): boolean;
  /** Replaces every row within the slice (all rows when null) with `change(row)`; null removes it. */
  replaceAll(slice: SlicePositions | null, change: (row: Row) => Row | null): void;
  /** Every row in clustering order. */
  all(): Iterable<Row>;
  /** A store with the same rows that changes independently of this one (rows are immutable and shared). */
  copy(): RowStore;
}

export function newRowStore(comparator: ClusteringComparator): RowStore {
  return comparator.size === 0 ? new SingleRowStore(comparator) : new SortedRowStore(comparator);
}

class SingleRowStore implements RowStore {
  private row: Row | undefined = undefined;

  constructor(private readonly comparator: ClusteringComparator) {}

  get size(): number {
    return this.row === undefined ? 0 : 1;
  }

  get(): Row | undefined {
    return this.row;
  }

  set(row: Row): void {
    this.row = row;
  }

  delete(): void {
    this.row = undefined;
  }

  visit(slice: SlicePositions, _reversed: boolean, visit: (row: Row) => boolean): boolean {
    const row = this.row;
    return row === undefined || !this.comparator.contains(slice, row.clustering) || visit(row);
  }

  replaceAll(slice: SlicePositions | null, change: (row: Row) => Row | null): void {
    if (this.row === undefined || (slice !== null && !this.comparator.contains(slice, this.row.clustering))) return;
    this.row = change(this.row) ?? undefined;
  }

  all(): Iterable<Row> {
    return this.row === undefined ? [] : [this.row];
  }

  copy(): RowStore {
    const store = new SingleRowStore(this.comparator);
    store.row = this.row;
    return store;
  }
}

class SortedRowStore implements RowStore {
  /** The tree to start from: a clone shares its nodes until either side changes them (copy-on-write). */
  constructor(private readonly comparator: ClusteringComparator, private readonly tree = new BTree<Clustering, Row>(undefined, comparator.compare)) {}

  get size(): number {
    return this.tree.size;
  }

  get(clustering: Clustering): Row | undefined {
    return this.tree.get(clustering);
  }

  set(row: Row): void {
    this.tree.set(row.clustering, row);
  }

  delete(clustering: Clustering): void {
    this.tree.delete(clustering);
  }

  visit(slice: SlicePositions, reversed: boolean, visit: (row: Row) => boolean): boolean {
    const cmp = this.comparator.compare;
    const pair: (Clustering | Row)[] = [];
    if (reversed) {
      for (const [clustering, row] of this.tree.entriesReversed(slice.end, pair)) {
        if (cmp(clustering, slice.start) < 0) break;
        if (!visit(row)) return false;
      }
    } else {
      for (const [clustering, row] of this.tree.entries(slice.start, pair)) {
        if (cmp(clustering, slice.end) > 0) break;
        if (!visit(row)) return false;
      }
    }
    return true;
  }

  replaceAll(slice: SlicePositions | null, change: (row: Row) => Row | null): void {
    const low = slice?.start ?? this.tree.minKey();
    const high = slice?.end ?? this.tree.maxKey();
    if (low === undefined || high === undefined) return;
    this.tree.editRange(low, high, true, (_clustering, row) => {
      const changed = change(row);
      if (changed === row) return undefined;
      return changed === null ? { delete: true } : { value: changed };
    });
  }

  all(): Iterable<Row> {
    return this.tree.values();
  }

  copy(): RowStore {
    return new SortedRowStore(this.comparator, this.tree.clone());
  }
}
