import { InvalidRequestError } from '../../../errors/index.js';
import { withUserType } from '../../../schema/index.js';
import { isCounter, type UserType } from '../../../types/index.js';
import type { CreateTypeStatement } from '../../ast/index.js';
import { parseTypeInKeyspace } from './column-types.js';
import { authorizeSchemaChange, checkUserModifiable, keyspaceDoesNotExist, resolveKeyspace } from './ddl-checks.js';
import {
  changed, unchanged, type SchemaStatementContext, type SchemaStatementResult,
} from './schema-statement-context.js';

/** CREATE TYPE [IF NOT EXISTS] [ks.]name (field type, ...). */
export function createType(statement: CreateTypeStatement, context: SchemaStatementContext): SchemaStatementResult {
  const keyspaceName = resolveKeyspace(statement.type, context);
  const name = statement.type.name;
  authorizeSchemaChange('CREATE', { level: 'allTables', keyspace: keyspaceName });
  checkUserModifiable(context.schema, keyspaceName);
  const keyspace = context.schema.keyspace(keyspaceName);
  if (keyspace === undefined) throw keyspaceDoesNotExist(keyspaceName);
  if (keyspace.userTypes.has(name)) {
    if (statement.ifNotExists) return unchanged(context);
    throw new InvalidRequestError(`A user type with name '${name}' already exists`);
  }
  const names = new Set<string>();
  for (const field of statement.fields) {
    if (names.has(field.name)) throw new InvalidRequestError(`Duplicate field name '${field.name}' in type '${name}'`);
    names.add(field.name);
  }
  const fields = statement.fields.map((f) => ({ name: f.name, type: parseTypeInKeyspace(f.type, keyspaceName, context.schema) }));
  for (const { type } of fields) {
    if (isCounter(type)) throw new InvalidRequestError('A user type cannot contain counters');
    if (type.kind === 'udt' && !type.frozen) throw new InvalidRequestError('A user type cannot contain non-frozen UDTs');
  }
  // Stored multi-cell (not frozen) as Cassandra keeps types; a column freezes it with frozen<...>.
  const udt: UserType = { kind: 'udt', keyspace: keyspaceName, name, fields, frozen: false };
  return changed(context.schema.withKeyspace(withUserType(keyspace, udt)), 'CREATED', 'TYPE', keyspaceName, name);
}
