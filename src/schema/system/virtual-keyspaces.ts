import type { SystemTableSpec } from './system-table.js';
import { blob, int, text } from './type-shorthands.js';

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
