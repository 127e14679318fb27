import { InvalidRequestError } from '../../../errors/index.js';
import {
  buildTable, tableDefinition, type ColumnDefinition, type DroppedColumn, type Schema, type TableMetadata,
} from '../../../schema/index.js';
import { formatCqlType } from '../../../types/index.js';
import type { AlterTableOperation, Term } from '../../ast/index.js';
import { qualifiedName } from '../../describe/cql-identifier.js';
import { maybeQuoteIdentifier } from '../../../types/index.js';
import { expandUserTypes, hasNestedMultiCellField, parseColumnType } from './column-types.js';
import { dependentIndexes } from './index-targets.js';
import { isSerializationCompatibleWith } from './dropped-column-compatibility.js';

type Operation<K extends AlterTableOperation['kind']> = Extract<AlterTableOperation, { kind: K }>;

/** ALTER TABLE ADD [IF NOT EXISTS]: new static or regular columns, checked against previously dropped ones. */
export function addColumns(operation: Operation<'add'>, table: TableMetadata, schema: Schema): TableMetadata {
  const def = tableDefinition(table);
  const statics = [...def.staticColumns];
  const regulars = [...def.regularColumns];
  const names = new Set(table.columns.keys());
  for (const column of operation.columns) {
    const { type } = parseColumnType(column.type, table.keyspace, schema);
    if (names.has(column.name)) {
      if (operation.ifNotExists) continue;
      throw new InvalidRequestError(`Column with name '${column.name}' already exists`);
    }
    if (column.isStatic && table.clustering.length === 0) {
      throw new InvalidRequestError('Static columns are only useful (and thus allowed) if the table has at least one clustering column');
    }
    if (hasNestedMultiCellField(type)) {
      throw new InvalidRequestError(`Non-frozen UDTs with nested non-frozen collections are not supported for column ${column.name}`);
    }
    const dropped = table.droppedColumns.get(column.name);
    if (dropped !== undefined) checkReAdd(column.name, { name: column.name, type }, column.isStatic, dropped, table);
    names.add(column.name);
    (column.isStatic ? statics : regulars).push({ name: column.name, type });
  }
  if (names.size === table.columns.size) return table;
  return buildTable({ ...def, staticColumns: statics, regularColumns: regulars });
}

function checkReAdd(name: string, column: ColumnDefinition, isStatic: boolean, dropped: DroppedColumn, table: TableMetadata): void {
  if (!isSerializationCompatibleWith(expandUserTypes(column.type), dropped.type)) {
    throw new InvalidRequestError(
      `Cannot re-add previously dropped column '${name}' of type ${formatCqlType(column.type)}, incompatible with previous type ${formatCqlType(dropped.type)}`,
    );
  }
  const kind = isStatic ? 'static' : 'regular';
  if (kind !== dropped.kind) {
    throw new InvalidRequestError(
      `Cannot re-add previously dropped column '${name}' of kind ${kind.toUpperCase()}, incompatible with previous kind ${dropped.kind.toUpperCase()}`,
    );
  }
  if (table.isCounterTable) throw new InvalidRequestError(`Cannot re-add previously dropped counter column ${name}`);
}

/** ALTER TABLE DROP [IF EXISTS] [USING TIMESTAMP t]: the columns go, and their drop is recorded. */
export function dropColumns(operation: Operation<'drop'>, table: TableMetadata, nowMicros: bigint): TableMetadata {
  const droppedAtMicros = operation.timestamp === null ? nowMicros : timestampOf(operation.timestamp);
  const removed = new Set<string>();
  const droppedColumns = new Map(table.droppedColumns);
  for (const name of operation.columns) {
    const column = table.columns.get(name);
    if (column === undefined) {
      if (operation.ifExists) continue;
      throw new InvalidRequestError(`Column ${name} was not found in table '${qualifiedName(table.keyspace, table.name)}'`);
    }
    if (column.kind === 'partition_key' || column.kind === 'clustering') {
      throw new InvalidRequestError(`Cannot drop PRIMARY KEY column ${name}`);
    }
    if (column.type.kind === 'udt' && !column.type.frozen) {
      throw new InvalidRequestError(`Cannot drop non-frozen column ${name} of user type ${formatCqlType(column.type)}`);
    }
    const indexes = dependentIndexes(table, name);
    if (indexes.length > 0) {
      throw new InvalidRequestError(`Cannot drop column ${name} because it has dependent secondary indexes (${indexes.join(', ')})`);
    }
    removed.add(name);
    droppedColumns.set(name, { type: expandUserTypes(column.type), kind: column.kind, droppedAtMicros });
  }
  if (removed.size === 0) return table;
  const def = tableDefinition(table);
  return buildTable({
    ...def,
    staticColumns: def.staticColumns.filter((c) => !removed.has(c.name)),
    regularColumns: def.regularColumns.filter((c) => !removed.has(c.name)),
    droppedColumns,
  });
}

/** USING TIMESTAMP takes an integer literal. */
function timestampOf(term: Term): bigint {
  if (term.kind === 'constant' && term.value.kind === 'integer') return BigInt(term.value.text);
  throw new InvalidRequestError('Invalid timestamp for DROP: an integer literal is expected');
}

/** ALTER TABLE RENAME: only primary key columns can be renamed (Cassandra 4.1). */
export function renameColumns(operation: Operation<'rename'>, table: TableMetadata): TableMetadata {
  const def = tableDefinition(table);
  let partitionKey = [...def.partitionKey];
  let clustering = [...def.clustering];
  const tableName = qualifiedName(table.keyspace, table.name);
  let renamed = 0;
  // Renames are kept by old name, the last one winning (AlterTableStatement.Raw.rename).
  for (const [from, to] of new Map(operation.renames)) {
    const column = table.columns.get(from);
    if (column === undefined) {
      if (operation.ifExists) continue;
      throw new InvalidRequestError(`Undefined column name ${maybeQuoteIdentifier(from)} in table ${tableName}`);
    }
    if (column.kind !== 'partition_key' && column.kind !== 'clustering') {
      throw new InvalidRequestError(`Cannot rename non PRIMARY KEY column ${from}`);
    }
    if (table.columns.has(to) || [...partitionKey, ...clustering].some((c) => c.name === to)) {
      throw new InvalidRequestError(`Cannot rename column ${from} to ${to} in table '${tableName}'; another column with that name already exists`);
    }
    const indexes = dependentIndexes(table, from);
    if (indexes.length > 0) {
      throw new InvalidRequestError(`Can't rename column ${from} because it has dependent secondary indexes (${indexes.join(', ')})`);
    }
    partitionKey = partitionKey.map((c) => (c.name === from ? { ...c, name: to } : c));
    clustering = clustering.map((c) => (c.name === from ? { ...c, name: to } : c));
    renamed++;
  }
  return renamed === 0 ? table : buildTable({ ...def, partitionKey, clustering });
}
