import { describe, expect, it } from 'vitest';
import {
  purgePartition,
  type ClusteringFilter, type PartitionBounds, type PartitionRangeReadCommand, type SinglePartitionReadCommand,
  type Slice, type UnfilteredPartition,
} from '../data/index.js';
import {
  ALL, bound, cell, deletion, int, liveness, mutation, rangeTombstone, row, slice, testTable, update,
} from '../data/testing/fixtures.js';
import type { TableMetadata } from '../schema/index.js';
import { native } from '../types/index.js';
import { StorageEngine } from './storage-engine.js';

/** Table (pk int, a int, b int DESC, s static, v), so rows of one `a` are stored b = 2, 1, 0. */
const table = testTable({
  clustering: [['a', native('int'), 'asc'], ['b', native('int'), 'desc']],
  statics: [['s', native('text')]],
});

const slices = (reversed: boolean, ...s: Slice[]): ClusteringFilter => ({ kind: 'slices', slices: s, reversed });

function single(key: number, filter: ClusteringFilter = slices(false, ALL), extra: Partial<SinglePartitionReadCommand> = {}): SinglePartitionReadCommand {
  return { kind: 'single', table, key: int(key), token: BigInt(key), filter, nowInSec: 0, rowLimit: Infinity, ...extra };
}

function range(bounds: Partial<PartitionBounds> = {}, extra: Partial<PartitionRangeReadCommand> = {}): PartitionRangeReadCommand {
  return {
    kind: 'range', table, filter: slices(false, ALL), nowInSec: 0, rowLimit: Infinity, perPartitionLimit: Infinity, partitionLimit: Infinity,
    bounds: { start: null, startInclusive: false, end: null, endInclusive: true, ...bounds }, ...extra,
  };
}

/** An engine with partition `key` holding rows (a, b) for a, b in 0..2, written at timestamp 1. */
function engineWithGrid(...keys: number[]): StorageEngine {
  const engine = new StorageEngine();
  for (const key of keys) {
    const rows = [];
    for (let a = 0; a <= 2; a++) for (let b = 0; b <= 2; b++) rows.push(row([int(a), int(b)], { v: cell(`${a}${b}`, 1) }, { liveness: liveness(1) }));
    engine.apply(mutation(update(table, int(key), { rows })));
  }
  return engine;
}

const names = (p: UnfilteredPartition | undefined): string[] =>
  (p?.rows ?? []).map((r) => `${r.clustering[0]!.readInt32BE()}${r.clustering[1]!.readInt32BE()}`);
const liveNames = (p: UnfilteredPartition | undefined, now = 0, t: TableMetadata = table): string[] =>
  (p === undefined ? [] : purgePartition(p, now, t)?.rows ?? []).map((r) => `${r.clustering[0]!.readInt32BE()}${r.clustering[1]!.readInt32BE()}`);

