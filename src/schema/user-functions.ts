/**
 * User-defined functions and aggregates of a keyspace (Cassandra's UserFunctions: UDFunction and
 * UDAggregate), as system_schema.functions and system_schema.aggregates record them. A function is
 * identified by its name and argument types: overloads share a name, and a function and an aggregate
 * never share a signature.
 */
import { formatCqlType, sameType, type CqlType } from '../types/index.js';
import type { KeyspaceMetadata } from './table-metadata.js';

export interface UserFunctionMetadata {
  readonly kind: 'function';
  readonly keyspace: string;
  readonly name: string;
  readonly argNames: readonly string[];
  readonly argTypes: readonly CqlType[];
  readonly returnType: CqlType;
  /** CALLED ON NULL INPUT; false for RETURNS NULL ON NULL INPUT. */
  readonly calledOnNullInput: boolean;
  /** As written, lower case: 'java' or 'javascript'. */
  readonly language: string;
  readonly body: string;
}

export interface UserAggregateMetadata {
  readonly kind: 'aggregate';
  readonly keyspace: string;
  readonly name: string;
  readonly argTypes: readonly CqlType[];
  /** The final function's return type, else the state type. */
  readonly returnType: CqlType;
  /** Names of functions of the same keyspace: SFUNC (state, args...) and FINALFUNC (state). */
  readonly stateFunction: string;
  readonly stateType: CqlType;
  readonly finalFunction: string | null;
  /** INITCOND serialized in the state type, or null. */
  readonly initcond: Buffer | null;
}

export type UserFunctionDefinition = UserFunctionMetadata | UserAggregateMetadata;

const NONE: readonly UserFunctionDefinition[] = [];

/** Every user function and aggregate of a keyspace, in creation order. */
export function userFunctionsOf(ks: KeyspaceMetadata): readonly UserFunctionDefinition[] {
  return ks.functions ?? NONE;
}

/** The overloads named `name` (functions and aggregates alike). */
export function userFunctionsNamed(ks: KeyspaceMetadata | undefined, name: string): readonly UserFunctionDefinition[] {
  if (ks === undefined) return NONE;
  return userFunctionsOf(ks).filter((f) => f.name === name);
}

/** Functions.typesMatch: same argument types, frozen or not (a UDF's arguments are never frozen). */
export function argumentTypesMatch(a: readonly CqlType[], b: readonly CqlType[]): boolean {
  return a.length === b.length && a.every((t, i) => sameType(t, b[i]!) || formatCqlType(t) === formatCqlType(b[i]!));
}

/** The function or aggregate with this name and these argument types. */
export function findUserFunction(
  ks: KeyspaceMetadata | undefined, name: string, argTypes: readonly CqlType[],
): UserFunctionDefinition | undefined {
  return userFunctionsNamed(ks, name).find((f) => argumentTypesMatch(f.argTypes, argTypes));
}

/** Adds a function or aggregate, or replaces the one with its signature in place. */
export function withUserFunction(ks: KeyspaceMetadata, fn: UserFunctionDefinition): KeyspaceMetadata {
  const all = userFunctionsOf(ks);
  const at = all.findIndex((f) => f.name === fn.name && argumentTypesMatch(f.argTypes, fn.argTypes));
  const functions = at < 0 ? [...all, fn] : all.map((f, i) => (i === at ? fn : f));
  return { ...ks, functions };
}

export function withoutUserFunction(ks: KeyspaceMetadata, fn: UserFunctionDefinition): KeyspaceMetadata {
  return { ...ks, functions: userFunctionsOf(ks).filter((f) => f !== fn) };
}

/** The aggregates whose state or final function is `fn` (UserFunctions.aggregatesUsingFunction). */
export function aggregatesUsing(ks: KeyspaceMetadata, fn: UserFunctionMetadata): UserAggregateMetadata[] {
  return userFunctionsOf(ks).filter((a): a is UserAggregateMetadata => a.kind === 'aggregate'
    && ((a.stateFunction === fn.name && argumentTypesMatch(fn.argTypes, [a.stateType, ...a.argTypes]))
      || (a.finalFunction === fn.name && argumentTypesMatch(fn.argTypes, [a.stateType]))));
}

/** The argument types as CQL text, as schema events and system_schema list them. */
export function argumentTypeNames(fn: UserFunctionDefinition): string[] {
  return fn.argTypes.map(formatCqlType);
}

/** A description of the definition: equal descriptions, equal functions (schema digest and diff). */
export function describeUserFunction(fn: UserFunctionDefinition): string {
  const signature = `${fn.name}(${argumentTypeNames(fn).join(',')})`;
  if (fn.kind === 'function') {
    return `function ${signature} ${fn.argNames.join(',')} ${formatCqlType(fn.returnType)} ${fn.calledOnNullInput} ${fn.language} ${JSON.stringify(fn.body)}`;
  }
  return `aggregate ${signature} ${fn.stateFunction} ${formatCqlType(fn.stateType)} ${fn.finalFunction ?? ''} ${fn.initcond?.toString('hex') ?? 'null'}`;
}
