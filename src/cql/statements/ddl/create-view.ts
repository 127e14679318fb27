import { AlreadyExistsError, InvalidRequestError } from '../../../errors/index.js';
import {
  buildTable, newTableId, referencesDuration, withTable, type ColumnMetadata, type KeyspaceMetadata,
  type TableMetadata, type ViewDefinition,
} from '../../../schema/index.js';
import { isCounter, isMultiCell, marshalClassName } from '../../../types/index.js';
import type { CreateViewStatement, SelectClause, Selector } from '../../ast/index.js';
import { existingColumn } from '../table-columns.js';
import { authorizeSchemaChange, checkUserModifiable, keyspaceDoesNotExist, resolveKeyspace, validateTableName } from './ddl-checks.js';
import { changed, unchanged, type SchemaStatementContext, type SchemaStatementResult } from './schema-statement-context.js';
import { TableAttributes } from './table-attributes.js';
import { prepareViewWhere } from './view-where.js';

/** View.USAGE_WARNING, sent with every CREATE MATERIALIZED VIEW that creates one. */
export const VIEW_USAGE_WARNING = 'Materialized views are experimental and are not recommended for production use.';

/** CREATE MATERIALIZED VIEW [IF NOT EXISTS] [ks.]v AS SELECT … FROM [ks.]t WHERE … PRIMARY KEY (…), as Cassandra 4.1's CreateViewStatement. */
export function createView(statement: CreateViewStatement, context: SchemaStatementContext): SchemaStatementResult {
  const keyspaceName = prepareCreateView(statement, context.keyspace);
  const viewName = statement.view.name;
  const baseName = statement.baseTable.name;
  authorizeSchemaChange('ALTER', { level: 'table', keyspace: keyspaceName, table: baseName });
  checkUserModifiable(context.schema, keyspaceName);
  if (context.materializedViewsEnabled === false) {
    throw new InvalidRequestError('Materialized views are disabled. Enable in cassandra.yaml to use.');
  }
  const keyspace = context.schema.keyspace(keyspaceName);
  if (keyspace === undefined) throw keyspaceDoesNotExist(keyspaceName);
  const base = keyspace.tables.get(baseName);
  if (base === undefined || base.view !== undefined) throw new InvalidRequestError(`Base table '${baseName}' doesn't exist`);
  const existing = keyspace.tables.get(viewName);
  if (existing !== undefined && existing.view === undefined) {
    throw new InvalidRequestError(`Cannot create materialized view '${viewName}' - a table with the same name already exists`);
  }
  if (existing !== undefined) {
    // CreateViewStatement.clientWarnings: given whether or not the schema changed.
    if (statement.ifNotExists) return { ...unchanged(context), warnings: [VIEW_USAGE_WARNING] };
    throw new AlreadyExistsError(keyspaceName, viewName);
  }
  const view = newView(statement, base, keyspace, context);
  return changed(context.schema.withKeyspace(withTable(keyspace, view)), 'CREATED', 'TABLE', keyspaceName, viewName, [VIEW_USAGE_WARNING]);
}

/**
 * CreateViewStatement.Raw.prepare's checks, made when the statement is prepared (bind markers are refused
 * then, before they could be bound): the view's keyspace, the base table in the same one, no markers.
 */
export function prepareCreateView(statement: CreateViewStatement, sessionKeyspace: string | null): string {
  const keyspaceName = resolveKeyspace(statement.view, { keyspace: sessionKeyspace });
  if (statement.baseTable.keyspace !== null && statement.baseTable.keyspace !== keyspaceName) {
    throw new InvalidRequestError('Cannot create a materialized view on a table in a different keyspace');
  }
  if (statement.hasBindMarkers) throw new InvalidRequestError('Bind variables are not allowed in CREATE MATERIALIZED VIEW statements');
  return keyspaceName;
}

function newView(statement: CreateViewStatement, base: TableMetadata, keyspace: KeyspaceMetadata, context: SchemaStatementContext): TableMetadata {
  const viewName = statement.view.name;
  if (base.isCounterTable) throw new InvalidRequestError('Materialized views are not supported on counter tables');
  if (base.options.gcGraceSeconds === 0) {
    throw new InvalidRequestError(`Cannot create materialized view '${viewName}' for base table '${base.name}' with gc_grace_seconds of 0, `
      + 'since this value is used to TTL undelivered updates. Setting gc_grace_seconds too low might cause undelivered updates to expire before being replayed.');
  }
  const selected = selectedColumns(statement.selection, base);
  const staticColumn = base.staticColumns.find((c) => selected.has(c.name));
  if (staticColumn !== undefined) {
    throw new InvalidRequestError(`Cannot include static column '${staticColumn.name}' in materialized view '${viewName}'`);
  }
  const keyColumns = checkViewKey(statement, base, selected);
  const where = prepareViewWhere(base, statement.where, context.schema, context.nowMicros);
  const unrestricted = keyColumns.filter((c) => !where.restricted.has(c.name));
  if (unrestricted.length > 0) {
    throw new InvalidRequestError(`Primary key columns ${unrestricted.map((c) => c.name).join(', ')} must be restricted with 'IS NOT NULL' or otherwise`);
  }
  if (where.illegallyRestricted.length > 0) {
    throw new InvalidRequestError(`Non-primary key columns can only be restricted with 'IS NOT NULL' (got: ${where.illegallyRestricted.join(',')} restricted illegally)`);
  }
  const attributes = new TableAttributes(statement.properties);
  const options = attributes.options(null);
  if (statement.properties.entries.some(([name]) => name === 'default_time_to_live')) {
    throw new InvalidRequestError('Cannot set default_time_to_live for a materialized view. Data in a materialized view always expire at the same time than the corresponding data in the parent table.');
  }
  validateTableName(keyspace.name, viewName);
  const basePrimaryKey = new Set([...base.partitionKey, ...base.clustering].map((c) => c.name));
  const definition: ViewDefinition = {
    baseTableId: base.id, baseTableName: base.name, includeAllColumns: statement.selection === null,
    whereClause: where.text, filter: where.filter,
    baseNonKeyColumnInKey: keyColumns.find((c) => !basePrimaryKey.has(c.name))?.name ?? null,
  };
  const inKey = new Set(keyColumns.map((c) => c.name));
  const descending = (name: string): boolean => {
    const ordered = statement.clusteringOrder.find((o) => o.column === name);
    return ordered === undefined ? base.columns.get(name)!.clusteringOrder === 'desc' : ordered.descending;
  };
  return buildTable({
    keyspace: keyspace.name,
    name: viewName,
    id: attributes.id() ?? newTableId(context.nowMicros, context.random),
    partitionKey: statement.partitionKey.map((n) => ({ name: n, type: base.columns.get(n)!.type })),
    clustering: statement.clusteringColumns.map((n) => ({ name: n, type: base.columns.get(n)!.type, order: descending(n) ? 'desc' : 'asc' })),
    staticColumns: [],
    regularColumns: [...selected.values()].filter((c) => !inKey.has(c.name)).map((c) => ({ name: c.name, type: c.type })),
    options,
    virtual: false,
    isCounterTable: false,
    droppedColumns: new Map(),
    indexes: new Map(),
    view: definition,
  });
}

