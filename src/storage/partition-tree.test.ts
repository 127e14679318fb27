import { describe, expect, it } from 'vitest';
import { clusteringComparatorFor } from '../data/index.js';
import { int, testTable } from '../data/testing/fixtures.js';
import { MemtablePartition } from './memtable-partition.js';
import { emptyTree, withPartitions } from './partition-tree.js';

const comparator = clusteringComparatorFor(testTable());

/** A partition of key `k` (token k), told apart from others of its key by `version`. */
function partition(k: number, version: string): MemtablePartition {
  return Object.assign(new MemtablePartition(int(k), BigInt(k), comparator, {}), { version });
}

const listed = (tree: ReturnType<typeof emptyTree>): string[] =>
  [...tree.values()].map((p) => `${p.token}${(p as MemtablePartition & { version: string }).version}`);

describe('withPartitions', () => {
  it('loads a batch into an empty tree in ring order, the last of equal keys winning', () => {
    const batch = [partition(5, 'a'), partition(-3, 'a'), partition(5, 'b'), partition(9, 'a'), partition(-3, 'c')];
    expect(listed(withPartitions(emptyTree(), batch))).toEqual(['-3c', '5b', '9a']);
  });

  it('adds a small batch one by one and merges a large one, the batch replacing what the tree held', () => {
    const base = withPartitions(emptyTree(), Array.from({ length: 100 }, (_, k) => partition(k * 2, 'old')));
    const small = withPartitions(base.clone(), [partition(4, 'new'), partition(5, 'new')]);
    expect(listed(small).slice(0, 4)).toEqual(['0old', '2old', '4new', '5new']);
    const large = withPartitions(base.clone(), Array.from({ length: 60 }, (_, k) => partition(k * 3, 'new')));
    expect(large.size).toBe(100 + 30);
    expect(listed(large).slice(0, 6)).toEqual(['0new', '2old', '3new', '4old', '6new', '8old']);
    expect(base.size).toBe(100);
    expect(listed(base)[0]).toBe('0old');
  });
});
