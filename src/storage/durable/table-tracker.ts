import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusteringFilter, UnfilteredPartition } from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { compareCommitLogPositions, type CommitLogPosition } from '../commitlog/index.js';
import type { Memtable } from '../memtable.js';
import { memtableSource, type PartitionSource } from '../merged-read.js';
import { readPartition } from '../partition-reader.js';
import { deleteSSTable, Descriptor, listSSTables, nextGeneration, removeIncompleteSSTables, SSTableReader, writeSSTable } from '../sstable/index.js';

const TRUNCATED = 'truncated.json';

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
  /** The commit log position of the table's last TRUNCATE: replay skips its entries up to there. */
  private truncatedAt: CommitLogPosition | null = null;
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
    const truncation = join(directory, TRUNCATED);
    if (existsSync(truncation)) tracker.truncatedAt = JSON.parse(readFileSync(truncation, 'utf8')) as CommitLogPosition;
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
    let upTo: CommitLogPosition | null = this.truncatedAt;
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
    const path = join(this.directory, TRUNCATED);
    writeFileSync(`${path}.tmp`, JSON.stringify(at));
    renameSync(`${path}.tmp`, path);
    this.truncatedAt = at;
    for (const reader of doomed) deleteSSTable(reader.descriptor);
  }

  /** DROP TABLE: the table's folder goes with everything in it. */
  drop(): void {
    this.close();
    rmSync(this.directory, { recursive: true, force: true });
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
