import {
  deletionPurger, gcBefore, mayPurge, NO_DELETION_TIME,
  type ClusteringComparator, type DeletionPurger, type PartitionRangeReadCommand, type PartitionUpdate,
  type SinglePartitionReadCommand, type UnfilteredPartition,
} from '../data/index.js';
import type { TableMetadata } from '../schema/index.js';
import { MemtablePartition } from './memtable-partition.js';
import { readPartition, readRangeLimited } from './partition-reader.js';
import { comparePartitionPositions, PartitionKeyPosition, type ScanRange } from './partition-order.js';
import { emptyTree, walkFrom, withPartitions, type PartitionTree } from './partition-tree.js';
import { PartitionIndex, type IndexLayer } from './partition-index.js';

/**
 * A memtable as it was when a snapshot took it: frozen, shared by the snapshot and by every memtable
 * restored from it, which copy a partition only when they write to it. Partitions not yet in ring order
 * stay so: the first range read that needs them orders them once for every memtable sharing the image.
 */
export interface MemtableImage {
  /** The ordered partitions; those of `pending` and of `unordered` come on top of them. */
  readonly partitions: PartitionTree;
  /** An earlier image whose partitions not yet in ring order this one also holds (they are not in `partitions`). */
  readonly pending: MemtableImage | null;
  /** Written since, not yet in ring order, newest last. */
  readonly unordered: readonly MemtablePartition[];
  readonly index: IndexLayer | null;
  readonly sizeBytes: number;
  readonly partitionCount: number;
  readonly comparator: ClusteringComparator;
}

/**
 * The in-memory data of one table on one node: partitions ordered by token then key. A snapshot shares
 * its structure: the ordered tree is cloned in O(1) (sorted-btree copies nodes on write), and partitions
 * belong to a generation (`owner`): once a snapshot holds them, the memtable moves on to a new generation
 * and changes a copy of a partition the first time it writes to it after that.
 */
export class Memtable {
  private partitions: PartitionTree;
  /** The same partitions by token, for point lookups, the hot path. */
  private index: PartitionIndex;
  /**
   * Partitions written since the tree was last ordered, newest last: new ones and copies of shared ones
   * (which replace their original when ordered). Only range reads need ring order, so writes just append
   * here and the next range read inserts them, sorted, which is much cheaper than one random insert each.
   */
  private unordered: MemtablePartition[] = [];
  /** An image whose unordered partitions are this memtable's too (not in its tree yet), or null. */
  private pending: MemtableImage | null = null;
  /** The generation whose partitions this memtable may change in place. */
  private owner: object = {};
  private count = 0;
  /** Approximate memory held by the partitions. */
  sizeBytes = 0;
  /** Set when the table is dropped, so that nothing still holding this memtable uses it. */
  retired = false;
  /**
   * The table as last seen by a write or a read (its gc_grace_seconds and liveness rule decide what the
   * sweep purges); null until then.
   */
  table: TableMetadata | null = null;
  /** Where the purge sweep goes on from (exclusive), null to start at the beginning of the ring. */
  private sweepCursor: PartitionKeyPosition | null = null;

  constructor(private readonly comparator: ClusteringComparator) {
    this.partitions = emptyTree();
    this.index = new PartitionIndex();
  }

  /** A memtable holding what an image holds, sharing its structure. */
  static restored(image: MemtableImage): Memtable {
    const memtable = new Memtable(image.comparator);
    memtable.restore(image);
    return memtable;
  }

  get partitionCount(): number {
    return this.count;
  }

  /** Rows held, static rows included: a walk over the partitions, for metrics rather than requests. */
  rowCount(): number {
    // Ordered first: the unordered list may hold a newer copy of a partition still in the tree, and an
    // image's pending partitions are in neither.
    this.order();
    let n = 0;
    this.partitions.forEach((p) => {
      n += p.rowCount + (p.hasStaticRow ? 1 : 0);
    });
    return n;
  }

