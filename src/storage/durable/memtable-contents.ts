import type { ClusteringFilter, UnfilteredPartition } from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { NOTHING_OLDER } from '../compaction/index.js';
import type { Memtable } from '../memtable.js';
import type { MemtablePartition } from '../memtable-partition.js';
import { readPartition } from '../partition-reader.js';
import { minTimestamp } from '../serialization/index.js';

const WHOLE_PARTITIONS: ClusteringFilter = {
  kind: 'slices', slices: [{ start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } }], reversed: false,
};

function whole(p: MemtablePartition, table: TableMetadata): UnfilteredPartition | null {
  return readPartition(p, table, WHOLE_PARTITIONS, 0, Number.POSITIVE_INFINITY).partition;
}

/** Every partition of a memtable, whole and in ring order, as a flush writes them (one at a time: a flush goes in slices). */
export function* flushedPartitions(table: TableMetadata, memtable: Memtable): Generator<UnfilteredPartition> {
  for (const p of memtable.partitionsIn({ from: null, fromExclusive: false, to: null, toExclusive: false })) {
    const partition = whole(p, table);
    if (partition !== null) yield partition;
  }
}

/** The smallest timestamp a memtable holds for a partition, NOTHING_OLDER when it holds none of it: what compaction purges against. */
export function memtableMinTimestamp(memtable: Memtable, table: TableMetadata, key: Buffer, token: bigint): bigint {
  const p = memtable.partition(token, key);
  const partition = p === undefined ? null : whole(p, table);
  return partition === null ? NOTHING_OLDER : minTimestamp(partition);
}
