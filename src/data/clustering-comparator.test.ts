import { describe, expect, it } from 'vitest';
import { native } from '../types/index.js';
import { clusteringComparatorFor } from './clustering-comparator.js';
import type { Clustering, Slice } from './partition-update.js';
import { int, testTable, text } from './testing/fixtures.js';

const ascAsc = clusteringComparatorFor(testTable({ clustering: [['a', native('int'), 'asc'], ['b', native('int'), 'asc']] }));
const ascDesc = clusteringComparatorFor(testTable({ clustering: [['a', native('int'), 'asc'], ['b', native('int'), 'desc']] }));

const c = (...values: number[]): Clustering => values.map(int);
const slice = (start: number[], startInclusive: boolean, end: number[], endInclusive: boolean): Slice => ({
  start: { prefix: c(...start), inclusive: startInclusive },
  end: { prefix: c(...end), inclusive: endInclusive },
});

/** Which of the rows (a, b) for a in 0..2, b in 0..2 the slice selects, in comparator order. */
function selected(cmp: typeof ascAsc, s: Slice): string[] {
  const rows: Clustering[] = [];
  for (let a = 0; a <= 2; a++) for (let b = 0; b <= 2; b++) rows.push(c(a, b));
  rows.sort(cmp.compare);
  const positions = cmp.positionsOf(s);
  return rows.filter((r) => cmp.contains(positions, r)).map((r) => `${r[0]!.readInt32BE()}${r[1]!.readInt32BE()}`);
}

describe('ClusteringComparator', () => {
  it('orders by the first column, then the next, with DESC columns reversed', () => {
    expect(ascAsc.compare(c(1, 5), c(2, 0))).toBeLessThan(0);
    expect(ascAsc.compare(c(1, 5), c(1, 6))).toBeLessThan(0);
    expect(ascDesc.compare(c(1, 5), c(1, 6))).toBeGreaterThan(0);
    expect(ascDesc.compare(c(1, 5), c(1, 5))).toBe(0);
    expect(ascAsc.compare(c(-1, 0), c(1, 0))).toBeLessThan(0);
  });

  it('sorts an empty value first in ASC and last in DESC', () => {
    const empty = Buffer.alloc(0);
    expect(ascAsc.compare([int(0), empty], c(0, -5))).toBeLessThan(0);
    expect(ascDesc.compare([int(0), empty], c(0, -5))).toBeGreaterThan(0);
  });

  it('uses the type order of each column', () => {
    const t = clusteringComparatorFor(testTable({ clustering: [['s', native('text'), 'asc']] }));
    expect(t.compare([text('b')], [text('ab')])).toBeGreaterThan(0);
  });

  it('selects by prefix bounds: inclusive start [1] means a >= 1, exclusive end [1] means a < 1', () => {
    expect(selected(ascAsc, slice([1], true, [], true))).toEqual(['10', '11', '12', '20', '21', '22']);
    expect(selected(ascAsc, slice([1], false, [], true))).toEqual(['20', '21', '22']);
    expect(selected(ascAsc, slice([], true, [1], false))).toEqual(['00', '01', '02']);
    expect(selected(ascAsc, slice([], true, [1], true))).toEqual(['00', '01', '02', '10', '11', '12']);
    expect(selected(ascAsc, slice([1], true, [1], true))).toEqual(['10', '11', '12']);
  });

  it('selects by full clustering bounds', () => {
    expect(selected(ascAsc, slice([0, 1], false, [1, 1], true))).toEqual(['02', '10', '11']);
    expect(selected(ascAsc, slice([1, 1], true, [1, 1], true))).toEqual(['11']);
    expect(selected(ascAsc, slice([1, 1], true, [1, 1], false))).toEqual([]);
  });

  it('selects in clustering order on DESC columns: start [1, 2] comes before end [1, 0]', () => {
    // With b DESC, rows of a = 1 are ordered 12, 11, 10.
    expect(selected(ascDesc, slice([1, 2], false, [1, 0], true))).toEqual(['11', '10']);
    expect(selected(ascDesc, slice([1], true, [2, 1], false))).toEqual(['12', '11', '10', '22']);
    expect(selected(ascDesc, slice([1, 0], true, [1, 2], true))).toEqual([]);
  });

  it('treats an empty prefix as unbounded whatever its inclusiveness', () => {
    expect(selected(ascAsc, slice([], false, [], false))).toHaveLength(9);
  });

  it('tests slices for emptiness, intersection and cover', () => {
    const p = (s: Slice) => ascAsc.positionsOf(s);
    expect(ascAsc.isEmpty(p(slice([1], false, [1], true)))).toBe(true);
    expect(ascAsc.isEmpty(p(slice([1], true, [1], true)))).toBe(false);
    expect(ascAsc.intersects(p(slice([0], true, [1], false)), p(slice([1], true, [2], true)))).toBe(false);
    expect(ascAsc.intersects(p(slice([0], true, [1], true)), p(slice([1, 2], true, [2], true)))).toBe(true);
    expect(ascAsc.covers(p(slice([], true, [], true)), p(slice([1], true, [2], true)))).toBe(true);
    expect(ascAsc.covers(p(slice([1, 0], true, [2], true)), p(slice([1], true, [2], true)))).toBe(false);
  });
});
