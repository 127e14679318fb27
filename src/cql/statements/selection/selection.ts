import { InvalidRequestError } from '../../../errors/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import { int32Bytes as int, int64Bytes as long, isMultiCell, native, parseCqlType, type CqlType } from '../../../types/index.js';
import type { SelectClause, Selector } from '../../ast/index.js';
import { resolveFunction } from '../../functions/function-registry.js';
import type { ColumnSpecification } from '../column-specification.js';
import type { ExecutionContext } from '../query-options.js';
import { columnsInSelectOrder, existingColumn, isPrimaryKey, quoteIfNeeded } from '../table-columns.js';
import { aggregateFunction, countAggregate, type Aggregate, type AggregateFunction } from './aggregates.js';
import { columnCell, columnValue, type RowView } from './row-view.js';
import { castFunction } from './cast.js';
import { elementSelector } from './element-selector.js';
import { udtField } from './udt-field.js';

/** A compiled selector: either a per-row value or an aggregate over all rows of the result. */
export type CompiledSelector =
  | { readonly kind: 'scalar'; readonly name: string; readonly type: CqlType; value(row: RowView, ctx: ExecutionContext): Buffer | null }
  | { readonly kind: 'aggregate'; readonly name: string; readonly type: CqlType; readonly fn: AggregateFunction; readonly arg: CompiledSelector | null };

/** What a SELECT returns: its result columns and how to compute them (Cassandra's Selection). */
export class Selection {
  readonly columns: readonly ColumnSpecification[];
  readonly isAggregate: boolean;
  /** Columns the selection reads, so that filtering can know what it needs. */
  readonly readsStatic: boolean;

  constructor(readonly table: TableMetadata, readonly selectors: readonly CompiledSelector[], aliases: readonly (string | null)[]) {
    this.columns = selectors.map((s, i) => ({ keyspace: table.keyspace, table: table.name, name: aliases[i] ?? s.name, type: s.type }));
    this.isAggregate = selectors.some((s) => s.kind === 'aggregate');
    this.readsStatic = table.staticColumns.length > 0;
  }

  row(row: RowView, ctx: ExecutionContext): (Buffer | null)[] {
    return this.selectors.map((s) => (s.kind === 'scalar' ? s.value(row, ctx) : null));
  }

  /** Aggregates over rows: scalar selectors take their value from the first row, as Cassandra does. */
  aggregator(ctx: ExecutionContext): { add(row: RowView): void; result(): (Buffer | null)[] } {
    const states: (Aggregate | null)[] = this.selectors.map((s) => (s.kind === 'aggregate' ? s.fn.create() : null));
    let first: (Buffer | null)[] | null = null;
    return {
      add: (row) => {
        if (first === null) first = this.row(row, ctx);
        this.selectors.forEach((s, i) => {
          if (s.kind === 'aggregate') states[i]!.add(s.arg === null ? null : scalarValue(s.arg, row, ctx));
        });
      },
      result: () => this.selectors.map((s, i) => (s.kind === 'aggregate' ? states[i]!.result() : first?.[i] ?? null)),
    };
  }
}

export function scalarValue(s: CompiledSelector, row: RowView, ctx: ExecutionContext): Buffer | null {
  if (s.kind !== 'scalar') throw new InvalidRequestError('Aggregate functions cannot be nested');
  return s.value(row, ctx);
}

export function prepareSelection(table: TableMetadata, clauses: readonly SelectClause[] | null): Selection {
  if (clauses === null) {
    const columns = columnsInSelectOrder(table);
    return new Selection(table, columns.map((c) => columnSelector(c)), columns.map(() => null));
  }
  return new Selection(table, clauses.map((c) => compile(table, c.selector)), clauses.map((c) => c.alias));
}

function columnSelector(column: ColumnMetadata): CompiledSelector {
  return { kind: 'scalar', name: column.name, type: column.type, value: (row) => columnValue(row, column) };
}


function metadataSelector(table: TableMetadata, kind: 'writetime' | 'ttl' | 'maxwritetime', name: string): CompiledSelector {
  const column = existingColumn(table, name);
  const fnName = kind === 'writetime' ? 'writeTime' : kind === 'ttl' ? 'ttl' : 'maxWritetime';
  if (isPrimaryKey(column)) throw new InvalidRequestError(`Cannot use selection function ${fnName} on PRIMARY KEY part ${column.name}`);
  if (isMultiCell(column.type) && kind !== 'maxwritetime') {
    throw new InvalidRequestError(`Cannot use selection function ${fnName} on non-frozen ${column.type.kind === 'udt' ? 'UDT' : 'collection'} ${column.name}`);
  }
  const label = `${kind}(${quoteIfNeeded(column.name)})`;
  if (kind === 'ttl') {
    return {
      kind: 'scalar', name: label, type: native('int'),
      value: (row, ctx) => {
        const cell = columnCell(row, column);
        return cell === undefined || cell.ttlSeconds === 0 ? null : int(Math.max(0, cell.localDeletionTime - ctx.nowInSec));
      },
    };
  }
  return {
    kind: 'scalar', name: label, type: native('bigint'),
    value: (row) => { const cell = columnCell(row, column); return cell === undefined ? null : long(cell.timestamp); },
  };
}

function functionSelector(table: TableMetadata, name: string, args: readonly Selector[]): CompiledSelector {
  const compiled = args.map((a) => compile(table, a));
  const argNames = compiled.map((a) => a.name).join(', ');
  if (name === 'token' || name === 'system.token') {
    return { kind: 'scalar', name: `system.token(${argNames})`, type: native('bigint'), value: (row) => long(row.token) };
  }
  const aggregate = aggregateFunction(name, compiled[0]?.type ?? native('bigint'));
  if (aggregate !== null && compiled.length === 1) {
    return { kind: 'aggregate', name: `system.${name}(${argNames})`, type: aggregate.returnType, fn: aggregate, arg: compiled[0]! };
  }
  const fn = resolveFunction(name, compiled.map((a) => a.type));
  return {
    kind: 'scalar', name: `system.${fn.name}(${argNames})`, type: fn.returnType,
    value: (row, ctx) => fn.execute(compiled.map((a) => scalarValue(a, row, ctx)), ctx),
  };
}

function compile(table: TableMetadata, selector: Selector): CompiledSelector {
  switch (selector.kind) {
    case 'column':
      return columnSelector(existingColumn(table, selector.name));
    case 'writetime':
    case 'ttl':
    case 'maxwritetime':
      return metadataSelector(table, selector.kind, selector.column);
    case 'countStar':
      return { kind: 'aggregate', name: 'count', type: native('bigint'), fn: countAggregate(true), arg: null };
    case 'function':
      return functionSelector(table, selector.name, selector.args);
    case 'cast': {
      const inner = compile(table, selector.selector);
      const target = parseCqlType(selector.type, () => undefined);
      const convert = castFunction(inner.type, target);
      return {
        kind: 'scalar', name: `cast(${inner.name} as ${selector.type})`, type: target,
        value: (row, ctx) => { const v = scalarValue(inner, row, ctx); return v === null ? null : convert(v); },
      };
    }
    case 'field': {
      const inner = compile(table, selector.selector);
      return udtField(inner, selector.field, scalarValue);
    }
    case 'element':
      return elementSelector(table, compile(table, selector.selector), selector.key);
    case 'slice':
      throw new InvalidRequestError('Collection slices in the selection clause are not supported yet by Cassanova');
    case 'term':
      throw new InvalidRequestError('Terms are not supported in the selection clause');
  }
}