describe('StorageEngine single-partition reads', () => {
  it('returns nothing for an unknown partition or table', () => {
    expect(new StorageEngine().read(single(1))).toEqual([]);
    expect(engineWithGrid(1).read(single(2))).toEqual([]);
  });

  it('returns rows in clustering order, DESC columns reversed', () => {
    expect(names(engineWithGrid(1).read(single(1))[0])).toEqual(['02', '01', '00', '12', '11', '10', '22', '21', '20']);
  });

  it('selects by prefix bounds: a >= 1 and a < 1', () => {
    const engine = engineWithGrid(1);
    expect(names(engine.read(single(1, slices(false, slice(bound([int(1)]), bound([])))))[0]))
      .toEqual(['12', '11', '10', '22', '21', '20']);
    expect(names(engine.read(single(1, slices(false, slice(bound([]), bound([int(1)], false)))))[0]))
      .toEqual(['02', '01', '00']);
  });

  it('selects within a DESC column: a = 1 and b > 0 and b <= 2 is the slice (1, 2) incl. to (1, 0) excl.', () => {
    const engine = engineWithGrid(1);
    const s = slice(bound([int(1), int(2)]), bound([int(1), int(0)], false));
    expect(names(engine.read(single(1, slices(false, s)))[0])).toEqual(['12', '11']);
    expect(names(engine.read(single(1, slices(true, s)))[0])).toEqual(['11', '12']);
  });

  it('reads several slices, in reverse when asked, joining overlaps', () => {
    const engine = engineWithGrid(1);
    const s0 = slice(bound([int(0)]), bound([int(0)]));
    const s2 = slice(bound([int(2), int(1)]), bound([int(2)]));
    const overlapping = slice(bound([int(2), int(0)]), bound([int(2), int(0)]));
    expect(names(engine.read(single(1, slices(false, s2, s0, overlapping)))[0])).toEqual(['02', '01', '00', '21', '20']);
    expect(names(engine.read(single(1, slices(true, s2, s0)))[0])).toEqual(['20', '21', '00', '01', '02']);
  });

  it('reads by names, deduplicated, in clustering or reversed order', () => {
    const engine = engineWithGrid(1);
    const clusterings = [[int(2), int(2)], [int(0), int(1)], [int(2), int(2)], [int(9), int(9)]];
    expect(names(engine.read(single(1, { kind: 'names', clusterings, reversed: false }))[0])).toEqual(['01', '22']);
    expect(names(engine.read(single(1, { kind: 'names', clusterings, reversed: true }))[0])).toEqual(['22', '01']);
  });

  it('counts only live rows towards the row limit, returning the dead ones it passes', () => {
    const engine = engineWithGrid(1);
    engine.apply(mutation(update(table, int(1), { rows: [row([int(0), int(1)], {}, { deletion: deletion(2) })] })));
    const [p] = engine.read(single(1, slices(false, ALL), { rowLimit: 2 }));
    expect(names(p)).toEqual(['02', '01', '00']);
    expect(liveNames(p)).toEqual(['02', '00']);
    const [reversed] = engine.read(single(1, slices(true, ALL), { rowLimit: 1 }));
    expect(names(reversed)).toEqual(['20']);
  });

  it('counts expired rows as dead at the read nowInSec', () => {
    const engine = new StorageEngine();
    engine.apply(mutation(update(table, int(1), {
      rows: [
        row([int(0), int(0)], { v: cell('ttl', 1, 10, 100) }, { liveness: liveness(1, 10, 100) }),
        row([int(0), int(1)], { v: cell('forever', 1) }),
      ],
    })));
    // b is DESC: (0, 1) comes first.
    expect(liveNames(engine.read(single(1, slices(false, ALL), { nowInSec: 109 }))[0], 109)).toEqual(['01', '00']);
    const [late] = engine.read(single(1, slices(false, ALL), { nowInSec: 110, rowLimit: 1 }));
    expect(names(late)).toEqual(['01']);
    expect(liveNames(engine.read(single(1, slices(false, ALL), { nowInSec: 110 }))[0], 110)).toEqual(['01']);
  });

  it('returns the tombstones that cover the read, so that replicas can be merged', () => {
    const engine = engineWithGrid(1);
    const rt = rangeTombstone(slice(bound([int(2)]), bound([int(2)])), deletion(1));
    engine.apply(mutation(update(table, int(1), { rangeTombstones: [rt], partitionDeletion: deletion(0) })));
    const [all] = engine.read(single(1));
    expect(all?.rangeTombstones).toEqual([rt]);
    expect(all?.partitionDeletion?.markedForDeleteAt).toBe(0n);
    const [outside] = engine.read(single(1, slices(false, slice(bound([int(0)]), bound([int(1)])))));
    expect(outside?.rangeTombstones).toEqual([]);
    const [byName] = engine.read(single(1, { kind: 'names', clusterings: [[int(2), int(0)]], reversed: false }));
    expect(byName?.rangeTombstones).toEqual([rt]);
  });

  it('answers with the deletion alone once a partition is deleted', () => {
    const engine = engineWithGrid(1);
    engine.apply(mutation(update(table, int(1), { partitionDeletion: deletion(5) })));
    const [p] = engine.read(single(1));
    expect(p?.rows).toEqual([]);
    expect(p?.partitionDeletion?.markedForDeleteAt).toBe(5n);
    expect(purgePartition(p!, 0)).toBeNull();
  });

  it('returns the static row whatever the slice', () => {
    const engine = new StorageEngine();
    engine.apply(mutation(update(table, int(1), { staticRow: row([], { s: cell('static', 1) }) })));
    const [p] = engine.read(single(1, slices(false, slice(bound([int(5)]), bound([int(6)])))));
    expect(p?.staticRow?.cells.get('s')?.value?.toString()).toBe('static');
  });
});

