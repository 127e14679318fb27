import { describe, expect, it } from 'vitest';
import { native } from '../types/index.js';
import { mutationsDataSize, partitionUpdateDataSize } from './data-size.js';
import {
  bound, cell, complex, deletion, int, liveness, mutation, rangeTombstone, row, slice, testTable, text, tombstoneCell, update,
} from './testing/fixtures.js';

const table = testTable({ clustering: [['c', native('int'), 'asc']], regular: [['v', native('text')], ['s', { kind: 'set', element: native('int'), frozen: false }]] });

/** Cassandra's constant parts: the empty static row (20) and the partition deletion (8). */
const UPDATE_OVERHEAD = 20 + 8;

describe('partitionUpdateDataSize (PartitionUpdate.dataSize)', () => {
  it('counts an inserted row: clustering, liveness, deletion and each cell with its value', () => {
    const inserted = update(table, int(1), { rows: [row([int(7)], { v: cell('abc', 1) }, { liveness: liveness(1) })] });
    expect(partitionUpdateDataSize(inserted)).toBe(UPDATE_OVERHEAD + 4 + 8 + 12 + (16 + 3));
  });

  it('counts TTLs in the row marker, tombstones without a value, cell paths and column deletions', () => {
    const rowWithTtl = row([int(7)], { v: tombstoneCell(1) }, {
      liveness: liveness(1, 60),
      complex: { s: complex(deletion(0), [[int(5), cell(Buffer.alloc(0), 1)]]) },
    });
    expect(partitionUpdateDataSize(update(table, int(1), { rows: [rowWithTtl] })))
      .toBe(UPDATE_OVERHEAD + 4 + 16 + 12 + 16 + (12 + 16 + 4));
  });

  it('counts range tombstones with their bounds, and a static row in place of the empty one', () => {
    const rt = rangeTombstone(slice(bound([int(1)]), bound([int(2)])), deletion(5));
    const withStatic = update(table, int(1), { staticRow: row([], { v: cell('x', 1) }), rangeTombstones: [rt] });
    expect(partitionUpdateDataSize(withStatic)).toBe((8 + 12 + 17) + 8 + (4 + 4 + 4 + 12));
  });

  it('sums a batch of mutations', () => {
    const a = mutation(update(table, int(1), { rows: [row([int(1)], { v: cell(text('a'), 1) })] }));
    const b = mutation(update(table, int(2), { rows: [row([int(1)], { v: cell(text('bb'), 1) })] }));
    expect(mutationsDataSize([a, b])).toBe(partitionUpdateDataSize(a.updates[0]!) + partitionUpdateDataSize(b.updates[0]!));
  });
});
