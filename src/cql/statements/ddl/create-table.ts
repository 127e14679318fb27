import { AlreadyExistsError, InvalidRequestError } from '../../../errors/index.js';
import {
  buildTable, compareNames, newTableId, referencesDuration, withTable, type ClusteringColumnDefinition,
  type ColumnDefinition, type KeyspaceMetadata, type TableMetadata,
} from '../../../schema/index.js';
import { isCounter, isMultiCell, type CqlType } from '../../../types/index.js';
import { formatCqlType } from '../../../types/index.js';
import type { CreateTableStatement } from '../../ast/index.js';
import { hasNestedMultiCellField, parseColumnType } from './column-types.js';
import {
  authorizeSchemaChange, checkUserModifiable, keyspaceDoesNotExist, resolveKeyspace, validateTableName, writtenName,
} from './ddl-checks.js';
import {
  changed, unchanged, type SchemaStatementContext, type SchemaStatementResult,
} from './schema-statement-context.js';
import { TableAttributes } from './table-attributes.js';

/** CREATE TABLE [IF NOT EXISTS] [ks.]t (...) [WITH ...], validated as Cassandra 4.1's CreateTableStatement. */
export function createTable(statement: CreateTableStatement, context: SchemaStatementContext): SchemaStatementResult {
  const keyspaceName = resolveKeyspace(statement.table, context);
  const name = statement.table.name;
  const primaryKey = declaredPrimaryKey(statement);
  authorizeSchemaChange('CREATE', { level: 'keyspace', keyspace: keyspaceName });
  checkUserModifiable(context.schema, keyspaceName);
  const keyspace = context.schema.keyspace(keyspaceName);
  if (keyspace === undefined) throw keyspaceDoesNotExist(keyspaceName);
  if (keyspace.tables.has(name)) {
    if (statement.ifNotExists) return unchanged(context);
    throw new AlreadyExistsError(keyspaceName, name);
  }
  const table = newTable(statement, primaryKey, keyspace, context);
  return changed(context.schema.withKeyspace(withTable(keyspace, table)), 'CREATED', 'TABLE', keyspaceName, name);
}

interface PrimaryKey {
  readonly partitionKey: readonly string[];
  readonly clustering: readonly string[];
}

/** The checks Cassandra makes while parsing: duplicate columns, exactly one PRIMARY KEY, duplicate orderings. */
function declaredPrimaryKey(statement: CreateTableStatement): PrimaryKey {
  const tableName = writtenName(statement.table);
  const seen = new Set<string>();
  for (const column of statement.columns) {
    if (seen.has(column.name)) throw new InvalidRequestError(`Duplicate column '${column.name}' declaration for table '${tableName}'`);
    seen.add(column.name);
  }
  const inline = statement.columns.filter((c) => c.isPrimaryKey).map((c) => c.name);
  const clause = statement.partitionKey;
  const sameAsInline = inline.length === 1 && clause.length === 1 && clause[0] === inline[0] && statement.clusteringColumns.length === 0;
  const declarations = inline.length + (clause.length > 0 && !sameAsInline ? 1 : 0);
  if (declarations > 1) {
    throw new InvalidRequestError(`Multiple PRIMARY KEY specified for table '${tableName}' (exactly one required)`);
  }
  if (declarations === 0) {
    throw new InvalidRequestError(`No PRIMARY KEY specifed for table '${tableName}' (exactly one required)`);
  }
  const ordered = new Set<string>();
  for (const { column } of statement.clusteringOrder) {
    if (ordered.has(column)) {
      throw new InvalidRequestError(`Duplicate column '${column}' in CLUSTERING ORDER BY clause for table '${tableName}'`);
    }
    ordered.add(column);
  }
  return inline.length === 1 && clause.length === 0
    ? { partitionKey: inline, clustering: [] }
    : { partitionKey: clause, clustering: statement.clusteringColumns };
}

