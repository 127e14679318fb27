import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../common/index.js';
import {
  clusteringComparatorFor, purgePartition,
  type ClusteringFilter, type PartitionRangeReadCommand, type PartitionUpdate, type SinglePartitionReadCommand, type UnfilteredPartition,
} from '../data/index.js';
import {
  ALL, bound, cell, deletion, int, liveness, rangeTombstone, row, slice, testTable, tombstoneCell, update,
} from '../data/testing/fixtures.js';
import { native } from '../types/index.js';
import { Memtable } from './memtable.js';
import { memtableSource, readRangeMerged, readSingleMerged } from './merged-read.js';

/** Table (pk int, a int, b int DESC, s static text, v text). */
const table = testTable({
  clustering: [['a', native('int'), 'asc'], ['b', native('int'), 'desc']],
  statics: [['s', native('text')]],
});
const newMemtable = (): Memtable => new Memtable(clusteringComparatorFor(table));

/** A random write: rows, cells, row/range/partition deletions, statics, TTLs, at timestamps in no particular order. */
function randomUpdate(random: SeededRandom): PartitionUpdate {
  const pick = (n: number): number => Math.floor(random.next() * n);
  const key = int(pick(8));
  const ts = 1 + pick(1000);
  const clustering = [int(pick(4)), int(pick(4))];
  const ttl = pick(4) === 0 ? 10 + pick(60) : 0;
  switch (pick(7)) {
    case 0: return update(table, key, { rows: [row(clustering, { v: cell(`v${ts}`, ts, ttl) }, { liveness: liveness(ts, ttl) })] });
    case 1: return update(table, key, { rows: [row(clustering, { v: cell(`u${ts}`, ts, ttl) })] });
    case 2: return update(table, key, { rows: [row(clustering, {}, { deletion: deletion(ts) })] });
    case 3: return update(table, key, { rows: [row(clustering, { v: tombstoneCell(ts) })] });
    case 4: {
      const a = int(pick(4));
      return update(table, key, { rangeTombstones: [rangeTombstone(slice(bound([a]), bound([a])), deletion(ts))] });
    }
    case 5: return update(table, key, { staticRow: row([], { s: cell(`s${ts}`, ts, ttl) }) });
    default: return pick(3) === 0 ? update(table, key, { partitionDeletion: deletion(ts) }) : update(table, key, { rows: [row(clustering, { v: cell(`w${ts}`, ts) }, { liveness: liveness(ts) })] });
  }
}

/** What a client would see of the partitions read: keys, static value and live rows with their values. */
function live(partitions: readonly UnfilteredPartition[], nowInSec: number): string[] {
  return partitions.flatMap((p) => {
    const seen = purgePartition(p, nowInSec, table);
    if (seen === null) return [];
    const s = seen.staticCells.get('s')?.value?.toString() ?? '-';
    const rows = seen.rows.map((r) => `${r.clustering.map((c) => c.readInt32BE()).join('')}=${r.cells.get('v')?.value?.toString() ?? '-'}`);
    return [`${p.key.readInt32BE()} s=${s} ${rows.join(' ')}`];
  });
}

const FILTERS: ClusteringFilter[] = [
  { kind: 'slices', slices: [ALL], reversed: false },
  { kind: 'slices', slices: [ALL], reversed: true },
  { kind: 'slices', slices: [slice(bound([int(1)]), bound([int(2)]))], reversed: false },
  { kind: 'slices', slices: [slice(bound([int(0)]), bound([int(0)])), slice(bound([int(2), int(3)]), bound([int(3)], false))], reversed: true },
  { kind: 'names', clusterings: [[int(1), int(1)], [int(3), int(0)], [int(0), int(2)]], reversed: false },
];

describe('reads merged over the memtable and other sources (flushed data)', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`answer as one memtable holding every write would (seed ${seed})`, () => {
      const random = new SeededRandom(seed);
      const whole = newMemtable();
      const parts = [newMemtable(), newMemtable(), newMemtable(), newMemtable()];
      for (let i = 0; i < 400; i++) {
        const u = randomUpdate(random);
        whole.apply(u);
        parts[Math.floor(random.next() * parts.length)]!.apply(u);
      }
      const [own, ...flushed] = parts;
      const sources = flushed.map(memtableSource);
      for (const nowInSec of [0, 40]) {
        for (const filter of FILTERS) {
          for (const rowLimit of [Infinity, 1, 3]) {
            for (let k = 0; k < 8; k++) {
              const command: SinglePartitionReadCommand = { kind: 'single', table, key: int(k), token: BigInt(k), filter, nowInSec, rowLimit };
              expect(live(readSingleMerged(command, own!, sources), nowInSec)).toEqual(live(whole.readSingle(command), nowInSec));
            }
            for (const [perPartitionLimit, partitionLimit] of [[Infinity, Infinity], [2, Infinity], [Infinity, 3], [1, 2]] as const) {
              const command: PartitionRangeReadCommand = {
                kind: 'range', table, filter, nowInSec, rowLimit, perPartitionLimit, partitionLimit,
                bounds: { start: { token: 2n, key: null }, startInclusive: false, end: { token: 1n, key: null }, endInclusive: true },
              };
              expect(live(readRangeMerged(command, own!, sources), nowInSec)).toEqual(live(whole.readRange(command), nowInSec));
            }
          }
        }
      }
    });
  }

  it('leaves a read to the memtable alone when no source holds the partition', () => {
    const own = newMemtable();
    own.apply(update(table, int(1), { rows: [row([int(0), int(0)], { v: cell('x', 1) }, { liveness: liveness(1) })] }));
    const command: SinglePartitionReadCommand = { kind: 'single', table, key: int(1), token: 1n, filter: FILTERS[0]!, nowInSec: 0, rowLimit: Infinity };
    expect(readSingleMerged(command, own, [memtableSource(newMemtable())])).toEqual(own.readSingle(command));
  });
});
