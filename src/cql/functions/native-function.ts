import { formatCqlType, type CqlType } from '../../types/index.js';
import type { ExecutionContext } from '../statements/query-options.js';

/** What every function has: a name in the system keyspace and a signature (Cassandra's Function). */
interface Signature {
  /** As Cassandra registers it: lower case, except the casts (`castAsInt`). */
  readonly name: string;
  /** The keyspace of a user-defined function or aggregate; native functions are in `system`. */
  readonly keyspace?: string;
  readonly argTypes: readonly CqlType[];
  readonly returnType: CqlType;
}

/** A native scalar function (Cassandra's system.* functions), working on serialized values. */
export interface ScalarFunction extends Signature {
  readonly kind: 'scalar';
  execute(args: readonly (Buffer | null)[], ctx: ExecutionContext): Buffer | null;
  /** The selection column name for a call with these argument names (Function.columnName). */
  columnName?(argNames: readonly string[]): string;
}

/** One running aggregate over the rows of a group; aggregates of several arguments get them all. */
export interface Aggregate {
  add(value: Buffer | null, ...more: (Buffer | null)[]): void;
  result(): Buffer | null;
}

/** A native aggregate (count, min, max, sum, avg), usable in the selection clause only. */
export interface AggregateFunction extends Signature {
  readonly kind: 'aggregate';
  /** A new aggregate for one group; user-defined aggregates run their functions in `ctx` (required for them). */
  create(ctx?: ExecutionContext): Aggregate;
  columnName?(argNames: readonly string[]): string;
}

export type CqlFunction = ScalarFunction | AggregateFunction;

/** The qualified name, as messages show it: `system.totimestamp`. */
export function qualifiedName(fn: CqlFunction): string {
  return `${fn.keyspace ?? 'system'}.${fn.name}`;
}

/** Function.toString: `system.totimestamp : (timeuuid) -> timestamp`. */
export function formatSignature(fn: CqlFunction): string {
  return `${qualifiedName(fn)} : (${fn.argTypes.map(formatCqlType).join(', ')}) -> ${formatCqlType(fn.returnType)}`;
}

/** AbstractFunction.columnName: `system.name(arg, ...)` unless the function names itself otherwise. */
export function functionColumnName(fn: CqlFunction, argNames: readonly string[]): string {
  return fn.columnName?.(argNames) ?? `${qualifiedName(fn)}(${argNames.join(', ')})`;
}