function newTable(
  statement: CreateTableStatement,
  key: PrimaryKey,
  keyspace: KeyspaceMetadata,
  context: SchemaStatementContext,
): TableMetadata {
  const name = statement.table.name;
  const attributes = new TableAttributes(statement.properties);
  const options = attributes.options(null);
  // Types are prepared in column-name order, as Cassandra's TreeMap of columns does.
  const types = new Map<string, CqlType>();
  const reversed = new Set<string>();
  for (const column of [...statement.columns].sort((a, b) => compareNames(a.name, b.name))) {
    const declared = parseColumnType(column.type, keyspace.name, context.schema);
    types.set(column.name, declared.type);
    if (declared.reversed) reversed.add(column.name);
  }
  for (const type of types.values()) {
    if (hasNestedMultiCellField(type)) {
      throw new InvalidRequestError('Non-frozen UDTs with nested non-frozen collections are not supported');
    }
  }
  const statics = new Set(statement.columns.filter((c) => c.isStatic).map((c) => c.name));
  checkPrimaryKeyColumns(key, types, statics, name);
  const clustering = clusteringColumns(statement, key, types, reversed);
  if (statement.compactStorage) {
    throw new InvalidRequestError('COMPACT STORAGE tables are not supported by Cassanova');
  }
  if (key.clustering.length === 0 && statics.size > 0) {
    throw new InvalidRequestError('Static columns are only useful (and thus allowed) if the table has at least one clustering column');
  }
  const others = [...types].filter(([n]) => !key.partitionKey.includes(n) && !key.clustering.includes(n));
  const isCounterTable = [...types.values()].some(isCounter);
  if (isCounterTable) {
    if (others.some(([, t]) => !isCounter(t))) throw new InvalidRequestError('Cannot mix counter and non counter columns in the same table');
    if (options.defaultTimeToLive > 0) throw new InvalidRequestError('Cannot set default_time_to_live on a table with counters');
  }
  validateTableName(keyspace.name, name);
  const column = ([n, type]: [string, CqlType]): ColumnDefinition => ({ name: n, type });
  return buildTable({
    keyspace: keyspace.name,
    name,
    id: attributes.id() ?? newTableId(context.nowMicros, context.random),
    partitionKey: key.partitionKey.map((n) => column([n, types.get(n)!])),
    clustering,
    staticColumns: others.filter(([n]) => statics.has(n)).map(column),
    regularColumns: others.filter(([n]) => !statics.has(n)).map(column),
    options,
    virtual: false,
    isCounterTable,
    droppedColumns: new Map(),
    indexes: new Map(),
  });
}

function checkPrimaryKeyColumns(key: PrimaryKey, types: ReadonlyMap<string, CqlType>, statics: ReadonlySet<string>, table: string): void {
  const seen = new Set<string>();
  for (const column of [...key.partitionKey, ...key.clustering]) {
    const type = types.get(column);
    if (type === undefined) throw new InvalidRequestError(`Unknown column '${column}' referenced in PRIMARY KEY for table '${table}'`);
    if (seen.has(column)) throw new InvalidRequestError(`Duplicate column '${column}' in PRIMARY KEY clause for table '${table}'`);
    seen.add(column);
    if (isMultiCell(type)) {
      const what = type.kind === 'udt' ? 'user-defined type' : 'collection type';
      throw new InvalidRequestError(`Invalid non-frozen ${what} ${formatCqlType(type)} for PRIMARY KEY column '${column}'`);
    }
    if (isCounter(type)) throw new InvalidRequestError(`counter type is not supported for PRIMARY KEY column '${column}'`);
    if (referencesDuration(type)) throw new InvalidRequestError(`duration type is not supported for PRIMARY KEY column '${column}'`);
    if (statics.has(column)) throw new InvalidRequestError(`Static column '${column}' cannot be part of the PRIMARY KEY`);
  }
}

/**
 * The clustering columns with their order; CLUSTERING ORDER BY must name a prefix of them, in order. A
 * column declared with a ReversedType custom type is in descending order (or ascending under DESC).
 */
function clusteringColumns(
  statement: CreateTableStatement, key: PrimaryKey, types: ReadonlyMap<string, CqlType>, reversed: ReadonlySet<string>,
): ClusteringColumnDefinition[] {
  const order = statement.clusteringOrder;
  if (order.length > key.clustering.length) {
    throw new InvalidRequestError('Only clustering columns can be defined in CLUSTERING ORDER directive');
  }
  order.forEach(({ column }, i) => {
    const expected = key.clustering[i]!;
    if (column === expected) return;
    if (order.some((o) => o.column === expected)) {
      throw new InvalidRequestError(
        `The order of columns in the CLUSTERING ORDER directive must match that of the clustering columns (${expected} must appear before ${column})`,
      );
    }
    throw new InvalidRequestError(`Missing CLUSTERING ORDER for column ${expected}`);
  });
  return key.clustering.map((name) => ({
    name,
    type: types.get(name)!,
    order: (order.find((o) => o.column === name)?.descending === true) !== reversed.has(name) ? 'desc' : 'asc',
  }));
}