  /**
   * Merges an update in. With `nowInSec` (a clock), a small partition it touches is purged as well when
   * something in it has become purgeable (see purgeTouched).
   */
  apply(update: PartitionUpdate, nowInSec?: () => number): void {
    let partition = this.index.get(update.token, update.key);
    if (partition === undefined) {
      partition = MemtablePartition.compact(update.key, update.token, this.comparator, this.owner);
      this.index.add(partition);
      this.unordered.push(partition);
      this.count++;
      this.sizeBytes += partition.sizeBytes;
    } else if (partition.owner !== this.owner) {
      partition = this.ownCopy(partition);
    }
    this.sizeBytes += partition.apply(update);
    if (nowInSec !== undefined && mayEverPurge(partition)) this.purgeTouched(partition, update.table, nowInSec());
  }

  /**
   * Purges a partition a write or a point read touched, when it is small enough for that to cost little
   * and something in it may be purged by now; larger ones wait for the sweep.
   */
  private purgeTouched(partition: MemtablePartition, table: TableMetadata, nowInSec: number): void {
    if (partition.rowCount > TOUCH_PURGE_MAX_ROWS || !mayPurge(partition, nowInSec, gcBefore(table, nowInSec))) return;
    this.purgePartition(partition, deletionPurger(table, nowInSec));
  }

  /** Purges one partition (a copy of it when a snapshot shares it); takes it out once nothing is left. */
  private purgePartition(shared: MemtablePartition, purger: DeletionPurger): void {
    const partition = shared.owner === this.owner ? shared : this.ownCopy(shared);
    this.sizeBytes += partition.purge(purger);
    if (partition.isEmpty) this.remove(partition);
  }

  /** Shared with a snapshot: this memtable's version is a copy, which replaces the original when ordered. */
  private ownCopy(shared: MemtablePartition): MemtablePartition {
    const partition = shared.copyFor(this.owner);
    this.index.add(partition);
    this.unordered.push(partition);
    return partition;
  }

  /** Takes an emptied partition out: of the index now, of the ordered tree when next ordered. */
  private remove(partition: MemtablePartition): void {
    partition.removed = true;
    this.index.remove(partition);
    this.unordered.push(partition);
    this.count--;
    this.sizeBytes -= partition.sizeBytes;
  }

  /**
   * One step of the background purge: goes on from where the last step stopped, in ring order, checking
   * partitions (a comparison each) and purging those with something purgeable, until `budget` is spent
   * (a partition checked costs 1, each row of one purged 1 more). Returns the budget spent and whether
   * the sweep reached the end of the ring (it starts again from the beginning next time).
   */
  sweep(nowInSec: number, budget: number): { spent: number; wrapped: boolean } {
    if (this.table === null) return { spent: 0, wrapped: true };
    this.order();
    const purger = deletionPurger(this.table, nowInSec);
    const walk = walkFrom(this.partitions, this.sweepCursor, budget, (p) => mayPurge(p, nowInSec, purger.gcBefore));
    // The tree changes as emptied partitions leave it: they are purged once the walk is over.
    for (const partition of walk.due) this.purgePartition(partition, purger);
    this.sweepCursor = walk.wrapped ? null : walk.last;
    return { spent: walk.spent, wrapped: walk.wrapped };
  }

  /**
   * Freezes the current content as an image, in O(1) whatever the number of partitions: the image takes
   * the tree (a clone) and what is not ordered yet, and the memtable goes on as if restored from it.
   */
  image(): MemtableImage {
    const image: MemtableImage = {
      partitions: this.partitions.clone(), pending: this.pending, unordered: this.unordered, index: this.index.freeze(),
      sizeBytes: this.sizeBytes, partitionCount: this.count, comparator: this.comparator,
    };
    this.pending = hasPending(image) ? image : null;
    this.unordered = [];
    this.owner = {};
    return image;
  }

  /** Takes the content of an image back (the image stays as it is, for later restores). */
  restore(image: MemtableImage): void {
    this.partitions = image.partitions.clone();
    this.pending = hasPending(image) ? image : null;
    this.unordered = [];
    this.index = new PartitionIndex(image.index);
    this.count = image.partitionCount;
    this.sizeBytes = image.sizeBytes;
    this.owner = {};
  }

