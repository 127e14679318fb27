import { describe, expect, it } from 'vitest';
import { minTimeUuid, native, type CqlType } from '../types/index.js';
import {
  cellPathComparator, complexPathOrder, dropShadowedComplex, mergeComplexColumns, sortedComplexColumn,
} from './complex-column.js';
import type { ComplexColumn } from './partition-update.js';
import { cell, complex, deletion, int, testTable, text, tombstoneCell } from './testing/fixtures.js';

const intSet: CqlType = { kind: 'set', element: native('int'), frozen: false };
const intSetOrder = cellPathComparator(intSet);
const paths = (c: ComplexColumn | null) => (c?.cells ?? []).map((pc) => pc.path.readInt32BE());
const values = (c: ComplexColumn | null) => (c?.cells ?? []).map((pc) => pc.cell.value?.toString() ?? null);

describe('cellPathComparator', () => {
  it('orders set elements and map keys by their type, not their bytes', () => {
    expect(intSetOrder(int(-1), int(1))).toBeLessThan(0);
    const textMap = cellPathComparator({ kind: 'map', key: native('text'), value: native('int'), frozen: false });
    expect(textMap(text('a'), text('b'))).toBeLessThan(0);
  });

  it('orders list paths as timeuuids and user type paths as field positions', () => {
    const list = cellPathComparator({ kind: 'list', element: native('int'), frozen: false });
    expect(list(minTimeUuid(1), minTimeUuid(2))).toBeLessThan(0);
    const udt = cellPathComparator({ kind: 'udt', keyspace: 'ks', name: 'u', fields: [], frozen: false });
    const short = (n: number) => Buffer.from([n >> 8, n & 0xff]);
    expect(udt(short(2), short(10))).toBeLessThan(0);
  });

  it('finds the order of a table column, falling back to bytes for an unknown one', () => {
    const table = testTable({ regular: [['s', intSet]] });
    expect(complexPathOrder(table, 's')(int(-1), int(1))).toBeLessThan(0);
    expect(complexPathOrder(table, 'gone')(int(-1), int(1))).toBeGreaterThan(0);
  });
});

describe('mergeComplexColumns', () => {
  it('keeps elements of both sides in path order and reconciles each path', () => {
    const a = complex(null, [[int(1), cell('a1', 1)], [int(3), cell('a3', 5)]]);
    const b = complex(null, [[int(-2), cell('b-2', 1)], [int(3), cell('b3', 4)], [int(4), cell('b4', 1)]]);
    const merged = mergeComplexColumns(a, b, intSetOrder, null);
    expect(paths(merged)).toEqual([-2, 1, 3, 4]);
    expect(values(merged)).toEqual(['b-2', 'a1', 'a3', 'b4']);
  });

  it('lets a tombstone win a timestamp tie at its path', () => {
    const merged = mergeComplexColumns(complex(null, [[int(1), cell('x', 5)]]), complex(null, [[int(1), tombstoneCell(5)]]), intSetOrder, null);
    expect(values(merged)).toEqual([null]);
  });

  it('keeps the later column deletion, which shadows elements written at or before it only', () => {
    // An overwrite at 10: the deletion at 9 removes what was there and spares the new elements at 10.
    const existing = complex(deletion(3), [[int(1), cell('old', 9)], [int(2), cell('older', 4)]]);
    const overwrite = complex(deletion(9), [[int(5), cell('new', 10)]]);
    const merged = mergeComplexColumns(existing, overwrite, intSetOrder, null);
    expect(merged?.deletion?.markedForDeleteAt).toBe(9n);
    expect(paths(merged)).toEqual([5]);
  });

  it('drops elements and a weaker column deletion under the row deletion', () => {
    const merged = mergeComplexColumns(
      complex(deletion(2), [[int(1), cell('a', 4)]]), complex(null, [[int(2), cell('b', 8)]]), intSetOrder, deletion(5),
    );
    expect(merged?.deletion).toBeNull();
    expect(paths(merged)).toEqual([2]);
    expect(mergeComplexColumns(complex(deletion(2)), complex(null, [[int(1), cell('a', 4)]]), intSetOrder, deletion(5))).toBeNull();
  });
});

describe('dropShadowedComplex', () => {
  it('returns the column itself when nothing is shadowed', () => {
    const c = complex(deletion(5), [[int(1), cell('a', 7)]]);
    expect(dropShadowedComplex(c, deletion(4))).toBe(c);
    expect(dropShadowedComplex(c, null)).toBe(c);
  });

  it('drops shadowed elements and a superseded deletion, and null when nothing is left', () => {
    const c = complex(deletion(5), [[int(1), cell('a', 7)], [int(2), cell('b', 9)]]);
    const kept = dropShadowedComplex(c, deletion(7));
    expect(kept?.deletion).toBeNull();
    expect(paths(kept)).toEqual([2]);
    expect(dropShadowedComplex(c, deletion(9))).toBeNull();
  });
});

describe('sortedComplexColumn', () => {
  it('sorts what a write collected, reconciling a path written twice and dropping what its deletion shadows', () => {
    const c = sortedComplexColumn(deletion(4), [
      { path: int(3), cell: cell('', 5) },
      { path: int(-1), cell: cell('', 5) },
      { path: int(3), cell: tombstoneCell(5) },
      { path: int(0), cell: cell('', 4) },
    ], intSetOrder);
    expect(paths(c)).toEqual([-1, 3]);
    expect(c.cells[1]!.cell.value).toBeNull();
    expect(c.deletion?.markedForDeleteAt).toBe(4n);
  });
});
