import { describe, expect, it } from 'vitest';
import { native } from '../types/index.js';
import type { TableMetadata } from '../schema/index.js';
import { countScanned } from './scan-counts.js';
import type { UnfilteredPartition } from './unfiltered-partition.js';
import {
  bound, cell, complex, deletion, int, liveness, rangeTombstone, row, slice, testTable, tombstoneCell, update, type UpdateSpec,
} from './testing/fixtures.js';

const table = testTable({ clustering: [['c', native('int'), 'asc']], regular: [['v', native('text')], ['w', native('text')], ['s', { kind: 'set', element: native('int'), frozen: false }]] });
const NOW = 1_000;

function partition(spec: UpdateSpec, t: TableMetadata = table, key = 1): UnfilteredPartition {
  return { ...update(t, int(key), spec), reversed: false };
}

const live = (c: number) => row([int(c)], { v: cell('x', 10) }, { liveness: liveness(10) });

describe('countScanned (ReadCommand.MetricRecording)', () => {
  it('counts live rows and each dead cell, deleted or expired', () => {
    const p = partition({ rows: [live(1), row([int(2)], { v: tombstoneCell(20), w: cell('gone', 10, 5, 0) }, { liveness: liveness(10) })] });
    expect(countScanned([p], NOW, Infinity, true)).toEqual({ liveRows: 2, tombstones: 2, aborted: false, lastToken: 1n });
  });

  it('counts a deleted row once, unless its dead cells already counted', () => {
    const deleted = row([int(1)], {}, { deletion: deletion(30, NOW) });
    const deletedWithCell = row([int(2)], { v: tombstoneCell(40) }, { deletion: deletion(30, NOW) });
    expect(countScanned([partition({ rows: [deleted, deletedWithCell] })], NOW, Infinity, true)).toMatchObject({ liveRows: 0, tombstones: 2 });
  });

  it('counts two bounds per range tombstone and nothing it shadows; not the partition deletion', () => {
    const rt = rangeTombstone(slice(bound([int(1)]), bound([int(5)])), deletion(50, NOW));
    const shadowed = row([int(2)], { v: tombstoneCell(20) }, { liveness: liveness(10) });
    const p = partition({ rows: [shadowed, row([int(9)], { v: cell('x', 60) })], rangeTombstones: [rt], partitionDeletion: deletion(5, NOW) });
    expect(countScanned([p], NOW, Infinity, true)).toMatchObject({ liveRows: 1, tombstones: 2 });
  });

  it('counts the static row like any other row, and dead cells of collections and their column deletions', () => {
    const staticRow = row([], { v: cell('x', 10) });
    const collection = row([int(1)], {}, { complex: { s: complex(deletion(5, NOW), [[int(1), tombstoneCell(9)]]) } });
    const onlyColumnDeletion = row([int(2)], {}, { complex: { s: complex(deletion(5, NOW)) } });
    const p = partition({ staticRow, rows: [collection, onlyColumnDeletion] });
    expect(countScanned([p], NOW, Infinity, true)).toMatchObject({ liveRows: 1, tombstones: 2 });
  });

  it('skips what is purgeable: deleted longer than gc_grace_seconds ago', () => {
    const noGrace: TableMetadata = { ...table, options: { ...table.options, gcGraceSeconds: 0 } };
    const old = row([int(1)], { v: tombstoneCell(20, NOW - 1) }, { liveness: liveness(10) });
    const recent = row([int(2)], { v: tombstoneCell(20, NOW) }, { liveness: liveness(10) });
    expect(countScanned([partition({ rows: [old, recent] }, noGrace)], NOW, Infinity, true)).toMatchObject({ liveRows: 2, tombstones: 1 });
  });

  it('counts the same tombstones without counting live rows', () => {
    const p = partition({ rows: [live(1), row([int(2)], {}, { deletion: deletion(30, NOW) }), row([int(3)], { v: tombstoneCell(20) })] });
    expect(countScanned([p], NOW, Infinity, false)).toEqual({ liveRows: 0, tombstones: 2, aborted: false, lastToken: 1n });
    expect(countScanned([p], NOW, Infinity, true)).toMatchObject({ liveRows: 1, tombstones: 2 });
  });

  it('stops past the failure threshold and names the last partition scanned', () => {
    const dead = (c: number) => row([int(c)], { v: tombstoneCell(20) });
    const first = partition({ rows: [dead(1), dead(2)] }, table, 1);
    const second = partition({ rows: [dead(1), live(2), dead(3)] }, table, 2);
    expect(countScanned([first, second], NOW, 2, true)).toEqual({ liveRows: 0, tombstones: 3, aborted: true, lastToken: 2n });
    expect(countScanned([first, second], NOW, 4, true)).toEqual({ liveRows: 1, tombstones: 4, aborted: false, lastToken: 2n });
  });
});
