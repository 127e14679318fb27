import { InvalidRequestError } from '../../../errors/index.js';
import {
  aggregatesUsing, argumentTypeNames, argumentTypesMatch, userFunctionsNamed, withoutUserFunction,
  type UserFunctionDefinition,
} from '../../../schema/index.js';
import type { DropAggregateStatement, DropFunctionStatement } from '../../ast/index.js';
import { parseTypeInKeyspace } from './column-types.js';
import { authorizeSchemaChange, checkUserModifiable, resolveKeyspace } from './ddl-checks.js';
import { functionChanged, refuseFrozenArguments } from './function-checks.js';
import { unchanged, type SchemaStatementContext, type SchemaStatementResult } from './schema-statement-context.js';

type DropStatement = DropFunctionStatement | DropAggregateStatement;

/** DROP FUNCTION [IF EXISTS] name [(types)], refused while an aggregate uses the function. */
export function dropFunction(statement: DropFunctionStatement, context: SchemaStatementContext): SchemaStatementResult {
  return drop(statement, statement.function, 'function', context);
}

/** DROP AGGREGATE [IF EXISTS] name [(types)]. */
export function dropAggregate(statement: DropAggregateStatement, context: SchemaStatementContext): SchemaStatementResult {
  return drop(statement, statement.aggregate, 'aggregate', context);
}

function drop(
  statement: DropStatement, qualified: DropFunctionStatement['function'], kind: 'function' | 'aggregate',
  context: SchemaStatementContext,
): SchemaStatementResult {
  const keyspaceName = resolveKeyspace(qualified, context);
  const name = qualified.name;
  const title = kind === 'function' ? 'Function' : 'Aggregate';
  authorizeSchemaChange('DROP', { level: 'keyspace', keyspace: keyspaceName });
  checkUserModifiable(context.schema, keyspaceName);
  const written = statement.argTypes === null ? `${keyspaceName}.${name}` : `${keyspaceName}.${name}(${statement.argTypes.join(', ')})`;
  const keyspace = context.schema.keyspace(keyspaceName);
  const missing = (): SchemaStatementResult => {
    if (statement.ifExists) return unchanged(context);
    throw new InvalidRequestError(`${title} '${written}' doesn't exist`);
  };
  if (keyspace === undefined) return missing();
  const overloads = userFunctionsNamed(keyspace, name);
  if (overloads.length > 1 && statement.argTypes === null) {
    const keyword = kind.toUpperCase();
    throw new InvalidRequestError(
      `'DROP ${keyword} ${name}' matches multiple function definitions; specify the argument types by issuing a statement like 'DROP ${keyword} ${name} (type, type, ...)'. You can use cqlsh 'DESCRIBE ${keyword} ${name}' command to find all overloads`,
    );
  }
  const argTypes = statement.argTypes;
  if (argTypes !== null) refuseFrozenArguments(argTypes, true);
  const types = argTypes?.map((t) => parseTypeInKeyspace(t, keyspaceName, context.schema)) ?? null;
  const target = overloads.find((f) => f.kind === kind && (types === null || argumentTypesMatch(f.argTypes, types)));
  if (target === undefined) return missing();
  if (target.kind === 'function') {
    const users = aggregatesUsing(keyspace, target);
    if (users.length > 0) {
      throw new InvalidRequestError(`Function '${written}' is still referenced by aggregates ${users.map((a) => `${a.keyspace}.${a.name}`).join(', ')}`);
    }
  }
  return dropped(context, keyspace, target);
}

function dropped(
  context: SchemaStatementContext, keyspace: Parameters<typeof withoutUserFunction>[0], target: UserFunctionDefinition,
): SchemaStatementResult {
  const schema = context.schema.withKeyspace(withoutUserFunction(keyspace, target));
  return functionChanged(schema, 'DROPPED', target.kind === 'function' ? 'FUNCTION' : 'AGGREGATE', target.keyspace, target.name,
    argumentTypeNames(target));
}
