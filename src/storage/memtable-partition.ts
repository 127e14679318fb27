import {
  addDeletionTime, addRowPurgeTimes, complexPathOrder, deletes, deletionSupersedes, dropShadowed, maxDeletion, mergeRows,
  NO_DELETION_TIME, noPurgeTimes, purgeDeletion, purgeRow,
  type Clustering, type ClusteringComparator, type DeletionPurger, type DeletionTime, type PartitionUpdate, type PurgeTimes,
  type RangeTombstone, type Row, type SlicePositions,
} from '../data/index.js';
import { invariant } from '../common/index.js';
import type { TableMetadata } from '../schema/index.js';
import { PartitionKeyPosition } from './partition-order.js';
import { ownedClustering, ownedRow } from './retained-bytes.js';
import { newRowStore, type RowStore } from './row-store.js';

/** A range tombstone with its slice as positions, computed once. */
export interface StoredRangeTombstone {
  readonly tombstone: RangeTombstone;
  readonly positions: SlicePositions;
}

const NO_RANGE_TOMBSTONES: readonly StoredRangeTombstone[] = [];

const PARTITION_OVERHEAD_BYTES = 96;
const ROW_OVERHEAD_BYTES = 64;
const CELL_OVERHEAD_BYTES = 40;
const TOMBSTONE_OVERHEAD_BYTES = 64;
const COMPLEX_COLUMN_OVERHEAD_BYTES = 48;

export function rowSizeBytes(row: Row): number {
  let size = ROW_OVERHEAD_BYTES;
  for (const v of row.clustering) size += v.length;
  for (const cell of row.cells.values()) size += CELL_OVERHEAD_BYTES + (cell.value?.length ?? 0);
  if (row.complex !== undefined) {
    for (const column of row.complex.values()) {
      size += COMPLEX_COLUMN_OVERHEAD_BYTES;
      for (const { path, cell } of column.cells) size += CELL_OVERHEAD_BYTES + path.length + (cell.value?.length ?? 0);
    }
  }
  return size;
}

/**
 * One partition of a memtable: rows in clustering order, the static row, the partition deletion and range
 * tombstones. Writes are merged in as they arrive (last write wins per cell, and per element of a
 * multi-cell column), and data shadowed by a deletion the partition holds is dropped then (elements by
 * a newer deletion of their column too), so overwrites and deletes do not make it grow.
 * Stored rows are immutable and shared with readers. Tombstones and expired cells go once past
 * gc_grace_seconds (purge()); the partition keeps the times that tell when that could next change anything.
 */
export class MemtablePartition extends PartitionKeyPosition implements PurgeTimes {
  partitionDeletion: DeletionTime | null = null;
  /** Replaced, never changed in place: copies share it (and partitions without any share one empty list). */
  rangeTombstones: readonly StoredRangeTombstone[] = NO_RANGE_TOMBSTONES;
  staticRow: Row | null = null;
  readonly rows: RowStore;
  /**
   * Where the partition sits in its memtable: itself, its token and key (a position object of its own
   * would cost 32 bytes a partition).
   */
  get position(): PartitionKeyPosition {
    return this;
  }

  /** Approximate memory held, kept current by apply(). */
  sizeBytes: number;
  /** No earlier than when purge() could change anything: lowered by every write, recomputed by purge(). */
  firstExpiry = NO_DELETION_TIME;
  firstDeletionTime = NO_DELETION_TIME;
  /** Set once purged empty and taken out of its memtable: the ordering of the memtable drops it then. */
  removed = false;

  /**
   * `owner` is the memtable generation that may change this partition in place: once a snapshot shares
   * it, the memtable moves to a new generation and changes a copy instead (see copyFor).
   */
  constructor(
    key: Buffer, token: bigint, readonly comparator: ClusteringComparator, readonly owner: object,
    rows: RowStore = newRowStore(comparator),
  ) {
    super(token, key);
    this.rows = rows;
    this.sizeBytes = PARTITION_OVERHEAD_BYTES + key.length;
  }