/** The base columns the SELECT clause names (every one for `*`), each by name only. */
function selectedColumns(selection: readonly SelectClause[] | null, base: TableMetadata): Map<string, ColumnMetadata> {
  if (selection === null) return new Map(base.columns);
  const selected = new Map<string, ColumnMetadata>();
  for (const clause of selection) {
    if (clause.alias !== null) {
      throw new InvalidRequestError(`Cannot use aliases when defining a materialized view (got ${selectorText(clause.selector)} AS ${clause.alias})`);
    }
    if (clause.selector.kind !== 'column') {
      throw new InvalidRequestError(`Can only select columns by name when defining a materialized view (got ${selectorText(clause.selector)})`);
    }
    const column = existingColumn(base, clause.selector.name);
    selected.set(column.name, column);
  }
  return selected;
}

function selectorText(selector: Selector): string {
  switch (selector.kind) {
    case 'column': return selector.name;
    case 'writetime': case 'ttl': case 'maxwritetime': return `${selector.kind}(${selector.column})`;
    case 'function': return `${selector.name}(${selector.args.map(selectorText).join(', ')})`;
    case 'countStar': return 'count(*)';
    case 'cast': return `cast(${selectorText(selector.selector)} as ${selector.type})`;
    case 'parenthesized': return `(${selectorText(selector.selector)})`;
    case 'field': return `${selectorText(selector.selector)}.${selector.field}`;
    default: return selector.kind;
  }
}

/** The view's primary key checked against the base table: existing selected columns, each once, of key-able types. */
function checkViewKey(statement: CreateViewStatement, base: TableMetadata, selected: ReadonlyMap<string, ColumnMetadata>): ColumnMetadata[] {
  const viewName = statement.view.name;
  const columns: ColumnMetadata[] = [];
  for (const name of [...statement.partitionKey, ...statement.clusteringColumns]) {
    const column = base.columns.get(name);
    if (column === undefined || !selected.has(name)) {
      throw new InvalidRequestError(`Unknown column '${name}' referenced in PRIMARY KEY for materialized view '${viewName}'`);
    }
    if (columns.includes(column)) throw new InvalidRequestError(`Duplicate column '${name}' in PRIMARY KEY clause for materialized view '${viewName}'`);
    columns.push(column);
    const type = column.type;
    if (isMultiCell(type)) {
      const what = type.kind === 'udt' ? 'user-defined type' : 'collection type';
      throw new InvalidRequestError(`Invalid non-frozen ${what} '${marshalClassName(type)}' for PRIMARY KEY column '${name}'`);
    }
    if (isCounter(type)) throw new InvalidRequestError(`counter type is not supported for PRIMARY KEY column '${name}'`);
    if (referencesDuration(type)) throw new InvalidRequestError(`duration type is not supported for PRIMARY KEY column '${name}'`);
  }
  const order = statement.clusteringOrder.map((o) => o.column);
  if (order.length > 0 && (order.length !== statement.clusteringColumns.length || order.some((c, i) => c !== statement.clusteringColumns[i]))) {
    throw new InvalidRequestError('Clustering key columns must exactly match columns in CLUSTERING ORDER BY directive');
  }
  const inKey = new Set(columns.map((c) => c.name));
  const missing = [...base.partitionKey, ...base.clustering].filter((c) => !inKey.has(c.name));
  if (missing.length > 0) {
    throw new InvalidRequestError(`Cannot create materialized view '${viewName}' without primary key columns ${missing.map((c) => c.name).join(', ')} from base table '${base.name}'`);
  }
  const extra = columns.filter((c) => c.kind === 'regular' || c.kind === 'static');
  if (extra.length > 1) {
    throw new InvalidRequestError(`Cannot include more than one non-primary key column in materialized view primary key (got ${extra.map((c) => c.name).join(', ')})`);
  }
  return columns;
}
