import type {
  ColumnMetadata, IndexMetadata, KeyspaceMetadata, TableMetadata, TableOptions,
} from '../../schema/index.js';
import {
  formatCqlType, formatJavaDouble, isMultiCell, maybeQuoteIdentifier, uuidToString, type CqlType, type UserType,
} from '../../types/index.js';
import { qualifiedName, singleQuoted } from './cql-identifier.js';

const LOCATOR_PACKAGE = 'org.apache.cassandra.locator.';

/** KeyspaceMetadata.toCqlString; strategies of Cassandra's own package print by their simple name. */
export function keyspaceCql(ks: KeyspaceMetadata): string {
  const name = maybeQuoteIdentifier(ks.name);
  if (ks.virtual) {
    return `/*\nWarning: Keyspace ${name} is a virtual keyspace and cannot be recreated with CQL.\n` +
      `Structure, for reference:\nVIRTUAL KEYSPACE ${name};\n*/`;
  }
  return `CREATE KEYSPACE ${name} WITH replication = ${replicationCql(ks)}  AND durable_writes = ${ks.durableWrites};`;
}

/** A keyspace's replication map as CQL, Cassandra's own strategies by their short names. */
export function replicationCql(ks: KeyspaceMetadata): string {
  const className = ks.replication.get('class') ?? '';
  const shortName = className.startsWith(LOCATOR_PACKAGE) ? className.slice(LOCATOR_PACKAGE.length) : className;
  const options = [...ks.replication].filter(([key]) => key !== 'class').map(([k, v]) => `, ${singleQuoted(k)}: ${singleQuoted(v)}`);
  return `{'class': ${singleQuoted(shortName)}${options.join('')}}`;
}

/** UserType.toCqlString. */
export function typeCql(t: UserType): string {
  const fields = t.fields.map((f) => `    ${maybeQuoteIdentifier(f.name)} ${formatCqlType(f.type)}`);
  return `CREATE TYPE ${qualifiedName(t.keyspace, t.name)} (\n${fields.join(',\n')}\n);`;
}

/** IndexMetadata.toCqlString. */
export function indexCql(table: TableMetadata, index: IndexMetadata): string {
  const on = `${maybeQuoteIdentifier(index.name)} ON ${qualifiedName(table.keyspace, table.name)} (${index.options.get('target') ?? ''})`;
  if (index.kind !== 'CUSTOM') return `CREATE INDEX ${on};`;
  const options = new Map(index.options);
  options.delete('target');
  const className = options.get('class_name') ?? '';
  options.delete('class_name');
  const withOptions = options.size === 0 ? '' : ` WITH OPTIONS = ${cqlMap(options)}`;
  return `CREATE CUSTOM INDEX ${on} USING ${singleQuoted(className)}${withOptions};`;
}

/**
 * TableMetadata.toCqlString: columns, primary key and options; WITH INTERNALS adds the table id and
 * replays dropped columns (DROP ... USING TIMESTAMP, then ADD for columns added again).
 */
export function tableCql(table: TableMetadata, withInternals: boolean): string {
  const name = qualifiedName(table.keyspace, table.name);
  const singleKey = table.partitionKey.length === 1 && table.clustering.length === 0;
  const lines = columnLines(table, withInternals, singleKey);
  if (!singleKey) lines.push(`PRIMARY KEY (${primaryKey(table)})`);
  const options: string[] = [];
  if (withInternals) options.push(`ID = ${uuidToString(table.id)}`);
  if (table.clustering.length > 0) {
    const order = table.clustering.map((c) => `${maybeQuoteIdentifier(c.name)} ${c.clusteringOrder === 'desc' ? 'DESC' : 'ASC'}`);
    options.push(`CLUSTERING ORDER BY (${order.join(', ')})`);
  }
  options.push(...(table.virtual ? [`comment = ${singleQuoted(table.options.comment)}`] : optionLines(table.options)));
  const keyword = table.virtual ? 'VIRTUAL' : 'CREATE';
  let cql = `${keyword} TABLE ${name} (\n${lines.map((l) => `    ${l}\n`).join('')}) WITH ${options.join('\n    AND ')};`;
  if (table.virtual) {
    cql = `/*\nWarning: Table ${name} is a virtual table and cannot be recreated with CQL.\nStructure, for reference:\n${cql}\n*/`;
  }
  return withInternals ? cql + droppedColumnStatements(table) : cql;
}

function columnLines(table: TableMetadata, withDropped: boolean, singleKey: boolean): string[] {
  const columns = createOrder(table).filter((c) => !(withDropped && table.droppedColumns.has(c.name)));
  const lines = columns.map((c) => columnDefinition(c.name, c.type, c.kind === 'static') + (singleKey && c.kind === 'partition_key' ? ' PRIMARY KEY' : ''));
  if (withDropped) {
    for (const [name, dropped] of table.droppedColumns) lines.push(columnDefinition(name, dropped.type, dropped.kind === 'static'));
  }
  // Every line but the last takes a comma; with a separate PRIMARY KEY line, the last column does too.
  return lines.map((line, i) => (i < lines.length - 1 || !singleKey ? `${line},` : line));
}