  /** The same content for another owner to change: rows are shared until either side writes (copy-on-write). */
  copyFor(owner: object): MemtablePartition {
    const copy = new MemtablePartition(this.key, this.token, this.comparator, owner, this.rows.copy());
    copy.partitionDeletion = this.partitionDeletion;
    copy.rangeTombstones = this.rangeTombstones;
    copy.staticRow = this.staticRow;
    copy.sizeBytes = this.sizeBytes;
    copy.firstExpiry = this.firstExpiry;
    copy.firstDeletionTime = this.firstDeletionTime;
    return copy;
  }

  /**
   * Merges an update in; returns the change of sizeBytes. The update's table (the schema it was written
   * against, so it knows every column it writes) gives the path order of multi-cell columns.
   */
  apply(update: PartitionUpdate): number {
    const before = this.sizeBytes;
    if (update.partitionDeletion !== null) {
      addDeletionTime(this, update.partitionDeletion);
      this.applyPartitionDeletion(update.partitionDeletion);
    }
    for (const rt of update.rangeTombstones) {
      addDeletionTime(this, rt.deletion);
      this.applyRangeTombstone(rt);
    }
    if (update.staticRow !== null) {
      addRowPurgeTimes(this, update.staticRow);
      this.applyStaticRow(update.staticRow, update.table);
    }
    for (const row of update.rows) {
      addRowPurgeTimes(this, row);
      this.applyRow(row, update.table);
    }
    return this.sizeBytes - before;
  }

  /** Whether nothing is left, not even a tombstone. */
  get isEmpty(): boolean {
    return this.partitionDeletion === null && this.rangeTombstones.length === 0 && this.staticRow === null && this.rows.size === 0;
  }

  /**
   * Drops the tombstones and expired data the purger may (PurgeFunction: the partition deletion, range
   * tombstones, then each row as Row.purge does); returns the change of sizeBytes. Whatever they shadowed
   * went when they arrived, so nothing comes back.
   */
  purge(purger: DeletionPurger): number {
    const before = this.sizeBytes;
    const times = noPurgeTimes();
    this.partitionDeletion = purgeDeletion(this.partitionDeletion, purger);
    if (this.partitionDeletion !== null) addDeletionTime(times, this.partitionDeletion);
    if (this.rangeTombstones.length > 0) {
      const kept = this.rangeTombstones.filter((rt) => purgeDeletion(rt.tombstone.deletion, purger) !== null);
      for (const rt of kept) addDeletionTime(times, rt.tombstone.deletion);
      this.sizeBytes -= (this.rangeTombstones.length - kept.length) * TOMBSTONE_OVERHEAD_BYTES;
      if (kept.length !== this.rangeTombstones.length) this.rangeTombstones = kept.length === 0 ? NO_RANGE_TOMBSTONES : kept;
    }
    if (this.staticRow !== null) {
      const kept = purgeRow(this.staticRow, purger);
      if (kept !== this.staticRow) this.setStaticRow(kept);
      if (kept !== null) addRowPurgeTimes(times, kept);
    }
    this.rows.replaceAll(null, (row) => {
      const kept = purgeRow(row, purger);
      if (kept !== row) this.sizeBytes += (kept === null ? 0 : rowSizeBytes(kept)) - rowSizeBytes(row);
      if (kept !== null) addRowPurgeTimes(times, kept);
      return kept;
    });
    this.firstExpiry = times.firstExpiry;
    this.firstDeletionTime = times.firstDeletionTime;
    return this.sizeBytes - before;
  }

  /** The deletion covering a row from outside it: the partition deletion and the range tombstones over it. */
  outerDeletion(clustering: Clustering): DeletionTime | null {
    let deletion = this.partitionDeletion;
    for (const rt of this.rangeTombstones) {
      if (this.comparator.contains(rt.positions, clustering)) deletion = maxDeletion(deletion, rt.tombstone.deletion);
    }
    return deletion;
  }

  private applyRow(update: Row, table: TableMetadata): void {
    invariant(update.clustering.length === this.comparator.size, 'a row has a value for every clustering column');
    checkPathOrder(update, table);
    const owned = ownedRow(update);
    const existing = this.rows.get(owned.clustering);
    const merged = dropShadowed(
      existing === undefined ? owned : mergeRows(existing, owned, table),
      this.outerDeletion(owned.clustering),
    );
    this.replaceRow(owned.clustering, existing, merged);
  }

