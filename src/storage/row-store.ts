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

/**
 * A store for the few rows of a compact partition decoded for a read or a write (`rows` in clustering
 * order, taken over): a sorted array, cheaper to build and walk than a tree at that size.
 */
export function smallRowStore(comparator: ClusteringComparator, rows: Row[]): RowStore {
  if (comparator.size > 0) return new ArrayRowStore(comparator, rows);
  const store = new SingleRowStore(comparator);
  if (rows.length > 0) store.set(rows[0]!);
  return store;
}

/** The store a partition grown too large to stay compact keeps: `store` itself, or a tree holding its rows. */
export function treeRowStore(store: RowStore, comparator: ClusteringComparator): RowStore {
  if (!(store instanceof ArrayRowStore)) return store;
  const tree = new SortedRowStore(comparator);
  for (const row of store.all()) tree.set(row);
  return tree;
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

/** Rows in a sorted array: binary search, O(n) inserts, for a handful of rows. */
class ArrayRowStore implements RowStore {
  constructor(private readonly comparator: ClusteringComparator, private readonly rows: Row[]) {}

  get size(): number {
    return this.rows.length;
  }

  /** The index of the first row at or after `position`, or after it with `after`. */
  private search(position: Clustering, after: boolean): number {
    const cmp = this.comparator.compare;
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const c = cmp(this.rows[mid]!.clustering, position);
      if (c < 0 || (after && c === 0)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  get(clustering: Clustering): Row | undefined {
    const i = this.search(clustering, false);
    const row = this.rows[i];
    return row !== undefined && this.comparator.compare(row.clustering, clustering) === 0 ? row : undefined;
  }

  set(row: Row): void {
    const i = this.search(row.clustering, false);
    const existing = this.rows[i];
    if (existing !== undefined && this.comparator.compare(existing.clustering, row.clustering) === 0) this.rows[i] = row;
    else this.rows.splice(i, 0, row);
  }

  delete(clustering: Clustering): void {
    const i = this.search(clustering, false);
    const existing = this.rows[i];
    if (existing !== undefined && this.comparator.compare(existing.clustering, clustering) === 0) this.rows.splice(i, 1);
  }

  visit(slice: SlicePositions, reversed: boolean, visit: (row: Row) => boolean): boolean {
    const from = this.search(slice.start, false);
    const to = this.search(slice.end, true);
    if (reversed) {
      for (let i = to - 1; i >= from; i--) if (!visit(this.rows[i]!)) return false;
    } else {
      for (let i = from; i < to; i++) if (!visit(this.rows[i]!)) return false;
    }
    return true;
  }

  replaceAll(slice: SlicePositions | null, change: (row: Row) => Row | null): void {
    const from = slice === null ? 0 : this.search(slice.start, false);
    const to = slice === null ? this.rows.length : this.search(slice.end, true);
    let kept = from;
    for (let i = from; i < to; i++) {
      const changed = change(this.rows[i]!);
      if (changed !== null) this.rows[kept++] = changed;
    }
    if (kept < to) this.rows.splice(kept, to - kept);
  }

  all(): Iterable<Row> {
    return this.rows;
  }

  copy(): RowStore {
    return new ArrayRowStore(this.comparator, [...this.rows]);
  }
}
