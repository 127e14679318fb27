import type { SystemTableSpec } from './system-table.js';
import { bigint, boolean, double, inet, int, mapOf, text, timeuuid } from './type-shorthands.js';

/** The latency tables of TableMetricTables: one row per table, keyed by keyspace and table name. */
const LATENCY_TABLES = [
  'local_read_latency', 'local_scan_latency', 'coordinator_read_latency', 'coordinator_scan_latency',
  'local_write_latency', 'coordinator_write_latency',
] as const;

export type LatencyTableName = (typeof LATENCY_TABLES)[number];

export function isLatencyTableName(name: string): name is LatencyTableName {
  return (LATENCY_TABLES as readonly string[]).includes(name);
}

function latencyTable(name: LatencyTableName): SystemTableSpec {
  return {
    name,
    comment: '',
    columns: {
      keyspace_name: text, table_name: text, count: bigint, '50th_ms': double, '99th_ms': double, max_ms: double, per_second: double,
    },
    partitionKey: ['keyspace_name', 'table_name'],
  };
}

/**
 * The system_views tables of Cassandra 4.1 (SystemViewsKeyspace) that Cassanova serves, with their
 * columns, keys and comments as Cassandra declares them.
 */
export const SYSTEM_VIEWS_TABLES: readonly SystemTableSpec[] = [
  {
    name: 'caches',
    comment: 'system caches',
    columns: {
      name: text, capacity_bytes: bigint, size_bytes: bigint, entry_count: int, request_count: bigint, hit_count: bigint,
      hit_ratio: double, recent_request_rate_per_second: bigint, recent_hit_rate_per_second: bigint,
    },
    partitionKey: ['name'],
  },
  {
    name: 'clients',
    comment: 'currently connected clients',
    columns: {
      address: inet, port: int, hostname: text, username: text, connection_stage: text, protocol_version: int,
      client_options: mapOf(text, text), driver_name: text, driver_version: text, request_count: bigint,
      ssl_enabled: boolean, ssl_protocol: text, ssl_cipher_suite: text,
    },
    partitionKey: ['address'],
    clustering: ['port'],
  },
  {
    name: 'settings',
    comment: 'current settings',
    columns: { name: text, value: text },
    partitionKey: ['name'],
  },
  {
    name: 'sstable_tasks',
    comment: 'current sstable tasks',
    columns: {
      keyspace_name: text, table_name: text, task_id: timeuuid, completion_ratio: double, kind: text, progress: bigint,
      total: bigint, unit: text,
    },
    partitionKey: ['keyspace_name'],
    clustering: ['table_name', 'task_id'],
  },
  {
    name: 'thread_pools',
    comment: '',
    columns: {
      name: text, active_tasks: int, active_tasks_limit: int, pending_tasks: int, completed_tasks: bigint,
      blocked_tasks: bigint, blocked_tasks_all_time: bigint,
    },
    partitionKey: ['name'],
  },
  ...LATENCY_TABLES.map(latencyTable),
];
