import { mkdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Clock, Scheduler } from '../../common/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { compareCommitLogPositions, type CommitLogPosition } from '../commitlog/index.js';
import type { Memtable } from '../memtable.js';
import { memtableSource, type PartitionSource } from '../merged-read.js';
import { CompactionProgress, compactSSTablesInSlices, maxPurgeableTimestamp } from '../compaction/index.js';
import { timeUuidFromMs } from '../../types/index.js';
import {
  deleteSSTable, Descriptor, listSSTables, nextGeneration, removeIncompleteSSTables, SSTableReader, writeSSTableInSlices,
  type SliceBudget, type SlicedWork,
} from '../sstable/index.js';
import { flushedPartitions, memtableMinTimestamp } from './memtable-contents.js';
import { readReplayFloor, writeReplayFloor } from './replay-floor.js';
import { TaskLane } from './task-lane.js';
import { hasSnapshots, linkSnapshotBack, writeTableSnapshot, type TableSnapshotFiles } from './table-snapshot.js';

/**
 * The commit log position before which the table's entries are never replayed, kept apart from the SSTables
 * for what no SSTable records: a TRUNCATE, and a compaction that purged everything of its inputs.
 */
const REPLAY_FLOOR = 'commitlog-floor.json';

/** What a table's flushes and compactions run on: the node's clock and scheduler, and the size of their slices. */
export interface BackgroundIo {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly budget: SliceBudget;
}

/** A compaction to run when the table's compactions before it have ended. */
export interface CompactionRequest {
  readonly table: TableMetadata;
  /** The inputs, chosen among the live SSTables when the compaction starts; none: nothing to do. */
  readonly choose: (live: readonly SSTableReader[]) => readonly SSTableReader[];
  /** The smallest timestamp the table's live memtable holds for a partition now, NOTHING_OLDER when none. */
  readonly liveMemtableMinTimestamp: (key: Buffer, token: bigint) => bigint;
}

/** A compaction running now, as system_views.sstable_tasks lists it (Cassandra's CompactionInfo). */
export interface SSTableTask {
  /** A timeuuid, as Cassandra's compaction ids. */
  readonly id: Buffer;
  readonly kind: 'compaction';
  readonly progress: CompactionProgress;
}

const RANDOM = { bytes: (count: number) => randomBytes(count) };

/** An SSTable as a read's partition source. */
function sstableSource(reader: SSTableReader): PartitionSource {
  return {
    readPartition: (table, token, key, filter) => reader.readPartition(table, key, token, filter),
    openPartition: (table, token, key, filter) => reader.openPartition(table, key, token, filter),
    scan: (table, range, filter) => reader.scan(table, range, filter),
  };
}

/**
 * What one table holds on one node's disk, and what is on its way there (Cassandra's Tracker): its SSTables,
 * oldest first, and the memtables being flushed, which stay readable until their SSTable is in place.
 * Flushes run one at a time in the order they were asked for, and so do compactions, each in slices on the
 * scheduler; a flush and a compaction may run at the same time.
 */
export class TableTracker {
  /** Replaced, never changed in place: a running compaction compares it to what it saw last. */
  private sstables: readonly SSTableReader[] = [];
  /** See REPLAY_FLOOR. */
  private replayFloor: CommitLogPosition | null = null;
  private readonly flushing: Memtable[] = [];
  /** Reads skip the sources entirely while a table has nothing on disk: its memtable answers alone, as before. */
  private sourceList: readonly PartitionSource[] = [];
  private readonly flushes: TaskLane;
  private readonly compactions: TaskLane;
  /**
   * Set when a flush failed: later flushes fail too, and the commit log keeps the table's entries, as
   * Cassandra's post-flush step waits forever behind a failed flush (an SSTable's bound must not cover a
   * memtable that never reached the disk).
   */
  private flushFailure: unknown = null;
  private runningCompaction: SSTableTask | null = null;

  private constructor(readonly directory: string, private readonly io: BackgroundIo) {
    this.flushes = new TaskLane(io.scheduler);
    this.compactions = new TaskLane(io.scheduler);
  }

  /**
   * The table's folder as the last run left it: what interrupted flushes or compactions left is removed
   * (their data is still in the commit log or in the SSTables they were made from), the complete SSTables opened.
   */
  static open(directory: string, io: BackgroundIo): { tracker: TableTracker; removed: string[] } {
    mkdirSync(directory, { recursive: true });
    const removed = removeIncompleteSSTables(directory);
    const tracker = new TableTracker(directory, io);
    try {
      tracker.replayFloor = readReplayFloor(join(directory, REPLAY_FLOOR));
      tracker.sstables = listSSTables(directory).map((descriptor) => SSTableReader.open(descriptor));
    } catch (e) {
      tracker.close();
      throw e;
    }
    tracker.refreshSources();
    return { tracker, removed };
  }

  get liveSSTables(): readonly SSTableReader[] {
    return this.sstables;
  }

