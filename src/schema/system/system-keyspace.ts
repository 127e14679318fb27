import { LEVELED_COMPACTION, SIZE_TIERED_COMPACTION, compactionOptions } from '../table-options.js';
import type { SystemTableSpec } from './system-table.js';
import {
  bigint, blob, boolean, double, inet, int, listOf, mapOf, setOf, text, timestamp, timeuuid, uuid,
} from './type-shorthands.js';

/** The tables of the node-local `system` keyspace in Cassandra 4.1 (SystemKeyspace). */
export const SYSTEM_TABLES: readonly SystemTableSpec[] = [
  {
    name: 'IndexInfo',
    comment: 'built column indexes',
    columns: { table_name: text, index_name: text, value: blob },
    partitionKey: ['table_name'],
    clustering: ['index_name'],
  },
  {
    name: 'batches',
    comment: 'batches awaiting replay',
    columns: { id: timeuuid, mutations: listOf(blob), version: int },
    partitionKey: ['id'],
    options: { compaction: compactionOptions(SIZE_TIERED_COMPACTION, { min_threshold: '2' }) },
  },
  {
    name: 'paxos',
    comment: 'in-progress paxos proposals',
    columns: {
      row_key: blob, cf_id: uuid, in_progress_ballot: timeuuid, in_progress_read_ballot: timeuuid,
      most_recent_commit: blob, most_recent_commit_at: timeuuid, most_recent_commit_version: int,
      proposal: blob, proposal_ballot: timeuuid, proposal_version: int,
    },
    partitionKey: ['row_key'],
    clustering: ['cf_id'],
    // Leveled compaction brings its own default bloom filter chance (CompactionParams.defaultBloomFilterFbChance).
    options: { compaction: compactionOptions(LEVELED_COMPACTION), bloomFilterFpChance: 0.1 },
  },
  {
    name: 'local',
    comment: 'information about the local node',
    columns: {
      key: text, bootstrapped: text, broadcast_address: inet, broadcast_port: int, cluster_name: text,
      cql_version: text, data_center: text, gossip_generation: int, host_id: uuid, listen_address: inet,
      listen_port: int, native_protocol_version: text, partitioner: text, rack: text, release_version: text,
      rpc_address: inet, rpc_port: int, schema_version: uuid, tokens: setOf(text), truncated_at: mapOf(uuid, blob),
    },
    partitionKey: ['key'],
  },
  {
    name: 'peers_v2',
    comment: 'information about known peers in the cluster',
    columns: {
      peer: inet, peer_port: int, data_center: text, host_id: uuid, preferred_ip: inet, preferred_port: int,
      rack: text, release_version: text, native_address: inet, native_port: int, schema_version: uuid,
      tokens: setOf(text),
    },
    partitionKey: ['peer'],
    clustering: ['peer_port'],
  },
  {
    name: 'peers',
    comment: 'information about known peers in the cluster',
    columns: {
      peer: inet, data_center: text, host_id: uuid, preferred_ip: inet, rack: text, release_version: text,
      rpc_address: inet, schema_version: uuid, tokens: setOf(text),
    },
    partitionKey: ['peer'],
  },
  {
    name: 'peer_events_v2',
    comment: 'events related to peers',
    columns: { peer: inet, peer_port: int, hints_dropped: mapOf(uuid, int) },
    partitionKey: ['peer'],
    clustering: ['peer_port'],
  },
  {
    name: 'peer_events',
    comment: 'events related to peers',
    columns: { peer: inet, hints_dropped: mapOf(uuid, int) },
    partitionKey: ['peer'],
  },
  {
    name: 'compaction_history',
    comment: 'week-long compaction history',
    columns: {
      id: uuid, bytes_in: bigint, bytes_out: bigint, columnfamily_name: text, compacted_at: timestamp,
      keyspace_name: text, rows_merged: mapOf(int, bigint),
    },
    partitionKey: ['id'],
    options: { defaultTimeToLive: 604800 },
  },
  {
    name: 'sstable_activity',
    comment: 'historic sstable read rates',
    columns: { keyspace_name: text, columnfamily_name: text, generation: int, rate_120m: double, rate_15m: double },
    partitionKey: ['keyspace_name', 'columnfamily_name', 'generation'],
  },
  {
    name: 'size_estimates',
    comment: 'per-table primary range size estimates, table is deprecated in favor of table_estimates',
    columns: {
      keyspace_name: text, table_name: text, range_start: text, range_end: text,
      mean_partition_size: bigint, partitions_count: bigint,
    },
    partitionKey: ['keyspace_name'],
    clustering: ['table_name', 'range_start', 'range_end'],
  },
  {
    name: 'table_estimates',
    comment: 'per-table range size estimates',
    columns: {
      keyspace_name: text, table_name: text, range_type: text, range_start: text, range_end: text,
      mean_partition_size: bigint, partitions_count: bigint,
    },
    partitionKey: ['keyspace_name'],
    clustering: ['table_name', 'range_type', 'range_start', 'range_end'],
  },
  {
    name: 'available_ranges_v2',
    comment: 'available keyspace/ranges during bootstrap/replace that are ready to be served',
    columns: { keyspace_name: text, full_ranges: setOf(blob), transient_ranges: setOf(blob) },
    partitionKey: ['keyspace_name'],
  },
  {
    name: 'available_ranges',
    comment: 'available keyspace/ranges during bootstrap/replace that are ready to be served',
    columns: { keyspace_name: text, ranges: setOf(blob) },
    partitionKey: ['keyspace_name'],
  },
  {
    name: 'transferred_ranges_v2',
    comment: 'record of transferred ranges for streaming operation',
    columns: { operation: text, peer: inet, peer_port: int, keyspace_name: text, ranges: setOf(blob) },
    partitionKey: ['operation', 'keyspace_name'],
    clustering: ['peer', 'peer_port'],
  },
  {
    name: 'transferred_ranges',
    comment: 'record of transferred ranges for streaming operation',
    columns: { operation: text, peer: inet, keyspace_name: text, ranges: setOf(blob) },
    partitionKey: ['operation', 'keyspace_name'],
    clustering: ['peer'],
  },
  {
    name: 'view_builds_in_progress',
    comment: 'views builds current progress',
    columns: {
      keyspace_name: text, view_name: text, start_token: text, end_token: text, last_token: text, keys_built: bigint,
    },
    partitionKey: ['keyspace_name'],
    clustering: ['view_name', 'start_token', 'end_token'],
  },
  {
    name: 'built_views',
    comment: 'built views',
    columns: { keyspace_name: text, view_name: text, status_replicated: boolean },
    partitionKey: ['keyspace_name'],
    clustering: ['view_name'],
  },
  {
    name: 'prepared_statements',
    comment: 'prepared statements',
    columns: { prepared_id: blob, logged_keyspace: text, query_string: text },
    partitionKey: ['prepared_id'],
  },
  {
    name: 'repairs',
    comment: 'repairs',
    columns: {
      parent_id: timeuuid, started_at: timestamp, last_update: timestamp, repaired_at: timestamp, state: int,
      coordinator: inet, coordinator_port: int, participants: setOf(inet), participants_wp: setOf(text),
      ranges: setOf(blob), cfids: setOf(uuid),
    },
    partitionKey: ['parent_id'],
  },
];
