import { describe, expect, it } from 'vitest';
import { native } from '../types/index.js';
import { countedRows, selectsFullPartition, type PartitionRangeReadCommand } from './read-command.js';
import { ALL, bound, int, slice, testTable } from './testing/fixtures.js';

const table = testTable({ clustering: [['c', native('int'), 'asc']], statics: [['s', native('int')]] });

function range(extra: Partial<PartitionRangeReadCommand> = {}): PartitionRangeReadCommand {
  return {
    kind: 'range', table, filter: { kind: 'slices', slices: [ALL], reversed: false }, nowInSec: 0,
    rowLimit: Infinity, perPartitionLimit: Infinity, partitionLimit: Infinity,
    bounds: { start: null, startInclusive: true, end: null, endInclusive: true }, ...extra,
  };
}

describe('selectsFullPartition (ReadCommand.selectsFullPartition)', () => {
  it('holds for the one unbounded slice, in either order', () => {
    expect(selectsFullPartition(range())).toBe(true);
    expect(selectsFullPartition(range({ filter: { kind: 'slices', slices: [ALL], reversed: true } }))).toBe(true);
  });

  it('fails for bounded slices, several slices and names', () => {
    expect(selectsFullPartition(range({ filter: { kind: 'slices', slices: [slice(bound([int(1)]), bound([]))], reversed: false } }))).toBe(false);
    expect(selectsFullPartition(range({ filter: { kind: 'slices', slices: [ALL, ALL], reversed: false } }))).toBe(false);
    expect(selectsFullPartition(range({ filter: { kind: 'names', clusterings: [[int(1)]], reversed: false } }))).toBe(false);
  });
});

describe('countedRows (DataLimits.CQLCounter)', () => {
  it('counts live rows up to the per-partition limit', () => {
    expect(countedRows(range(), true, 5, true)).toBe(5);
    expect(countedRows(range({ perPartitionLimit: 2 }), true, 5, false)).toBe(2);
  });

  it('counts a partition with only a live static row as one row only when whole partitions are read', () => {
    expect(countedRows(range(), true, 0, true)).toBe(1);
    expect(countedRows(range(), false, 0, true)).toBe(0);
    expect(countedRows(range(), true, 0, false)).toBe(0);
  });
});
