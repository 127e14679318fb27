import { ConfigurationError, InvalidRequestError } from '../../../errors/index.js';
import { rebuildTable, sameTableOptions, withTable, withoutTable, type TableMetadata } from '../../../schema/index.js';
import type { AlterViewStatement, DropViewStatement, QualifiedName } from '../../ast/index.js';
import { authorizeSchemaChange, checkUserModifiable, resolveKeyspace } from './ddl-checks.js';
import { changed, unchanged, type SchemaStatementContext, type SchemaStatementResult } from './schema-statement-context.js';
import { TableAttributes } from './table-attributes.js';

/** ALTER MATERIALIZED VIEW [IF EXISTS] [ks.]v WITH …, as Cassandra 4.1's AlterViewStatement. */
export function alterView(statement: AlterViewStatement, context: SchemaStatementContext): SchemaStatementResult {
  const found = existingView(statement.view, statement.ifExists, context);
  if (found === null) return unchanged(context);
  const { keyspace, view } = found;
  const attributes = new TableAttributes(statement.properties);
  if (attributes.id() !== undefined) throw new ConfigurationError('Cannot alter table id.');
  const options = attributes.options(view.options);
  if (options.gcGraceSeconds === 0) {
    throw new InvalidRequestError('Cannot alter gc_grace_seconds of a materialized view to 0, since this value is used to TTL undelivered updates. '
      + 'Setting gc_grace_seconds too low might cause undelivered updates to expire before being replayed.');
  }
  if (options.defaultTimeToLive > 0) {
    throw new InvalidRequestError('Forbidden default_time_to_live detected for a materialized view. Data in a materialized view always expire at the same time than '
      + 'the corresponding data in the parent table. default_time_to_live must be set to zero, see CASSANDRA-12868 for more information');
  }
  if (sameTableOptions(options, view.options)) return unchanged(context);
  const schema = context.schema.withKeyspace(withTable(context.schema.keyspace(keyspace)!, rebuildTable(view, { options })));
  return changed(schema, 'UPDATED', 'TABLE', keyspace, view.name);
}

/** DROP MATERIALIZED VIEW [IF EXISTS] [ks.]v, as Cassandra 4.1's DropViewStatement. */
export function dropView(statement: DropViewStatement, context: SchemaStatementContext): SchemaStatementResult {
  const found = existingView(statement.view, statement.ifExists, context);
  if (found === null) return unchanged(context);
  const schema = context.schema.withKeyspace(withoutTable(context.schema.keyspace(found.keyspace)!, found.view.name));
  return changed(schema, 'DROPPED', 'TABLE', found.keyspace, found.view.name);
}

/** The view a statement names; null under IF EXISTS when there is none. Permission is ALTER on its base table. */
function existingView(
  name: QualifiedName, ifExists: boolean, context: SchemaStatementContext,
): { keyspace: string; view: TableMetadata } | null {
  const keyspace = resolveKeyspace(name, context);
  const view = context.schema.table(keyspace, name.name);
  if (view?.view !== undefined) authorizeSchemaChange('ALTER', { level: 'table', keyspace, table: view.view.baseTableName });
  checkUserModifiable(context.schema, keyspace);
  if (view?.view === undefined) {
    if (ifExists) return null;
    throw new InvalidRequestError(`Materialized view '${keyspace}.${name.name}' doesn't exist`);
  }
  return { keyspace, view };
}
