import { InvalidRequestError } from '../../../errors/index.js';
import type { TableMetadata } from '../../../schema/index.js';
import type { SelectStatement as RawSelect, Term } from '../../ast/index.js';
import { native } from '../../../types/index.js';
import { UNSET, type ExecutionContext, type QueryOptions } from '../query-options.js';
import { StatementRestrictions } from '../restrictions/statement-restrictions.js';
import { prepareSelection, type Selection } from '../selection/selection.js';
import { existingColumn } from '../table-columns.js';
import { prepareGroupBy } from './group-by.js';
import { prepareTerm, type BindSpecifications, type PreparedTerm } from '../term-preparer.js';

/** A SELECT prepared against its table: restrictions, selection, ordering and limits resolved once. */
export interface PreparedSelect {
  readonly kind: 'select';
  readonly table: TableMetadata;
  readonly restrictions: StatementRestrictions;
  readonly selection: Selection;
  /** Rows come in reverse clustering order (ORDER BY opposite to the table's order). */
  readonly reversed: boolean;
  readonly hasOrderBy: boolean;
  readonly distinct: boolean;
  /** Whether a partition with only static content yields a row. */
  readonly returnsStaticOnlyRows: boolean;
  /** GROUP BY: rows sharing the partition key and this many clustering values form one result row. */
  readonly groupBy: { readonly clusteringPrefix: number } | null;
  limit(o: QueryOptions, c: ExecutionContext): number;
  perPartitionLimit(o: QueryOptions, c: ExecutionContext): number;
}

function prepareLimit(term: Term | null, name: string, table: TableMetadata, binds: BindSpecifications) {
  if (term === null) return () => Infinity;
  const prepared: PreparedTerm = prepareTerm(term, { keyspace: table.keyspace, table: table.name, name: `[${name}]`, type: native('int') }, binds);
  return (o: QueryOptions, c: ExecutionContext): number => {
    const v = prepared(o, c);
    if (v === null) throw new InvalidRequestError(`Invalid null value of ${name === 'limit' ? 'limit' : 'per partition limit'}`);
    if (v === UNSET) return Infinity;
    const n = v.readInt32BE(0);
    if (n <= 0) throw new InvalidRequestError(`${name === 'limit' ? 'LIMIT' : 'PER PARTITION LIMIT'} must be strictly positive`);
    return n;
  };
}

/** ORDER BY must follow the clustering columns in declared order, all in the same or all in the opposite direction. */
function isReversed(table: TableMetadata, statement: RawSelect, restrictions: StatementRestrictions): boolean {
  if (statement.orderBy.length === 0) return false;
  if (restrictions.partition.kind !== 'keys') {
    throw new InvalidRequestError('ORDER BY is only supported when the partition key is restricted by an EQ or an IN.');
  }
  let reversed: boolean | null = null;
  statement.orderBy.forEach((o, i) => {
    const column = existingColumn(table, o.column);
    if (column.kind !== 'clustering') {
      throw new InvalidRequestError(`Order by is currently only supported on the clustered columns of the PRIMARY KEY, got ${column.name}`);
    }
    if (column.position !== i) {
      throw new InvalidRequestError('Order by currently only supports the ordering of columns following their declared order in the PRIMARY KEY');
    }
    const columnReversed = o.descending !== (column.clusteringOrder === 'desc');
    if (reversed !== null && reversed !== columnReversed) throw new InvalidRequestError('Unsupported order by relation');
    reversed = columnReversed;
  });
  return reversed ?? false;
}

/** SelectStatement.validateDistinctSelection: partition key and static columns only, all of the key for a key range. */
function checkDistinct(table: TableMetadata, selection: Selection, statement: RawSelect, restrictions: StatementRestrictions): void {
  if (!statement.distinct) return;
  if (statement.perPartitionLimit !== null) throw new InvalidRequestError('PER PARTITION LIMIT is not allowed with SELECT DISTINCT queries');
  if (!restrictions.restrictsOnlyPartitionKeyAndStatics) {
    throw new InvalidRequestError('SELECT DISTINCT with WHERE clause only supports restriction by partition key and/or static columns.');
  }
  for (const spec of selection.selected) {
    const column = table.columns.get(spec.name);
    if (column !== undefined && (column.kind === 'clustering' || column.kind === 'regular')) {
      throw new InvalidRequestError(`SELECT DISTINCT queries must only request partition key columns and/or static columns (not ${column.name})`);
    }
  }
  // Named partitions need no grouping afterwards: only a key range must select the whole partition key.
  if (restrictions.partition.kind === 'keys') return;
  const selected = new Set(selection.selected.map((c) => c.name));
  if (!table.partitionKey.every((k) => selected.has(k.name)) && !selection.isAggregate) {
    const missing = table.partitionKey.find((k) => !selected.has(k.name))!;
    throw new InvalidRequestError(`SELECT DISTINCT queries must request all the partition key columns (missing ${missing.name})`);
  }
}

export function prepareSelect(table: TableMetadata, statement: RawSelect, binds: BindSpecifications): PreparedSelect {
  const selection = prepareSelection(table, statement.selection, binds, statement.json);
  const restrictions = new StatementRestrictions(table, statement.where, binds, statement.allowFiltering);
  const reversed = isReversed(table, statement, restrictions);
  checkDistinct(table, selection, statement, restrictions);
  const groupBy = prepareGroupBy(table, statement.groupBy, restrictions, statement.distinct);
  // Without GROUP BY an aggregate reads every row: a limit per partition has nothing to apply to.
  if (groupBy === null && selection.isAggregate && statement.perPartitionLimit !== null) {
    throw new InvalidRequestError('PER PARTITION LIMIT is not allowed with aggregate queries.');
  }
  return {
    kind: 'select',
    table,
    restrictions,
    selection,
    reversed,
    hasOrderBy: statement.orderBy.length > 0,
    distinct: statement.distinct,
    returnsStaticOnlyRows: table.staticColumns.length > 0 && restrictions.queriesFullPartitions,
    groupBy,
    limit: prepareLimit(statement.limit, 'limit', table, binds),
    perPartitionLimit: prepareLimit(statement.perPartitionLimit, 'per partition limit', table, binds),
  };
}
