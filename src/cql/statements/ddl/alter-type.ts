import { InvalidRequestError } from '../../../errors/index.js';
import { referencesUserType, userFunctionsOf, withUserType, type KeyspaceMetadata } from '../../../schema/index.js';
import type { UserType } from '../../../types/index.js';
import type { AlterTypeOperation, AlterTypeStatement } from '../../ast/index.js';
import { qualifiedName } from '../../describe/cql-identifier.js';
import { parseTypeInKeyspace } from './column-types.js';
import { authorizeSchemaChange, checkUserModifiable, resolveKeyspace } from './ddl-checks.js';
import {
  changed, unchanged, type SchemaStatementContext, type SchemaStatementResult,
} from './schema-statement-context.js';

/** ALTER TYPE [IF EXISTS] [ks.]name ADD field type | RENAME f1 TO f2 [AND ...]. */
export function alterType(statement: AlterTypeStatement, context: SchemaStatementContext): SchemaStatementResult {
  const keyspaceName = resolveKeyspace(statement.type, context);
  const name = statement.type.name;
  authorizeSchemaChange('ALTER', { level: 'allTables', keyspace: keyspaceName });
  checkUserModifiable(context.schema, keyspaceName);
  const keyspace = context.schema.keyspace(keyspaceName);
  const type = keyspace?.userTypes.get(name);
  if (keyspace === undefined || type === undefined) {
    if (statement.ifExists) return unchanged(context);
    throw new InvalidRequestError(`Type ${keyspaceName}.${name} doesn't exist`);
  }
  const altered = statement.operation.kind === 'add'
    ? addField(statement.operation, keyspace, type, context)
    : renameFields(statement.operation, keyspace, type);
  if (altered === type) return unchanged(context);
  return changed(context.schema.withKeyspace(withUserType(keyspace, altered)), 'UPDATED', 'TYPE', keyspaceName, name);
}

type Operation<K extends AlterTypeOperation['kind']> = Extract<AlterTypeOperation, { kind: K }>;

function addField(operation: Operation<'add'>, keyspace: KeyspaceMetadata, type: UserType, context: SchemaStatementContext): UserType {
  const typeName = qualifiedName(type.keyspace, type.name);
  const field = operation.field;
  if (type.fields.some((f) => f.name === field)) {
    if (operation.ifNotExists) return type;
    throw new InvalidRequestError(`Cannot add field ${field} to type ${typeName}: a field with name ${field} already exists`);
  }
  const fieldType = parseTypeInKeyspace(operation.type, keyspace.name, context.schema);
  if (referencesUserType(fieldType, type.keyspace, type.name)) {
    throw new InvalidRequestError(`Cannot add new field ${field} of type ${operation.type} to user type ${typeName} as it would create a circular reference`);
  }
  const inPartitionKey = [...keyspace.tables.values()]
    .filter((t) => t.partitionKey.some((c) => referencesUserType(c.type, type.keyspace, type.name)))
    .map((t) => qualifiedName(t.keyspace, t.name));
  if (inPartitionKey.length > 0) {
    throw new InvalidRequestError(
      `Cannot add new field ${field} of type ${operation.type} to user type ${typeName} as the type is being used in partition key by the following tables: ${inPartitionKey.join(', ')}`,
    );
  }
  return { ...type, fields: [...type.fields, { name: field, type: fieldType }] };
}

function renameFields(operation: Operation<'rename'>, keyspace: KeyspaceMetadata, type: UserType): UserType {
  // An INITCOND is kept serialized in the state type: renamed fields would no longer match its literal.
  const dependentAggregates = userFunctionsOf(keyspace)
    .filter((f) => f.kind === 'aggregate' && f.initcond !== null && referencesUserType(f.stateType, type.keyspace, type.name))
    .map((f) => `${f.keyspace}.${f.name}`);
  if (dependentAggregates.length > 0) {
    throw new InvalidRequestError(
      `Cannot alter user type ${qualifiedName(type.keyspace, type.name)} as it is still used in INITCOND by aggregates ${dependentAggregates.join(', ')}`,
    );
  }
  const names = type.fields.map((f) => f.name);
  for (const [from, to] of operation.renames) {
    const position = type.fields.findIndex((f) => f.name === from);
    if (position < 0) {
      if (operation.ifExists) continue;
      throw new InvalidRequestError(`Unkown field ${from} in user type ${qualifiedName(type.keyspace, type.name)}`);
    }
    names[position] = to;
  }
  for (const name of names) {
    // Cassandra's message names the keyspace where it means the type; kept word for word.
    if (names.filter((n) => n === name).length > 1) throw new InvalidRequestError(`Duplicate field name ${name} in type ${type.keyspace}`);
  }
  if (names.every((n, i) => n === type.fields[i]!.name)) return type;
  return { ...type, fields: type.fields.map((f, i) => ({ name: names[i]!, type: f.type })) };
}
