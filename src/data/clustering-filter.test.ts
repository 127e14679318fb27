import { describe, expect, it } from 'vitest';
import { native } from '../types/index.js';
import { clusteringComparatorFor } from './clustering-comparator.js';
import { filterAfter } from './clustering-filter.js';
import type { ClusteringFilter } from './read-command.js';
import { ALL, bound, int, slice, testTable } from './testing/fixtures.js';

const table = testTable({ clustering: [['a', native('int'), 'asc'], ['b', native('int'), 'asc']] });
const comparator = clusteringComparatorFor(table);
const rows = [1, 2, 3].flatMap((a) => [1, 2, 3].map((b) => [int(a), int(b)]));
const label = (c: readonly Buffer[]): string => c.map((v) => v.readInt32BE()).join('.');

/** The rows of a 3×3 grid the filter selects, in clustering order. */
function selected(filter: ClusteringFilter): string[] {
  if (filter.kind === 'names') return filter.clusterings.map(label);
  return rows.filter((r) => filter.slices.some((s) => comparator.contains(comparator.positionsOf(s), r))).map(label);
}

describe('filterAfter', () => {
  it('keeps what comes after the last row in clustering order', () => {
    const all: ClusteringFilter = { kind: 'slices', slices: [ALL], reversed: false };
    expect(selected(filterAfter(all, [int(2), int(2)], comparator))).toEqual(['2.3', '3.1', '3.2', '3.3']);
    const twoSlices: ClusteringFilter = { kind: 'slices', slices: [slice(bound([int(1)]), bound([int(1)])), slice(bound([int(3)]), bound([]))], reversed: false };
    expect(selected(filterAfter(twoSlices, [int(1), int(2)], comparator))).toEqual(['1.3', '3.1', '3.2', '3.3']);
    expect(selected(filterAfter(twoSlices, [int(3), int(3)], comparator))).toEqual([]);
  });

  it('keeps what comes before the last row when reading backwards', () => {
    const all: ClusteringFilter = { kind: 'slices', slices: [ALL], reversed: true };
    expect(selected(filterAfter(all, [int(2), int(2)], comparator))).toEqual(['1.1', '1.2', '1.3', '2.1']);
    const upTo2: ClusteringFilter = { kind: 'slices', slices: [slice(bound([]), bound([int(2)]))], reversed: true };
    expect(selected(filterAfter(upTo2, [int(3), int(1)], comparator))).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '2.3']);
  });

  it('drops the names at or before the last row', () => {
    const names: ClusteringFilter = { kind: 'names', clusterings: [[int(1), int(1)], [int(2), int(2)], [int(3), int(3)]], reversed: false };
    expect(selected(filterAfter(names, [int(2), int(2)], comparator))).toEqual(['3.3']);
    expect(selected(filterAfter({ ...names, reversed: true }, [int(2), int(2)], comparator))).toEqual(['1.1']);
  });
});
