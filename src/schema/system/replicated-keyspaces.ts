import { TIME_WINDOW_COMPACTION, compactionOptions } from '../table-options.js';
import type { SystemTableSpec } from './system-table.js';
import { boolean, inet, int, mapOf, setOf, text, timestamp, timeuuid, uuid, blob } from './type-shorthands.js';

/** system_auth (AuthKeyspace, Cassandra 4.1). */
export const AUTH_TABLES: readonly SystemTableSpec[] = [
  {
    name: 'roles',
    comment: 'role definitions',
    columns: { role: text, is_superuser: boolean, can_login: boolean, salted_hash: text, member_of: setOf(text) },
    partitionKey: ['role'],
  },
  {
    name: 'role_members',
    comment: 'role memberships lookup table',
    columns: { role: text, member: text },
    partitionKey: ['role'],
    clustering: ['member'],
  },
  {
    name: 'role_permissions',
    comment: 'permissions granted to db roles',
    columns: { role: text, resource: text, permissions: setOf(text) },
    partitionKey: ['role'],
    clustering: ['resource'],
  },
  {
    name: 'resource_role_permissons_index',
    comment: 'index of db roles with permissions granted on a resource',
    columns: { resource: text, role: text },
    partitionKey: ['resource'],
    clustering: ['role'],
  },
  {
    name: 'network_permissions',
    comment: 'user network permissions',
    columns: { role: text, dcs: setOf(text, true) },
    partitionKey: ['role'],
  },
];

const repairHistoryOptions = {
  defaultTimeToLive: 2592000,
  compaction: compactionOptions(TIME_WINDOW_COMPACTION, { compaction_window_size: '1', compaction_window_unit: 'DAYS' }),
};

/** system_distributed (SystemDistributedKeyspace, Cassandra 4.1). */
export const DISTRIBUTED_TABLES: readonly SystemTableSpec[] = [
  {
    name: 'repair_history',
    comment: 'Repair history',
    columns: {
      keyspace_name: text, columnfamily_name: text, id: timeuuid, parent_id: timeuuid, range_begin: text,
      range_end: text, coordinator: inet, coordinator_port: int, participants: setOf(inet),
      participants_v2: setOf(text), exception_message: text, exception_stacktrace: text, status: text,
      started_at: timestamp, finished_at: timestamp,
    },
    partitionKey: ['keyspace_name', 'columnfamily_name'],
    clustering: ['id'],
    options: repairHistoryOptions,
  },
  {
    name: 'parent_repair_history',
    comment: 'Repair history',
    columns: {
      parent_id: timeuuid, keyspace_name: text, columnfamily_names: setOf(text), started_at: timestamp,
      finished_at: timestamp, exception_message: text, exception_stacktrace: text,
      requested_ranges: setOf(text), successful_ranges: setOf(text), options: mapOf(text, text),
    },
    partitionKey: ['parent_id'],
    options: repairHistoryOptions,
  },
  {
    name: 'view_build_status',
    comment: 'Materialized View build status',
    columns: { keyspace_name: text, view_name: text, host_id: uuid, status: text },
    partitionKey: ['keyspace_name', 'view_name'],
    clustering: ['host_id'],
  },
  {
    name: 'partition_denylist',
    comment: 'Partition keys which have been denied access',
    columns: { ks_name: text, table_name: text, key: blob },
    partitionKey: ['ks_name', 'table_name'],
    clustering: ['key'],
  },
];

/** system_traces (TraceKeyspace, Cassandra 4.1). */
export const TRACES_TABLES: readonly SystemTableSpec[] = [
  {
    name: 'sessions',
    comment: 'tracing sessions',
    columns: {
      session_id: uuid, command: text, client: inet, coordinator: inet, coordinator_port: int, duration: int,
      parameters: mapOf(text, text), request: text, started_at: timestamp,
    },
    partitionKey: ['session_id'],
  },
  {
    name: 'events',
    comment: 'tracing events',
    columns: {
      session_id: uuid, event_id: timeuuid, activity: text, source: inet, source_port: int,
      source_elapsed: int, thread: text,
    },
    partitionKey: ['session_id'],
    clustering: ['event_id'],
  },
];
