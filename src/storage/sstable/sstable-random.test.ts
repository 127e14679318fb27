import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../common/index.js';
import { clusteringComparatorFor, type ClusteringFilter, type Row, type UnfilteredPartition } from '../../data/index.js';
import { bound, cell, deletion, int, liveness, rangeTombstone, row, slice, testTable, tombstoneCell } from '../../data/testing/fixtures.js';
import { native } from '../../types/index.js';
import { plain } from '../testing/plain-data.js';
import { tempDir } from '../testing/temp-dir.js';
import { Descriptor, SSTableReader, writeSSTable } from './index.js';

const SEED = 20261207;
const table = testTable({ clustering: [['c', native('int'), 'desc']], regular: [['v', native('text')], ['w', native('blob')]] });
const comparator = clusteringComparatorFor(table);

function randomRow(random: SeededRandom, c: number): Row {
  const pick = random.next();
  const value = 'x'.repeat(Math.floor(random.next() * 60));
  if (pick < 0.1) return row([int(c)], {}, { deletion: deletion(BigInt(c), 1000 + c) });
  if (pick < 0.2) return row([int(c)], { v: tombstoneCell(c, 2000) });
  if (pick < 0.3) return row([int(c)], { v: cell(value, c, 30, 1_700_000_000) }, { liveness: liveness(c, 30, 1_700_000_000) });
  return row([int(c)], { v: cell(value, 1_700_000_000_000_000 + c), w: cell(Buffer.alloc(0), c) }, { liveness: liveness(c) });
}

function randomPartition(random: SeededRandom, k: number): UnfilteredPartition {
  const count = random.next() < 0.2 ? Math.floor(random.next() * 400) : Math.floor(random.next() * 5);
  const clusterings = [...new Set(Array.from({ length: count }, () => Math.floor(random.next() * 1000)))];
  const rows = clusterings.map((c) => randomRow(random, c)).sort((a, b) => comparator.compare(a.clustering, b.clustering));
  const lo = Math.floor(random.next() * 1000);
  return {
    table, key: int(k), token: BigInt(k) * 7919n, reversed: false, rows,
    partitionDeletion: random.next() < 0.1 ? deletion(5, 500) : null,
    rangeTombstones: random.next() < 0.3 ? [rangeTombstone(slice(bound([int(lo + 50)]), bound([int(lo)], false)), deletion(6, 600))] : [],
    staticRow: null,
  };
}

/** What a read of `filter` should return: the rows it selects, in its order. */
function expectedRows(p: UnfilteredPartition, filter: ClusteringFilter & { kind: 'slices' }): Row[] {
  const ranges = filter.slices.map((s) => comparator.positionsOf(s));
  const rows = p.rows.filter((r) => ranges.some((s) => comparator.contains(s, r.clustering)));
  return filter.reversed ? rows.reverse() : rows;
}

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('sstable-random');
});
afterEach(() => dir.remove());

describe(`SSTable random round-trips (seed ${SEED})`, () => {
  it('returns what was written for random partitions and random slices, with blocks cut small', () => {
    const random = new SeededRandom(SEED);
    const partitions = Array.from({ length: 150 }, (_, k) => randomPartition(random, k));
    const d = new Descriptor(dir.path, 1);
    writeSSTable(d, table, partitions, { blockSizeBytes: 512, indexInterval: 4 });
    const reader = SSTableReader.open(d);
    try {
      expect(plain([...reader.scan(table)].filter((p) => p.rows.length > 0 || p.partitionDeletion !== null || p.rangeTombstones.length > 0)))
        .toEqual(plain(partitions.filter((p) => p.rows.length > 0 || p.partitionDeletion !== null || p.rangeTombstones.length > 0)));
      for (const p of partitions) {
        for (let n = 0; n < 5; n++) {
          const a = Math.floor(random.next() * 1000);
          const b = a - Math.floor(random.next() * 300);
          // Clustering order is DESC: a slice runs from the larger value down to the smaller.
          const filter: ClusteringFilter & { kind: 'slices' } = {
            kind: 'slices', slices: [slice(bound([int(a)], random.next() < 0.5), bound([int(b)], random.next() < 0.5))], reversed: random.next() < 0.5,
          };
          const read = reader.readPartition(table, p.key, p.token, filter);
          expect(plain(read?.rows ?? []), `partition ${String(p.token)} slice ${a}..${b}`).toEqual(plain(expectedRows(p, filter)));
        }
      }
    } finally {
      reader.close();
    }
  });
});