  /** The sources a read merges with the live memtable (none when the table has nothing on disk or in flight). */
  sources(): readonly PartitionSource[] {
    return this.sourceList;
  }

  /** Memory held by the memtables waiting for their flush or being flushed. */
  get flushingBytes(): number {
    let bytes = 0;
    for (const m of this.flushing) bytes += m.sizeBytes;
    return bytes;
  }

  get compacting(): boolean {
    return this.compactions.busy;
  }

  /** The compaction running now, if any. */
  get runningTask(): SSTableTask | null {
    return this.runningCompaction;
  }

  /** The position of the commit log every entry of this table before which is in its SSTables. */
  flushedUpTo(): CommitLogPosition | null {
    let upTo: CommitLogPosition | null = this.replayFloor;
    for (const s of this.sstables) {
      const bound = s.stats.commitLogUpperBound;
      if (bound !== null && (upTo === null || compareCommitLogPositions(bound, upTo) > 0)) upTo = bound;
    }
    return upTo;
  }

  /**
   * Writes a memtable that the live one has replaced to a new SSTable, in the background after the flushes
   * asked for before; it is read from meanwhile. The SSTable records `upTo`, the commit log position the
   * memtable holds everything before; `flushed` runs as soon as it is in place (null: the memtable was empty).
   * Resolves with the SSTable, or null when there was nothing to write or the table was truncated meanwhile.
   */
  flush(table: TableMetadata, memtable: Memtable, upTo: CommitLogPosition, flushed?: (reader: SSTableReader | null) => void): Promise<SSTableReader | null> {
    this.flushing.push(memtable);
    this.refreshSources();
    return this.flushes.submit(() => this.flushJob(table, memtable, upTo, flushed)).then((reader) => reader ?? null);
  }

  private *flushJob(
    table: TableMetadata, memtable: Memtable, upTo: CommitLogPosition, flushed?: (reader: SSTableReader | null) => void,
  ): SlicedWork<SSTableReader | null> {
    if (this.flushFailure !== null) throw this.flushFailure;
    let reader: SSTableReader | null = null;
    if (memtable.partitionCount > 0) {
      const descriptor = new Descriptor(this.directory, nextGeneration(this.directory));
      const options = { commitLogUpperBound: upTo, createdAtMs: this.io.clock.nowMs(), expectedKeyCount: memtable.partitionCount };
      try {
        yield* writeSSTableInSlices(descriptor, table, flushedPartitions(table, memtable), options, this.io.budget);
        reader = SSTableReader.open(descriptor);
      } catch (e) {
        this.flushFailure = e;
        throw e;
      }
      this.sstables = [...this.sstables, reader];
    }
    this.flushing.splice(this.flushing.indexOf(memtable), 1);
    this.refreshSources();
    flushed?.(reader);
    return reader;
  }

  /** Resolves once the flushes asked for until now have ended. */
  flushed(): Promise<void> {
    return this.flushes.idle();
  }

  /** Runs the flushes asked for to their ends now: a drain, or writes waiting for memory. Throws if one failed. */
  finishFlushes(): void {
    this.flushes.finishNow();
  }

  /**
   * TRUNCATE: every SSTable of the table is deleted (running flushes and compactions stop), and the commit
   * log position is recorded so that replay skips the table's entries before it (Cassandra keeps it in
   * system.local's truncated_at).
   */
  truncate(at: CommitLogPosition): void {
    const doomed = this.sstables;
    this.close();
    this.raiseReplayFloor(at);
    for (const reader of doomed) deleteSSTable(reader.descriptor);
  }

  /**
   * Compacts SSTables of this tracker into one in the background, once the compactions before it have
   * ended. Resolves with the new SSTable, or null when nothing was chosen or left, or the table was
   * truncated meanwhile.
   */
  compact(request: CompactionRequest): Promise<SSTableReader | null> {
    return this.compactions.submit(() => this.compactionJob(request)).then((reader) => reader ?? null);
  }

  /** Compacts the inputs the request chooses, listed as the running task meanwhile. */
  private *compactionJob(request: CompactionRequest): SlicedWork<SSTableReader | null> {
    const inputs = request.choose(this.sstables);
    if (inputs.length === 0) return null;
    const task: SSTableTask = { id: timeUuidFromMs(this.io.clock.nowMs(), RANDOM), kind: 'compaction', progress: new CompactionProgress(inputs) };
    this.runningCompaction = task;
    try {
      return yield* this.compactInputs(request, inputs, task.progress);
    } finally {
      if (this.runningCompaction === task) this.runningCompaction = null;
    }
  }

