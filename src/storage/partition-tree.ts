import * as bulkLoadModule from 'sorted-btree/extended/bulkLoad.js';
import unionModule from 'sorted-btree/extended/union.js';
import { BTree } from './btree.js';
import type { MemtablePartition } from './memtable-partition.js';
import { comparePartitionPositions, type PartitionKeyPosition } from './partition-order.js';

/** A memtable's partitions in ring order. */
export type PartitionTree = BTree<PartitionKeyPosition, MemtablePartition>;

// CommonJS modules: Node's loader and Vite-based tools (Vitest) hand their exports over differently (see btree.ts).
type Union = (a: PartitionTree, b: PartitionTree, combine: (key: PartitionKeyPosition, a: MemtablePartition, b: MemtablePartition) => MemtablePartition) => PartitionTree;
const importedUnion = unionModule as unknown as Union | { readonly default: Union };
const union: Union = typeof importedUnion === 'function' ? importedUnion : importedUnion.default;
const { bulkLoad } = bulkLoadModule;

/** Below this share of the tree's size a batch is inserted one by one; above, it is bulk-loaded and merged. */
const BATCH_MERGE_RATIO = 1 / 16;

export function emptyTree(): PartitionTree {
  return new BTree<PartitionKeyPosition, MemtablePartition>(undefined, comparePartitionPositions);
}

/**
 * `tree` (which the caller owns: it is changed) with the partitions of `batch` added, a later partition
 * of the batch replacing an earlier one of the same key and any in the tree (the batch holds newer
 * versions last); a removed partition (purged empty) takes its key out. Sorted once; a large batch is
 * bulk-loaded in O(n) and merged with the tree, sharing the subtrees that do not overlap, rather than
 * inserted one by one.
 */
export function withPartitions(tree: PartitionTree, batch: readonly MemtablePartition[]): PartitionTree {
  if (batch.length === 0) return tree;
  // Array.prototype.sort is stable: equal positions stay in batch order, newest last.
  const sorted = [...batch].sort((a, b) => comparePartitionPositions(a.position, b.position));
  const latest = sorted.filter((p, i) => i + 1 === sorted.length || comparePartitionPositions(p.position, sorted[i + 1]!.position) !== 0);
  const added = latest.filter((p) => !p.removed);
  let out = tree;
  if (tree.size > 0 && added.length < tree.size * BATCH_MERGE_RATIO) {
    for (const p of added) tree.set(p.position, p);
  } else if (added.length > 0) {
    const loaded = bulkLoad(added.map((p) => p.position), added, tree.maxNodeSize, comparePartitionPositions);
    out = tree.size === 0 ? loaded : union(tree, loaded, (_key, _old, newer) => newer);
  }
  if (added.length < latest.length) for (const p of latest) if (p.removed) out.delete(p.position);
  return out;
}

/** What a walk over part of the ring found: the partitions due, where it stopped, the budget spent. */
export interface TreeWalk {
  readonly due: readonly MemtablePartition[];
  readonly last: PartitionKeyPosition | null;
  readonly spent: number;
  /** Whether the walk reached the end of the ring. */
  readonly wrapped: boolean;
}

/**
 * Walks the partitions after `from` (exclusive; null: from the start of the ring) in ring order until
 * `budget` is spent, collecting those `isDue` selects: a partition visited costs 1, a due one its rows
 * more (the work of purging it).
 */
export function walkFrom(
  tree: PartitionTree, from: PartitionKeyPosition | null, budget: number, isDue: (p: MemtablePartition) => boolean,
): TreeWalk {
  const due: MemtablePartition[] = [];
  let last = from;
  let spent = 0;
  const pair: (PartitionKeyPosition | MemtablePartition)[] = [];
  for (const [position, partition] of tree.entries(from ?? undefined, pair)) {
    if (from !== null && comparePartitionPositions(position, from) === 0) continue;
    if (spent >= budget) return { due, last, spent, wrapped: false };
    spent++;
    last = position;
    if (isDue(partition)) {
      due.push(partition);
      spent += partition.rowCount;
    }
  }
  return { due, last, spent, wrapped: true };
}
