import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusteringFilter, PartitionUpdate, UnfilteredPartition } from '../../data/index.js';
import { ALL, bound, cell, int, liveness, row, slice, testTable, update } from '../../data/testing/fixtures.js';
import { rebuildTable } from '../../schema/index.js';
import { native } from '../../types/index.js';
import { PartitionKeyPosition } from '../partition-order.js';
import { plain } from '../testing/plain-data.js';
import { richPartition, richTable } from '../testing/rich-partition.js';
import { tempDir } from '../testing/temp-dir.js';
import { Descriptor, SSTableReader, writeSSTable } from './index.js';

const unfiltered = (u: PartitionUpdate): UnfilteredPartition => ({ ...u, reversed: false });

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('sstable');
});
afterEach(() => dir.remove());

describe('SSTable point reads', () => {
  const table = richTable();
  const partitions = (): UnfilteredPartition[] => [
    unfiltered(richPartition(table, int(7))),
    ...Array.from({ length: 500 }, (_, i) => unfiltered(update(table, int(i), {
      token: BigInt(i * 10),
      rows: [row([int(1)], { v: cell(`value ${i}`, 1_700_000_000_000_000 + i) }, { liveness: liveness(1_700_000_000_000_000 + i) })],
    }))),
  ].sort((a, b) => (a.token < b.token ? -1 : 1));

  it('returns each partition as written, every tombstone included', () => {
    const written = partitions();
    writeSSTable(new Descriptor(dir.path, 1), table, written, { indexInterval: 16 });
    const reader = SSTableReader.open(new Descriptor(dir.path, 1));
    try {
      for (const p of written) expect(plain(reader.readPartition(table, p.key, p.token))).toEqual(plain(p));
    } finally {
      reader.close();
    }
  });

  it('answers a missing key from the bloom filter without reading Data.db', () => {
    writeSSTable(new Descriptor(dir.path, 1), table, partitions(), { indexInterval: 16 });
    const reader = SSTableReader.open(new Descriptor(dir.path, 1));
    try {
      let dataReads = 0;
      for (let i = 1000; i < 2000; i++) {
        const before = reader.dataReadCount;
        expect(reader.readPartition(table, int(i), BigInt(i * 10 + 5))).toBeNull();
        dataReads += reader.dataReadCount - before;
      }
      expect(reader.bloomRejectCount).toBeGreaterThan(950);
      expect(dataReads).toBe(0);
      const before = reader.dataReadCount;
      expect(reader.readPartition(table, int(3), 30n)).not.toBeNull();
      expect(reader.dataReadCount - before).toBe(1);
    } finally {
      reader.close();
    }
  });

  it('reads cells by name under a table altered since the write', () => {
    writeSSTable(new Descriptor(dir.path, 1), table, partitions());
    const altered = rebuildTable(table, { regularColumns: [{ name: 'v', type: native('text') }, { name: 'added', type: native('int') }] });
    const reader = SSTableReader.open(new Descriptor(dir.path, 1));
    try {
      const p = reader.readPartition(altered, int(3), 30n)!;
      expect(p.table).toBe(altered);
      expect(p.rows[0]!.cells.get('v')!.value!.toString()).toBe('value 3');
    } finally {
      reader.close();
    }
  });

  it('records statistics', () => {
    const stats = writeSSTable(new Descriptor(dir.path, 1), table, partitions(), { createdAtMs: 1_765_000_000_000 });
    expect(stats.createdAtMs).toBe(1_765_000_000_000);
    expect(stats.partitionCount).toBe(501);
    expect(stats.rowCount).toBe(507);
    expect(stats.minTimestamp).toBe(-9_000_000_000_000_000_000n);
    expect(stats.maxTimestamp).toBe(9_000_000_000_000_000_000n);
    expect(stats.minLocalDeletionTime).toBe(50);
    expect(stats.maxLocalDeletionTime).toBe(1_700_003_600);
    expect(stats.firstToken).toBe(-42n);
    expect(stats.lastToken).toBe(4990n);
    const reader = SSTableReader.open(new Descriptor(dir.path, 1));
    expect(plain(reader.stats)).toEqual(plain(stats));
    reader.close();
  });
});

