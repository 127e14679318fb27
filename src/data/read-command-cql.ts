import { formatValue, maybeQuoteIdentifier, type CqlType } from '../types/index.js';
import type { ColumnMetadata, TableMetadata } from '../schema/index.js';
import type { Clustering } from './partition-update.js';
import type { ClusteringFilter, PartitionPosition, ReadCommand } from './read-command.js';

/** The ring's ends: a range bound there is unrestricted. */
const MIN_TOKEN = -(2n ** 63n);
const MAX_TOKEN = 2n ** 63n - 1n;

/**
 * A read as Cassandra 4.1's ReadCommand.toCQLString prints it in tombstone warnings and traces: every
 * column, the partition key (or token range) as `AbstractType.getString` shows values (text unquoted),
 * the clustering filter, and the limits.
 */
export function readCommandCql(command: ReadCommand): string {
  const table = command.table;
  let cql = `SELECT * FROM ${maybeQuoteIdentifier(table.keyspace)}.${maybeQuoteIdentifier(table.name)}`;
  const clauses: string[] = [];
  if (command.kind === 'single') {
    clauses.push(`${columnList(table.partitionKey)} = ${partitionKeyString(table, command.key)}`);
  } else {
    const { start, end, startInclusive, endInclusive } = command.bounds;
    if (start !== null && !(start.key === null && start.token === MIN_TOKEN)) clauses.push(tokenClause(table, start, startInclusive ? '>=' : '>'));
    if (end !== null && !(end.key === null && end.token === MAX_TOKEN)) clauses.push(tokenClause(table, end, endInclusive ? '<=' : '<'));
  }
  const filter = filterString(table, command.filter);
  if (filter !== '') clauses.push(filter);
  if (clauses.length > 0) cql += ` WHERE ${clauses.join(' AND ')}`;
  // DataLimits.CQLLimits.toString: the row limit, then the per-partition one.
  if (command.rowLimit !== Infinity) cql += ` LIMIT ${command.rowLimit}`;
  if (command.kind === 'range' && command.perPartitionLimit !== Infinity) cql += ` PER PARTITION LIMIT ${command.perPartitionLimit}`;
  return cql;
}

function tokenClause(table: TableMetadata, position: PartitionPosition, operator: string): string {
  const value = position.key === null ? String(position.token) : `token(${partitionKeyString(table, position.key)})`;
  return `token(${columnList(table.partitionKey)}) ${operator} ${value}`;
}

function columnList(columns: readonly ColumnMetadata[]): string {
  return columns.map((c) => maybeQuoteIdentifier(c.name)).join(', ');
}

/** DataRange.appendKeyString: each component of a partition key in its type's string form. */
export function partitionKeyString(table: TableMetadata, key: Buffer): string {
  if (table.partitionKey.length === 1) return valueString(table.partitionKey[0]!.type, key);
  const parts: string[] = [];
  let offset = 0;
  for (const column of table.partitionKey) {
    const length = key.readUInt16BE(offset);
    parts.push(valueString(column.type, key.subarray(offset + 2, offset + 2 + length)));
    offset += 2 + length + 1;
  }
  return parts.join(', ');
}

/** AbstractType.getString: text as is, everything else as its literal. */
function valueString(type: CqlType, value: Buffer): string {
  if (type.kind === 'native' && (type.name === 'text' || type.name === 'ascii')) return value.toString('utf8');
  return formatValue(type, value);
}

function filterString(table: TableMetadata, filter: ClusteringFilter): string {
  if (table.clustering.length === 0) return '';
  let out = '';
  if (filter.kind === 'names' && filter.clusterings.length > 0) {
    const values = filter.clusterings.map((c) => `(${clusteringString(table, c)})`);
    out = `(${columnList(table.clustering)})${values.length === 1 ? ` = ${values[0]}` : ` IN (${values.join(', ')})`}`;
  } else if (filter.kind === 'slices') {
    out = filter.slices.flatMap((slice) => [
      boundClause(table, slice.start.prefix, slice.start.inclusive ? '>=' : '>'),
      boundClause(table, slice.end.prefix, slice.end.inclusive ? '<=' : '<'),
    ]).filter((c) => c !== '').join(' AND ');
  }
  if (!filter.reversed) return out;
  const order = table.clustering.map((c) => `${maybeQuoteIdentifier(c.name)} ${c.clusteringOrder === 'desc' ? 'ASC' : 'DESC'}`);
  return `${out} ORDER BY (${order.join(', ')})`.trim();
}

function boundClause(table: TableMetadata, prefix: Clustering, operator: string): string {
  if (prefix.length === 0) return '';
  return `(${columnList(table.clustering.slice(0, prefix.length))}) ${operator} (${clusteringString(table, prefix)})`;
}

function clusteringString(table: TableMetadata, clustering: Clustering): string {
  return clustering.map((v, i) => valueString(table.clustering[i]!.type, v)).join(', ');
}
