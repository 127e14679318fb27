import { describe, expect, it } from 'vitest';
import { native } from '../types/index.js';
import {
  ALL, cell, complex, deletion, int, liveness, row, testTable, tombstoneCell, update,
} from './testing/fixtures.js';
import { updateAllTimestamp } from './update-all-timestamp.js';

const table = testTable({ clustering: [['c', native('int'), 'asc']], statics: [['s', native('int')]], regular: [['v', native('text')]] });

describe('updateAllTimestamp', () => {
  it('writes live data at the timestamp and tombstones and deletions one microsecond before it', () => {
    const before = update(table, int(1), {
      partitionDeletion: deletion(7),
      rangeTombstones: [{ slice: ALL, deletion: deletion(7, 50) }],
      staticRow: row([], { s: tombstoneCell(7) }),
      rows: [row([int(1)], { v: cell('a', 7, 60, 10) }, {
        liveness: liveness(7), deletion: deletion(7),
        complex: { l: complex(deletion(6), [[int(9), cell('x', 7)], [int(10), tombstoneCell(7)]]) },
      })],
    });
    const after = updateAllTimestamp(before, 1000n);
    expect(after.partitionDeletion).toEqual(deletion(999));
    expect(after.rangeTombstones).toEqual([{ slice: ALL, deletion: deletion(999, 50) }]);
    expect(after.staticRow?.cells.get('s')).toEqual(tombstoneCell(999));
    const written = after.rows[0]!;
    // An expiring cell is live: it keeps its TTL and expiry.
    expect(written.cells.get('v')).toEqual(cell('a', 1000, 60, 10));
    expect(written.liveness).toEqual(liveness(1000));
    expect(written.deletion).toEqual(deletion(999));
    expect(written.complex?.get('l')).toEqual(complex(deletion(999), [[int(9), cell('x', 1000)], [int(10), tombstoneCell(999)]]));
  });

  it('leaves what is absent absent', () => {
    const after = updateAllTimestamp(update(table, int(1), { rows: [row([int(1)], { v: cell('a', 1) })] }), 5n);
    expect(after.partitionDeletion).toBeNull();
    expect(after.staticRow).toBeNull();
    expect(after.rows[0]!.liveness).toBeNull();
    expect(after.rows[0]!.deletion).toBeNull();
    expect(after.rows[0]!.complex).toBeUndefined();
  });
});
