import { counterContext, NO_DELETION_TIME, type PartitionUpdate } from '../../data/index.js';
import {
  ALL, bound, cell, complex, deletion, int, liveness, rangeTombstone, row, slice, testTable, text, tombstoneCell, update,
} from '../../data/testing/fixtures.js';
import type { TableMetadata } from '../../schema/index.js';
import { native } from '../../types/index.js';

/**
 * A table and a partition holding every kind of stored thing: partition deletion, range tombstones, row
 * deletions, cell tombstones, expiring cells and row markers, empty values, a static row, multi-cell
 * columns (list, set, map, user type) with and without their own deletion, and timestamps far apart.
 */
export function richTable(): TableMetadata {
  return testTable({
    clustering: [['c', native('int'), 'asc']],
    statics: [['s', native('text')]],
    regular: [
      ['v', native('text')],
      ['l', { kind: 'list', element: native('int'), frozen: false }],
      ['st', { kind: 'set', element: native('text'), frozen: false }],
      ['m', { kind: 'map', key: native('text'), value: native('int'), frozen: false }],
      ['u', native('blob')],
      ['addr', { kind: 'udt', keyspace: 'ks', name: 'address', frozen: false, fields: [
        { name: 'street', type: native('text') }, { name: 'zip', type: native('text') }] }],
    ],
  });
}

const uuidPath = (n: number) => Buffer.from(`0000000${n}-0000-1000-8000-000000000000`.replace(/-/g, ''), 'hex');
const fieldPath = (n: number) => Buffer.from([0, n]);

export function richPartition(table: TableMetadata, key = int(7)): PartitionUpdate {
  return update(table, key, {
    token: -42n,
    partitionDeletion: deletion(1000, 50),
    rangeTombstones: [
      rangeTombstone(slice(bound([int(10)]), bound([int(20)], false)), deletion(2000, 60)),
      rangeTombstone(ALL, deletion(1500, 55)),
    ],
    staticRow: row([], { s: cell('static', 3000, 3600, 1_700_000_000) }),
    rows: [
      row([int(1)], { v: cell('one', 5000) }, { liveness: liveness(5000) }),
      row([int(2)], { v: cell(Buffer.alloc(0), 5001), u: tombstoneCell(5002, 1_700_000_001) }, { liveness: liveness(5001, 60, 1_700_000_000) }),
      row([int(3)], {}, { deletion: deletion(6000, 70) }),
      row([int(4)], { v: cell('far past', -9_000_000_000_000_000_000n) }),
      row([int(5)], { v: cell('far future', 9_000_000_000_000_000_000n) }),
      row([int(6)], {}, {
        liveness: liveness(7000),
        complex: {
          l: complex(deletion(6999, 80), [[uuidPath(1), cell(int(1), 7000)], [uuidPath(2), cell(int(2), 7000)]]),
          st: complex(null, [[text('a'), cell(Buffer.alloc(0), 7000)], [text('b'), tombstoneCell(7001)]]),
          m: complex(null, [[text('k'), cell(int(9), 7000, 10, 1_700_000_000)]]),
        },
      }),
      row([int(7)], { u: cell(Buffer.from([1, 2, 3]), 8000) }, {
        complex: { addr: complex(deletion(7999), [[fieldPath(0), cell('street', 8000)], [fieldPath(1), cell(Buffer.alloc(0), 8000)]]) },
      }),
    ],
  });
}

export function counterTable(): TableMetadata {
  return testTable({ name: 'counters', regular: [['n', native('counter')]] });
}

export function counterPartition(table: TableMetadata): PartitionUpdate {
  const shards = counterContext([{ id: Buffer.alloc(16, 1), clock: 3n, count: 42n }]);
  return update(table, int(1), { rows: [row([], { n: { value: shards, timestamp: 10n, ttlSeconds: 0, localDeletionTime: NO_DELETION_TIME } })] });
}