/** Partition key, clustering, then statics and regulars, each simple types first (Columns' order). */
function createOrder(table: TableMetadata): ColumnMetadata[] {
  const simpleFirst = (cs: readonly ColumnMetadata[]): ColumnMetadata[] =>
    [...cs.filter((c) => !isMultiCell(c.type)), ...cs.filter((c) => isMultiCell(c.type))];
  return [...table.partitionKey, ...table.clustering, ...simpleFirst(table.staticColumns), ...simpleFirst(table.regularColumns)];
}

function columnDefinition(name: string, type: CqlType, isStatic: boolean): string {
  return `${maybeQuoteIdentifier(name)} ${formatCqlType(type)}${isStatic ? ' static' : ''}`;
}

function primaryKey(table: TableMetadata): string {
  const names = (cs: readonly ColumnMetadata[]): string => cs.map((c) => maybeQuoteIdentifier(c.name)).join(', ');
  const partition = table.partitionKey.length > 1 ? `(${names(table.partitionKey)})` : names(table.partitionKey);
  return table.clustering.length > 0 ? `${partition}, ${names(table.clustering)}` : partition;
}

/**
 * ViewMetadata.toCqlString: the SELECT it was created with, its key, then the options (no
 * default_time_to_live, which a view cannot have), laid out as Cassandra's CqlBuilder indents them.
 */
export function viewCql(view: TableMetadata, withInternals: boolean): string {
  const definition = view.view!;
  const selection = definition.includeAllColumns
    ? '*'
    : createOrder(view).map((c) => maybeQuoteIdentifier(c.name)).join(', ');
  const options: string[] = [];
  if (withInternals) options.push(`ID = ${uuidToString(view.id)}`);
  if (view.clustering.length > 0) {
    const order = view.clustering.map((c) => `${maybeQuoteIdentifier(c.name)} ${c.clusteringOrder === 'desc' ? 'DESC' : 'ASC'}`);
    options.push(`CLUSTERING ORDER BY (${order.join(', ')})`);
  }
  options.push(...optionLines(view.options).filter((line) => !line.startsWith('default_time_to_live ')));
  return `CREATE MATERIALIZED VIEW ${qualifiedName(view.keyspace, view.name)} AS\n`
    + `    SELECT ${selection}\n    FROM ${qualifiedName(view.keyspace, definition.baseTableName)}\n`
    + `    WHERE ${definition.whereClause}\n    PRIMARY KEY (${primaryKey(view)})\n`
    + ` WITH ${options.join('\n    AND ')};`;
}

/** TableParams.appendCqlTo as of Cassandra 4.1: alphabetical, except memtable after compression. */
function optionLines(o: TableOptions): string[] {
  const extensions = new Map([...o.extensions].map(([k, v]) => [k, `0x${v.toString('hex')}`]));
  return [
    `additional_write_policy = ${singleQuoted(o.additionalWritePolicy)}`,
    `bloom_filter_fp_chance = ${formatJavaDouble(o.bloomFilterFpChance)}`,
    `caching = ${cqlMap(o.caching)}`,
    `cdc = ${o.cdc}`,
    `comment = ${singleQuoted(o.comment)}`,
    `compaction = ${cqlMap(o.compaction)}`,
    `compression = ${cqlMap(o.compression)}`,
    `memtable = ${singleQuoted(o.memtable)}`,
    `crc_check_chance = ${formatJavaDouble(o.crcCheckChance)}`,
    `default_time_to_live = ${o.defaultTimeToLive}`,
    `extensions = ${cqlMap(extensions, false)}`,
    `gc_grace_seconds = ${o.gcGraceSeconds}`,
    `max_index_interval = ${o.maxIndexInterval}`,
    `memtable_flush_period_in_ms = ${o.memtableFlushPeriodInMs}`,
    `min_index_interval = ${o.minIndexInterval}`,
    `read_repair = ${singleQuoted(o.readRepair)}`,
    `speculative_retry = ${singleQuoted(o.speculativeRetry)}`,
  ];
}

/** CqlBuilder.append(Map): entries in key order, keys (and by default values) single-quoted. */
function cqlMap(map: ReadonlyMap<string, string>, quoteValues = true): string {
  const entries = [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${singleQuoted(k)}: ${quoteValues ? singleQuoted(v) : v}`).join(', ')}}`;
}

function droppedColumnStatements(table: TableMetadata): string {
  const name = qualifiedName(table.keyspace, table.name);
  return [...table.droppedColumns].map(([column, dropped]) => {
    const drop = `\nALTER TABLE ${name} DROP ${maybeQuoteIdentifier(column)} USING TIMESTAMP ${dropped.droppedAtMicros};`;
    const current = table.columns.get(column);
    return current === undefined ? drop : `${drop}\nALTER TABLE ${name} ADD ${columnDefinition(column, current.type, current.kind === 'static')};`;
  }).join('');
}

