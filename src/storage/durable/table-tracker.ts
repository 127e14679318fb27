import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusteringFilter, UnfilteredPartition } from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { compareCommitLogPositions, type CommitLogPosition } from '../commitlog/index.js';
import type { Memtable } from '../memtable.js';
import { memtableSource, type PartitionSource } from '../merged-read.js';
import { readPartition } from '../partition-reader.js';
import { compactSSTables, maxPurgeableTimestamp } from '../compaction/index.js';
import { deleteSSTable, Descriptor, listSSTables, nextGeneration, removeIncompleteSSTables, SSTableReader, writeSSTable } from '../sstable/index.js';
import { hasSnapshots, linkSnapshotBack, writeTableSnapshot, type TableSnapshotFiles } from './table-snapshot.js';

/**
 * The commit log position before which the table's entries are never replayed, kept apart from the SSTables
 * for what no SSTable records: a TRUNCATE, and a compaction that purged everything of its inputs.
 */
const REPLAY_FLOOR = 'commitlog-floor.json';

const WHOLE_PARTITIONS: ClusteringFilter = {
  kind: 'slices', slices: [{ start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } }], reversed: false,
};

/** An SSTable as a read's partition source. */
function sstableSource(reader: SSTableReader): PartitionSource {
  return {
    readPartition: (table, token, key, filter) => reader.readPartition(table, key, token, filter),
    scan: (table, range, filter) => reader.scan(table, range, filter),
  };
}

/** Every partition of a memtable, whole and in ring order, as a flush writes them. */
function* flushedPartitions(table: TableMetadata, memtable: Memtable): Generator<UnfilteredPartition> {
  for (const p of memtable.partitionsIn({ from: null, fromExclusive: false, to: null, toExclusive: false })) {
    const whole = readPartition(p, table, WHOLE_PARTITIONS, 0, Number.POSITIVE_INFINITY).partition;
    if (whole !== null) yield whole;
  }
}

/**
 * What one table holds on one node's disk, and what is on its way there (Cassandra's Tracker): its SSTables,
 * oldest first, and the memtables being flushed, which stay readable until their SSTable is in place.
 */
export class TableTracker {
  private sstables: SSTableReader[] = [];
  /** See REPLAY_FLOOR. */
  private replayFloor: CommitLogPosition | null = null;
  private readonly flushing: Memtable[] = [];
  /** Reads skip the sources entirely while a table has nothing on disk: its memtable answers alone, as before. */
  private sourceList: readonly PartitionSource[] = [];

  private constructor(readonly directory: string) {}

  /**
   * The table's folder as the last run left it: what interrupted flushes or compactions left is removed
   * (their data is still in the commit log or in the SSTables they were made from), the complete SSTables opened.
   */
  static open(directory: string): { tracker: TableTracker; removed: string[] } {
    mkdirSync(directory, { recursive: true });
    const removed = removeIncompleteSSTables(directory);
    const tracker = new TableTracker(directory);
    const floor = join(directory, REPLAY_FLOOR);
    if (existsSync(floor)) tracker.replayFloor = JSON.parse(readFileSync(floor, 'utf8')) as CommitLogPosition;
    try {
      for (const descriptor of listSSTables(directory)) tracker.sstables.push(SSTableReader.open(descriptor));
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
   * Writes a memtable that the live one has replaced to a new SSTable, reading from it meanwhile; the
   * SSTable records `upTo`, the commit log position the memtable holds everything before.
   */
  flush(table: TableMetadata, memtable: Memtable, upTo: CommitLogPosition, createdAtMs = 0): SSTableReader | null {
    this.flushing.push(memtable);
    this.refreshSources();
    try {
      if (memtable.partitionCount === 0) return null;
      const descriptor = new Descriptor(this.directory, nextGeneration(this.directory));
      writeSSTable(descriptor, table, flushedPartitions(table, memtable), { commitLogUpperBound: upTo, createdAtMs });
      const reader = SSTableReader.open(descriptor);
      this.sstables = [...this.sstables, reader];
      return reader;
    } finally {
      this.flushing.splice(this.flushing.indexOf(memtable), 1);
      this.refreshSources();
    }
  }

  /**
   * TRUNCATE: every SSTable of the table is deleted, and the commit log position is recorded so that replay
   * skips the table's entries before it (Cassandra keeps it in system.local's truncated_at).
   */
  truncate(at: CommitLogPosition): void {
    const doomed = this.sstables;
    this.close();
    this.raiseReplayFloor(at);
    for (const reader of doomed) deleteSSTable(reader.descriptor);
  }

  /**
   * Compacts `inputs` (SSTables of this tracker) into one, purging what gc_grace_seconds allow unless data
   * outside the compaction (the other SSTables, the memtable from `memtableMinTimestamp` on) may be older. The
   * output records the inputs' commit log bound; when nothing is left, the bound is kept as the replay floor,
   * or a replay could bring back data whose tombstone the compaction purged.
   */
  compact(table: TableMetadata, inputs: readonly SSTableReader[], nowInSec: number, memtableMinTimestamp: bigint, nowMs: number): SSTableReader | null {
    const others = this.sstables.filter((s) => !inputs.includes(s));
    let bound: CommitLogPosition | null = null;
    for (const s of inputs) {
      const b = s.stats.commitLogUpperBound;
      if (b !== null && (bound === null || compareCommitLogPositions(b, bound) > 0)) bound = b;
    }
    const descriptor = new Descriptor(this.directory, nextGeneration(this.directory));
    const stats = compactSSTables(inputs, table, descriptor, {
      nowInSec, gcBefore: nowInSec - table.options.gcGraceSeconds, maxPurgeableTimestamp: maxPurgeableTimestamp(others, memtableMinTimestamp),
      writer: { createdAtMs: nowMs, ...(bound === null ? {} : { commitLogUpperBound: bound }) },
    });
    if (stats === null && bound !== null) this.raiseReplayFloor(bound);
    const output = stats === null ? null : SSTableReader.open(descriptor);
    this.sstables = output === null ? others : [...others, output];
    this.refreshSources();
    for (const input of inputs) {
      input.close();
      deleteSSTable(input.descriptor);
    }
    return output;
  }

  private raiseReplayFloor(at: CommitLogPosition): void {
    if (this.replayFloor !== null && compareCommitLogPositions(this.replayFloor, at) >= 0) return;
    const path = join(this.directory, REPLAY_FLOOR);
    writeFileSync(`${path}.tmp`, JSON.stringify(at));
    renameSync(`${path}.tmp`, path);
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

  close(): void {
    for (const s of this.sstables) s.close();
    this.sstables = [];
    this.refreshSources();
  }

  private refreshSources(): void {
    this.sourceList = [...this.flushing.map(memtableSource), ...this.sstables.map(sstableSource)];
  }
}
