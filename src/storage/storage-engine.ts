import { scheduleWithFixedDelay, type Cancellable, type Clock, type Scheduler } from '../common/index.js';
import { clusteringComparatorFor, type Mutation, type ReadCommand, type UnfilteredPartition } from '../data/index.js';
import type { TableMetadata } from '../schema/index.js';
import { DurableStorage, type DurableStorageOptions } from './durable/durable-storage.js';
import { isStorageFailure } from './durable/storage-failure.js';
import type { TableSnapshotFiles } from './durable/table-snapshot.js';
import type { SSTableTask } from './durable/table-tracker.js';
import { Memtable, type MemtableImage } from './memtable.js';
import type { SSTableReader } from './sstable/index.js';
import { readRangeMerged, readSingleMerged } from './merged-read.js';

/** One node's data as a snapshot took it: an image of each table's memtable, by table id in hex. */
export type StorageImage = ReadonlyMap<string, MemtableImage>;

export interface TableStorageStats {
  readonly partitionCount: number;
  /** Rows, static rows included (counted when asked: a walk over the table's partitions). */
  readonly rowCount: number;
  /** An estimate of the memory the table's data takes. */
  readonly sizeBytes: number;
}

/** How often the background purge takes a step, and the least work a step does (see purgeStep). */
export const PURGE_SWEEP_INTERVAL_MS = 10_000;
const PURGE_STEP_MIN_BUDGET = 4096;
/** A step checks at least this share of the partitions, so that a sweep of the ring takes at most this many steps. */
const PURGE_STEPS_PER_SWEEP = 64;

/**
 * One node's storage: a memtable per table, keyed by table id. It knows nothing of the network; reads
 * are answered as of the command's nowInSec. Once startPurging() gives it a clock, tombstones and
 * expired cells past gc_grace_seconds go: from the partitions writes and point reads touch, and by a
 * sweep of every table on the scheduler, a bounded step at a time.
 */
export class StorageEngine {
  private readonly memtables = new Map<string, Memtable>();
  /** Saves formatting the table id on every request; metadata snapshots are immutable. */
  private readonly byMetadata = new WeakMap<TableMetadata, Memtable>();

  private readonly applyListeners: ((mutation: Mutation) => void)[] = [];
  /** The clock's seconds while purging runs, else undefined. */
  private purgeNowInSec: (() => number) | undefined = undefined;
  private purgeTimer: Cancellable | null = null;
  /** The table the next purge step starts with, by its place among the memtables. */
  private purgeTableIndex = 0;
  /** The node's files, when it keeps its data in a folder; null in memory. */
  private durable: DurableStorage | null = null;
  private memtableSpaceBytes = Number.POSITIVE_INFINITY;
  /** Told of each failure of the node's files met while it runs (see onDiskFailure). */
  private diskFailureListener: ((error: Error) => void) | null = null;
  /** A failure of the node's files was met: nothing more is flushed or compacted until closeAfterFailure(). */
  private failed = false;
  /** The latest commit log group sync a write waited for (batch mode), and that promise as apply() returns it. */
  private lastGroup: Promise<void> | undefined;
  private lastSynced: Promise<void> | undefined;
  /** What the live memtables hold, kept as writes apply (flushIfFull looks at it on every write). */
  private liveBytes = 0;

  /**
   * Logs the mutation to the commit log (with a data folder) and applies it to the memtables. Returns nothing
   * when the write is as durable as it will be once this returns (in memory; periodic commit log); in batch
   * mode, a promise that resolves once the commit log fsync covering it ran: only then may it be acknowledged.
   * It rejects when that fsync failed, reported as any failure of the node's files (onDiskFailure); whoever
   * does not answer anyone may leave it, its rejection is handled. The writes one fsync covers share it.
   */
  apply(mutation: Mutation): Promise<void> | undefined {
    let logged: Promise<void> | undefined;
    try {
      logged = this.durable?.log(mutation);
    } catch (e) {
      throw this.reported(e);
    }
    this.applyToMemtables(mutation);
    // The mutation is applied: a flush that fails from now on stops the node (onDiskFailure), not the write.
    if (this.durable !== null && !this.failed) this.flushIfFull(this.durable);
    if (this.applyListeners.length > 0) for (const listener of this.applyListeners) listener(mutation);
    return logged === undefined ? undefined : this.synced(logged);
  }

