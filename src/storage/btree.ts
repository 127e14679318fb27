import sortedBTree from 'sorted-btree';
import type * as SortedBTree from 'sorted-btree';

/**
 * The B+ tree of the `sorted-btree` package, a CommonJS module whose class is its `default` export. Node's
 * ES module loader hands over `module.exports` (class under `.default`) while Vite-based tools (Vitest)
 * unwrap it to the class itself; this file resolves either once.
 */
export type BTree<K, V> = SortedBTree.default<K, V>;

type BTreeClass = typeof sortedBTree.default;
const imported = sortedBTree as unknown as BTreeClass | { readonly default: BTreeClass };
export const BTree: BTreeClass = typeof imported === 'function' ? imported : imported.default;
