import type { ClusteringComparator } from './clustering-comparator.js';
import type { Clustering, Slice } from './partition-update.js';
import type { ClusteringFilter } from './read-command.js';

/**
 * Narrows a clustering filter to the rows after `last` in query order (ClusteringIndexFilter.forPaging
 * with an exclusive bound): in clustering order after it, or before it when the filter reads backwards.
 * Slices wholly on the wrong side of `last` become empty, which reads nothing.
 */
export function filterAfter(filter: ClusteringFilter, last: Clustering, comparator: ClusteringComparator): ClusteringFilter {
  const cmp = comparator.compare;
  if (filter.kind === 'names') {
    const clusterings = filter.clusterings.filter((c) => (filter.reversed ? cmp(c, last) < 0 : cmp(c, last) > 0));
    return { ...filter, clusterings };
  }
  const bound = { prefix: last, inclusive: false };
  const slices = filter.slices.map((s): Slice => {
    if (!filter.reversed) {
      return cmp(comparator.startPosition(s.start), comparator.startPosition(bound)) < 0 ? { start: bound, end: s.end } : s;
    }
    return cmp(comparator.endPosition(s.end), comparator.endPosition(bound)) > 0 ? { start: s.start, end: bound } : s;
  });
  return { ...filter, slices };
}