  /**
   * Whether writes wait for a commit log group sync now (batch mode): real I/O in flight, which a clock that
   * jumps to its next timer when the cluster looks idle ('auto') must wait for.
   */
  get syncPending(): boolean {
    return this.durable?.syncPending ?? false;
  }

  /** The group sync's promise with its failure reported, made once per group and shared like it. */
  private synced(group: Promise<void>): Promise<void> {
    if (group !== this.lastGroup) {
      this.lastGroup = group;
      this.lastSynced = group.catch((e: unknown) => {
        throw this.reported(e);
      });
      this.lastSynced.catch(() => {});
    }
    return this.lastSynced!;
  }

  /**
   * Keeps the node's data in a folder from now on: its SSTables are opened and the commit log entries they do
   * not cover are applied to the memtables again. Tombstones are then purged by compaction only, as in
   * Cassandra: a memtable purge could drop a tombstone whose shadowed data sits in an SSTable.
   */
  openDurable(options: DurableStorageOptions & { readonly memtableSpaceBytes: number }): void {
    this.stopPurging();
    this.memtableSpaceBytes = options.memtableSpaceBytes;
    const liveMemtable = (table: TableMetadata): Memtable | undefined => this.memtables.get(table.id.toString('hex'));
    try {
      this.durable = DurableStorage.open(
        { liveMemtable, onBackgroundFailure: (e) => this.reported(e), flushToReclaim: (ids) => this.flushToReclaim(ids), ...options },
        (m) => this.applyToMemtables(m),
      );
    } catch (e) {
      // What the replay applied before it stopped goes: the next open replays it again, from the start.
      this.closeAfterFailure();
      throw e;
    }
    // As Cassandra after a replay: what the commit log gave back is flushed (in the background), so the memtables
    // start within their space and the replayed segments can go. A failure reaches onDiskFailure.
    if (this.stats().partitionCount > 0) this.flush().catch(() => {});
  }

  /** The table's SSTables a read merges (none in memory): their sizes and read counters, for tests and benchmarks. */
  sstables(table: TableMetadata): readonly SSTableReader[] {
    return this.durable?.sstables(table) ?? [];
  }

  /**
   * Writes every table's memtable to an SSTable (nodetool flush), in the background: the memtables are
   * replaced now, and the promise resolves once they, and the flushes asked for before, are on disk; it
   * rejects when one of them failed (the node then stops: onDiskFailure).
   */
  async flush(): Promise<void> {
    if (this.durable === null || this.failed) return;
    const flushes = [...this.memtables.values()].flatMap((m) => (m.partitionCount > 0 && m.table !== null ? [this.flushTable(m.table)] : []));
    await Promise.all([...flushes, this.durable.flushed()]);
  }

  /** nodetool compact: every memtable flushed, then each table's SSTables compacted into one, in the background. */
  async compact(): Promise<void> {
    await this.flush();
    if (this.durable === null || this.failed) return;
    try {
      await this.durable.compactAll();
    } catch (e) {
      throw this.reported(e);
    }
  }

  /**
   * Calls `listener` with each failure of the node's files met while it runs (a corrupt SSTable read, a
   * flush, compaction or commit log write that failed): the node applies disk_failure_policy. The operation
   * that met it fails with the error; a background flush or compaction only reports it.
   */
  onDiskFailure(listener: (error: Error) => void): void {
    this.diskFailureListener = listener;
  }

  /**
   * The node stopped after a failure of its files: they are closed as they are, without a flush (what the
   * memtables held is in the commit log), and the memtables dropped. openDurable() puts the data back.
   */
  closeAfterFailure(): void {
    try {
      this.durable?.close();
    } catch (e) {
      // Closing the files of a failing disk may fail too: they are let go of all the same.
      if (!isStorageFailure(e)) throw e;
    }
    this.durable = null;
    this.failed = false;
    for (const memtable of this.memtables.values()) memtable.retire();
    this.memtables.clear();
    this.liveBytes = 0;
  }

