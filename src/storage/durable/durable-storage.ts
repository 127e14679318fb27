import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SystemScheduler, type Clock, type Scheduler } from '../../common/index.js';
import type { Mutation } from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { CommitLog, type CommitLogFileSystem, type CommitLogLogger, type CommitLogPosition, type CommitLogSync } from '../commitlog/index.js';
import type { Memtable } from '../memtable.js';
import type { PartitionSource } from '../merged-read.js';
import { NOTHING_OLDER, nextSizeTieredCompaction, sizeTieredOptions } from '../compaction/index.js';
import { BACKGROUND_SLICE, droppableTombstoneRatio, type SliceBudget, type SSTableReader } from '../sstable/index.js';
import { DataOutput, deserializeMutation, serializeMutation } from '../serialization/index.js';
import { memtableMinTimestamp } from './memtable-contents.js';
import { removeTableSnapshot, tableFolders, type TableSnapshotFiles } from './table-snapshot.js';
import { TableTracker, type CompactionRequest, type SSTableTask } from './table-tracker.js';

export interface CommitLogSettings {
  readonly sync: CommitLogSync;
  readonly syncPeriodMs: number;
  readonly segmentSizeBytes: number;
  /** commitlog_total_space: past it, the tables dirty in the oldest segments are flushed (unbounded if left out). */
  readonly totalSpaceBytes?: number;
  /** The commit log's file operations (tests count fsyncs and inject failures); Node's by default. */
  readonly fileSystem?: CommitLogFileSystem;
}

export interface DurableStorageOptions {
  /** The node's folder: commitlog/ and data/<keyspace>/<table>-<id>/ go under it. */
  readonly folder: string;
  readonly commitLog: CommitLogSettings;
  /** Who the node is (its host id), written in every commit log segment and checked at replay. */
  readonly identity: string;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: CommitLogLogger;
  /** The table of an id in the current schema (tables dropped since are not found). */
  readonly table: (id: Buffer) => TableMetadata | undefined;
  /** Whether a keyspace writes to the commit log (its durable_writes). */
  readonly durableWrites: (keyspace: string) => boolean;
  /** The table's live memtable, which a compaction must not purge against (none: nothing to look at). */
  readonly liveMemtable?: (table: TableMetadata) => Memtable | undefined;
  /**
   * Flushes the tables of these ids (in hex) whose live memtables hold anything: the commit log is over
   * commitlog_total_space and its oldest segments wait for them.
   */
  readonly flushToReclaim?: (tableIds: ReadonlySet<string>) => void;
  /** Told of a flush or compaction in the background that failed (after it is logged): disk_failure_policy. */
  readonly onBackgroundFailure?: (error: unknown) => void;
  /** How much a flush or a compaction does between two turns of the event loop; BACKGROUND_SLICE by default. */
  readonly slices?: SliceBudget;
  /**
   * What runs the slices of flushes and compactions: by default a turn of the event loop each
   * (SystemScheduler's zero delay), whatever the node's clock. A virtual scheduler runs every task due now
   * in one go, which would write a whole SSTable without serving a request in between.
   */
  readonly background?: Scheduler;
}

const NO_SOURCES: readonly PartitionSource[] = [];
/** At least Buffer.poolSize / 2: allocated apart from the shared pool. */
const LOG_OUTPUT_BYTES = 64 * 1024;

const NO_SSTABLES: readonly SSTableReader[] = [];

/**
 * The disk half of a node's storage: the commit log every mutation goes to before the memtables, and each
 * table's SSTables (Cassandra's CommitLog and the ColumnFamilyStores' trackers). Opening it puts back what the
 * node had: the SSTables are opened, then the commit log entries not yet flushed are replayed into `replay`.
 */
export class DurableStorage {
  private readonly trackers = new Map<string, TableTracker>();
  private readonly commitLog: CommitLog;
  private closed = false;
  private readonly background: Scheduler;
  /**
   * Where each mutation is serialized for the commit log, reused: the log writes it before append() returns. A
   * buffer per write would come from Node's shared pool, whose slabs the memtables' keys and values also live
   * in, and keep them alive (about 280 bytes per row).
   */
  private readonly logOutput = new DataOutput(LOG_OUTPUT_BYTES);
  /** The table ids of a one-table mutation as the commit log takes them, formatted once per table version. */
  private readonly tableIdLists = new WeakMap<TableMetadata, readonly string[]>();
  /** Batch mode: a write is acknowledged once the group sync covering it ran (appendSynced). */
  private readonly groupCommit: boolean;

