import {
  addDeletionTime, addRowPurgeTimes, complexPathOrder, deletes, deletionSupersedes, dropShadowed, maxDeletion, mergeRows,
  NO_DELETION_TIME, noPurgeTimes, purgeDeletion, purgeRow,
  type Clustering, type ClusteringComparator, type DeletionPurger, type DeletionTime, type PartitionUpdate, type PurgeTimes,
  type RangeTombstone, type Row, type SlicePositions,
} from '../data/index.js';
import { invariant } from '../common/index.js';
import type { TableMetadata } from '../schema/index.js';
import type { PartitionKeyPosition } from './partition-order.js';
import {
  decodePartition, emptyPartitionData, encodedKey, encodedRowCounts, encodePartition, hasEncodedKey, NO_RANGE_TOMBSTONES,
  type PartitionData, type StoredRangeTombstone,
} from './partition-codec.js';
import { ownedBytes, ownedClustering, ownedRow } from './retained-bytes.js';
import { newRowStore, smallRowStore, treeRowStore, type RowStore } from './row-store.js';

export type { StoredRangeTombstone } from './partition-codec.js';

const PARTITION_OVERHEAD_BYTES = 96;
const ROW_OVERHEAD_BYTES = 64;
const CELL_OVERHEAD_BYTES = 40;
const TOMBSTONE_OVERHEAD_BYTES = 64;
const COMPLEX_COLUMN_OVERHEAD_BYTES = 48;

/**
 * A compact partition stays so while it has at most this many rows and its serialized form at most
 * COMPACT_MAX_BYTES: every write to it decodes and rewrites it whole, so both bound what a write costs.
 * Past either, it takes the tree form for good (writes O(log n) in its rows).
 */
export const COMPACT_MAX_ROWS = 8;
export const COMPACT_MAX_BYTES = 2048;

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
 * Tombstones and expired cells go once past gc_grace_seconds (purge()); the partition keeps the times that
 * tell when that could next change anything.
 *
 * Two forms. The tree form holds its content as objects (PartitionData), rows in a B-tree, changed in
 * place. The compact form, which a memtable gives the partitions it creates (MemtablePartition.compact),
 * holds its key and content serialized in one string (partition-codec.ts): a few hundred bytes less per
 * row, for the small partitions most tables have. Each write decodes it, merges as the tree form does and
 * serializes the result again; once it outgrows COMPACT_MAX_ROWS or COMPACT_MAX_BYTES it keeps the tree
 * form. Reads see either form through the same accessors (a compact partition is decoded once per read,
 * see `data`); what they are handed is immutable either way.
 */
export class MemtablePartition implements PurgeTimes {
  /** The form: serialized (compact) or objects (tree). */
  private content: string | PartitionData;

  /** Approximate memory held, kept current by apply(): the same estimate for both forms. */
  sizeBytes: number;
  /** No earlier than when purge() could change anything: lowered by every write, recomputed by purge(). */
  firstExpiry = NO_DELETION_TIME;
  firstDeletionTime = NO_DELETION_TIME;
  /** Set once purged empty and taken out of its memtable: the ordering of the memtable drops it then. */
  removed = false;

  /**
   * A partition in the tree form. `owner` is the memtable generation that may change this partition in
   * place: once a snapshot shares it, the memtable moves to a new generation and changes a copy instead
   * (see copyFor).
   */
  constructor(
    key: Buffer, readonly token: bigint, readonly comparator: ClusteringComparator, readonly owner: object,
    rows: RowStore = newRowStore(comparator),
  ) {
    this.content = emptyPartitionData(key, rows);
    this.sizeBytes = PARTITION_OVERHEAD_BYTES + key.length;
  }

  /**
   * A new, empty partition in the compact form (the tree form for a key too long for it). The key may be
   * a view of a request's frame: the compact form copies it, the tree form keeps a copy.
   */
  static compact(key: Buffer, token: bigint, comparator: ClusteringComparator, owner: object): MemtablePartition {
    const encoded = encodePartition(emptyPartitionData(key, smallRowStore(comparator, [])), COMPACT_MAX_BYTES);
    if (encoded === null) return new MemtablePartition(ownedBytes(key), token, comparator, owner);
    const partition = new MemtablePartition(key, token, comparator, owner, smallRowStore(comparator, []));
    partition.content = encoded;
    return partition;
  }