  /** Reports `error` if it is a failure of the node's files (once the first is met, flushes stop); returns it. */
  private reported(error: unknown): unknown {
    if (this.durable !== null && isStorageFailure(error)) {
      this.failed = true;
      this.diskFailureListener?.(error);
    }
    return error;
  }

  /**
   * Closes the node's files. A clean shutdown drains, as Cassandra does: every memtable is flushed now (the
   * flushes running are finished, compactions stopped) and the commit log left empty; otherwise, or when a
   * flush fails, what was not flushed stays in the commit log for the next start.
   */
  close(drain = true): void {
    if (this.durable === null) return;
    // Nobody is told of a failure met now: the node is going away anyway.
    this.diskFailureListener = null;
    let flushed = drain && !this.failed;
    try {
      if (flushed) {
        for (const memtable of [...this.memtables.values()]) if (memtable.partitionCount > 0 && memtable.table !== null) void this.flushTable(memtable.table);
        try {
          this.durable.finishFlushes();
        } catch {
          // Logged where the flush failed; the commit log keeps what it did not write.
          flushed = false;
        }
      }
      if (flushed) this.durable.drain();
      else this.durable.close();
    } catch (e) {
      if (!isStorageFailure(e)) throw e;
      // Files that fail while closing are let go of: what was not flushed is in the commit log, for the next start.
      this.closeAfterFailure();
    }
    this.durable = null;
  }

  /** The compactions running now, with their tables (none in memory): system_views.sstable_tasks. */
  sstableTasks(): readonly { readonly table: TableMetadata; readonly task: SSTableTask }[] {
    return this.durable?.sstableTasks() ?? [];
  }

  /** Memory held by memtables: the live ones, and those waiting for their flush or being flushed. */
  memtableBytes(): { readonly live: number; readonly flushing: number } {
    let live = 0;
    for (const m of this.memtables.values()) live += m.sizeBytes;
    return { live, flushing: this.durable?.flushingBytes ?? 0 };
  }

  private applyToMemtables(mutation: Mutation): void {
    const purgeNow = this.durable === null ? this.purgeNowInSec : undefined;
    for (const update of mutation.updates) {
      const memtable = this.memtableFor(update.table);
      const beforeBytes = memtable.sizeBytes;
      memtable.apply(update, purgeNow);
      this.liveBytes += memtable.sizeBytes - beforeBytes;
    }
  }

  /**
   * memtable_heap_space: past it, the largest memtable is flushed (MemtableCleaner's choice). When writes
   * outrun the flushes and twice the space is held, the write waits for the flushes to end, as Cassandra's
   * writes wait for memtable memory: here they are finished at once, the event loop being the only thread.
   */
  private flushIfFull(durable: DurableStorage): void {
    // The running total may be above the truth (a TRUNCATE or DROP emptied a memtable): recounted when over.
    if (this.liveBytes <= this.memtableSpaceBytes) return;
    let total = 0;
    let largest: Memtable | undefined;
    for (const m of this.memtables.values()) {
      total += m.sizeBytes;
      if (largest === undefined || m.sizeBytes > largest.sizeBytes) largest = m;
    }
    this.liveBytes = total;
    if (total <= this.memtableSpaceBytes) return;
    const flushingBytes = durable.flushingBytes;
    if (largest !== undefined && largest.table !== null) void this.flushTable(largest.table);
    if (total + flushingBytes <= 2 * this.memtableSpaceBytes) return;
    try {
      durable.finishFlushes();
    } catch {
      // Logged where the flush failed; the memtables stay readable and the commit log keeps their writes.
    }
  }

