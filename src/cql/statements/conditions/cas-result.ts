import type { ReadPartition } from '../../../data/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import { native } from '../../../types/index.js';
import type { ColumnSpecification } from '../column-specification.js';
import { columnValue, type RowView } from '../selection/row-view.js';
import { columnSpec, columnsInSelectOrder } from '../table-columns.js';

/** The rows a conditional statement or batch answers with. */
export interface CasResultSet {
  readonly columns: readonly ColumnSpecification[];
  readonly rows: readonly (readonly (Buffer | null)[])[];
}

const TRUE = Buffer.from([1]);
const FALSE = Buffer.from([0]);

/** What the result shows of the current values when the conditions do not hold. */
export interface CasFailureColumns {
  /** The columns with conditions, in order; null to show every column (IF [NOT] EXISTS). */
  readonly withConditions: readonly ColumnMetadata[] | null;
  /** A batch shows the primary key too: its conditions may be on several rows. */
  readonly isBatch: boolean;
}

/**
 * Cassandra's buildCasResultSet: `[applied]` alone when the conditions held; otherwise `[applied]`
 * false beside the current values of the rows read for the conditions, one result row per row (a
 * partition with only static content gives one row), or `[applied]` alone when nothing was found.
 */
export function casResultSet(
  table: TableMetadata, keyComponents: readonly Buffer[], current: ReadPartition | undefined, applied: boolean, shown: CasFailureColumns,
): CasResultSet {
  const appliedSpec: ColumnSpecification = { keyspace: table.keyspace, table: table.name, name: '[applied]', type: native('boolean') };
  if (applied) return { columns: [appliedSpec], rows: [[TRUE]] };
  const columns = failureColumns(table, shown);
  const views = rowViews(keyComponents, current);
  if (views.length === 0) return { columns: [appliedSpec], rows: [[FALSE]] };
  return {
    columns: [appliedSpec, ...columns.map((c) => columnSpec(table, c))],
    rows: views.map((view) => [FALSE, ...columns.map((c) => columnValue(view, c))]),
  };
}

function failureColumns(table: TableMetadata, shown: CasFailureColumns): ColumnMetadata[] {
  if (shown.withConditions === null) return columnsInSelectOrder(table);
  // Several conditions on one column (as on collection elements) show it once, where it first appears.
  const columns = new Set<ColumnMetadata>(shown.isBatch ? [...table.partitionKey, ...table.clustering] : []);
  for (const column of shown.withConditions) columns.add(column);
  return [...columns];
}

/** The rows of the partition as a SELECT of whole partitions sees them (SelectStatement.processPartition). */
function rowViews(keyComponents: readonly Buffer[], current: ReadPartition | undefined): RowView[] {
  if (current === undefined) return [];
  const base = { partitionKey: keyComponents, token: current.token, staticCells: current.staticCells };
  if (current.rows.length === 0) return current.staticCells.size > 0 ? [{ ...base, clustering: [], cells: new Map() }] : [];
  return current.rows.map((row) => ({ ...base, clustering: row.clustering, cells: row.cells }));
}
