import { InvalidRequestError } from '../../../errors/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import {
  formatCqlType, int32Bytes as int, int64Bytes as long, isMultiCell, native, typeAssignment, type CqlType,
} from '../../../types/index.js';
import type { SelectClause, Selector } from '../../ast/index.js';
import { countRows } from '../../functions/aggregate-functions.js';
import type { ColumnSpecification } from '../column-specification.js';
import type { BindSpecifications } from '../term-preparer.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import { columnsInSelectOrder, existingColumn, isPrimaryKey, quoteIfNeeded } from '../table-columns.js';
import { columnCell, columnValue, type RowView } from './row-view.js';
import { elementSelector, sliceSelector } from './element-selector.js';
import { aggregateSelector, castSelector, functionSelector, toJsonSelector, type SelectorArgument } from './function-selector.js';
import { hintText, hintedType, termSelector, uninferableTerm } from './term-selector.js';
import { jsonRow } from './json-row.js';
import { udtField } from './udt-field.js';

/** What selectors read besides the row: the execution's time and uuids, and its bound values. */
export interface SelectorContext {
  readonly ctx: ExecutionContext;
  readonly options: QueryOptions;
}

/** The running state of an aggregate selector over the rows of one group. */
export interface RowAggregate {
  add(row: RowView): void;
  result(): Buffer | null;
}

/**
 * A compiled selector: either a per-row value or an aggregate over all rows of the result (an aggregate
 * function, or a function of one).
 */
export type CompiledSelector =
  | { readonly kind: 'scalar'; readonly name: string; readonly type: CqlType; value(row: RowView, sc: SelectorContext): Buffer | null }
  | { readonly kind: 'aggregate'; readonly name: string; readonly type: CqlType; start(sc: SelectorContext): RowAggregate };

/** What a SELECT returns: its result columns and how to compute them (Cassandra's Selection). */
export class Selection {
  /** The result's columns: what is selected, or with SELECT JSON the one text column `[json]`. */
  readonly columns: readonly ColumnSpecification[];
  /** What is selected, named by alias or selector. */
  readonly selected: readonly ColumnSpecification[];
  readonly isAggregate: boolean;
  /** Columns the selection reads, so that filtering can know what it needs. */
  readonly readsStatic: boolean;

  constructor(
    readonly table: TableMetadata, readonly selectors: readonly CompiledSelector[], aliases: readonly (string | null)[],
    private readonly json = false,
  ) {
    this.selected = selectors.map((s, i) => ({ keyspace: table.keyspace, table: table.name, name: aliases[i] ?? s.name, type: s.type }));
    this.columns = json ? [{ keyspace: table.keyspace, table: table.name, name: '[json]', type: native('text') }] : this.selected;
    this.isAggregate = selectors.some((s) => s.kind === 'aggregate');
    this.readsStatic = table.staticColumns.length > 0;
  }

  row(row: RowView, sc: SelectorContext): (Buffer | null)[] {
    return this.output(this.values(row, sc));
  }

  private values(row: RowView, sc: SelectorContext): (Buffer | null)[] {
    return this.selectors.map((s) => (s.kind === 'scalar' ? s.value(row, sc) : null));
  }

  /** With SELECT JSON, a row's values become one JSON object (Selection.rowToJson). */
  private output(values: (Buffer | null)[]): (Buffer | null)[] {
    return this.json ? [jsonRow(this.selected, values)] : values;
  }

  /** Aggregates over rows: scalar selectors take their value from the first row, as Cassandra does. */
  aggregator(sc: SelectorContext): { add(row: RowView): void; result(): (Buffer | null)[] } {
    const states = this.selectors.map((s) => (s.kind === 'aggregate' ? s.start(sc) : null));
    let first: (Buffer | null)[] | null = null;
    return {
      add: (row) => {
        if (first === null) first = this.values(row, sc);
        for (const state of states) state?.add(row);
      },
      result: () => this.output(this.selectors.map((s, i) => (s.kind === 'aggregate' ? states[i]!.result() : first?.[i] ?? null))),
    };
  }
}

export function scalarValue(s: CompiledSelector, row: RowView, sc: SelectorContext): Buffer | null {
  if (s.kind !== 'scalar') throw new InvalidRequestError('Aggregate functions cannot be nested');
  return s.value(row, sc);
}