  /** The commit log is over commitlog_total_space: the tables holding its oldest segments back are flushed. */
  private flushToReclaim(tableIds: ReadonlySet<string>): void {
    if (this.failed) return;
    for (const id of tableIds) {
      const memtable = this.memtables.get(id);
      if (memtable !== undefined && memtable.partitionCount > 0 && memtable.table !== null) void this.flushTable(memtable.table);
    }
  }

  /** Replaces the table's memtable with an empty one, which takes the writes while the old one is flushed. */
  private flushTable(table: TableMetadata): Promise<void> {
    const id = table.id.toString('hex');
    const old = this.memtables.get(id);
    if (old === undefined || this.durable === null) return Promise.resolve();
    const fresh = new Memtable(clusteringComparatorFor(table));
    fresh.table = table;
    this.memtables.set(id, fresh);
    this.byMetadata.set(table, fresh);
    old.retired = true;
    this.liveBytes -= old.sizeBytes;
    return this.durable.flush(table, old);
  }

  /** Starts purging (the node started): on the partitions requests touch, and a sweep step every interval. */
  startPurging(clock: Clock, scheduler: Scheduler, intervalMs = PURGE_SWEEP_INTERVAL_MS): void {
    if (this.purgeTimer !== null || this.durable !== null) return;
    this.purgeNowInSec = () => clock.nowSeconds();
    this.purgeTimer = scheduleWithFixedDelay(scheduler, intervalMs, () => this.purgeStep(clock.nowSeconds()));
  }

  /** Stops purging (the node stopped or froze); the data stays as it is. */
  stopPurging(): void {
    this.purgeTimer?.cancel();
    this.purgeTimer = null;
    this.purgeNowInSec = undefined;
  }

  /**
   * One step of the background purge: goes on through the tables where the last step stopped, checking
   * partitions and purging what is due, within a budget that grows with the data so that every
   * partition is checked at least once every PURGE_STEPS_PER_SWEEP steps.
   */
  purgeStep(nowInSec: number): void {
    const memtables = [...this.memtables.values()];
    let partitionCount = 0;
    for (const m of memtables) partitionCount += m.partitionCount;
    let budget = Math.max(PURGE_STEP_MIN_BUDGET, Math.ceil(partitionCount / PURGE_STEPS_PER_SWEEP));
    for (let visited = 0; visited < memtables.length && budget > 0; visited++) {
      const i = (this.purgeTableIndex + visited) % memtables.length;
      const { spent, wrapped } = memtables[i]!.sweep(nowInSec, budget);
      budget -= spent;
      if (!wrapped) {
        this.purgeTableIndex = i;
        return;
      }
    }
    this.purgeTableIndex = 0;
  }

  /** Purges every table now, whatever the sweep's progress. */
  purgeAll(nowInSec: number): void {
    for (const memtable of this.memtables.values()) memtable.purgeAll(nowInSec);
  }

  /**
   * Calls `listener` after every applied mutation, whichever way it arrived (a coordinator's own copy,
   * a replica message, a hint, a repair): what a node streaming ranges away forwards to their new owner.
   */
  onApply(listener: (mutation: Mutation) => void): () => void {
    this.applyListeners.push(listener);
    return () => {
      const i = this.applyListeners.indexOf(listener);
      if (i >= 0) this.applyListeners.splice(i, 1);
    };
  }

  read(command: ReadCommand): UnfilteredPartition[] {
    const sources = this.durable?.sources(command.table);
    if (sources !== undefined && sources.length > 0) {
      const memtable = this.memtableFor(command.table);
      try {
        return command.kind === 'single' ? readSingleMerged(command, memtable, sources) : readRangeMerged(command, memtable, sources);
      } catch (e) {
        throw this.reported(e);
      }
    }
    const memtable = this.existingMemtable(command.table);
    if (memtable === undefined) return [];
    return command.kind === 'single' ? memtable.readSingle(command, this.purgeNowInSec) : memtable.readRange(command);
  }

  /** Removes all data of a table and keeps the table. */
  truncate(tableId: Buffer): void {
    const memtable = this.memtables.get(tableId.toString('hex'));
    memtable?.clear();
    this.durable?.truncate(tableId, memtable?.table ?? null);
  }

