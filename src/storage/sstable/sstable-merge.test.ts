import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergePartitions, purgePartition, type UnfilteredPartition } from '../../data/index.js';
import { cell, deletion, int, liveness, row, testTable, tombstoneCell, update } from '../../data/testing/fixtures.js';
import { native } from '../../types/index.js';
import { tempDir } from '../testing/temp-dir.js';
import { Descriptor, SSTableReader, writeSSTable } from './index.js';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('sstable-merge');
});
afterEach(() => dir.remove());

describe('an SSTable partition merged with the memtable', () => {
  it('reconciles as Cassandra does: later timestamps win, tombstones shadow older data wherever it lives', () => {
    const table = testTable({ clustering: [['c', native('int'), 'asc']], regular: [['v', native('text')], ['w', native('text')]] });
    const key = int(1);
    const flushed: UnfilteredPartition = {
      ...update(table, key, {
        rows: [
          row([int(1)], { v: cell('old', 10), w: cell('kept', 10) }, { liveness: liveness(10) }),
          row([int(2)], { v: cell('deleted later', 10) }, { liveness: liveness(10) }),
          row([int(3)], { v: cell('newer than memtable', 30) }),
          row([int(4)], { v: cell('expired', 10, 5, 100) }),
        ],
      }),
      reversed: false,
    };
    writeSSTable(new Descriptor(dir.path, 1), table, [flushed]);
    const memtable: UnfilteredPartition = {
      ...update(table, key, {
        rows: [
          row([int(1)], { v: cell('new', 20), w: tombstoneCell(20) }),
          row([int(2)], {}, { deletion: deletion(20) }),
          row([int(3)], { v: cell('older write arriving late', 25) }),
          row([int(5)], { v: cell('memtable only', 20) }, { liveness: liveness(20) }),
        ],
      }),
      reversed: false,
    };
    const reader = SSTableReader.open(new Descriptor(dir.path, 1));
    try {
      const stored = reader.readPartition(table, key, 1n)!;
      const merged = mergePartitions([memtable, stored]);
      const live = purgePartition(merged, 200)!;
      const view = live.rows.map((r) => [r.clustering[0]!.readInt32BE(), Object.fromEntries([...r.cells].map(([n, c]) => [n, c.value!.toString()]))]);
      expect(view).toEqual([
        [1, { v: 'new' }],
        [3, { v: 'newer than memtable' }],
        [5, { v: 'memtable only' }],
      ]);
      // A partition deletion in the memtable shadows everything the SSTable holds that is older.
      const deleted = mergePartitions([stored, { ...memtable, rows: [], partitionDeletion: deletion(29) }]);
      expect(purgePartition(deleted, 200)!.rows.map((r) => r.clustering[0]!.readInt32BE())).toEqual([3]);
    } finally {
      reader.close();
    }
  });
});
