import type { DropKeyspaceStatement } from '../../ast/index.js';
import { authorizeSchemaChange, checkUserModifiable, keyspaceDoesNotExist } from './ddl-checks.js';
import {
  changed, unchanged, type SchemaStatementContext, type SchemaStatementResult,
} from './schema-statement-context.js';

/** DROP KEYSPACE [IF EXISTS] ks: the keyspace goes with all its tables, types and indexes. */
export function dropKeyspace(statement: DropKeyspaceStatement, context: SchemaStatementContext): SchemaStatementResult {
  const name = statement.keyspace;
  authorizeSchemaChange('DROP', { level: 'keyspace', keyspace: name });
  checkUserModifiable(context.schema, name);
  if (context.schema.keyspace(name) === undefined) {
    if (statement.ifExists) return unchanged(context);
    throw keyspaceDoesNotExist(name);
  }
  return changed(context.schema.withoutKeyspace(name), 'DROPPED', 'KEYSPACE', name, null);
}
