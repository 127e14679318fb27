import { describe, expect, it } from 'vitest';
import { compactionOptions, SIZE_TIERED_COMPACTION } from '../../schema/index.js';
import { nextSizeTieredCompaction, sizeTieredBuckets, sizeTieredOptions, type CompactionCandidate } from './index.js';

const MiB = 1024 * 1024;
const DAY_MS = 86_400_000;
const NOW_MS = 10 * DAY_MS;
const sstable = (sizeMiB: number, droppableTombstoneRatio = 0, createdAtMs = 0): CompactionCandidate & { name: string } =>
  ({ name: `${sizeMiB}`, sizeBytes: sizeMiB * MiB, droppableTombstoneRatio, createdAtMs });
const names = (bucket: readonly { name: string }[]) => bucket.map((s) => s.name);

describe('SizeTieredCompactionStrategy', () => {
  const defaults = sizeTieredOptions(compactionOptions(SIZE_TIERED_COMPACTION));

  it('reads its options from the table, with Cassandra defaults', () => {
    expect(defaults).toEqual({ minThreshold: 4, maxThreshold: 32, bucketLow: 0.5, bucketHigh: 1.5, minSSTableSizeBytes: 50 * MiB, tombstoneThreshold: 0.2, tombstoneCompactionIntervalSeconds: 86_400 });
    const custom = sizeTieredOptions(compactionOptions(SIZE_TIERED_COMPACTION, { min_threshold: '2', bucket_high: '2', min_sstable_size: '1024' }));
    expect([custom.minThreshold, custom.bucketHigh, custom.minSSTableSizeBytes]).toEqual([2, 2, 1024]);
    expect(() => sizeTieredOptions(new Map([['max_threshold', 'lots']]))).toThrow(/max_threshold/);
  });

  it('groups SSTables of similar size, and all small ones together', () => {
    const buckets = sizeTieredBuckets([sstable(300), sstable(1), sstable(100), sstable(40), sstable(120), sstable(2), sstable(140)], defaults);
    expect(buckets.map(names)).toEqual([['1', '2', '40'], ['100', '120', '140'], ['300']]);
  });

  it('compacts the bucket of the smallest SSTables that reaches min_threshold, at most max_threshold of them', () => {
    const tables = [sstable(1), sstable(2), sstable(3), sstable(100), sstable(110), sstable(120), sstable(130)];
    expect(names(nextSizeTieredCompaction(tables, defaults, NOW_MS))).toEqual(['100', '110', '120', '130']);
    expect(names(nextSizeTieredCompaction([...tables, sstable(4)], defaults, NOW_MS))).toEqual(['1', '2', '3', '4']);
    const many = Array.from({ length: 40 }, (_, i) => sstable(1 + i / 100));
    expect(nextSizeTieredCompaction(many, defaults, NOW_MS)).toHaveLength(32);
  });

  it('falls back to the largest SSTable whose droppable tombstones pass tombstone_threshold', () => {
    expect(nextSizeTieredCompaction([sstable(1), sstable(500)], defaults, NOW_MS)).toEqual([]);
    const chosen = nextSizeTieredCompaction([sstable(1, 0.5), sstable(500, 0.3), sstable(900, 0.1)], defaults, NOW_MS);
    expect(names(chosen)).toEqual(['500']);
  });

  it('waits tombstone_compaction_interval after an SSTable was written before compacting it for its tombstones', () => {
    const young = [sstable(1, 0.5, NOW_MS - DAY_MS + 1), sstable(500, 0.3, NOW_MS - 1000)];
    expect(nextSizeTieredCompaction(young, defaults, NOW_MS)).toEqual([]);
    expect(names(nextSizeTieredCompaction(young, defaults, NOW_MS + DAY_MS))).toEqual(['500']);
    const hourly = sizeTieredOptions(compactionOptions(SIZE_TIERED_COMPACTION, { tombstone_compaction_interval: '3600' }));
    expect(names(nextSizeTieredCompaction(young, hourly, NOW_MS))).toEqual(['1']);
  });
});
