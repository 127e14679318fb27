import { InvalidRequestError } from '../../../errors/index.js';
import { withoutTable } from '../../../schema/index.js';
import type { DropTableStatement } from '../../ast/index.js';
import { authorizeSchemaChange, checkUserModifiable, resolveKeyspace } from './ddl-checks.js';
import { checkNoViews } from './view-dependencies.js';
import {
  changed, unchanged, type SchemaStatementContext, type SchemaStatementResult,
} from './schema-statement-context.js';

/** DROP TABLE [IF EXISTS] [ks.]t: the table goes with its indexes. */
export function dropTable(statement: DropTableStatement, context: SchemaStatementContext): SchemaStatementResult {
  const keyspaceName = resolveKeyspace(statement.table, context);
  const name = statement.table.name;
  authorizeSchemaChange('DROP', { level: 'table', keyspace: keyspaceName, table: name });
  checkUserModifiable(context.schema, keyspaceName);
  const keyspace = context.schema.keyspace(keyspaceName);
  if (keyspace === undefined || !keyspace.tables.has(name)) {
    if (statement.ifExists) return unchanged(context);
    throw new InvalidRequestError(`Table '${keyspaceName}.${name}' doesn't exist`);
  }
  checkNoViews(context.schema, keyspace.tables.get(name)!);
  return changed(context.schema.withKeyspace(withoutTable(keyspace, name)), 'DROPPED', 'TABLE', keyspaceName, name);
}
