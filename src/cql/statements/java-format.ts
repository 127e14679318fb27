/**
 * Java's renderings that Cassandra's messages embed, where clients see them: a HashSet<String> printed
 * with toString() (its iteration order follows the strings' hash codes), FBUtilities.prettyPrintMemory.
 */

/** HashSet's default capacity and load factor. */
const INITIAL_CAPACITY = 16;
const LOAD_FACTOR = 0.75;

/** String.hashCode over UTF-16 code units, in 32-bit arithmetic. */
function javaHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * `new HashSet<>(…)` filled in this order, then toString(): "[a, b]". HashMap iterates its buckets in
 * index order ((h ^ h >>> 16) masked by the table size, which doubles past 3/4 full) and each bucket in
 * insertion order (resizing keeps that order).
 */
export function formatJavaHashSet(elements: Iterable<string>): string {
  const distinct = [...new Set(elements)];
  let capacity = INITIAL_CAPACITY;
  while (distinct.length > capacity * LOAD_FACTOR) capacity *= 2;
  const bucket = (s: string): number => {
    const h = javaHashCode(s);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  const ordered = distinct.map((s, i) => ({ s, i, b: bucket(s) })).sort((x, y) => x.b - y.b || x.i - y.i);
  return `[${ordered.map((e) => e.s).join(', ')}]`;
}

export { prettyPrintMemory } from '../../common/pretty-print-memory.js';
