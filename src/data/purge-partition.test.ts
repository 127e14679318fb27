import { describe, expect, it } from 'vitest';
import { native } from '../types/index.js';
import type { DeletionTime, RangeTombstone, Row } from './partition-update.js';
import { purgePartition } from './purge-partition.js';
import { cell, deletion, int, liveness, row, testTable, tombstoneCell } from './testing/fixtures.js';
import type { UnfilteredPartition } from './unfiltered-partition.js';

const table = testTable({
  clustering: [['a', native('int'), 'asc'], ['b', native('int'), 'asc']],
  statics: [['s', native('text')]],
  regular: [['v', native('text')], ['w', native('text')]],
});

function partition(rows: Row[], extra: Partial<UnfilteredPartition> = {}): UnfilteredPartition {
  return {
    table, key: int(1), token: 0n, partitionDeletion: null, rangeTombstones: [], staticRow: null, rows,
    reversed: false, ...extra,
  };
}

const ck = (a: number, b: number) => [int(a), int(b)];
const purge = (p: UnfilteredPartition, now = 0) => purgePartition(p, now, table);
const live = (p: UnfilteredPartition, now = 0): string[] =>
  (purge(p, now)?.rows ?? []).map((r) => `${r.clustering[0]!.readInt32BE()}${r.clustering[1]!.readInt32BE()}`);

/** A range tombstone over a in [from, to] (any b), as DELETE … WHERE a >= from AND a <= to writes it. */
function rangeTombstone(from: number, to: number, d: DeletionTime): RangeTombstone {
  return { slice: { start: { prefix: [int(from)], inclusive: true }, end: { prefix: [int(to)], inclusive: true } }, deletion: d };
}

describe('purgePartition', () => {
  it('keeps live rows with their cells, reusing the cell map when nothing is dropped', () => {
    const r = row(ck(0, 0), { v: cell('x', 1) });
    const out = purge(partition([r]));
    expect(out?.rows).toHaveLength(1);
    expect(out?.rows[0]!.cells).toBe(r.cells);
  });

  it('drops tombstoned and expired cells, keeping a row alive through its marker', () => {
    const out = purge(partition([
      row(ck(0, 0), { v: tombstoneCell(2), w: cell('ttl', 1, 10, 100) }, { liveness: liveness(1) }),
    ]), 110);
    expect(out?.rows).toHaveLength(1);
    expect(out?.rows[0]!.cells.size).toBe(0);
  });

  it('expires a TTL cell at the boundary second', () => {
    const p = partition([row(ck(0, 0), { v: cell('ttl', 1, 10, 100) })]);
    expect(live(p, 109)).toEqual(['00']);
    expect(live(p, 110)).toEqual([]);
  });

  it('drops a row whose marker expired and which has no live cell', () => {
    const p = partition([row(ck(0, 0), {}, { liveness: liveness(1, 10, 100) })]);
    expect(live(p, 109)).toEqual(['00']);
    expect(live(p, 110)).toEqual([]);
  });

  it('lets a partition deletion shadow older writes but not newer ones', () => {
    const p = partition([
      row(ck(0, 0), { v: cell('old', 5) }, { liveness: liveness(5) }),
      row(ck(0, 1), { v: cell('new', 6) }),
      row(ck(0, 2), { v: cell('new', 6) }, { liveness: liveness(5) }),
    ], { partitionDeletion: deletion(5), staticRow: row([], { s: cell('s', 5) }) });
    expect(live(p)).toEqual(['01', '02']);
    expect(purge(p)?.staticCells.size).toBe(0);
  });

  it('lets a range tombstone shadow only the rows within its slice', () => {
    const p = partition([
      row(ck(0, 9), { v: cell('before', 1) }),
      row(ck(1, 0), { v: cell('in', 1) }),
      row(ck(2, 5), { v: cell('in', 1) }),
      row(ck(2, 6), { v: cell('newer', 9) }),
      row(ck(3, 0), { v: cell('after', 1) }),
    ], { rangeTombstones: [rangeTombstone(1, 2, deletion(5))] });
    expect(live(p)).toEqual(['09', '26', '30']);
  });

  it('does not apply range tombstones to the static row', () => {
    const p = partition([], {
      staticRow: row([], { s: cell('s', 1) }),
      rangeTombstones: [{ slice: { start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } }, deletion: deletion(5) }],
    });
    const out = purge(p);
    expect(out?.staticCells.get('s')?.value?.toString()).toBe('s');
    expect(out?.rows).toEqual([]);
  });

  it('applies a row deletion to the row only', () => {
    const p = partition([
      row(ck(0, 0), { v: cell('a', 3), w: cell('b', 7) }, { deletion: deletion(5), liveness: liveness(3) }),
      row(ck(0, 1), { v: cell('c', 3) }),
    ]);
    expect(live(p)).toEqual(['00', '01']);
    expect([...(purge(p)?.rows[0]!.cells.keys() ?? [])]).toEqual(['w']);
  });

  it('returns null when neither a live row nor a live static cell is left', () => {
    expect(purge(partition([], { staticRow: row([], { s: tombstoneCell(3) }) }))).toBeNull();
    expect(purge(partition([row(ck(0, 0), { v: cell('x', 1) })], { partitionDeletion: deletion(1) }))).toBeNull();
  });

  it('takes the table from the partition by default', () => {
    expect(purgePartition(partition([row(ck(0, 0), { v: cell('x', 1) })]), 0)?.rows).toHaveLength(1);
  });

  it('keeps query order and the partition identity', () => {
    const p = partition([row(ck(2, 0), { v: cell('x', 1) }), row(ck(1, 0), { v: cell('y', 1) })], { reversed: true, token: 42n });
    const out = purge(p);
    expect(live(p)).toEqual(['20', '10']);
    expect(out?.token).toBe(42n);
    expect(out?.key).toEqual(int(1));
  });
});
