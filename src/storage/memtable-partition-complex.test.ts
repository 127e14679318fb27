import { describe, expect, it } from 'vitest';
import { clusteringComparatorFor, type ComplexColumn } from '../data/index.js';
import { cell, complex, deletion, int, row, testTable, text, tombstoneCell, update } from '../data/testing/fixtures.js';
import { minTimeUuid, native } from '../types/index.js';
import { MemtablePartition } from './memtable-partition.js';

const intSet = { kind: 'set', element: native('int'), frozen: false } as const;
const table = testTable({
  clustering: [['c', native('int'), 'asc']],
  statics: [['ss', intSet]],
  regular: [['s', intSet], ['l', { kind: 'list', element: native('text'), frozen: false }]],
});

function partition(): MemtablePartition {
  return new MemtablePartition(int(1), 1n, clusteringComparatorFor(table), {});
}

const write = (p: MemtablePartition, columns: Record<string, ComplexColumn>) =>
  p.apply(update(table, int(1), { rows: [row([int(1)], {}, { complex: columns })] }));
const stored = (p: MemtablePartition, name = 's') => p.rows.get([int(1)])?.complex?.get(name);
const paths = (p: MemtablePartition) => (stored(p)?.cells ?? []).map((pc) => pc.path.readInt32BE());

describe('MemtablePartition with multi-cell columns', () => {
  it('keeps its size flat when a whole collection is overwritten again and again', () => {
    const p = partition();
    const overwrite = (ts: number) => write(p, {
      l: complex(deletion(ts - 1), [[minTimeUuid(ts * 10), cell('aaaa', ts)], [minTimeUuid(ts * 10 + 1), cell('bbbb', ts)]]),
    });
    overwrite(10);
    const size = p.sizeBytes;
    for (let ts = 11; ts < 60; ts++) overwrite(ts);
    expect(p.sizeBytes).toBe(size);
    expect(stored(p, 'l')?.cells.map((pc) => pc.cell.timestamp)).toEqual([59n, 59n]);
  });

  it('replaces an element written again at its path instead of adding one', () => {
    const p = partition();
    write(p, { s: complex(null, [[int(1), cell('', 1)]]) });
    const size = p.sizeBytes;
    for (let ts = 2; ts < 20; ts++) write(p, { s: complex(null, [[int(1), cell('', ts)]]) });
    expect(p.sizeBytes).toBe(size);
    expect(stored(p)?.cells[0]!.cell.timestamp).toBe(19n);
  });

  it('merges added elements in path order and keeps element tombstones', () => {
    const p = partition();
    write(p, { s: complex(null, [[int(-3), cell('', 1)], [int(5), cell('', 1)]]) });
    write(p, { s: complex(null, [[int(0), cell('', 2)], [int(5), tombstoneCell(2)]]) });
    expect(paths(p)).toEqual([-3, 0, 5]);
    expect(stored(p)?.cells[2]!.cell.value).toBeNull();
  });

  it('drops the elements a newer column deletion shadows, but not newer ones', () => {
    const p = partition();
    write(p, { s: complex(null, [[int(1), cell('', 3)], [int(2), cell('', 8)]]) });
    const before = p.sizeBytes;
    write(p, { s: complex(deletion(5)) });
    expect(paths(p)).toEqual([2]);
    expect(p.sizeBytes).toBeLessThan(before);
    write(p, { s: complex(null, [[int(3), cell('', 4)]]) });
    expect(paths(p)).toEqual([2]);
  });

  it('drops elements under a partition deletion, static columns included', () => {
    const p = partition();
    write(p, { s: complex(null, [[int(1), cell('', 3)], [int(2), cell('', 8)]]) });
    p.apply(update(table, int(1), { staticRow: row([], {}, { complex: { ss: complex(null, [[int(1), cell('', 3)]]) } }) }));
    p.apply(update(table, int(1), { partitionDeletion: deletion(5) }));
    expect(paths(p)).toEqual([2]);
    expect(p.staticRow).toBeNull();
  });

  it('rejects elements out of path order', () => {
    expect(() => write(partition(), { s: complex(null, [[int(5), cell('', 1)], [int(-3), cell('', 1)]]) })).toThrow(/path order/);
  });

  it('copies element paths and values that are views into a larger buffer', () => {
    const frame = Buffer.alloc(64 * 1024);
    frame.write('element', 100);
    const view = frame.subarray(100, 107);
    const p = partition();
    write(p, { l: complex(null, [[minTimeUuid(1), cell(view, 1)]]), s: complex(null, [[text('x'), cell('', 1)]]) });
    const value = stored(p, 'l')!.cells[0]!.cell.value!;
    expect(value.toString()).toBe('element');
    expect(value.buffer).not.toBe(frame.buffer);
  });
});
