import { InvalidRequestError } from '../../../errors/index.js';
import { findUserFunction, withUserFunction, type UserFunctionMetadata } from '../../../schema/index.js';
import { formatCqlType, isCompatibleWith } from '../../../types/index.js';
import type { CreateFunctionStatement } from '../../ast/index.js';
import { compileUserFunction } from '../../functions/udf/user-function.js';
import { parseTypeInKeyspace } from './column-types.js';
import { authorizeSchemaChange, checkUserModifiable, keyspaceDoesNotExist, resolveKeyspace } from './ddl-checks.js';
import { assertUdfsEnabled, functionChanged, isFrozenText, refuseFrozenArguments } from './function-checks.js';
import { unchanged, type SchemaStatementContext, type SchemaStatementResult } from './schema-statement-context.js';

/**
 * CREATE [OR REPLACE] FUNCTION [IF NOT EXISTS] (CreateFunctionStatement): the body is compiled before the
 * function is accepted, and a replacement keeps the null-input directive and a compatible return type.
 */
export function createFunction(statement: CreateFunctionStatement, context: SchemaStatementContext): SchemaStatementResult {
  const keyspaceName = resolveKeyspace(statement.function, context);
  const name = statement.function.name;
  authorizeSchemaChange('CREATE', { level: 'keyspace', keyspace: keyspaceName });
  if (statement.ifNotExists && statement.orReplace) throw new InvalidRequestError("Cannot use both 'OR REPLACE' and 'IF NOT EXISTS' directives");
  assertUdfsEnabled(context);
  const argNames = statement.arguments.map((a) => a.name);
  if (new Set(argNames).size !== argNames.length) {
    throw new InvalidRequestError(`Duplicate argument names for given function ${name} with argument names [${argNames.join(', ')}]`);
  }
  refuseFrozenArguments(statement.arguments.map((a) => a.type), false);
  if (isFrozenText(statement.returnType)) {
    throw new InvalidRequestError(`Return type '${statement.returnType}' cannot be frozen; remove frozen<> modifier from '${statement.returnType}'`);
  }
  checkUserModifiable(context.schema, keyspaceName);
  const keyspace = context.schema.keyspace(keyspaceName);
  if (keyspace === undefined) throw keyspaceDoesNotExist(keyspaceName);
  const meta: UserFunctionMetadata = {
    kind: 'function', keyspace: keyspaceName, name, argNames,
    argTypes: statement.arguments.map((a) => parseTypeInKeyspace(a.type, keyspaceName, context.schema)),
    returnType: parseTypeInKeyspace(statement.returnType, keyspaceName, context.schema),
    calledOnNullInput: statement.calledOnNullInput, language: statement.language, body: statement.body,
  };
  compileUserFunction(meta);
  const existing = findUserFunction(keyspace, name, meta.argTypes);
  if (existing !== undefined) {
    if (existing.kind === 'aggregate') throw new InvalidRequestError(`Function '${name}' cannot replace an aggregate`);
    if (statement.ifNotExists) return unchanged(context);
    if (!statement.orReplace) throw new InvalidRequestError(`Function '${name}' already exists`);
    if (existing.calledOnNullInput !== meta.calledOnNullInput) {
      const directive = meta.calledOnNullInput ? 'CALLED ON NULL INPUT' : 'RETURNS NULL ON NULL INPUT';
      throw new InvalidRequestError(`Function '${name}' must have ${directive} directive`);
    }
    if (!isCompatibleWith(existing.returnType, meta.returnType)) {
      throw new InvalidRequestError(
        `Cannot replace function '${name}', the new return type ${formatCqlType(meta.returnType)} is not compatible with the return type ${formatCqlType(existing.returnType)} of existing function`,
      );
    }
  }
  const schema = context.schema.withKeyspace(withUserFunction(keyspace, meta));
  return functionChanged(schema, existing === undefined ? 'CREATED' : 'UPDATED', 'FUNCTION', keyspaceName, name,
    statement.arguments.map((a) => a.type));
}
