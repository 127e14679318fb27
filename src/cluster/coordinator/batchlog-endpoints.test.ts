import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../common/index.js';
import { filterBatchlogEndpoints } from './batchlog-endpoints.js';

const alive = (): boolean => true;
const racks = (entries: Record<string, number[]>) => new Map(Object.entries(entries));

describe('filterBatchlogEndpoints', () => {
  it('uses the coordinator itself in a data center of one node', () => {
    expect(filterBatchlogEndpoints('r1', racks({ r1: [1] }), 1, alive, new SeededRandom(1))).toEqual([1]);
  });

  it('takes every other live node when there are at most two', () => {
    expect(filterBatchlogEndpoints('r1', racks({ r1: [1, 2, 3] }), 1, alive, new SeededRandom(1))).toEqual([2, 3]);
    expect(filterBatchlogEndpoints('r1', racks({ r1: [1, 2, 3] }), 1, (id) => id !== 3, new SeededRandom(1))).toEqual([2]);
    expect(filterBatchlogEndpoints('r1', racks({ r1: [1, 2, 3] }), 1, (id) => id === 1, new SeededRandom(1))).toEqual([]);
  });

  it('prefers two other racks, one node from each', () => {
    for (let seed = 0; seed < 20; seed++) {
      const chosen = filterBatchlogEndpoints('r1', racks({ r1: [1, 4], r2: [2, 5], r3: [3, 6] }), 1, alive, new SeededRandom(seed));
      expect(chosen).toHaveLength(2);
      expect(chosen.some((id) => id === 1 || id === 4)).toBe(false);
      expect(new Set(chosen.map((id) => (id - 1) % 3))).toHaveProperty('size', 2);
    }
  });

  it('picks two nodes of the one rack left when the others are down', () => {
    const chosen = filterBatchlogEndpoints('r1', racks({ r1: [1, 2, 3, 4], r2: [5] }), 1, (id) => id !== 5, new SeededRandom(4));
    expect(chosen).toHaveLength(2);
    expect(chosen.every((id) => [2, 3, 4].includes(id))).toBe(true);
  });
});
