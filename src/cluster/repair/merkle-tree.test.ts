import { describe, expect, it } from 'vitest';
import { MAX_TOKEN, MIN_TOKEN } from '../ring/murmur3.js';
import { rangeContains } from '../topology/token-range.js';
import { buildMerkleTree, differingLeaves, leafRange, type PartitionDigest } from './merkle-tree.js';

const range = { start: MIN_TOKEN, end: MIN_TOKEN };
const spread = (count: number): PartitionDigest[] =>
  Array.from({ length: count }, (_, i) => ({ token: MIN_TOKEN + 1n + (MAX_TOKEN / BigInt(count)) * 2n * BigInt(i), digest: `d${i}` }));

describe('MerkleTree', () => {
  it('is identical for identical data', () => {
    const a = buildMerkleTree(range, 4, spread(50));
    const b = buildMerkleTree(range, 4, spread(50));
    expect(a.levels[0]).toEqual(b.levels[0]);
    expect(differingLeaves(a, b)).toEqual([]);
    expect(a.levels.at(-1)).toHaveLength(16);
  });

  it('points at the leaves holding a changed, missing or extra partition', () => {
    const data = spread(50);
    const changed = data.map((p, i) => (i === 7 ? { ...p, digest: 'other' } : p));
    const missing = data.filter((_, i) => i !== 30);
    const a = buildMerkleTree(range, 4, data);
    for (const [variant, index] of [[changed, 7], [missing, 30]] as const) {
      const leaves = differingLeaves(a, buildMerkleTree(range, 4, variant));
      expect(leaves).toHaveLength(1);
      expect(rangeContains(leafRange(a, leaves[0]!), data[index]!.token)).toBe(true);
    }
  });

  it('handles ranges narrower than the leaf count, and leaf counts that are not powers of two', () => {
    const narrow = { start: 10n, end: 13n };
    const a = buildMerkleTree(narrow, 5, [{ token: 11n, digest: 'x' }, { token: 13n, digest: 'y' }]);
    const b = buildMerkleTree(narrow, 5, [{ token: 11n, digest: 'x' }]);
    expect(a.levels.at(-1)).toHaveLength(3);
    expect(differingLeaves(a, b).map((leaf) => leafRange(a, leaf))).toEqual([{ start: 12n, end: 13n }]);
  });
});
