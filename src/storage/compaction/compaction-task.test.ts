import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { purgePartition, type PartitionUpdate, type UnfilteredPartition } from '../../data/index.js';
import { cell, deletion, int, liveness, row, testTable, tombstoneCell, update } from '../../data/testing/fixtures.js';
import { rebuildTable } from '../../schema/index.js';
import { native } from '../../types/index.js';
import { Descriptor, SSTableReader, writeSSTable } from '../sstable/index.js';
import { tempDir } from '../testing/temp-dir.js';
import { compactSSTables, maxPurgeableTimestamp, NOTHING_OLDER, purgeForCompaction } from './index.js';

const table = testTable({ clustering: [['c', native('int'), 'asc']], regular: [['v', native('text')], ['gone', native('text')]] });
const unfiltered = (u: PartitionUpdate): UnfilteredPartition => ({ ...u, reversed: false });
const NOW = 10_000;

describe('purgeForCompaction', () => {
  const ctx = (gcBefore: number, maxPurgeable = NOTHING_OLDER) => ({ table, nowInSec: NOW, gcBefore, maxPurgeableTimestamp: maxPurgeable });

  it('drops a partition deletion past gc grace together with what it shadowed', () => {
    const p = unfiltered(update(table, int(1), { partitionDeletion: deletion(50, 100), rows: [row([int(1)], { v: cell('old', 10) })] }));
    expect(purgeForCompaction(p, ctx(101))).toBeNull();
    const kept = purgeForCompaction(p, ctx(100))!;
    expect(kept.partitionDeletion).toEqual(deletion(50, 100));
    expect(kept.rows).toEqual([]);
  });

  it('keeps a purgeable tombstone when data outside the compaction may be older', () => {
    const p = unfiltered(update(table, int(1), { rows: [row([int(1)], {}, { deletion: deletion(50, 100) })] }));
    expect(purgeForCompaction(p, ctx(5000, 50n))!.rows[0]!.deletion).toEqual(deletion(50, 100));
    expect(purgeForCompaction(p, ctx(5000, 51n))).toBeNull();
  });

  it('turns an expired cell into a tombstone at its write time, and drops it once past gc grace', () => {
    // Written at 9000 with a TTL of 500: expired at 9500, a tombstone of 9000.
    const p = unfiltered(update(table, int(1), { rows: [row([int(1)], { v: cell('ttl', 10, 500, 9000) }, { liveness: liveness(10) })] }));
    const converted = purgeForCompaction(p, ctx(9000))!;
    expect(converted.rows[0]!.cells.get('v')).toEqual({ value: null, timestamp: 10n, ttlSeconds: 0, localDeletionTime: 9000 });
    expect(purgeForCompaction(p, ctx(9001))!.rows[0]!.cells.size).toBe(0);
    const live = purgeForCompaction(p, { ...ctx(9001), nowInSec: 9400 })!;
    expect(live.rows[0]!.cells.get('v')!.value!.toString()).toBe('ttl');
  });

  it('gc_grace_seconds = 0 drops a tombstone as soon as its deletion time has passed', () => {
    const p = unfiltered(update(table, int(1), { rows: [row([int(1)], { v: tombstoneCell(10, NOW - 1) })] }));
    expect(purgeForCompaction(p, ctx(NOW))).toBeNull();
  });

  it('drops the cells of a dropped column written before the drop', () => {
    const dropped = rebuildTable(table, {
      regularColumns: [{ name: 'v', type: native('text') }],
      droppedColumns: new Map([['gone', { type: native('text'), kind: 'regular', droppedAtMicros: 20n }]]),
    });
    const p = unfiltered(update(dropped, int(1), { rows: [row([int(1)], { v: cell('x', 10), gone: cell('y', 10) })] }));
    const kept = purgeForCompaction(p, { ...ctx(0), table: dropped })!;
    expect([...kept.rows[0]!.cells.keys()]).toEqual(['v']);
  });
});

describe('compactSSTables', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('compaction');
  });
  afterEach(() => dir.remove());

  function sstable(generation: number, partitions: PartitionUpdate[]): SSTableReader {
    const d = new Descriptor(dir.path, generation);
    writeSSTable(d, table, partitions.map(unfiltered).sort((a, b) => (a.token < b.token ? -1 : 1)));
    return SSTableReader.open(d);
  }

  it('merges SSTables in ring order, reconciling versions and purging what gc grace allows', () => {
    const a = sstable(1, [
      update(table, int(1), { rows: [row([int(1)], { v: cell('a1 old', 10) }), row([int(2)], { v: cell('a2', 10) })] }),
      update(table, int(2), { rows: [row([int(1)], { v: cell('deleted partition', 10) })] }),
      update(table, int(3), { rows: [row([int(1)], { v: cell('only in a', 10) })] }),
    ]);
    const b = sstable(2, [
      update(table, int(1), { rows: [row([int(1)], { v: cell('a1 new', 20) }), row([int(2)], {}, { deletion: deletion(20, 9000) })] }),
      update(table, int(2), { partitionDeletion: deletion(30, 100) }),
    ]);
    const c = sstable(3, [update(table, int(4), { rows: [row([int(1)], { v: tombstoneCell(40, 9999) })] })]);
    const inputs = [a, b, c];
    const output = new Descriptor(dir.path, 4);
    const stats = compactSSTables(inputs, table, output, { nowInSec: NOW, gcBefore: 9500, maxPurgeableTimestamp: () => NOTHING_OLDER })!;
    for (const r of inputs) r.close();
    const reader = SSTableReader.open(output);
    try {
      const partitions = [...reader.scan(table)];
      expect(partitions.map((p) => p.token)).toEqual([1n, 3n, 4n]);
      const live = partitions.map((p) => purgePartition(p, NOW)?.rows.map((r) => r.cells.get('v')!.value!.toString()) ?? []);
      expect(live).toEqual([['a1 new'], ['only in a'], []]);
      // The cell tombstone of 9999 is within gc grace and stays; the row deletion of 9000 went.
      expect(partitions[2]!.rows[0]!.cells.get('v')!.value).toBeNull();
      expect(partitions[0]!.rows).toHaveLength(1);
      expect(stats.partitionCount).toBe(3);
    } finally {
      reader.close();
    }
  });

  it('keeps a tombstone when an SSTable outside the compaction may hold older data of its partition', () => {
    const older = sstable(1, [update(table, int(1), { rows: [row([int(1)], { v: cell('would come back', 5) })] })]);
    const deleting = sstable(2, [update(table, int(1), { partitionDeletion: deletion(30, 100) })]);
    const unrelated = sstable(3, [update(table, int(9), { rows: [row([int(1)], { v: cell('x', 1) })] })]);
    const kept = compactSSTables([deleting], table, new Descriptor(dir.path, 4), {
      nowInSec: NOW, gcBefore: 9500, maxPurgeableTimestamp: maxPurgeableTimestamp(() => [older, unrelated], () => NOTHING_OLDER),
    });
    expect(kept!.partitionCount).toBe(1);
    const none = compactSSTables([deleting], table, new Descriptor(dir.path, 5), {
      nowInSec: NOW, gcBefore: 9500, maxPurgeableTimestamp: maxPurgeableTimestamp(() => [unrelated], () => NOTHING_OLDER),
    });
    expect(none).toBeNull();
    for (const r of [older, deleting, unrelated]) r.close();
  });
});
