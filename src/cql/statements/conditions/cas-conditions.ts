import { InvalidRequestError } from '../../../errors/index.js';
import type { ReadPartition, ReadRow } from '../../../data/index.js';
import type { TableMetadata } from '../../../schema/index.js';
import { native } from '../../../types/index.js';
import type { Conditions } from '../../ast/index.js';
import type { ColumnSpecification } from '../column-specification.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import { columnValue } from '../selection/row-view.js';
import { columnsInSelectOrder } from '../table-columns.js';
import type { BindSpecifications } from '../term-preparer.js';
import { prepareCondition, type ColumnCondition } from './column-condition.js';

/** The IF part of a lightweight transaction, prepared. */
export type CasConditions =
  | { readonly kind: 'notExists' }
  | { readonly kind: 'exists' }
  | { readonly kind: 'columns'; readonly conditions: readonly ColumnCondition[] };

export function prepareCasConditions(table: TableMetadata, raw: Conditions | 'notExists', binds: BindSpecifications): CasConditions | null {
  if (raw === 'notExists') return { kind: 'notExists' };
  if (raw.kind === 'none') return null;
  if (raw.kind === 'exists') return { kind: 'exists' };
  if (table.isCounterTable) throw new InvalidRequestError('Conditional updates are not supported on counter tables');
  return { kind: 'columns', conditions: raw.conditions.map((c) => prepareCondition(table, c, binds)) };
}

/** The outcome of a CAS: whether it applied and, when not, the current values the client is shown. */
export interface CasOutcome {
  readonly applied: boolean;
  readonly columns: readonly ColumnSpecification[];
  readonly row: readonly (Buffer | null)[];
}

const TRUE = Buffer.from([1]);
const FALSE = Buffer.from([0]);

/**
 * Checks the conditions against the current row (or the partition's static row when the statement
 * targets no clustering row), as Cassandra's CQL3CasRequest does, and builds the [applied] result.
 */
export function evaluateCas(
  table: TableMetadata, conditions: CasConditions, partition: ReadPartition | undefined, keyComponents: readonly Buffer[],
  clustering: readonly Buffer[], o: QueryOptions, c: ExecutionContext,
): CasOutcome {
  const row: ReadRow | undefined = partition?.rows[0];
  const view = {
    partitionKey: keyComponents, token: partition?.token ?? 0n, clustering: row?.clustering ?? clustering,
    cells: row?.cells ?? new Map(), staticCells: partition?.staticCells ?? new Map(),
  };
  const exists = row !== undefined || (clustering.length === 0 && (partition?.staticCells.size ?? 0) > 0);
  const appliedSpec: ColumnSpecification = { keyspace: table.keyspace, table: table.name, name: '[applied]', type: native('boolean') };
  let applied: boolean;
  let shown: ColumnSpecification[] = [];
  let values: (Buffer | null)[] = [];
  if (conditions.kind === 'columns') {
    applied = conditions.conditions.every((cond) => cond.bind(o, c)(columnValue(view, cond.column)));
    const columns = [...new Set(conditions.conditions.map((cond) => cond.column))];
    if (!applied) {
      shown = columns.map((col) => ({ keyspace: table.keyspace, table: table.name, name: col.name, type: col.type }));
      values = columns.map((col) => columnValue(view, col));
    }
  } else {
    applied = conditions.kind === 'exists' ? exists : !exists;
    if (!applied && exists) {
      const columns = columnsInSelectOrder(table);
      shown = columns.map((col) => ({ keyspace: table.keyspace, table: table.name, name: col.name, type: col.type }));
      values = columns.map((col) => columnValue(view, col));
    }
  }
  return { applied, columns: [appliedSpec, ...shown], row: [applied ? TRUE : FALSE, ...values] };
}
