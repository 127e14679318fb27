import type { CqlType } from '../../types/index.js';
import type { SystemTableSpec } from './system-table.js';
import { blob, boolean, double, int, listOf, mapOf, setOf, text, timestamp, uuid } from './type-shorthands.js';

const frozenTextMap = mapOf(text, text, true);
const frozenTextList = listOf(text, true);

/** The option columns system_schema.tables and .views share (SchemaKeyspace in Cassandra 4.1). */
function tableOptionColumns(): Record<string, CqlType> {
  return {
    bloom_filter_fp_chance: double,
    caching: frozenTextMap,
    comment: text,
    compaction: frozenTextMap,
    compression: frozenTextMap,
    memtable: text,
    crc_check_chance: double,
    // No longer used by Cassandra; kept, always 0.0, because drivers still read them.
    dclocal_read_repair_chance: double,
    default_time_to_live: int,
    extensions: mapOf(text, blob, true),
  };
}

function tableOptionColumnsTail(): Record<string, CqlType> {
  return {
    max_index_interval: int,
    memtable_flush_period_in_ms: int,
    min_index_interval: int,
    read_repair_chance: double,
    speculative_retry: text,
    additional_write_policy: text,
    cdc: boolean,
    read_repair: text,
  };
}

/** The tables of system_schema, where every node describes the whole schema. */
export const SCHEMA_TABLES: readonly SystemTableSpec[] = [
  {
    name: 'keyspaces',
    comment: 'keyspace definitions',
    columns: { keyspace_name: text, durable_writes: boolean, replication: frozenTextMap },
    partitionKey: ['keyspace_name'],
  },
  {
    name: 'tables',
    comment: 'table definitions',
    columns: {
      keyspace_name: text, table_name: text, ...tableOptionColumns(), flags: setOf(text, true),
      gc_grace_seconds: int, id: uuid, ...tableOptionColumnsTail(),
    },
    partitionKey: ['keyspace_name'],
    clustering: ['table_name'],
  },
  {
    name: 'columns',
    comment: 'column definitions',
    columns: {
      keyspace_name: text, table_name: text, column_name: text, clustering_order: text,
      column_name_bytes: blob, kind: text, position: int, type: text,
    },
    partitionKey: ['keyspace_name'],
    clustering: ['table_name', 'column_name'],
  },
  {
    name: 'triggers',
    comment: 'trigger definitions',
    columns: { keyspace_name: text, table_name: text, trigger_name: text, options: frozenTextMap },
    partitionKey: ['keyspace_name'],
    clustering: ['table_name', 'trigger_name'],
  },
  {
    name: 'dropped_columns',
    comment: 'dropped column registry',
    columns: {
      keyspace_name: text, table_name: text, column_name: text, dropped_time: timestamp, kind: text, type: text,
    },
    partitionKey: ['keyspace_name'],
    clustering: ['table_name', 'column_name'],
  },
  {
    name: 'views',
    comment: 'view definitions',
    columns: {
      keyspace_name: text, view_name: text, base_table_id: uuid, base_table_name: text, where_clause: text,
      ...tableOptionColumns(), gc_grace_seconds: int, id: uuid, include_all_columns: boolean,
      ...tableOptionColumnsTail(),
    },
    partitionKey: ['keyspace_name'],
    clustering: ['view_name'],
  },
  {
    name: 'types',
    comment: 'user defined type definitions',
    columns: { keyspace_name: text, type_name: text, field_names: frozenTextList, field_types: frozenTextList },
    partitionKey: ['keyspace_name'],
    clustering: ['type_name'],
  },
  {
    name: 'functions',
    comment: 'user defined function definitions',
    columns: {
      keyspace_name: text, function_name: text, argument_types: frozenTextList, argument_names: frozenTextList,
      body: text, language: text, return_type: text, called_on_null_input: boolean,
    },
    partitionKey: ['keyspace_name'],
    clustering: ['function_name', 'argument_types'],
  },
  {
    name: 'aggregates',
    comment: 'user defined aggregate definitions',
    columns: {
      keyspace_name: text, aggregate_name: text, argument_types: frozenTextList, final_func: text,
      initcond: text, return_type: text, state_func: text, state_type: text,
    },
    partitionKey: ['keyspace_name'],
    clustering: ['aggregate_name', 'argument_types'],
  },
  {
    name: 'indexes',
    comment: 'secondary index definitions',
    columns: { keyspace_name: text, table_name: text, index_name: text, kind: text, options: frozenTextMap },
    partitionKey: ['keyspace_name'],
    clustering: ['table_name', 'index_name'],
  },
];
