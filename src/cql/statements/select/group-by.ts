import { InvalidRequestError } from '../../../errors/index.js';
import type { TableMetadata } from '../../../schema/index.js';
import type { StatementRestrictions } from '../restrictions/statement-restrictions.js';
import { existingColumn } from '../table-columns.js';

/**
 * GROUP BY as Cassandra 4.1 accepts it (SelectStatement.getAggregationSpecFactory): primary key columns in
 * their declared order, the whole partition key, then a prefix of the clustering columns; a column
 * restricted by EQ may be left out. A group is then the run of rows sharing the partition key and the
 * first `clusteringPrefix` clustering values. Null when the statement has no GROUP BY.
 */
export function prepareGroupBy(
  table: TableMetadata, columns: readonly string[], restrictions: StatementRestrictions, distinct: boolean,
): { readonly clusteringPrefix: number } | null {
  if (columns.length === 0) return null;
  const primaryKey = [...table.partitionKey, ...table.clustering];
  let next = 0;
  let clusteringPrefix = 0;
  for (const name of columns) {
    const column = existingColumn(table, name);
    if (column.kind !== 'partition_key' && column.kind !== 'clustering') {
      throw new InvalidRequestError(`Group by is currently only supported on the columns of the PRIMARY KEY, got ${column.name}`);
    }
    for (;;) {
      const keyColumn = primaryKey[next++];
      if (keyColumn === undefined) throw outOfOrder();
      clusteringPrefix = keyColumn.kind === 'clustering' ? keyColumn.position + 1 : 0;
      if (keyColumn === column) break;
      if (!restrictions.isRestrictedByEq(keyColumn)) throw outOfOrder();
    }
  }
  if (primaryKey[next]?.kind === 'partition_key') throw new InvalidRequestError('Group by is not supported on only a part of the partition key');
  if (clusteringPrefix > 0 && distinct) throw new InvalidRequestError('Grouping on clustering columns is not allowed for SELECT DISTINCT queries');
  return { clusteringPrefix };
}

function outOfOrder(): InvalidRequestError {
  return new InvalidRequestError('Group by currently only support groups of columns following their declared order in the PRIMARY KEY');
}
