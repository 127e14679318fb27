import type { SeededRandom } from '../../common/index.js';
import {
  clusteringComparatorFor, purgePartition,
  type ClusteringFilter, type PartitionUpdate, type UnfilteredPartition,
} from '../../data/index.js';
import {
  ALL, bound, cell, deletion, int, liveness, rangeTombstone, row, slice, testTable, tombstoneCell, update,
} from '../../data/testing/fixtures.js';
import { native } from '../../types/index.js';
import { Memtable } from '../memtable.js';

/** Table (pk int, a int, b int DESC, s static text, v text), keys 0..7 with token = key. */
export const table = testTable({
  clustering: [['a', native('int'), 'asc'], ['b', native('int'), 'desc']],
  statics: [['s', native('text')]],
});
export const newMemtable = (): Memtable => new Memtable(clusteringComparatorFor(table));

/** A random write: rows, cells, row/range/partition deletions, statics, TTLs, at timestamps in no particular order. */
export function randomUpdate(random: SeededRandom): PartitionUpdate {
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
    default: return pick(3) === 0
      ? update(table, key, { partitionDeletion: deletion(ts) })
      : update(table, key, { rows: [row(clustering, { v: cell(`w${ts}`, ts) }, { liveness: liveness(ts) })] });
  }
}

/** What a client would see of the partitions read: keys, static value and live rows with their values. */
export function live(partitions: readonly UnfilteredPartition[], nowInSec: number): string[] {
  return partitions.flatMap((p) => {
    const seen = purgePartition(p, nowInSec, table);
    if (seen === null) return [];
    const s = seen.staticCells.get('s')?.value?.toString() ?? '-';
    const rows = seen.rows.map((r) => `${r.clustering.map((c) => c.readInt32BE()).join('')}=${r.cells.get('v')?.value?.toString() ?? '-'}`);
    return [`${p.key.readInt32BE()} s=${s} ${rows.join(' ')}`];
  });
}

/** Filters of every kind: whole partitions either way, slices, several slices reversed, names. */
export const FILTERS: readonly ClusteringFilter[] = [
  { kind: 'slices', slices: [ALL], reversed: false },
  { kind: 'slices', slices: [ALL], reversed: true },
  { kind: 'slices', slices: [slice(bound([int(1)]), bound([int(2)]))], reversed: false },
  { kind: 'slices', slices: [slice(bound([int(0)]), bound([int(0)])), slice(bound([int(2), int(3)]), bound([int(3)], false))], reversed: true },
  { kind: 'names', clusterings: [[int(1), int(1)], [int(3), int(0)], [int(0), int(2)]], reversed: false },
];
