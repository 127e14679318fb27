import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, Scheduler } from '../../common/index.js';
import type { Mutation } from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { CommitLog, type CommitLogLogger, type CommitLogPosition, type CommitLogSync } from '../commitlog/index.js';
import type { Memtable } from '../memtable.js';
import type { PartitionSource } from '../merged-read.js';
import { NOTHING_OLDER, nextSizeTieredCompaction, sizeTieredOptions } from '../compaction/index.js';
import { droppableTombstoneRatio } from '../sstable/index.js';
import { deserializeMutation, serializeMutation } from '../serialization/index.js';
import { TableTracker } from './table-tracker.js';

export interface CommitLogSettings {
  readonly sync: CommitLogSync;
  readonly syncPeriodMs: number;
  readonly segmentSizeBytes: number;
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
}

const NO_SOURCES: readonly PartitionSource[] = [];

/**
 * The disk half of a node's storage: the commit log every mutation goes to before the memtables, and each
 * table's SSTables (Cassandra's CommitLog and the ColumnFamilyStores' trackers). Opening it puts back what the
 * node had: the SSTables are opened, then the commit log entries not yet flushed are replayed into `replay`.
 */
export class DurableStorage {
  private readonly trackers = new Map<string, TableTracker>();
  private readonly commitLog: CommitLog;

  private constructor(private readonly options: DurableStorageOptions, replay: (mutation: Mutation) => void) {
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
      logger: options.logger,
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
   * this returns (and on disk, in batch mode). A keyspace with durable_writes = false skips the log, as in Cassandra.
   */
  log(mutation: Mutation): void {
    if (!this.options.durableWrites(mutation.keyspace)) return;
    this.commitLog.append(serializeMutation(mutation), mutation.updates.map((u) => u.table.id.toString('hex')));
  }

  /** What a read of the table merges with its live memtable. */
  sources(table: TableMetadata): readonly PartitionSource[] {
    return this.trackers.get(table.id.toString('hex'))?.sources() ?? NO_SOURCES;
  }

  /**
   * Writes a memtable the live one has just replaced to an SSTable; the commit log then forgets the table's
   * entries up to now, deleting segments nothing else needs.
   */
  flush(table: TableMetadata, memtable: Memtable): void {
    const upTo = this.commitLog.currentPosition();
    const tracker = this.trackerOf(table);
    tracker.flush(table, memtable, upTo, this.options.clock.nowMs());
    this.commitLog.discardCompletedSegments(table.id.toString('hex'), upTo);
    // Right after a flush the table's live memtable is empty: nothing outside the SSTables can be older.
    this.compactWhileNeeded(table, tracker);
  }

  /**
   * Compacts each table's SSTables into one (nodetool compact). Called with the memtables empty (flushed), so
   * only the SSTables decide what may be purged.
   */
  compactAll(): void {
    for (const [id, tracker] of this.trackers) {
      const table = this.options.table(Buffer.from(id, 'hex'));
      if (table === undefined || tracker.liveSSTables.length === 0) continue;
      tracker.compact(table, tracker.liveSSTables, this.options.clock.nowSeconds(), NOTHING_OLDER, this.options.clock.nowMs());
    }
  }

  /** SizeTieredCompactionStrategy's choice, compacted until there is none. */
  private compactWhileNeeded(table: TableMetadata, tracker: TableTracker): void {
    const options = sizeTieredOptions(table.options.compaction);
    for (;;) {
      const nowInSec = this.options.clock.nowSeconds();
      const gcBefore = nowInSec - table.options.gcGraceSeconds;
      const candidates = tracker.liveSSTables.map((reader) => ({
        reader, sizeBytes: reader.dataSizeBytes, droppableTombstoneRatio: droppableTombstoneRatio(reader.stats, gcBefore),
        createdAtMs: reader.stats.createdAtMs,
      }));
      const chosen = nextSizeTieredCompaction(candidates, options, this.options.clock.nowMs());
      if (chosen.length === 0) return;
      const before = tracker.liveSSTables.length;
      tracker.compact(table, chosen.map((c) => c.reader), nowInSec, NOTHING_OLDER, this.options.clock.nowMs());
      // A single SSTable compacted for its tombstones may come back as one: that is progress enough.
      if (chosen.length === 1 || tracker.liveSSTables.length >= before) return;
    }
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

  /** A clean shutdown once every table has flushed (nodetool drain): nothing is left for the commit log to replay. */
  drain(): void {
    this.commitLog.drain();
    for (const tracker of this.trackers.values()) tracker.close();
  }

  /** Syncs the commit log and closes every file; what was not flushed is replayed at the next start. */
  close(): void {
    this.commitLog.close();
    for (const tracker of this.trackers.values()) tracker.close();
  }

  private trackerOf(table: TableMetadata): TableTracker {
    const id = table.id.toString('hex');
    let tracker = this.trackers.get(id);
    if (tracker === undefined) {
      tracker = TableTracker.open(join(this.options.folder, 'data', table.keyspace, `${table.name}-${id}`)).tracker;
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
