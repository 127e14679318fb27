import { InvalidRequestError } from '../../../errors/index.js';
import { buildTable, tableDefinition, withTable } from '../../../schema/index.js';
import type { DropIndexStatement } from '../../ast/index.js';
import { authorizeSchemaChange, checkUserModifiable, resolveKeyspace } from './ddl-checks.js';
import {
  changed, unchanged, type SchemaStatementContext, type SchemaStatementResult,
} from './schema-statement-context.js';

/** DROP INDEX [IF EXISTS] [ks.]name: reported as an update of the indexed table. */
export function dropIndex(statement: DropIndexStatement, context: SchemaStatementContext): SchemaStatementResult {
  const keyspaceName = resolveKeyspace(statement.index, context);
  const name = statement.index.name;
  const keyspace = context.schema.keyspace(keyspaceName);
  const table = keyspace === undefined ? undefined : [...keyspace.tables.values()].find((t) => t.indexes.has(name));
  if (table !== undefined) authorizeSchemaChange('ALTER', { level: 'table', keyspace: keyspaceName, table: table.name });
  checkUserModifiable(context.schema, keyspaceName);
  if (keyspace === undefined || table === undefined) {
    if (statement.ifExists) return unchanged(context);
    // The stray quote is Cassandra's own.
    throw new InvalidRequestError(`Index '${keyspaceName}.${name}' doesn't exist'`);
  }
  const indexes = new Map(table.indexes);
  indexes.delete(name);
  const updated = buildTable({ ...tableDefinition(table), indexes });
  return changed(context.schema.withKeyspace(withTable(keyspace, updated)), 'UPDATED', 'TABLE', keyspaceName, table.name);
}
