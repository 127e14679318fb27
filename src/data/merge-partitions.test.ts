import { describe, expect, it } from 'vitest';
import { native } from '../types/index.js';
import { mergePartitions } from './merge-partitions.js';
import type { DeletionTime, RangeTombstone, Row } from './partition-update.js';
import { minTimeUuid } from '../types/index.js';
import { cell, complex, deletion, int, row, testTable } from './testing/fixtures.js';
import type { UnfilteredPartition } from './unfiltered-partition.js';

const table = testTable({
  clustering: [['c', native('int'), 'asc']],
  regular: [['v', native('text')], ['l', { kind: 'list', element: native('text'), frozen: false }]],
});

function partition(rows: Row[], extra: Partial<UnfilteredPartition> = {}): UnfilteredPartition {
  return {
    table, key: int(1), token: 0n, partitionDeletion: null, rangeTombstones: [], staticRow: null, rows,
    reversed: false, ...extra,
  };
}

function rangeTombstone(from: number, to: number, d: DeletionTime): RangeTombstone {
  return { slice: { start: { prefix: [int(from)], inclusive: true }, end: { prefix: [int(to)], inclusive: true } }, deletion: d };
}

const clusterings = (p: UnfilteredPartition): number[] => p.rows.map((r) => r.clustering[0]!.readInt32BE());

describe('mergePartitions', () => {
  it('interleaves rows in clustering order and merges equal clusterings', () => {
    const merged = mergePartitions([
      partition([row([int(1)], { v: cell('a', 1) }), row([int(3)], { v: cell('c', 1) })]),
      partition([row([int(2)], { v: cell('b', 1) }), row([int(3)], { v: cell('C', 2) })]),
    ]);
    expect(clusterings(merged)).toEqual([1, 2, 3]);
    expect(merged.rows[2]!.cells.get('v')?.value?.toString()).toBe('C');
  });

  it('merges reversed partitions in reversed order', () => {
    const merged = mergePartitions([
      partition([row([int(3)]), row([int(1)])], { reversed: true }),
      partition([row([int(2)])], { reversed: true }),
    ]);
    expect(clusterings(merged)).toEqual([3, 2, 1]);
  });

  it('keeps the strongest partition deletion and merges static rows', () => {
    const merged = mergePartitions([
      partition([], { partitionDeletion: deletion(5), staticRow: row([], { s: cell('x', 1) }) }),
      partition([], { partitionDeletion: deletion(7), staticRow: row([], { s: cell('y', 2) }) }),
      partition([]),
    ]);
    expect(merged.partitionDeletion?.markedForDeleteAt).toBe(7n);
    expect(merged.staticRow?.cells.get('s')?.value?.toString()).toBe('y');
  });

  it('collects range tombstones, keeping the strongest per slice and dropping those the partition deletion shadows', () => {
    const merged = mergePartitions([
      partition([], { rangeTombstones: [rangeTombstone(1, 2, deletion(5)), rangeTombstone(4, 6, deletion(3))] }),
      partition([], { rangeTombstones: [rangeTombstone(1, 2, deletion(8))], partitionDeletion: deletion(4) }),
    ]);
    expect(merged.rangeTombstones.map((rt) => rt.deletion.markedForDeleteAt)).toEqual([8n]);
  });

  it('returns a single partition unchanged', () => {
    const p = partition([row([int(1)])]);
    expect(mergePartitions([p])).toBe(p);
  });

  it('rejects partitions of different keys', () => {
    expect(() => mergePartitions([partition([]), partition([], { key: int(2) })])).toThrow(/share their key/);
  });

  it('merges the elements replicas appended concurrently to one list', () => {
    const merged = mergePartitions([
      partition([row([int(1)], {}, { complex: { l: complex(null, [[minTimeUuid(1), cell('a', 1)], [minTimeUuid(3), cell('c', 3)]]) } })]),
      partition([row([int(1)], {}, { complex: { l: complex(null, [[minTimeUuid(2), cell('b', 2)]]) } })]),
    ]);
    expect(merged.rows[0]!.complex?.get('l')?.cells.map((pc) => pc.cell.value?.toString())).toEqual(['a', 'b', 'c']);
  });
});