  /**
   * Where the partition sits in its memtable: itself, its token and key (a position object of its own
   * would cost 32 bytes a partition).
   */
  get position(): PartitionKeyPosition {
    return this;
  }

  get key(): Buffer {
    const content = this.content;
    if (typeof content !== 'string') return content.key;
    // A read asks for the key after the content: the decoded content has it.
    return lastRead !== null && lastRead.encoded === content ? lastRead.data.key : encodedKey(content);
  }

  /** Whether this is the partition of `key`. */
  hasKey(key: Buffer): boolean {
    return typeof this.content === 'string' ? hasEncodedKey(this.content, key) : sameBytes(this.content.key, key);
  }

  /** Whether the partition is held in the compact form. */
  get isCompact(): boolean {
    return typeof this.content === 'string';
  }

  get partitionDeletion(): DeletionTime | null {
    return this.data.partitionDeletion;
  }

  get rangeTombstones(): readonly StoredRangeTombstone[] {
    return this.data.rangeTombstones;
  }

  get staticRow(): Row | null {
    return this.data.staticRow;
  }

  /** The rows, for reading: a compact partition's are decoded (and must not be changed). */
  get rows(): RowStore {
    return this.data.rows;
  }

  /** The number of rows, the static row apart, without decoding a compact partition. */
  get rowCount(): number {
    return typeof this.content === 'string' ? encodedRowCounts(this.content).rows : this.content.rows.size;
  }

  /** Whether it has a static row, without decoding a compact partition. */
  get hasStaticRow(): boolean {
    return typeof this.content === 'string' ? encodedRowCounts(this.content).hasStaticRow : this.content.staticRow !== null;
  }

  /** The content as objects, for reading: a compact partition's decoded (once for the reads in a row of one partition). */
  private get data(): PartitionData {
    return typeof this.content === 'string' ? decodedForRead(this.content, this.comparator) : this.content;
  }

  /** The same content for another owner to change: rows are shared until either side writes (copy-on-write). */
  copyFor(owner: object): MemtablePartition {
    const content = this.content;
    const copy = new MemtablePartition(EMPTY_KEY, this.token, this.comparator, owner, smallRowStore(this.comparator, []));
    // A compact partition's string is immutable: the copy shares it.
    copy.content = typeof content === 'string' ? content : {
      key: content.key, partitionDeletion: content.partitionDeletion, rangeTombstones: content.rangeTombstones,
      staticRow: content.staticRow, rows: content.rows.copy(),
    };
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
    const data = this.editable();
    if (update.partitionDeletion !== null) {
      addDeletionTime(this, update.partitionDeletion);
      this.applyPartitionDeletion(data, update.partitionDeletion);
    }
    for (const rt of update.rangeTombstones) {
      addDeletionTime(this, rt.deletion);
      this.applyRangeTombstone(data, rt);
    }
    if (update.staticRow !== null) {
      addRowPurgeTimes(this, update.staticRow);
      this.applyStaticRow(data, update.staticRow, update.table);
    }
    for (const row of update.rows) {
      addRowPurgeTimes(this, row);
      this.applyRow(data, row, update.table);
    }
    this.settle(data);
    return this.sizeBytes - before;
  }

  /** Whether nothing is left, not even a tombstone. */
  get isEmpty(): boolean {
    if (typeof this.content === 'string') {
      const { rows, hasStaticRow } = encodedRowCounts(this.content);
      if (rows > 0 || hasStaticRow) return false;
    }
    const data = this.data;
    return data.partitionDeletion === null && data.rangeTombstones.length === 0 && data.staticRow === null && data.rows.size === 0;
  }