describe('StorageEngine range reads', () => {
  const keys = (ps: UnfilteredPartition[]): number[] => ps.map((p) => p.key.readInt32BE());

  it('walks partitions in token order within the bounds', () => {
    const engine = engineWithGrid(3, 1, 2, -4);
    expect(keys(engine.read(range()))).toEqual([-4, 1, 2, 3]);
    expect(keys(engine.read(range({ start: { token: 1n, key: null }, end: { token: 3n, key: null } })))).toEqual([2, 3]);
    expect(keys(engine.read(range({ start: { token: 2n, key: null }, end: { token: -4n, key: null } })))).toEqual([3, -4]);
  });

  it('resumes after a key and stops at the partition limit', () => {
    const engine = engineWithGrid(1, 2, 3);
    expect(keys(engine.read(range({ start: { token: 1n, key: int(1) } }, { partitionLimit: 1 })))).toEqual([2]);
    expect(keys(engine.read(range({ start: { token: 1n, key: int(1) }, startInclusive: true })))).toEqual([1, 2, 3]);
  });

  it('spreads the row limit over partitions, cutting the last one short', () => {
    const engine = engineWithGrid(1, 2, 3);
    const out = engine.read(range({}, { rowLimit: 11 }));
    expect(keys(out)).toEqual([1, 2]);
    expect(out[1]!.rows).toHaveLength(2);
  });

  it('counts a partition with only a live static row as one row, and tombstones as nothing', () => {
    const engine = new StorageEngine();
    engine.apply(mutation(update(table, int(1), { staticRow: row([], { s: cell('s', 1) }) })));
    engine.apply(mutation(update(table, int(2), { partitionDeletion: deletion(1) })));
    engine.apply(mutation(update(table, int(3), { rows: [row([int(0), int(0)], { v: cell('x', 1) })] })));
    engine.apply(mutation(update(table, int(4), { rows: [row([int(0), int(0)], { v: cell('x', 1) })] })));
    expect(keys(engine.read(range({}, { rowLimit: 2 })))).toEqual([1, 2, 3]);
    expect(keys(engine.read(range({}, { partitionLimit: 2 })))).toEqual([1, 2, 3]);
  });

  it('caps the rows of each partition at the per-partition limit and counts only those', () => {
    const engine = engineWithGrid(1, 2, 3);
    const out = engine.read(range({}, { perPartitionLimit: 2 }));
    expect(out.map(names)).toEqual([['02', '01'], ['02', '01'], ['02', '01']]);
    const limited = engine.read(range({}, { perPartitionLimit: 2, rowLimit: 5 }));
    expect(limited.map(names)).toEqual([['02', '01'], ['02', '01'], ['02']]);
  });

  it('counts a static-only partition only when the read selects whole partitions (selectsFullPartition)', () => {
    const engine = new StorageEngine();
    for (const key of [1, 2, 3]) engine.apply(mutation(update(table, int(key), { staticRow: row([], { s: cell('s', 1) }) })));
    engine.apply(mutation(update(table, int(4), { rows: [row([int(1), int(0)], { v: cell('x', 1) })] })));
    engine.apply(mutation(update(table, int(5), { rows: [row([int(1), int(0)], { v: cell('x', 1) })] })));
    const aEquals1 = slices(false, slice(bound([int(1)]), bound([int(1)])));
    expect(keys(engine.read(range({}, { rowLimit: 1, filter: aEquals1 })))).toEqual([1, 2, 3, 4]);
    expect(keys(engine.read(range({}, { rowLimit: 1 })))).toEqual([1]);
  });

  it('sees partitions written after an earlier range read, in ring order', () => {
    const engine = engineWithGrid(1, 3);
    expect(keys(engine.read(range()))).toEqual([1, 3]);
    engine.apply(mutation(update(table, int(2), { rows: [row([int(0), int(0)], { v: cell('x', 1) })] })));
    engine.apply(mutation(update(table, int(0), { rows: [row([int(0), int(0)], { v: cell('x', 1) })] })));
    expect(keys(engine.read(range()))).toEqual([0, 1, 2, 3]);
    expect(engine.tableStats(table.id).partitionCount).toBe(4);
  });

  it('keeps partitions whose keys share a token apart, ordered by key bytes', () => {
    const engine = new StorageEngine();
    for (const key of [int(9), int(-1), int(4)]) {
      engine.apply(mutation(update(table, key, { token: 7n, rows: [row([int(0), int(0)], { v: cell(`k${key.readInt32BE()}`, 1) })] })));
    }
    expect(keys(engine.read(range()))).toEqual([4, 9, -1]);
    const [p] = engine.read(single(9, slices(false, ALL), { token: 7n }));
    expect(p?.rows[0]?.cells.get('v')?.value?.toString()).toBe('k9');
    expect(engine.read(single(5, slices(false, ALL), { token: 7n }))).toEqual([]);
  });

  it('skips partitions with nothing in the slice', () => {
    const engine = engineWithGrid(1);
    engine.apply(mutation(update(table, int(2), { rows: [row([int(7), int(0)], { v: cell('x', 1) })] })));
    expect(keys(engine.read(range({}, { filter: slices(false, slice(bound([int(7)]), bound([int(7)]))) })))).toEqual([2]);
  });
});

