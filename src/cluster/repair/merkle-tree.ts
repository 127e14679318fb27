import { createHash } from 'node:crypto';
import { invariant } from '../../common/index.js';
import { pieceIndex, splitBoundaries, type TokenRange } from '../topology/token-range.js';

/** One partition as validation sees it: where it sits and the digest of all it holds. */
export interface PartitionDigest {
  readonly token: bigint;
  readonly digest: string;
}

/**
 * A Merkle tree over a token range (Cassandra's MerkleTree, built by a replica's Validator): the range
 * is cut into leaves of about equal width; a leaf hashes the digests of its partitions in ring order,
 * an inner node its two children. Two replicas agree on a sub-range exactly when its hashes match, so
 * comparing trees from the root finds the leaves that differ without looking at the others.
 */
export interface MerkleTree {
  readonly range: TokenRange;
  /** Leaf i covers (boundaries[i], boundaries[i + 1]]. */
  readonly boundaries: readonly bigint[];
  /** levels[0] is the root alone; the last level holds the leaves. */
  readonly levels: readonly (readonly string[])[];
}

function md5(parts: readonly string[]): string {
  const hash = createHash('md5');
  for (const p of parts) hash.update(p);
  return hash.digest('hex');
}

/** Builds the tree of `range` with up to 2^depth leaves from partitions the range contains, in ring order. */
export function buildMerkleTree(range: TokenRange, depth: number, partitions: readonly PartitionDigest[]): MerkleTree {
  const boundaries = splitBoundaries(range, 2 ** depth);
  const leafParts: string[][] = Array.from({ length: boundaries.length - 1 }, () => []);
  for (const p of partitions) leafParts[pieceIndex(range, boundaries, p.token)]!.push(p.digest);
  let level = leafParts.map(md5);
  const levels = [level];
  while (level.length > 1) {
    const below = level;
    level = Array.from({ length: Math.ceil(below.length / 2) }, (_, i) => md5(below.slice(2 * i, 2 * i + 2)));
    levels.unshift(level);
  }
  return { range, boundaries, levels };
}

/** Indexes of the leaves whose hashes differ, descending only into subtrees whose hashes differ. */
export function differingLeaves(a: MerkleTree, b: MerkleTree): number[] {
  invariant(a.boundaries.length === b.boundaries.length && a.range.start === b.range.start && a.range.end === b.range.end,
    'only trees of the same range and shape compare');
  const out: number[] = [];
  const last = a.levels.length - 1;
  const visit = (depth: number, index: number): void => {
    const left = a.levels[depth]?.[index];
    if (left === undefined || left === b.levels[depth]![index]) return;
    if (depth === last) {
      out.push(index);
      return;
    }
    visit(depth + 1, 2 * index);
    visit(depth + 1, 2 * index + 1);
  };
  visit(0, 0);
  return out;
}

export function leafRange(tree: MerkleTree, leaf: number): TokenRange {
  return { start: tree.boundaries[leaf]!, end: tree.boundaries[leaf + 1]! };
}
