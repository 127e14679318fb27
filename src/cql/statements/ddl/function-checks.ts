/** What CREATE/DROP FUNCTION and AGGREGATE share: the enabled check, frozen types, the result with argument types. */
import { InvalidRequestError } from '../../../errors/index.js';
import type { Schema, SchemaChange } from '../../../schema/index.js';
import type { SchemaStatementContext, SchemaStatementResult } from './schema-statement-context.js';

/** UDFunction.assertUdfsEnabled (user_defined_functions_enabled). */
export function assertUdfsEnabled(context: SchemaStatementContext): void {
  if (context.userDefinedFunctionsEnabled === false) {
    throw new InvalidRequestError('User-defined functions are disabled in cassandra.yaml - set user_defined_functions_enabled=true to enable');
  }
}

/** CQL3Type.Raw.isFrozen for a type as written: `frozen<...>` at the top. */
export function isFrozenText(type: string): boolean {
  return /^frozen\s*</i.test(type);
}

/** Tuples are frozen whether written so or not (CQL3Type.Raw.isImplicitlyFrozen). */
export function isTupleText(type: string): boolean {
  return /^(frozen\s*<\s*)?tuple\s*</i.test(type);
}

/** Refuses the first argument type written frozen (tuples aside, when `allowTuples`). */
export function refuseFrozenArguments(types: readonly string[], allowTuples: boolean): void {
  const frozen = types.find((t) => isFrozenText(t) && !(allowTuples && isTupleText(t)));
  if (frozen !== undefined) throw new InvalidRequestError(`Argument '${frozen}' cannot be frozen; remove frozen<> modifier from '${frozen}'`);
}

export function functionChanged(
  schema: Schema, change: SchemaChange['change'], target: 'FUNCTION' | 'AGGREGATE', keyspace: string, name: string,
  argTypes: readonly string[],
): SchemaStatementResult {
  return { schema, change: { change, target, keyspace, name, argTypes }, warnings: [] };
}