  /**
   * Purges what gc_grace_seconds allow unless data outside the compaction may be older: the other SSTables
   * and the memtables, as they are when each partition is compacted (a flush may land meanwhile). The output
   * records the inputs' commit log bound; when nothing is left, the bound is kept as the replay floor, or a
   * replay could bring back data whose tombstone the compaction purged. The inputs are read until the output
   * replaces them.
   */
  private *compactInputs(request: CompactionRequest, inputs: readonly SSTableReader[], progress: CompactionProgress): SlicedWork<SSTableReader | null> {
    const { table } = request;
    let bound: CommitLogPosition | null = null;
    for (const s of inputs) {
      const b = s.stats.commitLogUpperBound;
      if (b !== null && (bound === null || compareCommitLogPositions(b, bound) > 0)) bound = b;
    }
    const nowInSec = this.io.clock.nowSeconds();
    const descriptor = new Descriptor(this.directory, nextGeneration(this.directory));
    const stats = yield* compactSSTablesInSlices(inputs, table, descriptor, {
      nowInSec, gcBefore: nowInSec - table.options.gcGraceSeconds,
      maxPurgeableTimestamp: maxPurgeableTimestamp(this.othersThan(inputs), (key, token) => {
        let min = request.liveMemtableMinTimestamp(key, token);
        for (const m of this.flushing) {
          const t = memtableMinTimestamp(m, table, key, token);
          if (t < min) min = t;
        }
        return min;
      }),
      writer: {
        createdAtMs: this.io.clock.nowMs(), expectedKeyCount: inputs.reduce((n, s) => n + s.stats.partitionCount, 0),
        ...(bound === null ? {} : { commitLogUpperBound: bound }),
      },
      progress,
    }, this.io.budget);
    if (stats === null && bound !== null) this.raiseReplayFloor(bound);
    const output = stats === null ? null : SSTableReader.open(descriptor);
    const others = this.sstables.filter((s) => !inputs.includes(s));
    this.sstables = output === null ? others : [...others, output];
    this.refreshSources();
    for (const input of inputs) {
      input.close();
      deleteSSTable(input.descriptor);
    }
    return output;
  }

  /** The live SSTables other than `inputs`, as they are when asked (recomputed when the list changed). */
  private othersThan(inputs: readonly SSTableReader[]): () => readonly SSTableReader[] {
    let seen: readonly SSTableReader[] | null = null;
    let others: readonly SSTableReader[] = [];
    return () => {
      if (seen !== this.sstables) {
        seen = this.sstables;
        others = seen.filter((s) => !inputs.includes(s));
      }
      return others;
    };
  }

  private raiseReplayFloor(at: CommitLogPosition): void {
    if (this.replayFloor !== null && compareCommitLogPositions(this.replayFloor, at) >= 0) return;
    writeReplayFloor(join(this.directory, REPLAY_FLOOR), at);
    this.replayFloor = at;
  }

  /**
   * DROP TABLE: the table's folder goes with everything in it, unless it holds snapshots: then only its
   * SSTables go, and the snapshots stay to be restored (Cassandra keeps them too).
   */
  drop(): void {
    const doomed = this.sstables;
    this.close();
    if (!hasSnapshots(this.directory)) {
      rmSync(this.directory, { recursive: true, force: true });
      return;
    }
    for (const reader of doomed) deleteSSTable(reader.descriptor);
    rmSync(join(this.directory, REPLAY_FLOOR), { force: true });
  }

  /** Snapshot `name` of the live SSTables (hard links); returns how many partitions they hold. */
  snapshot(name: string, files: TableSnapshotFiles): number {
    writeTableSnapshot(this.directory, name, this.sstables.map((s) => s.descriptor), files);
    return this.sstables.reduce((n, s) => n + s.stats.partitionCount, 0);
  }

  /**
   * Makes the table hold exactly the SSTables of snapshot `name` (none if it has no such snapshot), linked
   * back as new generations; the live ones are deleted. The replay floor moves to `at`, the commit log's
   * position now: what the log holds of the table from before the restore is never replayed into it.
   */
  restoreSnapshot(name: string, at: CommitLogPosition): void {
    // What was being flushed or compacted is from before the restore: it goes, as the memtables do.
    this.flushes.abort();
    this.compactions.abort();
    this.flushing.splice(0);
    const readers: SSTableReader[] = [];
    try {
      for (const descriptor of linkSnapshotBack(this.directory, name)) readers.push(SSTableReader.open(descriptor));
    } catch (e) {
      for (const reader of readers) reader.close();
      throw e;
    }
    const doomed = this.sstables;
    this.sstables = readers;
    this.refreshSources();
    this.raiseReplayFloor(at);
    for (const reader of doomed) {
      reader.close();
      deleteSSTable(reader.descriptor);
    }
  }

  /** Stops the running flush and compaction (their temporary files go) and closes the SSTables. */
  close(): void {
    this.flushes.abort();
    this.compactions.abort();
    this.flushing.splice(0);
    for (const s of this.sstables) s.close();
    this.sstables = [];
    this.refreshSources();
  }

  private refreshSources(): void {
    this.sourceList = [...this.flushing.map(memtableSource), ...this.sstables.map(sstableSource)];
  }
}
