import type { SystemTableSpec } from './system-table.js';
import { bigint, blob, boolean, inet, int, mapOf, text } from './type-shorthands.js';

/** system_virtual_schema (VirtualSchemaKeyspace): the schema of the virtual keyspaces themselves. */
export const VIRTUAL_SCHEMA_TABLES: readonly SystemTableSpec[] = [
  {
    name: 'keyspaces',
    comment: 'virtual keyspace definitions',
    columns: { keyspace_name: text },
    partitionKey: ['keyspace_name'],
  },
  {
    name: 'tables',
    comment: 'virtual table definitions',
    columns: { keyspace_name: text, table_name: text, comment: text },
    partitionKey: ['keyspace_name'],
    clustering: ['table_name'],
  },
  {
    name: 'columns',
    comment: 'virtual column definitions',
    columns: {
      keyspace_name: text, table_name: text, column_name: text, clustering_order: text,
      column_name_bytes: blob, kind: text, position: int, type: text,
    },
    partitionKey: ['keyspace_name'],
    clustering: ['table_name', 'column_name'],
  },
];

/** The system_views tables Cassanova defines so far (SettingsTable, ClientsTable). */
export const SYSTEM_VIEWS_TABLES: readonly SystemTableSpec[] = [
  {
    name: 'settings',
    comment: 'current settings',
    columns: { name: text, value: text },
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
];