  /**
   * Drops the tombstones and expired data the purger may (PurgeFunction: the partition deletion, range
   * tombstones, then each row as Row.purge does); returns the change of sizeBytes. Whatever they shadowed
   * went when they arrived, so nothing comes back.
   */
  purge(purger: DeletionPurger): number {
    const before = this.sizeBytes;
    const data = this.editable();
    const times = noPurgeTimes();
    data.partitionDeletion = purgeDeletion(data.partitionDeletion, purger);
    if (data.partitionDeletion !== null) addDeletionTime(times, data.partitionDeletion);
    if (data.rangeTombstones.length > 0) {
      const kept = data.rangeTombstones.filter((rt) => purgeDeletion(rt.tombstone.deletion, purger) !== null);
      for (const rt of kept) addDeletionTime(times, rt.tombstone.deletion);
      this.sizeBytes -= (data.rangeTombstones.length - kept.length) * TOMBSTONE_OVERHEAD_BYTES;
      if (kept.length !== data.rangeTombstones.length) data.rangeTombstones = kept.length === 0 ? NO_RANGE_TOMBSTONES : kept;
    }
    if (data.staticRow !== null) {
      const kept = purgeRow(data.staticRow, purger);
      if (kept !== data.staticRow) this.setStaticRow(data, kept);
      if (kept !== null) addRowPurgeTimes(times, kept);
    }
    data.rows.replaceAll(null, (row) => {
      const kept = purgeRow(row, purger);
      if (kept !== row) this.sizeBytes += (kept === null ? 0 : rowSizeBytes(kept)) - rowSizeBytes(row);
      if (kept !== null) addRowPurgeTimes(times, kept);
      return kept;
    });
    this.firstExpiry = times.firstExpiry;
    this.firstDeletionTime = times.firstDeletionTime;
    this.settle(data);
    return this.sizeBytes - before;
  }

  /** The deletion covering a row from outside it: the partition deletion and the range tombstones over it. */
  outerDeletion(clustering: Clustering): DeletionTime | null {
    return outerDeletionIn(this.data, this.comparator, clustering);
  }

  /** The content to change: the tree form's own, or a compact partition's decoded (taken from the read cache if there). */
  private editable(): PartitionData {
    const content = this.content;
    if (typeof content !== 'string') return content;
    if (lastRead !== null && lastRead.encoded === content && lastRead.comparator === this.comparator) {
      const { data } = lastRead;
      lastRead = null;
      return data;
    }
    return decodePartition(content, this.comparator, false);
  }

  /**
   * After a change: a compact partition small enough serialized again; else the tree form from now on,
   * decoded once more into memory of its own (the decoded Buffers were views of a shared pool slab,
   * which a long-lived row must not pin).
   */
  private settle(data: PartitionData): void {
    if (typeof this.content !== 'string') return;
    const encoded = data.rows.size <= COMPACT_MAX_ROWS ? encodePartition(data, COMPACT_MAX_BYTES) : null;
    if (encoded !== null) {
      this.content = encoded;
      return;
    }
    const owned = decodePartition(encodePartition(data, Number.POSITIVE_INFINITY)!, this.comparator, true);
    owned.rows = treeRowStore(owned.rows, this.comparator);
    this.content = owned;
  }

  private applyRow(data: PartitionData, update: Row, table: TableMetadata): void {
    invariant(update.clustering.length === this.comparator.size, 'a row has a value for every clustering column');
    checkPathOrder(update, table);
    const owned = ownedRow(update);
    const existing = data.rows.get(owned.clustering);
    const merged = dropShadowed(
      existing === undefined ? owned : mergeRows(existing, owned, table),
      outerDeletionIn(data, this.comparator, owned.clustering),
    );
    this.replaceRow(data, owned.clustering, existing, merged);
  }

  private replaceRow(data: PartitionData, clustering: Clustering, existing: Row | undefined, merged: Row | null): void {
    if (merged === existing) return;
    if (existing !== undefined) this.sizeBytes -= rowSizeBytes(existing);
    if (merged === null) {
      if (existing !== undefined) data.rows.delete(clustering);
      return;
    }
    this.sizeBytes += rowSizeBytes(merged);
    data.rows.set(merged);
  }

