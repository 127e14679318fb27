import type { ColumnMetadata, IndexMetadata, TableMetadata } from '../../../schema/index.js';
import type { Operator } from '../../ast/index.js';
import { sasiIndexOf } from '../../sasi/index.js';
import { indexTarget } from '../key-validation.js';

/** A relation that reading whole rows cannot answer by itself: the row filter's, or an index's. */
export interface FilteredRelation {
  readonly column: ColumnMetadata;
  readonly operator: Operator;
  /** `m['k'] = v`: an equality on one entry of a map. */
  readonly mapEntry?: boolean;
}

const RANGE_OPERATORS: ReadonlySet<Operator> = new Set(['=', '<', '<=', '>', '>=', 'CONTAINS', 'CONTAINS KEY']);

/**
 * Whether a secondary index of the table answers the relation, as the index's supportsExpression does:
 * a plain or full() index equality, values() CONTAINS, keys() CONTAINS KEY, entries() `m['k'] = v`; SAI also ranges;
 * SASI what its mode and analyzer allow (SasiIndex.supports). Cassanova has no index structures: such a query
 * runs as a filtered scan, same rows.
 */
export function indexSupports(table: TableMetadata, relation: FilteredRelation): boolean {
  return [...table.indexes.values()].some((index) => supports(index, relation));
}

function supports(index: IndexMetadata, { column, operator, mapEntry = false }: FilteredRelation): boolean {
  const target = indexTarget(index);
  if (target.column !== column.name) return false;
  if (index.kind === 'CUSTOM') {
    const sasi = sasiIndexOf(index, column);
    return sasi === null ? RANGE_OPERATORS.has(operator) : !mapEntry && sasi.supports(operator);
  }
  switch (target.type) {
    case 'simple':
    case 'full': return operator === '=' && !mapEntry;
    case 'values': return operator === 'CONTAINS';
    case 'keys': return operator === 'CONTAINS KEY';
    case 'entries': return mapEntry;
  }
}
