import type { ClusteringFilter, Slice } from '../../../data/index.js';
import type { PrefixComparator } from '../restrictions/clustering-slices.js';

/**
 * Narrows a clustering filter to the rows after `last` in query order, so that a page resuming inside a
 * partition does not read again what earlier pages returned. Slices wholly before `last` become empty.
 */
export function narrowAfter(filter: ClusteringFilter, last: readonly Buffer[], cmp: PrefixComparator): ClusteringFilter {
  if (filter.kind === 'names') {
    const keep = filter.clusterings.filter((c) => (filter.reversed ? cmp(c, last) < 0 : cmp(c, last) > 0));
    return { ...filter, clusterings: keep };
  }
  const slices: Slice[] = [];
  for (const s of filter.slices) {
    if (!filter.reversed) {
      // A start at or before `last` moves to just after it.
      slices.push(cmp(s.start.prefix, last) <= 0 ? { start: { prefix: last, inclusive: false }, end: s.end } : s);
    } else {
      // Reading backwards, an end at or after `last` moves to just before it; a shorter prefix covers `last` too.
      const endCoversLast = cmp(s.end.prefix, last.slice(0, s.end.prefix.length)) >= 0;
      slices.push(endCoversLast ? { start: s.start, end: { prefix: last, inclusive: false } } : s);
    }
  }
  return { ...filter, slices };
}