describe('an empty SSTable', () => {
  it('opens, finds nothing and scans nothing', () => {
    const table = testTable();
    const d = new Descriptor(`${dir.path}/nested/table-1`, 1);
    expect(writeSSTable(d, table, []).partitionCount).toBe(0);
    const reader = SSTableReader.open(d);
    try {
      expect(reader.readPartition(table, int(1), 1n)).toBeNull();
      expect([...reader.scan(table)]).toEqual([]);
    } finally {
      reader.close();
    }
  });
});

describe('SSTable range scans', () => {
  const table = testTable();
  const written = Array.from({ length: 1000 }, (_, i) => unfiltered(update(table, int(i), { rows: [row([], { v: cell(`v${i}`, 1) })] })));

  it('iterates every partition in ring order, and from a bound', () => {
    writeSSTable(new Descriptor(dir.path, 2), table, written, { indexInterval: 8 });
    const reader = SSTableReader.open(new Descriptor(dir.path, 2));
    try {
      expect([...reader.scan(table)].map((p) => p.token)).toEqual(written.map((p) => p.token));
      const from = new PartitionKeyPosition(500n, int(500));
      const to = new PartitionKeyPosition(520n, int(520));
      const tokens = [...reader.scan(table, { from, fromExclusive: true, to, toExclusive: false })].map((p) => p.token);
      expect(tokens).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(501 + i)));
      const fromStart = [...reader.scan(table, { from: null, fromExclusive: false, to: new PartitionKeyPosition(3n, int(3)), toExclusive: true })];
      expect(fromStart.map((p) => p.token)).toEqual([0n, 1n, 2n]);
    } finally {
      reader.close();
    }
  });
});

describe('SSTable wide partitions', () => {
  const table = testTable({ clustering: [['c', native('int'), 'asc']], regular: [['v', native('text')]] });
  const rowCount = 10_000;
  const wide = unfiltered(update(table, int(1), {
    rows: Array.from({ length: rowCount }, (_, i) => row([int(i)], { v: cell('x'.repeat(90) + i, 1000 + i) })),
  }));
  const sliceFilter = (from: number, to: number, reversed = false): ClusteringFilter =>
    ({ kind: 'slices', slices: [slice(bound([int(from)]), bound([int(to)]))], reversed });

  it('reads only the blocks of rows a slice needs, through the row index', () => {
    writeSSTable(new Descriptor(dir.path, 3), table, [wide]);
    const reader = SSTableReader.open(new Descriptor(dir.path, 3));
    try {
      const before = reader.dataReadCount;
      const p = reader.readPartition(table, int(1), 1n, sliceFilter(5000, 5010))!;
      expect(p.rows.map((r) => r.clustering[0]!.readInt32BE())).toEqual(Array.from({ length: 11 }, (_, i) => 5000 + i));
      // The head block, then the one block of rows holding 5000..5010.
      expect(reader.dataReadCount - before).toBe(2);
      const reversed = reader.readPartition(table, int(1), 1n, sliceFilter(10, 12, true))!;
      expect(reversed.reversed).toBe(true);
      expect(reversed.rows.map((r) => r.clustering[0]!.readInt32BE())).toEqual([12, 11, 10]);
      const named = reader.readPartition(table, int(1), 1n, { kind: 'names', clusterings: [[int(9999)], [int(3)]], reversed: false })!;
      expect(named.rows.map((r) => r.clustering[0]!.readInt32BE())).toEqual([3, 9999]);
      expect(reader.readPartition(table, int(1), 1n, { kind: 'slices', slices: [ALL], reversed: false })!.rows).toHaveLength(rowCount);
    } finally {
      reader.close();
    }
  });
});