  private replaceRow(clustering: Clustering, existing: Row | undefined, merged: Row | null): void {
    if (merged === existing) return;
    if (existing !== undefined) this.sizeBytes -= rowSizeBytes(existing);
    if (merged === null) {
      if (existing !== undefined) this.rows.delete(clustering);
      return;
    }
    this.sizeBytes += rowSizeBytes(merged);
    this.rows.set(merged);
  }

  private applyStaticRow(update: Row, table: TableMetadata): void {
    checkPathOrder(update, table);
    const owned = ownedRow(update);
    const existing = this.staticRow;
    this.setStaticRow(dropShadowed(existing === null ? owned : mergeRows(existing, owned, table), this.partitionDeletion));
  }

  private setStaticRow(row: Row | null): void {
    if (this.staticRow !== null) this.sizeBytes -= rowSizeBytes(this.staticRow);
    if (row !== null) this.sizeBytes += rowSizeBytes(row);
    this.staticRow = row;
  }

  private applyPartitionDeletion(deletion: DeletionTime): void {
    if (this.partitionDeletion !== null && !deletionSupersedes(deletion, this.partitionDeletion)) return;
    this.partitionDeletion = deletion;
    const kept = this.rangeTombstones.filter((rt) => !deletes(deletion, rt.tombstone.deletion.markedForDeleteAt));
    this.sizeBytes -= (this.rangeTombstones.length - kept.length) * TOMBSTONE_OVERHEAD_BYTES;
    this.rangeTombstones = kept.length === 0 ? NO_RANGE_TOMBSTONES : kept;
    if (this.staticRow !== null) this.setStaticRow(dropShadowed(this.staticRow, deletion));
    this.purgeRows(null, deletion);
  }

  private applyRangeTombstone(rt: RangeTombstone): void {
    if (deletes(this.partitionDeletion, rt.deletion.markedForDeleteAt)) return;
    const positions = this.comparator.positionsOf(rt.slice);
    if (this.comparator.isEmpty(positions)) return;
    // Skip a tombstone an existing one already implies; drop those the new one implies.
    const implies = (outer: SlicePositions, outerDeletion: DeletionTime, inner: SlicePositions, innerDeletion: DeletionTime) =>
      this.comparator.covers(outer, inner) && !deletionSupersedes(innerDeletion, outerDeletion);
    if (this.rangeTombstones.some((o) => implies(o.positions, o.tombstone.deletion, positions, rt.deletion))) return;
    const kept = this.rangeTombstones.filter((o) => !implies(positions, rt.deletion, o.positions, o.tombstone.deletion));
    const stored: StoredRangeTombstone = {
      tombstone: {
        slice: {
          start: { prefix: ownedClustering(rt.slice.start.prefix), inclusive: rt.slice.start.inclusive },
          end: { prefix: ownedClustering(rt.slice.end.prefix), inclusive: rt.slice.end.inclusive },
        },
        deletion: rt.deletion,
      },
      positions,
    };
    kept.push(stored);
    this.sizeBytes += (kept.length - this.rangeTombstones.length) * TOMBSTONE_OVERHEAD_BYTES;
    this.rangeTombstones = kept;
    this.purgeRows(positions, rt.deletion);
  }

  /** Drops what `deletion` shadows from the rows within `positions` (all rows when null). */
  private purgeRows(positions: SlicePositions | null, deletion: DeletionTime): void {
    this.rows.replaceAll(positions, (row) => {
      const kept = dropShadowed(row, deletion);
      if (kept !== row) this.sizeBytes += (kept === null ? 0 : rowSizeBytes(kept)) - rowSizeBytes(row);
      return kept;
    });
  }
}

/** Merging relies on the elements of a multi-cell column arriving sorted, one per path. */
function checkPathOrder(row: Row, table: TableMetadata): void {
  if (row.complex === undefined) return;
  for (const [name, column] of row.complex) {
    const compare = complexPathOrder(table, name);
    for (let i = 1; i < column.cells.length; i++) {
      invariant(compare(column.cells[i - 1]!.path, column.cells[i]!.path) < 0, `the elements of ${name} are in path order`);
    }
  }
}
