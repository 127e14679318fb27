/**
 * Function calls and casts in the selection clause (Selectable.WithFunction, WithCast, WithToJSonFunction):
 * the overload is resolved from the arguments alone, a selection having no receiver; arguments that are
 * columns, calls or casts bring their own type, literals and bind markers take the parameter's.
 */
import { InvalidRequestError } from '../../../errors/index.js';
import type { TableMetadata } from '../../../schema/index.js';
import { native, parseCqlType, sameType, typeAssignment, type CqlType } from '../../../types/index.js';
import type { Term } from '../../ast/index.js';
import { resolveFunction, type CallSite, type FunctionArgument } from '../../functions/function-resolver.js';
import { toJsonFunction } from '../../functions/json-functions.js';
import { castFunctionName } from '../../functions/cast-functions.js';
import { functionColumnName, qualifiedName, type AggregateFunction, type CqlFunction } from '../../functions/native-function.js';
import { unsetArgument } from '../function-call.js';
import { termArgument } from '../term-assignment.js';
import type { BindSpecifications } from '../term-preparer.js';
import { scalarValue, type CompiledSelector, type RowAggregate, type SelectorContext } from './selection.js';
import { hintedType, termSelector } from './term-selector.js';

/** An argument of a call in a selection: a selector already compiled, or a term still waiting for its type. */
export type SelectorArgument =
  | { readonly kind: 'compiled'; readonly selector: CompiledSelector }
  | { readonly kind: 'term'; readonly term: Term };

function callSite(table: TableMetadata, binds?: BindSpecifications): CallSite {
  const site = { keyspace: table.keyspace, table: table.name, receiver: null, tableMetadata: table };
  return binds === undefined ? site : { ...site, keyspaces: binds.schema };
}

/** A compiled selector as an argument: its type against the parameter's (Selectable.testAssignment). */
function selectorArgument(selector: CompiledSelector): FunctionArgument {
  return { testAssignment: (receiver) => typeAssignment(selector.type, receiver.type), text: selector.name };
}

function asArgument(arg: SelectorArgument, binds: BindSpecifications): FunctionArgument {
  return arg.kind === 'compiled' ? selectorArgument(arg.selector) : termArgument(arg.term, binds);
}

/** `name(args)`: a scalar function of each row's values, or an aggregate over the rows. */
export function functionSelector(
  table: TableMetadata, name: string, args: readonly SelectorArgument[], binds: BindSpecifications,
): CompiledSelector {
  const fn = resolveFunction(name, args.map((a) => asArgument(a, binds)), callSite(table, binds));
  if (fn === null) throw new InvalidRequestError(`Unknown function '${name}'`);
  binds.calls(fn);
  if (fn.argTypes.length !== args.length) {
    throw new InvalidRequestError(`Invalid number of arguments in call to function ${qualifiedName(fn)}: ${fn.argTypes.length} required but ${args.length} provided`);
  }
  const unset = () => unsetArgument(fn.name);
  const compiled = args.map((a, i) => (a.kind === 'compiled'
    ? a.selector
    : termSelector(a.term, hintedType(a.term, table.keyspace, binds) ?? fn.argTypes[i]!, table, binds, unset)));
  return applyFunction(fn, compiled);
}

function applyFunction(fn: CqlFunction, args: readonly CompiledSelector[]): CompiledSelector {
  if (fn.kind === 'aggregate') {
    if (args.some((a) => a.kind === 'aggregate')) throw new InvalidRequestError('aggregate functions cannot be used as arguments of aggregate functions');
    return args.length > 1 ? multiArgumentAggregateSelector(fn, args) : aggregateSelector(fn, args[0] ?? null);
  }
  return applyScalar(functionColumnName(fn, args.map((a) => a.name)), fn.returnType, args, (values, sc) => fn.execute(values, sc.ctx));
}

/** An aggregate function of one argument's values on each row, or of the rows themselves (count(*)). */
export function aggregateSelector(fn: AggregateFunction, arg: CompiledSelector | null): CompiledSelector {
  return {
    kind: 'aggregate', name: functionColumnName(fn, arg === null ? [] : [arg.name]), type: fn.returnType,
    start: (sc) => {
      const state = fn.create(sc.ctx);
      return { add: (row) => state.add(arg === null ? null : scalarValue(arg, row, sc)), result: () => state.result() };
    },
  };
}

/** A user-defined aggregate of several arguments: each row's values of all of them. */
function multiArgumentAggregateSelector(fn: AggregateFunction, args: readonly CompiledSelector[]): CompiledSelector {
  return {
    kind: 'aggregate', name: functionColumnName(fn, args.map((a) => a.name)), type: fn.returnType,
    start: (sc) => {
      const state = fn.create(sc.ctx);
      return {
        add: (row) => {
          const values = args.map((a) => scalarValue(a, row, sc));
          state.add(values[0]!, ...values.slice(1));
        },
        result: () => state.result(),
      };
    },
  };
}

/**
 * A value computed from the arguments' values: per row, or, when an argument aggregates, once from the
 * aggregates' results and the other arguments' values on the first row (as Cassandra's selectors keep them).
 */
function applyScalar(
  name: string, type: CqlType, args: readonly CompiledSelector[], compute: (values: (Buffer | null)[], sc: SelectorContext) => Buffer | null,
): CompiledSelector {
  if (args.every((a) => a.kind === 'scalar')) {
    return { kind: 'scalar', name, type, value: (row, sc) => compute(args.map((a) => scalarValue(a, row, sc)), sc) };
  }
  return {
    kind: 'aggregate', name, type,
    start: (sc) => {
      const parts = args.map((a) => (a.kind === 'aggregate' ? a.start(sc) : firstRowValue(a, sc)));
      return { add: (row) => { for (const p of parts) p.add(row); }, result: () => compute(parts.map((p) => p.result()), sc) };
    },
  };
}

function firstRowValue(selector: CompiledSelector, sc: SelectorContext): RowAggregate {
  let seen = false;
  let value: Buffer | null = null;
  return {
    add: (row) => {
      if (seen) return;
      seen = true;
      value = scalarValue(selector, row, sc);
    },
    result: () => value,
  };
}

/**
 * CAST(x AS type): nothing to do when x already has the type; otherwise the `castAs<Type>` overload for
 * x's type, if Cassandra has one.
 */
export function castSelector(table: TableMetadata, inner: CompiledSelector, typeName: string): CompiledSelector {
  const target = parseCqlType(typeName, () => undefined);
  if (sameType(target, inner.type)) return inner;
  // Selectable.WithCast names the native function, as its messages show it: system.castAsAscii.
  const fn = resolveFunction(`system.${castFunctionName(typeName)}`, [selectorArgument(inner)], callSite(table));
  if (fn === null) throw new InvalidRequestError(`${inner.name} cannot be cast to ${typeName}`);
  return applyFunction(fn, [inner]);
}

/** toJson(x): made for x's type, which must be known without a receiver. */
export function toJsonSelector(arg: CompiledSelector): CompiledSelector {
  const fn = toJsonFunction(arg.type);
  return applyScalar(`system.tojson(${arg.name})`, native('text'), [arg], (values, sc) => fn.execute(values, sc.ctx));
}
