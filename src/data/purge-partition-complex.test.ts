import { describe, expect, it } from 'vitest';
import {
  buildList, buildMap, buildSet, buildUdt, minTimeUuid, native, type CqlType, type MapType, type SetType,
} from '../types/index.js';
import { udtFieldPath } from './complex-assembly.js';
import type { ComplexColumn, Row } from './partition-update.js';
import { purgePartition } from './purge-partition.js';
import { isAssembledCell } from './read-partition.js';
import { cell, complex, deletion, int, liveness, row, testTable, text, tombstoneCell } from './testing/fixtures.js';
import type { UnfilteredPartition } from './unfiltered-partition.js';

const list: CqlType = { kind: 'list', element: native('int'), frozen: false };
const set: SetType = { kind: 'set', element: native('text'), frozen: false };
const map: MapType = { kind: 'map', key: native('text'), value: native('int'), frozen: false };
const udt: CqlType = {
  kind: 'udt', keyspace: 'ks', name: 'pair', frozen: false,
  fields: [{ name: 'a', type: native('int') }, { name: 'b', type: native('text') }],
};
const table = testTable({
  clustering: [['c', native('int'), 'asc']],
  statics: [['ss', set]],
  regular: [['v', native('text')], ['l', list], ['s', set], ['m', map], ['u', udt], ['old', set]],
  dropped: [['old', 10n]],
});

function partition(rows: Row[], extra: Partial<UnfilteredPartition> = {}): UnfilteredPartition {
  return {
    table, key: int(1), token: 0n, partitionDeletion: null, rangeTombstones: [], staticRow: null, rows,
    reversed: false, ...extra,
  };
}

const withColumns = (columns: Record<string, ComplexColumn>, spec: Parameters<typeof row>[2] = {}) =>
  row([int(0)], {}, { ...spec, complex: columns });
const read = (p: UnfilteredPartition, now = 0) => purgePartition(p, now, table)?.rows[0]?.cells;

describe('purgePartition on multi-cell columns', () => {
  it('assembles each kind of column from its live element cells', () => {
    const cells = read(partition([withColumns({
      l: complex(null, [[minTimeUuid(1), cell(int(20), 1)], [minTimeUuid(2), cell(int(10), 1)]]),
      s: complex(null, [[text('a'), cell('', 1)], [text('b'), cell('', 1)]]),
      m: complex(null, [[text('k'), cell(int(1), 1)]]),
      u: complex(null, [[udtFieldPath(1), cell('two', 1)]]),
    })]));
    expect(cells?.get('l')?.value).toEqual(buildList([int(20), int(10)]));
    expect(cells?.get('s')?.value).toEqual(buildSet(set, [text('a'), text('b')]));
    expect(cells?.get('m')?.value).toEqual(buildMap(map, [[text('k'), int(1)]]));
    expect(cells?.get('u')?.value).toEqual(buildUdt([null, text('two')]));
    expect(isAssembledCell(cells!.get('l')!)).toBe(true);
  });

  it('expires elements one by one and drops the column with its last live element', () => {
    const p = partition([withColumns({
      s: complex(null, [[text('brief'), cell('', 1, 4, 100)], [text('kept'), cell('', 1)]]),
      m: complex(null, [[text('brief'), cell(int(2), 1, 4, 100)]]),
    }, { liveness: liveness(1) })]);
    expect(read(p, 103)?.get('s')?.value).toEqual(buildSet(set, [text('brief'), text('kept')]));
    expect(read(p, 104)?.get('s')?.value).toEqual(buildSet(set, [text('kept')]));
    expect(read(p, 104)?.has('m')).toBe(false);
  });

  it('hides elements written at or before the column deletion, and element tombstones', () => {
    const cells = read(partition([withColumns({
      s: complex(deletion(4), [[text('a'), cell('', 4)], [text('b'), cell('', 5)], [text('c'), tombstoneCell(6)]]),
    })]));
    expect(cells?.get('s')?.value).toEqual(buildSet(set, [text('b')]));
  });

  it('applies row, range and partition deletions to elements', () => {
    const s = complex(null, [[text('a'), cell('', 3)], [text('b'), cell('', 8)]]);
    const expected = buildSet(set, [text('b')]);
    expect(read(partition([withColumns({ s }, { deletion: deletion(5) })]))?.get('s')?.value).toEqual(expected);
    expect(read(partition([withColumns({ s })], { partitionDeletion: deletion(5) }))?.get('s')?.value).toEqual(expected);
    const everything = { start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } };
    expect(read(partition([withColumns({ s })], { rangeTombstones: [{ slice: everything, deletion: deletion(5) }] }))?.get('s')?.value)
      .toEqual(expected);
  });

  it('keeps a row alive through a live element alone, and drops it when only deletions are left', () => {
    expect(read(partition([withColumns({ s: complex(null, [[text('a'), cell('', 1)]]) })]))?.has('s')).toBe(true);
    expect(purgePartition(partition([withColumns({ s: complex(deletion(5)) })]), 0, table)).toBeNull();
    expect(purgePartition(partition([withColumns({ s: complex(null, [[text('a'), tombstoneCell(1)]]) })]), 0, table)).toBeNull();
  });

  it('ignores elements of a dropped column written before it was dropped', () => {
    const cells = read(partition([withColumns({
      old: complex(null, [[text('before'), cell('', 9)], [text('after'), cell('', 11)]]),
    }, { liveness: liveness(1) })]));
    expect(cells?.get('old')?.value).toEqual(buildSet(set, [text('after')]));
  });

  it('assembles static multi-cell columns too', () => {
    const p = partition([], { staticRow: row([], {}, { complex: { ss: complex(null, [[text('x'), cell('', 1)]]) } }) });
    expect(purgePartition(p, 0, table)?.staticCells.get('ss')?.value).toEqual(buildSet(set, [text('x')]));
  });

  it('serves single-cell columns next to assembled ones', () => {
    const cells = read(partition([row([int(0)], { v: cell('plain', 1) }, { complex: { s: complex(null, [[text('a'), cell('', 1)]]) } })]));
    expect([...(cells?.keys() ?? [])].sort()).toEqual(['s', 'v']);
  });
});