  private constructor(private readonly options: DurableStorageOptions, replay: (mutation: Mutation) => void) {
    this.background = options.background ?? new SystemScheduler();
    this.groupCommit = options.commitLog.sync === 'batch';
    try {
      this.openTables();
      this.commitLog = this.openCommitLog(replay);
    } catch (e) {
      // A node whose files cannot be opened stops (disk_failure_policy): it keeps none of them open meanwhile.
      for (const tracker of this.trackers.values()) tracker.close();
      throw e;
    }
  }

  /** Opens the commit log, replaying the entries the tables' SSTables do not cover. */
  private openCommitLog(replay: (mutation: Mutation) => void): CommitLog {
    const options = this.options;
    const flushedUpTo = new Map<string, CommitLogPosition>();
    for (const [id, tracker] of this.trackers) {
      const upTo = tracker.flushedUpTo();
      if (upTo !== null) flushedUpTo.set(id, upTo);
    }
    return CommitLog.open({
      dir: join(options.folder, 'commitlog'), segmentSizeBytes: options.commitLog.segmentSizeBytes, sync: options.commitLog.sync,
      syncPeriodMs: options.commitLog.syncPeriodMs, identity: options.identity, clock: options.clock, scheduler: options.scheduler,
      logger: options.logger, totalSpaceBytes: options.commitLog.totalSpaceBytes, flushToReclaim: options.flushToReclaim,
      fileSystem: options.commitLog.fileSystem,
    }, {
      flushedUpTo,
      onEntry: (entry, _position, tableIds) => {
        const wanted = new Set(tableIds);
        const mutation = deserializeMutation(entry, (id) => (wanted.has(id.toString('hex')) ? options.table(id) : undefined), { skipUnknownTables: true });
        if (mutation.updates.length > 0) replay(mutation);
      },
    });
  }

  static open(options: DurableStorageOptions, replay: (mutation: Mutation) => void): DurableStorage {
    return new DurableStorage(options, replay);
  }

  /**
   * Appends a mutation to the commit log, before it is applied; its bytes are with the operating system when
   * this returns. In batch mode the promise resolves once they are on disk too (rejects if that fsync failed):
   * one fdatasync, off the event loop, covers the writes made meanwhile, and they share this promise. In
   * periodic mode nothing is returned. A keyspace with durable_writes = false skips the log, as in Cassandra.
   */
  log(mutation: Mutation): Promise<void> | undefined {
    if (!this.options.durableWrites(mutation.keyspace)) return undefined;
    this.logOutput.reset();
    const entry = serializeMutation(mutation, this.logOutput);
    const tableIds = this.tableIdsOf(mutation);
    if (this.groupCommit) return this.commitLog.appendSynced(entry, tableIds);
    this.commitLog.append(entry, tableIds);
    return undefined;
  }

  /** Whether batch mode writes wait for a commit log group sync now. */
  get syncPending(): boolean {
    return this.commitLog.syncPending;
  }

  private tableIdsOf(mutation: Mutation): readonly string[] {
    const { updates } = mutation;
    if (updates.length !== 1) return updates.map((u) => u.table.id.toString('hex'));
    const table = updates[0]!.table;
    let ids = this.tableIdLists.get(table);
    if (ids === undefined) {
      ids = [table.id.toString('hex')];
      this.tableIdLists.set(table, ids);
    }
    return ids;
  }

  /** What a read of the table merges with its live memtable. */
  sources(table: TableMetadata): readonly PartitionSource[] {
    return this.trackers.get(table.id.toString('hex'))?.sources() ?? NO_SOURCES;
  }

  /** The table's SSTables in use (none before its first flush). */
  sstables(table: TableMetadata): readonly SSTableReader[] {
    return this.trackers.get(table.id.toString('hex'))?.liveSSTables ?? NO_SSTABLES;
  }

