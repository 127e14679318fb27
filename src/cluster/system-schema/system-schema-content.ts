import { invariant } from '../../common/index.js';
import type { PartitionUpdate } from '../../data/index.js';
import { formatCqlType, formatValue } from '../../types/index.js';
import { userFunctionsOf, type Schema, type UserFunctionDefinition } from '../../schema/index.js';
import { SCHEMA_KEYSPACE } from '../../schema/index.js';
import type { KeyspaceMetadata, TableMetadata } from '../../schema/index.js';
import { toPartitionUpdates, type RowValues, type TokenOf } from './row-builder.js';

export type SchemaTableName =
  | 'keyspaces' | 'tables' | 'columns' | 'dropped_columns' | 'triggers' | 'views' | 'types' | 'functions'
  | 'aggregates' | 'indexes';

/**
 * The content of one system_schema table for the whole schema, as Cassandra's SchemaKeyspace writes it:
  * every keyspace that is not virtual, the built-in ones included. Materialized views are rows of
 * `views` (not of `tables`), their columns rows of `columns`. Triggers do not exist in Cassanova, so that
 * table is empty.
 */
export function systemSchemaContent(schema: Schema, table: SchemaTableName, tokenOf: TokenOf): PartitionUpdate[] {
  const metadata = schema.table(SCHEMA_KEYSPACE, table);
  invariant(metadata !== undefined, `system_schema.${table} is defined`);
  const keyspaces = [...schema.keyspaces.values()].filter((ks) => !ks.virtual);
  return toPartitionUpdates(metadata, keyspaces.flatMap((ks) => rowsOf(ks, table)), tokenOf);
}

function rowsOf(ks: KeyspaceMetadata, table: SchemaTableName): RowValues[] {
  const tables = [...ks.tables.values()];
  switch (table) {
    case 'keyspaces':
      return [{ keyspace_name: ks.name, durable_writes: ks.durableWrites, replication: [...ks.replication] }];
    case 'tables':
      return tables.filter((t) => t.view === undefined).map(tableRow);
    case 'views':
      return tables.filter((t) => t.view !== undefined).map(viewRow);
    case 'columns':
      return tables.flatMap(columnRows);
    case 'dropped_columns':
      return tables.flatMap(droppedColumnRows);
    case 'types':
      return [...ks.userTypes.values()].map((t) => ({
        keyspace_name: ks.name,
        type_name: t.name,
        field_names: t.fields.map((f) => f.name),
        field_types: t.fields.map((f) => formatCqlType(f.type)),
      }));
    case 'indexes':
      return tables.flatMap((t) => [...t.indexes.values()].map((i) => ({
        keyspace_name: t.keyspace, table_name: t.name, index_name: i.name, kind: i.kind, options: [...i.options],
      })));
    case 'functions':
      return userFunctionsOf(ks).flatMap(functionRow);
    case 'aggregates':
      return userFunctionsOf(ks).flatMap(aggregateRow);
    case 'triggers':
      return [];
  }
}

function functionRow(f: UserFunctionDefinition): RowValues[] {
  if (f.kind !== 'function') return [];
  return [{
    keyspace_name: f.keyspace, function_name: f.name, argument_types: f.argTypes.map(formatCqlType),
    argument_names: f.argNames, body: f.body, language: f.language, return_type: formatCqlType(f.returnType),
    called_on_null_input: f.calledOnNullInput,
  }];
}

/** INITCOND is kept as a CQL literal of the state type (SchemaKeyspace.makeAggregateMutation). */
function aggregateRow(a: UserFunctionDefinition): RowValues[] {
  if (a.kind !== 'aggregate') return [];
  return [{
    keyspace_name: a.keyspace, aggregate_name: a.name, argument_types: a.argTypes.map(formatCqlType),
    final_func: a.finalFunction, initcond: a.initcond === null ? null : formatValue(a.stateType, a.initcond),
    return_type: formatCqlType(a.returnType), state_func: a.stateFunction, state_type: formatCqlType(a.stateType),
  }];
}

function tableRow(t: TableMetadata): RowValues {
  const o = t.options;
  return {
    keyspace_name: t.keyspace,
    table_name: t.name,
    bloom_filter_fp_chance: o.bloomFilterFpChance,
    caching: [...o.caching],
    comment: o.comment,
    compaction: [...o.compaction],
    compression: [...o.compression],
    // Written only for a configuration other than the default, as SchemaKeyspace does since 4.1.
    memtable: o.memtable === 'default' ? null : o.memtable,
    crc_check_chance: o.crcCheckChance,
    dclocal_read_repair_chance: 0.0,
    default_time_to_live: o.defaultTimeToLive,
    extensions: [...o.extensions],
    flags: t.isCounterTable ? ['compound', 'counter'] : ['compound'],
    gc_grace_seconds: o.gcGraceSeconds,
    id: t.id,
    max_index_interval: o.maxIndexInterval,
    memtable_flush_period_in_ms: o.memtableFlushPeriodInMs,
    min_index_interval: o.minIndexInterval,
    read_repair_chance: 0.0,
    speculative_retry: o.speculativeRetry,
    additional_write_policy: o.additionalWritePolicy,
    // Written only when cdc_enabled is set in cassandra.yaml (SchemaKeyspace.addTableParamsToRowBuilder), never here.
    cdc: null,
    read_repair: o.readRepair,
  };
}

/** SchemaKeyspace.addViewToSchemaMutation: the view's table options with its base table and WHERE clause. */
function viewRow(t: TableMetadata): RowValues {
  const view = t.view!;
  const { table_name: _name, flags: _flags, ...options } = tableRow(t);
  return {
    ...options,
    view_name: t.name,
    base_table_id: view.baseTableId,
    base_table_name: view.baseTableName,
    include_all_columns: view.includeAllColumns,
    where_clause: view.whereClause,
  };
}

/** Also serves system_virtual_schema.columns, which has the same columns. */
export function columnRows(t: TableMetadata): RowValues[] {
  return [...t.columns.values()].map((c) => ({
    keyspace_name: t.keyspace,
    table_name: t.name,
    column_name: c.name,
    clustering_order: c.clusteringOrder,
    column_name_bytes: Buffer.from(c.name, 'utf8'),
    kind: c.kind,
    position: c.position,
    type: formatCqlType(c.type),
  }));
}

function droppedColumnRows(t: TableMetadata): RowValues[] {
  return [...t.droppedColumns].map(([name, d]) => ({
    keyspace_name: t.keyspace,
    table_name: t.name,
    column_name: name,
    // system_schema keeps the drop time in milliseconds, while data timestamps are microseconds.
    dropped_time: new Date(Number(d.droppedAtMicros / 1000n)),
    kind: d.kind,
    type: formatCqlType(d.type),
  }));
}
