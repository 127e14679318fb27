import type { Clustering } from '../../data/index.js';
import type { TableMetadata, ViewRestriction } from '../../schema/index.js';
import { comparatorFor } from '../../types/index.js';

/**
 * View.matchesViewFilter: whether a base row satisfies the view's WHERE clause. Its relations other than IS
 * NOT NULL are on base primary key columns, so the key and the clustering decide.
 */
export function matchesViewFilter(view: TableMetadata, base: TableMetadata, baseKey: readonly Buffer[], clustering: Clustering): boolean {
  for (const restriction of view.view!.filter) {
    const column = base.columns.get(restriction.column);
    if (column === undefined) return false;
    const value = column.kind === 'partition_key' ? baseKey[column.position] : column.kind === 'clustering' ? clustering[column.position] : undefined;
    if (value === undefined || !satisfies(restriction, value, comparatorFor(column.type))) return false;
  }
  return true;
}

function satisfies(r: ViewRestriction, value: Buffer, compare: (a: Buffer, b: Buffer) => number): boolean {
  if (r.operator === 'IN') return r.values.some((v) => compare(value, v) === 0);
  const c = compare(value, r.values[0]!);
  switch (r.operator) {
    case '=': return c === 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}