describe('StorageEngine housekeeping', () => {
  it('applies every table of a mutation', () => {
    const other = testTable({ name: 'other' });
    const engine = new StorageEngine();
    engine.apply(mutation(update(table, int(1), { staticRow: row([], { s: cell('s', 1) }) }), update(other, int(1), { rows: [row([], { v: cell('v', 1) })] })));
    expect(engine.read(single(1))).toHaveLength(1);
    expect(engine.read({ ...single(1), table: other })[0]?.rows).toHaveLength(1);
  });

  it('truncates, drops and reports stats', () => {
    const engine = engineWithGrid(1, 2);
    const stats = engine.tableStats(table.id);
    expect(stats.partitionCount).toBe(2);
    expect(stats.rowCount).toBe(18);
    expect(stats.sizeBytes).toBeGreaterThan(0);
    expect(engine.stats()).toEqual({ tableCount: 1, ...stats });
    engine.truncate(table.id);
    expect(engine.read(range())).toEqual([]);
    expect(engine.tableStats(table.id)).toEqual({ partitionCount: 0, rowCount: 0, sizeBytes: 0 });
    engine.apply(mutation(update(table, int(1), { rows: [row([int(0), int(0)], { v: cell('x', 1) })] })));
    expect(engine.read(range())).toHaveLength(1);
    engine.dropTable(table.id);
    expect(engine.read(range())).toEqual([]);
    expect(engine.stats().tableCount).toBe(0);
  });

  it('keeps storage size flat under overwrites', () => {
    const engine = engineWithGrid(1);
    const size = engine.tableStats(table.id).sizeBytes;
    for (let ts = 2; ts < 20; ts++) {
      engine.apply(mutation(update(table, int(1), { rows: [row([int(1), int(1)], { v: cell('11', ts) }, { liveness: liveness(ts) })] })));
    }
    expect(engine.tableStats(table.id).sizeBytes).toBe(size);
  });
});
