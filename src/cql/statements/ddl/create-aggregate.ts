import { ConsistencyLevel, InvalidRequestError } from '../../../errors/index.js';
import { INTERNAL_REQUEST } from '../../../common/index.js';
import {
  findUserFunction, withUserFunction, type KeyspaceMetadata, type UserAggregateMetadata, type UserFunctionMetadata,
} from '../../../schema/index.js';
import {
  formatCqlType, isCompatibleWith, randomUuid, sameType, timeUuidFromMicros, validateValue, type CqlType,
} from '../../../types/index.js';
import type { CreateAggregateStatement, Term } from '../../ast/index.js';
import { isNullOrEmpty } from '../../functions/udf/udf-values.js';
import { UNSET, type ExecutionContext, type QueryOptions } from '../query-options.js';
import { BindSpecifications, prepareTerm } from '../term-preparer.js';
import { parseTypeInKeyspace } from './column-types.js';
import { authorizeSchemaChange, checkUserModifiable, keyspaceDoesNotExist, resolveKeyspace } from './ddl-checks.js';
import { functionChanged, isFrozenText, isTupleText, refuseFrozenArguments } from './function-checks.js';
import { unchanged, type SchemaStatementContext, type SchemaStatementResult } from './schema-statement-context.js';

/**
 * CREATE [OR REPLACE] AGGREGATE [IF NOT EXISTS] (CreateAggregateStatement): the state function takes the
 * state and the arguments and returns the state type; the final function, if any, takes the state and
 * gives the return type; INITCOND is a literal of the state type.
 */
export function createAggregate(statement: CreateAggregateStatement, context: SchemaStatementContext): SchemaStatementResult {
  const keyspaceName = resolveKeyspace(statement.aggregate, context);
  const name = statement.aggregate.name;
  authorizeSchemaChange('CREATE', { level: 'keyspace', keyspace: keyspaceName });
  if (statement.ifNotExists && statement.orReplace) throw new InvalidRequestError("Cannot use both 'OR REPLACE' and 'IF NOT EXISTS' directives");
  refuseFrozenArguments(statement.argTypes, true);
  const stype = statement.stateType;
  if (!isTupleText(stype) && isFrozenText(stype)) {
    throw new InvalidRequestError(`State type '${stype}' cannot be frozen; remove frozen<> modifier from '${stype}'`);
  }
  checkUserModifiable(context.schema, keyspaceName);
  const keyspace = context.schema.keyspace(keyspaceName);
  if (keyspace === undefined) throw keyspaceDoesNotExist(keyspaceName);
  const argTypes = statement.argTypes.map((t) => parseTypeInKeyspace(t, keyspaceName, context.schema));
  const stateType = parseTypeInKeyspace(stype, keyspaceName, context.schema);
  const { state, final } = resolveFunctions(statement, keyspace, argTypes, stateType);
  const initcond = statement.initcond === null ? null : initialValue(statement.initcond, keyspaceName, stateType, context);
  if (!state.calledOnNullInput && initcond === null) {
    throw new InvalidRequestError(
      `Cannot create aggregate '${name}' without INITCOND because state function ${keyspaceName}.${statement.stateFunction} does not accept 'null' arguments`,
    );
  }
  const returnType = final?.returnType ?? state.returnType;
  const meta: UserAggregateMetadata = {
    kind: 'aggregate', keyspace: keyspaceName, name, argTypes, returnType, stateFunction: state.name, stateType,
    finalFunction: final?.name ?? null, initcond,
  };
  const existing = findUserFunction(keyspace, name, argTypes);
  if (existing !== undefined) {
    if (existing.kind !== 'aggregate') throw new InvalidRequestError(`Aggregate '${name}' cannot replace a function`);
    if (statement.ifNotExists) return unchanged(context);
    if (!statement.orReplace) throw new InvalidRequestError(`Aggregate '${name}' already exists`);
    if (!isCompatibleWith(existing.returnType, returnType)) {
      throw new InvalidRequestError(
        `Cannot replace aggregate '${name}', the new return type ${formatCqlType(returnType)} isn't compatible with the return type ${formatCqlType(existing.returnType)} of existing function`,
      );
    }
  }
  const schema = context.schema.withKeyspace(withUserFunction(keyspace, meta));
  return functionChanged(schema, existing === undefined ? 'CREATED' : 'UPDATED', 'AGGREGATE', keyspaceName, name, statement.argTypes);
}

function resolveFunctions(
  statement: CreateAggregateStatement, keyspace: KeyspaceMetadata, argTypes: readonly CqlType[], stateType: CqlType,
): { state: UserFunctionMetadata; final: UserFunctionMetadata | null } {
  const ks = keyspace.name;
  const stateName = `${ks}.${statement.stateFunction}(${[statement.stateType, ...statement.argTypes].join(', ')})`;
  const state = findUserFunction(keyspace, statement.stateFunction, [stateType, ...argTypes]);
  if (state === undefined) throw new InvalidRequestError(`State function ${stateName} doesn't exist`);
  if (state.kind !== 'function') throw new InvalidRequestError(`State function ${stateName} isn't a scalar function`);
  if (!sameType(state.returnType, stateType)) {
    throw new InvalidRequestError(
      `State function ${stateName} return type must be the same as the first argument type - check STYPE, argument and return types`,
    );
  }
  if (statement.finalFunction === null) return { state, final: null };
  const finalName = `${ks}.${statement.finalFunction}(${statement.stateType})`;
  const final = findUserFunction(keyspace, statement.finalFunction, [stateType]);
  if (final === undefined) throw new InvalidRequestError(`Final function ${finalName} doesn't exist`);
  if (final.kind !== 'function') throw new InvalidRequestError(`Final function ${finalName} isn't a scalar function`);
  return { state, final };
}

const INITCOND_OPTIONS: QueryOptions = {
  consistency: ConsistencyLevel.ONE, serialConsistency: null, values: [], pageSize: -1, pagingState: null, timestamp: null,
  nowInSeconds: null, keyspace: null, protocolVersion: 5,
};

/** Terms.asBytes: the INITCOND literal as a value of the state type (null for a null literal). */
function initialValue(term: Term, keyspace: string, stateType: CqlType, context: SchemaStatementContext): Buffer | null {
  const receiver = { keyspace, table: '--dummy--', name: '(aggregate_initcond)', type: stateType };
  const ctx: ExecutionContext = {
    request: INTERNAL_REQUEST, nowMicros: context.nowMicros, nowInSec: Number(context.nowMicros / 1_000_000n),
    newTimeUuid: () => timeUuidFromMicros(context.nowMicros, context.random),
    newRandomUuid: () => randomUuid(context.random),
    tokenOf: () => { throw new InvalidRequestError('token() cannot be used in INITCOND'); },
  };
  const value = prepareTerm(term, receiver, new BindSpecifications(context.schema))(INITCOND_OPTIONS, ctx);
  if (value === UNSET || value === null) return null;
  try {
    validateValue(stateType, value);
  } catch {
    throw new InvalidRequestError(`Invalid value for INITCOND of type ${formatCqlType(stateType)}`);
  }
  if (term.kind !== 'null' && isNullOrEmpty(stateType, value)) {
    throw new InvalidRequestError('INITCOND must not be empty for all types except TEXT, ASCII, BLOB');
  }
  return value;
}