  /**
   * A point read; with `nowInSec` (the node's clock), a small partition it touches is purged first when
   * something in it may be. Not by the command's nowInSec: a client may set that (protocol v5's
   * now_in_seconds), and reading as of a later second must not drop what the node has to keep.
   */
  readSingle(command: SinglePartitionReadCommand, nowInSec?: () => number): UnfilteredPartition[] {
    let partition = this.index.get(command.token, command.key);
    if (partition === undefined) return [];
    if (nowInSec !== undefined && mayEverPurge(partition)) {
      this.purgeTouched(partition, command.table, nowInSec());
      partition = this.index.get(command.token, command.key);
      if (partition === undefined) return [];
    }
    const read = readPartition(partition, command.table, command.filter, command.nowInSec, command.rowLimit);
    return read.partition === null ? [] : [read.partition];
  }

  /**
   * Partitions in ring order within the bounds. Only live data counts towards the limits: a partition
   * counts if it has a live row or a live static row; its rows count as countedRows says (at most
   * perPartitionLimit of them, a static-only partition only when whole partitions are read).
   */
  readRange(command: PartitionRangeReadCommand): UnfilteredPartition[] {
    return readRangeLimited(command, (range) => this.partitionsIn(range));
  }

  /** The partition of a key, or undefined: what a read merging this memtable with SSTables starts from. */
  partition(token: bigint, key: Buffer): MemtablePartition | undefined {
    return this.index.get(token, key);
  }

  /** The partitions within a range, in ring order, as a merging range read walks them. */
  partitionsIn(range: ScanRange): Iterable<MemtablePartition> {
    this.order();
    return this.scan(range);
  }

  /** Purges every partition now, from the beginning of the ring (a test's or an operator's request). */
  purgeAll(nowInSec: number): void {
    this.sweepCursor = null;
    this.sweep(nowInSec, Number.POSITIVE_INFINITY);
  }

  clear(): void {
    // New structures rather than emptied ones: an image may share the old ones.
    this.partitions = emptyTree();
    this.index = new PartitionIndex();
    this.unordered = [];
    this.pending = null;
    this.count = 0;
    this.sizeBytes = 0;
    this.sweepCursor = null;
  }

  retire(): void {
    this.clear();
    this.retired = true;
  }

  /** Puts every partition in ring order: those of a pending image (ordered once, for all sharing it), then the unordered ones. */
  private order(): void {
    if (this.pending !== null) {
      // The tree has not changed since the image was taken or restored: the image's ordered tree replaces it.
      this.partitions = orderedTree(this.pending).clone();
      this.pending = null;
    }
    this.partitions = withPartitions(this.partitions, this.unordered);
    this.unordered = [];
  }

  private *scan(range: ScanRange): Generator<MemtablePartition> {
    const pair: (PartitionKeyPosition | MemtablePartition)[] = [];
    for (const [, partition] of this.partitions.entries(range.from ?? undefined, pair)) {
      if (range.from !== null && range.fromExclusive && comparePartitionPositions(partition.position, range.from) === 0) continue;
      if (range.to !== null) {
        const c = comparePartitionPositions(partition.position, range.to);
        if (c > 0 || (c === 0 && range.toExclusive)) return;
      }
      yield partition;
    }
  }
}

/** Partitions with more rows than this are purged by the sweep only, not by the write or read that touches them. */
const TOUCH_PURGE_MAX_ROWS = 64;

/** Whether the partition holds anything purging could ever change (most hold no tombstone nor TTL). */
function mayEverPurge(partition: MemtablePartition): boolean {
  return partition.firstExpiry !== NO_DELETION_TIME || partition.firstDeletionTime !== NO_DELETION_TIME;
}

function hasPending(image: MemtableImage): boolean {
  return image.pending !== null || image.unordered.length > 0;
}

/** Ordered trees of images, made once each (an image is immutable: this only caches a view of it). */
const orderedTrees = new WeakMap<MemtableImage, PartitionTree>();

/** Every partition of an image in ring order, made from the nearest image in its chain already ordered. */
function orderedTree(image: MemtableImage): PartitionTree {
  const chain: MemtableImage[] = [];
  let tree: PartitionTree | undefined;
  for (let i: MemtableImage | null = image; i !== null; i = i.pending) {
    tree = hasPending(i) ? orderedTrees.get(i) : i.partitions;
    if (tree !== undefined) break;
    chain.push(i);
  }
  // The oldest image of a chain with nothing ordered yet starts from its own tree.
  for (const i of chain.reverse()) {
    tree = withPartitions((tree ?? i.partitions).clone(), i.unordered);
    orderedTrees.set(i, tree);
  }
  return tree!;
}