  /**
   * Writes a memtable the live one has just replaced to an SSTable, in the background; once it is in
   * place, the commit log forgets the table's entries before the position of the swap (now), deleting
   * segments nothing else needs, and the table's compaction strategy is asked for work.
   */
  flush(table: TableMetadata, memtable: Memtable): Promise<void> {
    const upTo = this.commitLog.currentPosition();
    const id = table.id.toString('hex');
    const tracker = this.trackerOf(table);
    const flushing = tracker.flush(table, memtable, upTo, () => {
      this.commitLog.discardCompletedSegments(id, upTo);
      this.compactWhileNeeded(table, tracker);
    });
    return this.reported(flushing, `flush of ${table.keyspace}.${table.name}`);
  }

  /** Memory held by memtables waiting for their flush or being flushed, over every table. */
  get flushingBytes(): number {
    let bytes = 0;
    for (const tracker of this.trackers.values()) bytes += tracker.flushingBytes;
    return bytes;
  }

  /** Resolves once every flush asked for until now has ended. */
  async flushed(): Promise<void> {
    await Promise.all([...this.trackers.values()].map((t) => t.flushed()));
  }

  /** Runs every flush asked for to its end now (a drain; writes waiting for memory). Throws if one failed. */
  finishFlushes(): void {
    for (const tracker of this.trackers.values()) tracker.finishFlushes();
  }

  /** The compactions running now, with their tables (system_views.sstable_tasks). */
  sstableTasks(): { readonly table: TableMetadata; readonly task: SSTableTask }[] {
    const tasks: { table: TableMetadata; task: SSTableTask }[] = [];
    for (const [id, tracker] of this.trackers) {
      const task = tracker.runningTask;
      const table = task === null ? undefined : this.options.table(Buffer.from(id, 'hex'));
      if (task !== null && table !== undefined) tasks.push({ table, task });
    }
    return tasks;
  }

  /**
   * Compacts each table's SSTables into one (nodetool compact), after the compactions running. What the
   * memtables hold is looked at as each partition is compacted (see TableTracker.compact).
   */
  async compactAll(): Promise<void> {
    const done: Promise<unknown>[] = [];
    for (const [id, tracker] of this.trackers) {
      const table = this.options.table(Buffer.from(id, 'hex'));
      if (table === undefined || tracker.liveSSTables.length === 0) continue;
      done.push(tracker.compact(this.compactionRequest(table, (live) => live)));
    }
    await Promise.all(done);
  }

  /**
   * SizeTieredCompactionStrategy's choice, in the background; when it compacted several SSTables, the
   * strategy is asked again. Nothing starts while a compaction of the table runs: its end asks again.
   */
  private compactWhileNeeded(table: TableMetadata, tracker: TableTracker): void {
    if (this.closed || tracker.compacting) return;
    const options = sizeTieredOptions(table.options.compaction);
    let chosenCount = 0;
    const choose = (live: readonly SSTableReader[]): readonly SSTableReader[] => {
      const gcBefore = this.options.clock.nowSeconds() - table.options.gcGraceSeconds;
      const candidates = live.map((reader) => ({
        reader, sizeBytes: reader.dataSizeBytes, droppableTombstoneRatio: droppableTombstoneRatio(reader.stats, gcBefore),
        createdAtMs: reader.stats.createdAtMs,
      }));
      const chosen = nextSizeTieredCompaction(candidates, options, this.options.clock.nowMs()).map((c) => c.reader);
      chosenCount = chosen.length;
      return chosen;
    };
    const compacted = tracker.compact(this.compactionRequest(table, choose));
    // A single SSTable compacted for its tombstones may come back as one: that is progress enough.
    void this.reported(compacted, `compaction of ${table.keyspace}.${table.name}`).then(() => {
      if (chosenCount > 1) this.compactWhileNeeded(table, tracker);
    }, () => {});
  }

  private compactionRequest(table: TableMetadata, choose: CompactionRequest['choose']): CompactionRequest {
    return {
      table, choose,
      liveMemtableMinTimestamp: (key, token) => {
        const live = this.options.liveMemtable?.(table);
        return live === undefined ? NOTHING_OLDER : memtableMinTimestamp(live, table, key, token);
      },
    };
  }