  private applyStaticRow(data: PartitionData, update: Row, table: TableMetadata): void {
    checkPathOrder(update, table);
    const owned = ownedRow(update);
    const existing = data.staticRow;
    this.setStaticRow(data, dropShadowed(existing === null ? owned : mergeRows(existing, owned, table), data.partitionDeletion));
  }

  private setStaticRow(data: PartitionData, row: Row | null): void {
    if (data.staticRow !== null) this.sizeBytes -= rowSizeBytes(data.staticRow);
    if (row !== null) this.sizeBytes += rowSizeBytes(row);
    data.staticRow = row;
  }

  private applyPartitionDeletion(data: PartitionData, deletion: DeletionTime): void {
    if (data.partitionDeletion !== null && !deletionSupersedes(deletion, data.partitionDeletion)) return;
    data.partitionDeletion = deletion;
    const kept = data.rangeTombstones.filter((rt) => !deletes(deletion, rt.tombstone.deletion.markedForDeleteAt));
    this.sizeBytes -= (data.rangeTombstones.length - kept.length) * TOMBSTONE_OVERHEAD_BYTES;
    data.rangeTombstones = kept.length === 0 ? NO_RANGE_TOMBSTONES : kept;
    if (data.staticRow !== null) this.setStaticRow(data, dropShadowed(data.staticRow, deletion));
    this.purgeRows(data, null, deletion);
  }

  private applyRangeTombstone(data: PartitionData, rt: RangeTombstone): void {
    if (deletes(data.partitionDeletion, rt.deletion.markedForDeleteAt)) return;
    const positions = this.comparator.positionsOf(rt.slice);
    if (this.comparator.isEmpty(positions)) return;
    // Skip a tombstone an existing one already implies; drop those the new one implies.
    const implies = (outer: SlicePositions, outerDeletion: DeletionTime, inner: SlicePositions, innerDeletion: DeletionTime) =>
      this.comparator.covers(outer, inner) && !deletionSupersedes(innerDeletion, outerDeletion);
    if (data.rangeTombstones.some((o) => implies(o.positions, o.tombstone.deletion, positions, rt.deletion))) return;
    const kept = data.rangeTombstones.filter((o) => !implies(positions, rt.deletion, o.positions, o.tombstone.deletion));
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
    this.sizeBytes += (kept.length - data.rangeTombstones.length) * TOMBSTONE_OVERHEAD_BYTES;
    data.rangeTombstones = kept;
    this.purgeRows(data, positions, rt.deletion);
  }

  /** Drops what `deletion` shadows from the rows within `positions` (all rows when null). */
  private purgeRows(data: PartitionData, positions: SlicePositions | null, deletion: DeletionTime): void {
    data.rows.replaceAll(positions, (row) => {
      const kept = dropShadowed(row, deletion);
      if (kept !== row) this.sizeBytes += (kept === null ? 0 : rowSizeBytes(kept)) - rowSizeBytes(row);
      return kept;
    });
  }
}

const EMPTY_KEY = Buffer.alloc(0);

function outerDeletionIn(data: PartitionData, comparator: ClusteringComparator, clustering: Clustering): DeletionTime | null {
  let deletion = data.partitionDeletion;
  for (const rt of data.rangeTombstones) {
    if (comparator.contains(rt.positions, clustering)) deletion = maxDeletion(deletion, rt.tombstone.deletion);
  }
  return deletion;
}

/**
 * The last compact partition decoded for a read. A read asks a partition for its deletion, tombstones,
 * static row and rows one after the other (and for the outer deletion of each row): they come from one
 * decoding. Strings are immutable, so an equal string is the same content (the comparator is part of
 * the key: it gives the rows' order and the tombstones' positions).
 */
let lastRead: { readonly encoded: string; readonly comparator: ClusteringComparator; readonly data: PartitionData } | null = null;

function decodedForRead(encoded: string, comparator: ClusteringComparator): PartitionData {
  if (lastRead !== null && lastRead.encoded === encoded && lastRead.comparator === comparator) return lastRead.data;
  const data = decodePartition(encoded, comparator, false);
  lastRead = { encoded, comparator, data };
  return data;
}

/** Byte equality without a native call, cheaper for the short keys partitions have. */
function sameBytes(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
