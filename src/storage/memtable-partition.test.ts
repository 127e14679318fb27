import { describe, expect, it } from 'vitest';
import { clusteringComparatorFor } from '../data/index.js';
import {
  bound, cell, deletion, int, liveness, rangeTombstone, row, slice, testTable, tombstoneCell, update,
} from '../data/testing/fixtures.js';
import { native } from '../types/index.js';
import { MemtablePartition } from './memtable-partition.js';

const table = testTable({ clustering: [['c', native('int'), 'asc']], statics: [['s', native('text')]] });

function partition(): MemtablePartition {
  return new MemtablePartition(int(1), 1n, clusteringComparatorFor(table), {});
}

const stored = (p: MemtablePartition): number[] => [...p.rows.all()].map((r) => r.clustering[0]!.readInt32BE());

describe('MemtablePartition', () => {
  it('reconciles overwrites in place so that size does not grow', () => {
    const p = partition();
    p.apply(update(table, int(1), { rows: [row([int(1)], { v: cell('aaaa', 1) }, { liveness: liveness(1) })] }));
    const size = p.sizeBytes;
    for (let ts = 2; ts < 50; ts++) {
      p.apply(update(table, int(1), { rows: [row([int(1)], { v: cell('bbbb', ts) }, { liveness: liveness(ts) })] }));
    }
    expect(p.sizeBytes).toBe(size);
    expect(p.rows.get([int(1)])!.cells.get('v')!.timestamp).toBe(49n);
  });

  it('keeps the winner when an older write arrives late', () => {
    const p = partition();
    p.apply(update(table, int(1), { rows: [row([int(1)], { v: cell('new', 5) })] }));
    p.apply(update(table, int(1), { rows: [row([int(1)], { v: cell('old', 4) })] }));
    expect(p.rows.get([int(1)])!.cells.get('v')!.value!.toString()).toBe('new');
  });

  it('drops the rows a partition deletion shadows but keeps newer data', () => {
    const p = partition();
    p.apply(update(table, int(1), {
      rows: [row([int(1)], { v: cell('a', 1) }), row([int(2)], { v: cell('b', 9) })],
      staticRow: row([], { s: cell('s', 1) }),
    }));
    p.apply(update(table, int(1), { partitionDeletion: deletion(5) }));
    expect(stored(p)).toEqual([2]);
    expect(p.staticRow).toBeNull();
    p.apply(update(table, int(1), { rows: [row([int(3)], { v: cell('late but old', 4) })] }));
    expect(stored(p)).toEqual([2]);
    expect(p.partitionDeletion?.markedForDeleteAt).toBe(5n);
  });

  it('ignores a weaker partition deletion', () => {
    const p = partition();
    p.apply(update(table, int(1), { partitionDeletion: deletion(5) }));
    p.apply(update(table, int(1), { partitionDeletion: deletion(3) }));
    expect(p.partitionDeletion?.markedForDeleteAt).toBe(5n);
  });

  it('purges only the rows within a range tombstone slice', () => {
    const p = partition();
    p.apply(update(table, int(1), { rows: [1, 2, 3, 4].map((c) => row([int(c)], { v: cell('x', 1) })) }));
    const before = p.sizeBytes;
    p.apply(update(table, int(1), { rangeTombstones: [rangeTombstone(slice(bound([int(2)]), bound([int(3)])), deletion(5))] }));
    expect(stored(p)).toEqual([1, 4]);
    expect(p.rangeTombstones).toHaveLength(1);
    expect(p.sizeBytes).toBeLessThan(before);
    p.apply(update(table, int(1), { rows: [row([int(2)], { v: cell('old', 5) }), row([int(3)], { v: cell('new', 6) })] }));
    expect(stored(p)).toEqual([1, 3, 4]);
  });

  it('keeps one tombstone when a wider or stronger one implies the others', () => {
    const p = partition();
    const narrow = rangeTombstone(slice(bound([int(2)]), bound([int(3)])), deletion(5));
    const wide = rangeTombstone(slice(bound([int(1)]), bound([int(9)])), deletion(6));
    p.apply(update(table, int(1), { rangeTombstones: [narrow] }));
    p.apply(update(table, int(1), { rangeTombstones: [wide] }));
    p.apply(update(table, int(1), { rangeTombstones: [narrow] }));
    expect(p.rangeTombstones.map((rt) => rt.tombstone)).toEqual([wide]);
    // A stronger narrow tombstone is not implied by a weaker wide one.
    const strongNarrow = rangeTombstone(slice(bound([int(2)]), bound([int(3)])), deletion(7));
    p.apply(update(table, int(1), { rangeTombstones: [strongNarrow] }));
    expect(p.rangeTombstones).toHaveLength(2);
  });

  it('merges static rows and row deletions', () => {
    const p = partition();
    p.apply(update(table, int(1), { staticRow: row([], { s: cell('a', 1) }) }));
    p.apply(update(table, int(1), { staticRow: row([], { s: cell('b', 2) }) }));
    expect(p.staticRow!.cells.get('s')!.value!.toString()).toBe('b');
    p.apply(update(table, int(1), { rows: [row([int(1)], { v: cell('x', 1) })] }));
    p.apply(update(table, int(1), { rows: [row([int(1)], {}, { deletion: deletion(3) })] }));
    const r = p.rows.get([int(1)])!;
    expect(r.cells.size).toBe(0);
    expect(r.deletion?.markedForDeleteAt).toBe(3n);
  });

  it('keeps cell tombstones, which other replicas may need', () => {
    const p = partition();
    p.apply(update(table, int(1), { rows: [row([int(1)], { v: tombstoneCell(3) })] }));
    expect(p.rows.get([int(1)])!.cells.get('v')!.value).toBeNull();
  });

  it('copies values that are views into a larger buffer', () => {
    const frame = Buffer.alloc(64 * 1024);
    frame.write('value', 100);
    const view = frame.subarray(100, 105);
    const p = partition();
    p.apply(update(table, int(1), { rows: [row([int(1)], { v: cell(view, 1) })] }));
    const value = p.rows.get([int(1)])!.cells.get('v')!.value!;
    expect(value.toString()).toBe('value');
    expect(value.buffer).not.toBe(frame.buffer);
  });
});

describe('MemtablePartition invariants', () => {
  it('rejects a row without a value for every clustering column', () => {
    expect(() => partition().apply(update(table, int(1), { rows: [row([])] }))).toThrow(/every clustering column/);
  });
});
