import { InvalidRequestError } from '../../../errors/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import { int32Bytes as int, int64Bytes as long, isMultiCell, native, parseCqlType, type CqlType } from '../../../types/index.js';
import type { SelectClause, Selector } from '../../ast/index.js';
import { resolveFunction } from '../../functions/function-registry.js';
import { isJsonFunction, toJson } from '../../functions/json-functions.js';
import type { ColumnSpecification } from '../column-specification.js';
import type { BindSpecifications } from '../term-preparer.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import { columnsInSelectOrder, existingColumn, isPrimaryKey, quoteIfNeeded } from '../table-columns.js';
import { aggregateFunction, countAggregate, type Aggregate, type AggregateFunction } from './aggregates.js';
import { columnCell, columnValue, type RowView } from './row-view.js';
import { castFunction } from './cast.js';
import { elementSelector, sliceSelector } from './element-selector.js';
import { hintedType, termSelector, uninferableTerm } from './term-selector.js';
import { jsonRow } from './json-row.js';
import { udtField } from './udt-field.js';

/** What selectors read besides the row: the execution's time and uuids, and its bound values. */
export interface SelectorContext {
  readonly ctx: ExecutionContext;
  readonly options: QueryOptions;
}

/** A compiled selector: either a per-row value or an aggregate over all rows of the result. */
export type CompiledSelector =
  | { readonly kind: 'scalar'; readonly name: string; readonly type: CqlType; value(row: RowView, sc: SelectorContext): Buffer | null }
  | { readonly kind: 'aggregate'; readonly name: string; readonly type: CqlType; readonly fn: AggregateFunction; readonly arg: CompiledSelector | null };

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
    const states: (Aggregate | null)[] = this.selectors.map((s) => (s.kind === 'aggregate' ? s.fn.create() : null));
    let first: (Buffer | null)[] | null = null;
    return {
      add: (row) => {
        if (first === null) first = this.values(row, sc);
        this.selectors.forEach((s, i) => {
          if (s.kind === 'aggregate') states[i]!.add(s.arg === null ? null : scalarValue(s.arg, row, sc));
        });
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

/**
 * A function call; terms among its arguments take the types of the overload the other arguments (and
 * type hints) select, as Cassandra's weak typing of literal and bind-marker arguments does.
 */
function functionSelector(table: TableMetadata, name: string, args: readonly Selector[], binds: BindSpecifications): CompiledSelector {
  if (name === 'token' || name === 'system.token') {
    const compiled = args.map((a) => compile(table, a, binds));
    return { kind: 'scalar', name: `system.token(${compiled.map((a) => a.name).join(', ')})`, type: native('bigint'), value: (row) => long(row.token) };
  }
  if (isJsonFunction(name, 'tojson')) {
    if (args.length !== 1) throw new InvalidRequestError(`toJson() only accepts one argument (got ${args.length})`);
    const arg = compile(table, args[0]!, binds);
    return { kind: 'scalar', name: `system.tojson(${arg.name})`, type: native('text'), value: (row, sc) => toJson(arg.type, scalarValue(arg, row, sc)) };
  }
  const known = args.map((a) => (a.kind === 'term' ? null : compile(table, a, binds)));
  const argTypes = args.map((a, i) => known[i]?.type ?? (a.kind === 'term' ? hintedType(a.term) : null));
  const aggregate = args.length === 1 ? aggregateFunction(name, argTypes[0] ?? native('bigint')) : null;
  if (aggregate !== null) {
    const arg = known[0] ?? compile(table, args[0]!, binds);
    return { kind: 'aggregate', name: `system.${name}(${arg.name})`, type: aggregate.returnType, fn: aggregate, arg };
  }
  const fn = resolveFunction(name, argTypes);
  const compiled = args.map((a, i) => (a.kind === 'term' ? termSelector(a.term, fn.argTypes[i]!, table, binds) : known[i]!));
  return {
    kind: 'scalar', name: `system.${fn.name}(${compiled.map((a) => a.name).join(', ')})`, type: fn.returnType,
    value: (row, sc) => fn.execute(compiled.map((a) => scalarValue(a, row, sc)), sc.ctx),
  };
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
      return { kind: 'aggregate', name: 'count', type: native('bigint'), fn: countAggregate(true), arg: null };
    case 'function':
      return functionSelector(table, selector.name, selector.args, binds);
    case 'cast': {
      const inner = compile(table, selector.selector, binds);
      const target = parseCqlType(selector.type, () => undefined);
      const convert = castFunction(inner.type, target);
      return {
        kind: 'scalar', name: `cast(${inner.name} as ${selector.type})`, type: target,
        value: (row, sc) => { const v = scalarValue(inner, row, sc); return v === null ? null : convert(v); },
      };
    }
    case 'field': {
      const inner = compile(table, selector.selector, binds);
      return udtField(inner, selector.field, scalarValue);
    }
    case 'element':
      return elementSelector(table, compile(table, selector.selector, binds), selector.key, binds);
    case 'slice':
      return sliceSelector(table, compile(table, selector.selector, binds), selector.from, selector.to, binds);
    case 'term': {
      const type = hintedType(selector.term);
      if (type === null) throw uninferableTerm(selector.term);
      return termSelector(selector.term, type, table, binds);
    }
  }
}
