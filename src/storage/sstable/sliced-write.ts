import type { UnfilteredPartition } from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import type { Descriptor } from './descriptor.js';
import type { SSTableStats } from './sstable-stats.js';
import type { PendingSync } from './pending-sync.js';
import { SSTableWriter, type SSTableWriterOptions } from './sstable-writer.js';

/**
 * A flush or a compaction runs on the event loop that serves requests: it writes in slices, a generator
 * that yields between them, and whoever drives it (a TaskLane) lets requests run before the next slice.
 * A slice may yield a sync to disk, which the driver has done (off the event loop in the background)
 * before the next slice.
 */
export type SlicedWork<T> = Generator<PendingSync | undefined, T>;

export interface SliceBudget {
  /** Bytes of Data.db a slice writes, about (a partition is never split). */
  readonly bytes: number;
  /** Partitions a slice looks at, at most: a compaction purging everything writes nothing. */
  readonly partitions: number;
  /** Bytes written between two syncs of the files (trickle_fsync_interval), so that the last sync is short. */
  readonly syncBytes: number;
}

/** A few milliseconds of work per slice (measured by bench/durability/compaction-latency.js). */
export const BACKGROUND_SLICE: SliceBudget = { bytes: 32 * 1024, partitions: 128, syncBytes: 4 << 20 };

/** No slices: the whole write at once. */
export const UNSLICED: SliceBudget = { bytes: Infinity, partitions: Infinity, syncBytes: Infinity };

/** Drives sliced work to its end at once (tests, a drain, a write that must wait for memory). */
export function runToEnd<T>(work: SlicedWork<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done === true) return step.value;
    step.value?.runSync();
  }
}

/**
 * Appends `partitions` to `writer`, yielding after each slice; a null is a partition looked at and dropped
 * (a compaction purged it). Returns how many were appended.
 */
export function* appendInSlices(
  writer: SSTableWriter, partitions: Iterable<UnfilteredPartition | null>, budget: SliceBudget,
): SlicedWork<number> {
  let appended = 0;
  let seen = 0;
  let sliceStart = writer.dataBytes;
  let syncedAt = writer.dataBytes;
  for (const p of partitions) {
    if (p !== null) {
      writer.append(p);
      appended++;
    }
    if (++seen < budget.partitions && writer.dataBytes - sliceStart < budget.bytes) continue;
    if (writer.dataBytes - syncedAt >= budget.syncBytes) {
      syncedAt = writer.dataBytes;
      yield writer.syncWritten();
    } else {
      yield;
    }
    seen = 0;
    sliceStart = writer.dataBytes;
  }
  return appended;
}

/**
 * Writes an SSTable from ring-ordered partitions, a slice at a time; returns its statistics. Stopped
 * before its end (its generator returned or thrown), it removes its temporary files.
 */
export function* writeSSTableInSlices(
  descriptor: Descriptor, table: TableMetadata, partitions: Iterable<UnfilteredPartition>, options: SSTableWriterOptions, budget: SliceBudget,
): SlicedWork<SSTableStats> {
  const writer = new SSTableWriter(descriptor, table, options);
  try {
    yield* appendInSlices(writer, partitions, budget);
    return yield* writer.finishing();
  } finally {
    writer.abort();
  }
}

/** Writes a whole SSTable from ring-ordered partitions at once; returns its statistics. */
export function writeSSTable(
  descriptor: Descriptor, table: TableMetadata, partitions: Iterable<UnfilteredPartition>, options: SSTableWriterOptions = {},
): SSTableStats {
  return runToEnd(writeSSTableInSlices(descriptor, table, partitions, options, UNSLICED));
}
