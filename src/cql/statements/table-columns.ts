import { InvalidRequestError } from '../../errors/index.js';
import type { ColumnMetadata, TableMetadata } from '../../schema/index.js';
import { native, type CqlType } from '../../types/index.js';
import type { ColumnSpecification } from './column-specification.js';

/** Looks up a column, failing the way Cassandra's TableMetadata.getExistingColumn does. */
export function existingColumn(table: TableMetadata, name: string): ColumnMetadata {
  const column = table.columns.get(name);
  if (column === undefined) {
    throw new InvalidRequestError(`Undefined column name ${quoteIfNeeded(name)} in table ${table.keyspace}.${table.name}`);
  }
  return column;
}

export function columnSpec(table: TableMetadata, column: ColumnMetadata): ColumnSpecification {
  return { keyspace: table.keyspace, table: table.name, name: column.name, type: column.type };
}

/** Columns in the order `SELECT *` returns them: partition key, clustering, statics, regulars. */
export function columnsInSelectOrder(table: TableMetadata): ColumnMetadata[] {
  return [...table.partitionKey, ...table.clustering, ...table.staticColumns, ...table.regularColumns];
}

export function isPrimaryKey(column: ColumnMetadata): boolean {
  return column.kind === 'partition_key' || column.kind === 'clustering';
}

/** Identifiers print unquoted when they are lower-case words, else in double quotes (ColumnIdentifier.toCQLString). */
export function quoteIfNeeded(name: string): string {
  return /^[a-z][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/**
 * The receiver of a list index, map key, or list/set/map element of the collection `receiver` names
 * (Lists.indexSpecOf, Maps.keySpecOf, Maps.valueSpecOf, Sets.valueSpecOf): `key(m)`, `value(s)`, `idx(l)`.
 */
export function collectionPartSpec(receiver: ColumnSpecification, part: 'idx' | 'key' | 'value'): ColumnSpecification {
  const t = receiver.type;
  let type: CqlType = t;
  if (part === 'idx') type = native('int');
  else if (t.kind === 'map') type = part === 'key' ? t.key : t.value;
  else if (t.kind === 'list' || t.kind === 'set') type = t.element;
  return { ...receiver, name: `${part}(${receiver.name})`, type };
}
