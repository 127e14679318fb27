/**
 * A user-defined aggregate (UDAggregate): per group, the state starts at INITCOND (or null) and every
 * row's arguments go through the state function, unless one is null and the state function returns
 * null on null input (the row is then skipped); the final function, if any, turns the state into the
 * result, else the state is the result.
 */
import type { KeyspaceMetadata, UserAggregateMetadata, UserFunctionMetadata } from '../../../schema/index.js';
import { findUserFunction } from '../../../schema/index.js';
import { invariant } from '../../../common/index.js';
import type { AggregateFunction } from '../native-function.js';
import { userScalarFunction } from './user-function.js';
import { isNullOrEmpty } from './udf-values.js';

interface CachedAggregate {
  readonly state: UserFunctionMetadata;
  readonly final: UserFunctionMetadata | null;
  readonly fn: AggregateFunction;
}

const aggregates = new WeakMap<UserAggregateMetadata, CachedAggregate>();

/** The state and final functions of an aggregate, found in its keyspace. */
export function aggregateFunctions(ks: KeyspaceMetadata, meta: UserAggregateMetadata): {
  state: UserFunctionMetadata; final: UserFunctionMetadata | null;
} {
  const state = findUserFunction(ks, meta.stateFunction, [meta.stateType, ...meta.argTypes]);
  invariant(state?.kind === 'function', `state function of ${meta.keyspace}.${meta.name} exists`);
  if (meta.finalFunction === null) return { state, final: null };
  const final = findUserFunction(ks, meta.finalFunction, [meta.stateType]);
  invariant(final?.kind === 'function', `final function of ${meta.keyspace}.${meta.name} exists`);
  return { state, final };
}

/**
 * The aggregate a definition stands for, with the functions `ks` has now (a function replaced by CREATE
 * OR REPLACE is used from then on); one object per definition and functions.
 */
export function userAggregateFunction(ks: KeyspaceMetadata, meta: UserAggregateMetadata): AggregateFunction {
  const { state, final } = aggregateFunctions(ks, meta);
  const cached = aggregates.get(meta);
  if (cached !== undefined && cached.state === state && cached.final === final) return cached.fn;
  const fn = newAggregate(meta, state, final);
  aggregates.set(meta, { state, final, fn });
  return fn;
}

function newAggregate(meta: UserAggregateMetadata, state: UserFunctionMetadata, final: UserFunctionMetadata | null): AggregateFunction {
  const stateFn = userScalarFunction(state);
  const finalFn = final === null ? null : userScalarFunction(final);
  const argCount = meta.argTypes.length;
  return {
    kind: 'aggregate', keyspace: meta.keyspace, name: meta.name, argTypes: meta.argTypes, returnType: meta.returnType,
    create: (ctx) => {
      invariant(ctx !== undefined, 'a user-defined aggregate runs in the context of a request');
      let current: Buffer | null = meta.initcond;
      return {
        add: (...values) => {
          const args = values.slice(0, argCount).map((v) => v ?? null);
          if (!state.calledOnNullInput && args.some((v, i) => isNullOrEmpty(meta.argTypes[i]!, v))) return;
          current = stateFn.execute([current, ...args], ctx);
        },
        result: () => (finalFn === null ? current : finalFn.execute([current], ctx)),
      };
    },
  };
}
