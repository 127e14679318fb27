import { InvalidRequestError } from '../../errors/index.js';
import { formatCqlType, native, type CqlType } from '../../types/index.js';
import { blobFunctions } from './blob-functions.js';
import type { NativeFunction } from './native-function.js';
import { timeFunctions } from './time-functions.js';

const uuidFunction: NativeFunction = {
  name: 'uuid', argTypes: [], returnType: native('uuid'), pure: false, execute: (_a, ctx) => ctx.newRandomUuid(),
};

const ALL: ReadonlyMap<string, readonly NativeFunction[]> = (() => {
  const byName = new Map<string, NativeFunction[]>();
  for (const fn of [...timeFunctions(), ...blobFunctions(), uuidFunction]) {
    const list = byName.get(fn.name) ?? [];
    list.push(fn);
    byName.set(fn.name, list);
  }
  return byName;
})();

function sameType(a: CqlType, b: CqlType): boolean {
  return formatCqlType(a) === formatCqlType(b);
}

/**
 * Picks the overload of a native function for the argument types known at prepare time (null for a bind
 * marker or a literal whose type is not yet fixed), as Cassandra's FunctionResolver does.
 */
export function resolveFunction(name: string, argTypes: readonly (CqlType | null)[]): NativeFunction {
  const bare = name.startsWith('system.') ? name.slice('system.'.length) : name;
  const overloads = ALL.get(bare);
  if (overloads === undefined) throw new InvalidRequestError(`Unknown function '${name}'`);
  const candidates = overloads.filter(
    (fn) => fn.argTypes.length === argTypes.length
      && fn.argTypes.every((t, i) => argTypes[i] == null || sameType(t, argTypes[i]!)),
  );
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) {
    const given = argTypes.map((t) => (t === null ? '?' : formatCqlType(t))).join(', ');
    throw new InvalidRequestError(`Invalid call to function ${bare}, none of its type signatures match (arguments: ${given})`);
  }
  const signatures = candidates.map((fn) => `system.${fn.name} : (${fn.argTypes.map(formatCqlType).join(', ')}) -> ${formatCqlType(fn.returnType)}`);
  throw new InvalidRequestError(
    `Ambiguous call to function ${bare} (can be matched by following signatures: ${signatures.join(', ')}): use type casts to disambiguate`,
  );
}

export function functionExists(name: string): boolean {
  return ALL.has(name.startsWith('system.') ? name.slice('system.'.length) : name);
}