/** Bind markers in the selection record their receivers in `binds`, like those of the WHERE clause. */
export function prepareSelection(
  table: TableMetadata, clauses: readonly SelectClause[] | null, binds: BindSpecifications, json = false,
): Selection {
  if (clauses === null) {
    const columns = columnsInSelectOrder(table);
    return new Selection(table, columns.map((c) => columnSelector(c)), columns.map(() => null), json);
  }
  return new Selection(table, clauses.map((c) => compile(table, c.selector, binds)), clauses.map((c) => c.alias), json);
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
      value: (row, sc) => {
        const cell = columnCell(row, column);
        return cell === undefined || cell.ttlSeconds === 0 ? null : int(Math.max(0, cell.localDeletionTime - sc.ctx.nowInSec));
      },
    };
  }
  return {
    kind: 'scalar', name: label, type: native('bigint'),
    value: (row) => { const cell = columnCell(row, column); return cell === undefined ? null : long(cell.timestamp); },
  };
}

/** Whether a call names a native function: unqualified, or qualified by the system keyspace. */
function isNative(name: string, bare: string): boolean {
  return name === bare || name === `system.${bare}`;
}

/**
 * A call in the selection: toJson() is made for its argument's type; count of a literal counts rows
 * (count(1) stays valid although every count overload would take the 1); any other goes to the resolver.
 */
function callSelector(table: TableMetadata, name: string, args: readonly Selector[], binds: BindSpecifications): CompiledSelector {
  if (isNative(name, 'tojson')) {
    if (args.length !== 1) throw new InvalidRequestError(`toJson() only accepts one argument (got ${args.length})`);
    return toJsonSelector(compile(table, args[0]!, binds));
  }
  const only = args.length === 1 ? args[0]! : null;
  if (isNative(name, 'count') && only?.kind === 'term' && only.term.kind === 'constant') return countRowsSelector();
  const prepared = args.map((a): SelectorArgument => (a.kind === 'term' ? a : { kind: 'compiled', selector: compile(table, a, binds) }));
  return functionSelector(table, name, prepared, binds);
}

function countRowsSelector(): CompiledSelector {
  return aggregateSelector(countRows, null);
}

function compile(table: TableMetadata, selector: Selector, binds: BindSpecifications): CompiledSelector {
  switch (selector.kind) {
    case 'column':
      return columnSelector(existingColumn(table, selector.name));
    case 'writetime':
    case 'ttl':
    case 'maxwritetime':
      return metadataSelector(table, selector.kind, selector.column);
    case 'countStar':
      return countRowsSelector();
    case 'function':
      return callSelector(table, selector.name, selector.args, binds);
    case 'cast':
      return castSelector(table, compile(table, selector.selector, binds), selector.type);
    case 'field': {
      const inner = compile(table, selector.selector, binds);
      return udtField(inner, selector.field, scalarValue);
    }
    case 'element':
      return elementSelector(table, compile(table, selector.selector, binds), selector.key, binds);
    case 'slice':
      return sliceSelector(table, compile(table, selector.selector, binds), selector.from, selector.to, binds);
    case 'typeHint':
      return typeHintSelector(compile(table, selector.selector, binds), selector.type, table, binds);
    case 'parenthesized': {
      const inner = compile(table, selector.selector, binds);
      return { ...inner, name: `(${inner.name})` };
    }
    case 'term': {
      const type = hintedType(selector.term, table.keyspace, binds);
      if (type === null) throw uninferableTerm(selector.term);
      return termSelector(selector.term, type, table, binds);
    }
  }
}

/** Selectable.WithTypeHint: a selector read as the hinted type, which its own type must be assignable to. */
function typeHintSelector(inner: CompiledSelector, typeName: string, table: TableMetadata, binds: BindSpecifications): CompiledSelector {
  const type = binds.hintType(typeName, table.keyspace);
  const name = `(${hintText(typeName)})${inner.name}`;
  if (typeAssignment(inner.type, type) === 'none') {
    throw new InvalidRequestError(`Cannot assign value ${name} to ${name} of type ${formatCqlType(type)}`);
  }
  return { ...inner, name, type };
}