  /** Background work whose failure nobody may wait for: it is logged, and still rejects for whoever waits. */
  private reported(work: Promise<unknown>, what: string): Promise<void> {
    const done = work.then(() => undefined);
    done.catch((e: unknown) => {
      this.options.logger.warn({ error: e instanceof Error ? e.message : String(e) }, `${what} failed`);
      this.options.onBackgroundFailure?.(e);
    });
    return done;
  }

  /** TRUNCATE of a table: its SSTables go, and replay will skip its entries written before now. */
  truncate(tableId: Buffer, table: TableMetadata | null): void {
    const id = tableId.toString('hex');
    const at = this.commitLog.currentPosition();
    // A table with nothing on disk yet still records the position: its entries are in the commit log.
    const tracker = this.trackers.get(id) ?? (table === null ? undefined : this.trackerOf(table));
    tracker?.truncate(at);
    this.commitLog.discardCompletedSegments(id, at);
  }

  /** DROP TABLE: its folder goes; its entries in the commit log are skipped at replay (the table is unknown). */
  dropTable(tableId: Buffer): void {
    const id = tableId.toString('hex');
    this.trackers.get(id)?.drop();
    this.trackers.delete(id);
    this.commitLog.discardCompletedSegments(id, this.commitLog.currentPosition());
  }

  /**
   * Snapshot `name` of every table with SSTables (hard links, with the files `files` gives); called after a
   * flush, so that it holds everything written before. Returns how many partitions it holds.
   */
  snapshot(name: string, files: (table: TableMetadata) => TableSnapshotFiles): number {
    let partitions = 0;
    for (const [id, tracker] of this.trackers) {
      const table = this.options.table(Buffer.from(id, 'hex'));
      if (table !== undefined && tracker.liveSSTables.length > 0) partitions += tracker.snapshot(name, files(table));
    }
    return partitions;
  }

  /**
   * Each of `tables` holds the SSTables of snapshot `name` from now on (none where it has none), and the
   * commit log will not replay into them what it holds from before now: a crash right after the restore
   * starts again from the restored SSTables plus what was written after the restore.
   */
  restoreSnapshot(name: string, tables: readonly TableMetadata[]): void {
    const at = this.commitLog.currentPosition();
    for (const table of tables) {
      this.trackerOf(table).restoreSnapshot(name, at);
      this.commitLog.discardCompletedSegments(table.id.toString('hex'), at);
    }
  }

  /** Deletes snapshot `name` from every table folder, dropped tables' included. */
  dropSnapshot(name: string): void {
    for (const folder of tableFolders(join(this.options.folder, 'data'))) removeTableSnapshot(folder, name);
  }

  /** A clean shutdown once every table has flushed (nodetool drain): nothing is left for the commit log to replay. */
  drain(): void {
    this.closed = true;
    this.commitLog.drain();
    for (const tracker of this.trackers.values()) tracker.close();
  }

  /** Syncs the commit log and closes every file; what was not flushed is replayed at the next start. */
  close(): void {
    this.closed = true;
    this.commitLog.close();
    for (const tracker of this.trackers.values()) tracker.close();
  }

  private trackerOf(table: TableMetadata): TableTracker {
    const id = table.id.toString('hex');
    let tracker = this.trackers.get(id);
    if (tracker === undefined) {
      const io = { clock: this.options.clock, scheduler: this.background, budget: this.options.slices ?? BACKGROUND_SLICE };
      tracker = TableTracker.open(join(this.options.folder, 'data', table.keyspace, `${table.name}-${id}`), io).tracker;
      this.trackers.set(id, tracker);
    }
    return tracker;
  }

  /** Opens the SSTables of every table of the schema found in data/ (folders of dropped tables stay as they are). */
  private openTables(): void {
    const data = join(this.options.folder, 'data');
    if (!existsSync(data)) return;
    for (const keyspace of readdirSync(data)) {
      for (const folder of readdirSync(join(data, keyspace))) {
        const id = folder.slice(folder.lastIndexOf('-') + 1);
        const table = /^[0-9a-f]{32}$/.test(id) ? this.options.table(Buffer.from(id, 'hex')) : undefined;
        if (table !== undefined) this.trackerOf(table);
      }
    }
  }
}
