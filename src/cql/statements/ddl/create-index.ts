import { InvalidRequestError } from '../../../errors/index.js';
import {
  buildTable, tableDefinition, withTable, type IndexMetadata, type KeyspaceMetadata, type TableMetadata,
} from '../../../schema/index.js';
import type { CreateIndexStatement } from '../../ast/index.js';
import { maybeQuoteIdentifier } from '../../../types/index.js';
import { qualifiedName } from '../../describe/cql-identifier.js';
import { authorizeSchemaChange, checkUserModifiable, keyspaceDoesNotExist, resolveKeyspace } from './ddl-checks.js';
import { validateSasiOptions } from '../../sasi/index.js';
import { IndexAttributes } from './index-attributes.js';
import { validateIndexTarget, type IndexTargetType } from './index-target-rules.js';
import {
  changed, unchanged, type SchemaStatementContext, type SchemaStatementResult,
} from './schema-statement-context.js';

/**
 * CREATE [CUSTOM] INDEX [IF NOT EXISTS] [name] ON [ks.]t (target) [USING 'class' [WITH OPTIONS = {...}]].
 * The index is recorded in the schema (system_schema.indexes); queries it answers run as filtered scans
 * with its rules (restrictions/index-support.ts, and SASI's in cql/sasi).
 */
export function createIndex(statement: CreateIndexStatement, context: SchemaStatementContext): SchemaStatementResult {
  const keyspaceName = resolveKeyspace(statement.table, context);
  const tableName = statement.table.name;
  authorizeSchemaChange('ALTER', { level: 'table', keyspace: keyspaceName, table: tableName });
  checkUserModifiable(context.schema, keyspaceName);
  const attributes = new IndexAttributes(statement.using, statement.properties, context.sasiIndexesEnabled);
  const keyspace = context.schema.keyspace(keyspaceName);
  if (keyspace === undefined) throw keyspaceDoesNotExist(keyspaceName);
  const table = keyspace.tables.get(tableName);
  if (table === undefined) throw new InvalidRequestError(`Table '${tableName}' doesn't exist`);
  // CreateIndexStatement.clientWarnings (SASIIndex.USAGE_WARNING), given even when IF NOT EXISTS finds the index.
  const warnings = attributes.isSasi ? ['SASI indexes are experimental and are not recommended for production use.'] : [];
  if (statement.name !== null && indexExists(keyspace, statement.name)) {
    if (statement.ifNotExists) return { ...unchanged(context), warnings };
    throw new InvalidRequestError(`Index '${statement.name}' already exists`);
  }
  if (table.isCounterTable) throw new InvalidRequestError("Secondary indexes on counter tables aren't supported");
  if (table.view !== undefined) throw new InvalidRequestError("Secondary indexes on materialized views aren't supported");
  const target = resolveTarget(statement, table);
  const name = statement.name ?? availableIndexName(keyspace, `${tableName}_${target.column}_idx`.replace(/\W/g, ''));
  if (!/^\w+$/.test(name)) throw new InvalidRequestError(`Illegal index name ${name}`);
  const options = new Map(attributes.options());
  options.set('target', target.type === 'simple' ? maybeQuoteIdentifier(target.column) : `${target.type}(${maybeQuoteIdentifier(target.column)})`);
  const index: IndexMetadata = { name, kind: attributes.isCustom ? 'CUSTOM' : 'COMPOSITES', options };
  const duplicate = [...table.indexes.values()].find((i) => sameIndexDefinition(i, index));
  if (duplicate !== undefined) {
    if (statement.ifNotExists) return { ...unchanged(context), warnings };
    throw new InvalidRequestError(`Index ${name} is a duplicate of existing index ${duplicate.name}`);
  }
  // IndexMetadata.validate: the custom index class checks its options (SASIIndex.validateOptions).
  if (attributes.isSasi) validateSasiOptions(table.columns.get(target.column)!, options);
  const indexes = new Map(table.indexes).set(name, index);
  const updated = buildTable({ ...tableDefinition(table), indexes });
  return changed(context.schema.withKeyspace(withTable(keyspace, updated)), 'UPDATED', 'TABLE', keyspaceName, tableName, warnings);
}

/** IndexTarget.Raw.prepare: a plain column that is a collection indexes its values. */
function resolveTarget(statement: CreateIndexStatement, table: TableMetadata): { column: string; type: IndexTargetType } {
  const { column: name, type: written } = statement.target;
  const column = table.columns.get(name);
  if (column === undefined) {
    throw new InvalidRequestError(`Undefined column name ${maybeQuoteIdentifier(name)} in table ${qualifiedName(table.keyspace, table.name)}`);
  }
  const isCollection = column.type.kind === 'list' || column.type.kind === 'set' || column.type.kind === 'map';
  const type: IndexTargetType = written === 'simple' && isCollection ? 'values' : written;
  validateIndexTarget(table, column, type);
  return { column: name, type };
}

function indexExists(keyspace: KeyspaceMetadata, name: string): boolean {
  return [...keyspace.tables.values()].some((t) => t.indexes.has(name));
}

/** KeyspaceMetadata.findAvailableIndexName: the base name, else base_1, base_2, ... */
function availableIndexName(keyspace: KeyspaceMetadata, base: string): string {
  if (!indexExists(keyspace, base)) return base;
  for (let i = 1; ; i++) {
    if (!indexExists(keyspace, `${base}_${i}`)) return `${base}_${i}`;
  }
}

function sameIndexDefinition(a: IndexMetadata, b: IndexMetadata): boolean {
  return a.kind === b.kind && a.options.size === b.options.size && [...a.options].every(([k, v]) => b.options.get(k) === v);
}
