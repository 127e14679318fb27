import { native } from '../../types/index.js';
import { aggregateFunctions } from './aggregate-functions.js';
import { blobFunctions } from './blob-functions.js';
import { castFunctions } from './cast-functions.js';
import type { CqlFunction, ScalarFunction } from './native-function.js';
import { operationFunctions } from './operation-functions.js';
import { timeFunctions } from './time-functions.js';

/** uuid() (UuidFcts): a random version 4 uuid per call. */
const uuidFunction: ScalarFunction = {
  kind: 'scalar', name: 'uuid', argTypes: [], returnType: native('uuid'), execute: (_a, ctx) => ctx.newRandomUuid(),
};

/**
 * The native functions of the system keyspace by name, overloads in Cassandra's registration order.
 * token(), toJson() and fromJson() are made per call: their types depend on the table or receiver.
 */
const NATIVE: ReadonlyMap<string, readonly CqlFunction[]> = (() => {
  const byName = new Map<string, CqlFunction[]>();
  for (const fn of [...timeFunctions(), ...blobFunctions(), uuidFunction, ...castFunctions(), ...aggregateFunctions(), ...operationFunctions()]) {
    const overloads = byName.get(fn.name) ?? [];
    overloads.push(fn);
    byName.set(fn.name, overloads);
  }
  return byName;
})();

/** The overloads of a native function; names are case-sensitive (`castAsInt`, not `castasint`). */
export function nativeFunctions(name: string): readonly CqlFunction[] {
  return NATIVE.get(name) ?? [];
}
