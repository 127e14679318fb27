import { mergePartitions, type UnfilteredPartition } from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { comparePartitionPositions, PartitionKeyPosition } from '../partition-order.js';
import {
  appendInSlices, runToEnd, SSTableWriter, UNSLICED,
  type Descriptor, type SliceBudget, type SlicedWork, type SSTableReader, type SSTableStats, type SSTableWriterOptions,
} from '../sstable/index.js';
import { purgeForCompaction } from './compaction-purge.js';

export interface CompactionOptions {
  readonly nowInSec: number;
  /** Tombstones deleted before this second may go: nowInSec - gc_grace_seconds. */
  readonly gcBefore: number;
  /**
   * The oldest timestamp that data outside the compaction may hold for a partition (other SSTables,
   * the memtable): tombstones at or after it are kept. See maxPurgeableTimestamp().
   */
  readonly maxPurgeableTimestamp: (key: Buffer, token: bigint) => bigint;
  readonly writer?: SSTableWriterOptions;
  /** Counts what the compaction has read, for system_views.sstable_tasks. */
  readonly progress?: CompactionProgress;
}

/**
 * How far a compaction is through its inputs, in bytes of Data.db (Cassandra's CompactionInfo, unit bytes):
 * each partition read counts its input's average partition size, so the count reaches the total at the end.
 */
export class CompactionProgress {
  readonly totalBytes: number;
  completedBytes = 0;
  private readonly bytesPerPartition: Map<SSTableReader, number>;

  constructor(inputs: readonly SSTableReader[]) {
    this.totalBytes = inputs.reduce((n, s) => n + s.dataSizeBytes, 0);
    this.bytesPerPartition = new Map(inputs.map((s) => [s, s.dataSizeBytes / Math.max(1, s.stats.partitionCount)]));
  }

  read(input: SSTableReader): void {
    this.completedBytes = Math.min(this.totalBytes, this.completedBytes + (this.bytesPerPartition.get(input) ?? 0));
  }
}

/** What no data can be older than: nothing outside the compaction. */
export const NOTHING_OLDER = 2n ** 63n - 1n;

/**
 * CompactionController.getPurgeEvaluator's bound: the smallest minimum timestamp among the SSTables
 * outside the compaction whose bloom filter may hold the partition, and the memtables' smallest timestamp
 * for it (NOTHING_OLDER when they do not hold it). Both are asked when the partition is compacted, not when
 * the compaction starts: a background compaction sees what was written and flushed since.
 */
export function maxPurgeableTimestamp(
  others: () => Iterable<SSTableReader>, memtableMinTimestamp: (key: Buffer, token: bigint) => bigint,
): (key: Buffer, token: bigint) => bigint {
  return (key, token) => {
    let min = memtableMinTimestamp(key, token);
    for (const sstable of others()) {
      if (sstable.stats.minTimestamp < min && sstable.mayContain(token)) min = sstable.stats.minTimestamp;
    }
    return min;
  };
}

/**
 * The partitions of several SSTables merged in ring order: a k-way merge of their scans, each key's
 * versions reconciled by data/'s mergePartitions.
 */
export function* mergeSSTables(inputs: readonly SSTableReader[], table: TableMetadata, progress?: CompactionProgress): Generator<UnfilteredPartition> {
  const cursors = inputs.map((reader) => reader.scan(table));
  const heads: (UnfilteredPartition | null)[] = cursors.map((c) => next(c));
  for (;;) {
    let least: PartitionKeyPosition | null = null;
    for (const head of heads) {
      if (head === null) continue;
      const position = new PartitionKeyPosition(head.token, head.key);
      if (least === null || comparePartitionPositions(position, least) < 0) least = position;
    }
    if (least === null) return;
    const versions: UnfilteredPartition[] = [];
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i]!;
      if (head !== null && head.token === least.token && head.key.equals(least.key)) {
        versions.push(head);
        progress?.read(inputs[i]!);
        heads[i] = next(cursors[i]!);
      }
    }
    yield mergePartitions(versions);
  }
}

function next(cursor: Generator<UnfilteredPartition>): UnfilteredPartition | null {
  const r = cursor.next();
  return r.done === true ? null : r.value;
}

/**
 * Compacts `inputs` into one new SSTable at `output`: merged, shadowed data dropped, purgeable
 * tombstones and expired cells purged. Returns the new SSTable's statistics, or null when nothing was
 * left (no SSTable is written then). The inputs are left as they are; the caller swaps them for the
 * output and deletes them. Yields between slices; stopped before its end, it removes its temporary files.
 */
export function* compactSSTablesInSlices(
  inputs: readonly SSTableReader[], table: TableMetadata, output: Descriptor, options: CompactionOptions, budget: SliceBudget,
): SlicedWork<SSTableStats | null> {
  const writer = new SSTableWriter(output, table, options.writer);
  try {
    const written = yield* appendInSlices(writer, purgedMerge(inputs, table, options), budget);
    return written === 0 ? null : yield* writer.finishing();
  } finally {
    writer.abort();
  }
}

/** compactSSTablesInSlices at once. */
export function compactSSTables(
  inputs: readonly SSTableReader[], table: TableMetadata, output: Descriptor, options: CompactionOptions,
): SSTableStats | null {
  return runToEnd(compactSSTablesInSlices(inputs, table, output, options, UNSLICED));
}

/** The inputs merged, each partition as purged (null when nothing of it is left). */
function* purgedMerge(inputs: readonly SSTableReader[], table: TableMetadata, options: CompactionOptions): Generator<UnfilteredPartition | null> {
  for (const merged of mergeSSTables(inputs, table, options.progress)) {
    yield purgeForCompaction(merged, {
      table, nowInSec: options.nowInSec, gcBefore: options.gcBefore,
      maxPurgeableTimestamp: options.maxPurgeableTimestamp(merged.key, merged.token),
    });
  }
}
