import { ConfigurationError, InvalidRequestError } from '../../../errors/index.js';
import {
  buildTable, sameTableOptions, tableDefinition, withTable, type TableMetadata,
} from '../../../schema/index.js';
import { isCounter } from '../../../types/index.js';
import type { AlterTableOperation, AlterTableStatement, Properties } from '../../ast/index.js';
import { addColumns, dropColumns, renameColumns } from './alter-table-columns.js';
import { authorizeSchemaChange, checkUserModifiable, resolveKeyspace } from './ddl-checks.js';
import {
  changed, unchanged, type SchemaStatementContext, type SchemaStatementResult,
} from './schema-statement-context.js';
import { TableAttributes } from './table-attributes.js';
import { checkNotView, viewsAfterAlter } from './view-dependencies.js';

/** ALTER TABLE [IF EXISTS] [ks.]t ADD | DROP | RENAME | ALTER ... TYPE | WITH, as Cassandra 4.1's AlterTableStatement. */
export function alterTable(statement: AlterTableStatement, context: SchemaStatementContext): SchemaStatementResult {
  const keyspaceName = resolveKeyspace(statement.table, context);
  const name = statement.table.name;
  authorizeSchemaChange('ALTER', { level: 'table', keyspace: keyspaceName, table: name });
  checkUserModifiable(context.schema, keyspaceName);
  const keyspace = context.schema.keyspace(keyspaceName);
  const table = keyspace?.tables.get(name);
  if (keyspace === undefined || table === undefined) {
    if (statement.ifExists) return unchanged(context);
    throw new InvalidRequestError(`Table '${keyspaceName}.${name}' doesn't exist`);
  }
  checkNotView(table);
  const altered = applyOperation(statement.operation, table, context);
  if (altered === table) return unchanged(context);
  validateCounterColumns(altered);
  const dropped = statement.operation.kind === 'drop' ? statement.operation.columns : [];
  const views = viewsAfterAlter(context.schema, table, altered, dropped);
  const updated = views.reduce(withTable, withTable(keyspace, altered));
  return changed(context.schema.withKeyspace(updated), 'UPDATED', 'TABLE', keyspaceName, name);
}

/** The altered table, or the same object when the operation turned out to change nothing. */
function applyOperation(operation: AlterTableOperation, table: TableMetadata, context: SchemaStatementContext): TableMetadata {
  switch (operation.kind) {
    case 'add': return addColumns(operation, table, context.schema);
    case 'drop': return dropColumns(operation, table, context.nowMicros);
    case 'rename': return renameColumns(operation, table);
    case 'alterType': throw new InvalidRequestError('Altering column types is no longer supported');
    case 'with': return alterOptions(operation.properties, table);
    // enable_drop_compact_storage is false by default in 4.1, and Cassanova has no COMPACT STORAGE tables anyway.
    case 'dropCompactStorage': throw new InvalidRequestError('DROP COMPACT STORAGE is disabled. Enable in cassandra.yaml to use.');
  }
}

function alterOptions(properties: Properties, table: TableMetadata): TableMetadata {
  const attributes = new TableAttributes(properties);
  if (attributes.id() !== undefined) throw new ConfigurationError('Cannot alter table id.');
  const options = attributes.options(table.options);
  if (table.isCounterTable && options.defaultTimeToLive > 0) {
    throw new InvalidRequestError('Cannot set default_time_to_live on a table with counters');
  }
  return sameTableOptions(options, table.options) ? table : buildTable({ ...tableDefinition(table), options });
}

/** TableMetadata.validate's counter rule: a counter table holds only counters, other tables none. */
function validateCounterColumns(table: TableMetadata): void {
  for (const column of [...table.staticColumns, ...table.regularColumns]) {
    const counter = isCounter(column.type);
    if (table.isCounterTable && !counter) {
      throw new ConfigurationError(`${table.keyspace}.${table.name}: Cannot have a non counter column ("${column.name}") in a counter table`);
    }
    if (!table.isCounterTable && counter) {
      throw new ConfigurationError(`${table.keyspace}.${table.name}: Cannot have a counter column ("${column.name}") in a non counter table`);
    }
  }
}