  /**
   * The data of every table as it is now, in O(1) per table: the image shares the memtables' structure,
   * which they copy piecemeal as they change afterwards.
   */
  image(): StorageImage {
    const image = new Map<string, MemtableImage>();
    for (const [id, memtable] of this.memtables) if (memtable.partitionCount > 0) image.set(id, memtable.image());
    return image;
  }

  /** Puts back the data an image holds, table by table; tables it does not hold are emptied. */
  restore(image: StorageImage): void {
    for (const [id, memtable] of this.memtables) if (!image.has(id)) memtable.clear();
    for (const [id, table] of image) {
      const memtable = this.memtables.get(id);
      if (memtable === undefined) this.memtables.set(id, Memtable.restored(table));
      else memtable.restore(table);
    }
    this.liveBytes = this.memtableBytes().live;
  }

  /**
   * nodetool snapshot on this node, once flush() has resolved: the SSTables of each table hard-linked into
   * its snapshots/<name>/ folder with the files `files` gives. Returns the partitions it holds; in memory,
   * where images are the snapshots, it does nothing.
   */
  snapshot(name: string, files: (table: TableMetadata) => TableSnapshotFiles): number {
    if (this.durable === null) return 0;
    return this.durable.snapshot(name, files);
  }

  /** Each of `tables` holds exactly what its snapshot `name` on disk holds: memtable emptied, SSTables linked back. */
  restoreSnapshot(name: string, tables: readonly TableMetadata[]): void {
    if (this.durable === null) return;
    for (const table of tables) this.memtables.get(table.id.toString('hex'))?.clear();
    this.durable.restoreSnapshot(name, tables);
  }

  /** Deletes snapshot `name` from the node's folder. */
  dropSnapshot(name: string): void {
    this.durable?.dropSnapshot(name);
  }

  dropTable(tableId: Buffer): void {
    const id = tableId.toString('hex');
    this.memtables.get(id)?.retire();
    this.memtables.delete(id);
    this.durable?.dropTable(tableId);
  }

  tableStats(tableId: Buffer): TableStorageStats {
    const memtable = this.memtables.get(tableId.toString('hex'));
    return memtable === undefined ? { partitionCount: 0, rowCount: 0, sizeBytes: 0 } : statsOf(memtable);
  }

  /** What each table holding a memtable here holds, by table id in hex. */
  *tables(): Iterable<[string, TableStorageStats]> {
    for (const [id, memtable] of this.memtables) yield [id, statsOf(memtable)];
  }

  /** Totals over every table. */
  stats(): TableStorageStats & { readonly tableCount: number } {
    let partitionCount = 0;
    let rowCount = 0;
    let sizeBytes = 0;
    for (const [, table] of this.tables()) {
      partitionCount += table.partitionCount;
      rowCount += table.rowCount;
      sizeBytes += table.sizeBytes;
    }
    return { tableCount: this.memtables.size, partitionCount, rowCount, sizeBytes };
  }

  private existingMemtable(table: TableMetadata): Memtable | undefined {
    const cached = this.byMetadata.get(table);
    if (cached !== undefined && !cached.retired) return cached;
    const memtable = this.memtables.get(table.id.toString('hex'));
    if (memtable !== undefined) {
      this.byMetadata.set(table, memtable);
      // A new version of the table's metadata (ALTER): the purge follows its gc_grace_seconds.
      memtable.table = table;
    }
    return memtable;
  }

  private memtableFor(table: TableMetadata): Memtable {
    let memtable = this.existingMemtable(table);
    if (memtable === undefined) {
      memtable = new Memtable(clusteringComparatorFor(table));
      memtable.table = table;
      this.memtables.set(table.id.toString('hex'), memtable);
      this.byMetadata.set(table, memtable);
    }
    return memtable;
  }
}

function statsOf(memtable: Memtable): TableStorageStats {
  return { partitionCount: memtable.partitionCount, rowCount: memtable.rowCount(), sizeBytes: memtable.sizeBytes };
}
