import { InvalidRequestError } from '../../../errors/index.js';
import type { TableMetadata } from '../../../schema/index.js';
import type { Relation } from '../../ast/index.js';
import type { ClusteringRelation } from './clustering-restriction-set.js';
import type { FilteredRelation } from './index-support.js';

export type ModificationType = 'update' | 'delete';

const SLICES: ReadonlySet<string> = new Set(['>', '>=', '<', '<=']);

/** StatementRestrictions.processPartitionKeyRestrictions for UPDATE and DELETE: whole keys, no token(). */
export function checkModificationPartition(table: TableMetadata, token: readonly Relation[], restricted: ReadonlyMap<string, unknown>, type: ModificationType): void {
  if (token.length > 0) throw new InvalidRequestError(`The token function cannot be used in WHERE clauses for ${type.toUpperCase()} statements`);
  const missing = table.partitionKey.filter((k) => !restricted.has(k.name));
  if (missing.length > 0) throw new InvalidRequestError(`Some partition key parts are missing: ${missing.map((k) => k.name).join(', ')}`);
}

/**
 * What StatementRestrictions refuses of an UPDATE's or DELETE's other relations, in its order: an UPDATE
 * names one row (no clustering slice, every clustering column unless it writes only static columns), a
 * statement writing only static columns names no clustering column, and no relation is on a non-key column.
 */
export function checkModificationRows(
  table: TableMetadata, clustering: readonly ClusteringRelation[], filtered: readonly FilteredRelation[], type: ModificationType, onlyStatics: boolean,
): void {
  if (type === 'update') {
    if (clustering.some((r) => SLICES.has(r.relation.operator))) {
      throw new InvalidRequestError('Slice restrictions are not supported on the clustering columns in UPDATE statements');
    }
    const restricted = new Set(clustering.flatMap((r) => r.columns.map((c) => c.name)));
    const missing = table.clustering.filter((c) => !restricted.has(c.name));
    if (!onlyStatics && missing.length > 0) throw new InvalidRequestError(`Some clustering keys are missing: ${missing.map((c) => c.name).join(', ')}`);
  }
  if (onlyStatics && clustering.length > 0) {
    throw new InvalidRequestError(`Invalid restrictions on clustering columns since the ${type.toUpperCase()} statement modifies only static columns`);
  }
  const nonKey = filtered.filter((r) => r.column.kind === 'regular' || r.column.kind === 'static');
  if (nonKey.length > 0) {
    throw new InvalidRequestError(`Non PRIMARY KEY columns found in where clause: ${nonKey.map((r) => r.column.name).join(', ')} `);
  }
}
